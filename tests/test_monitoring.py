"""Monitoring outputs checked by the real tools: `promtool` (metrics and alert rules), a real
node_exporter reading our textfile, `icinga2 daemon -C` and `nagios4 -v` on our contrib
configuration, and the Nagios plugin output format.

The tools come from Debian (`prometheus`, `prometheus-node-exporter`, `icinga2`, `nagios4`):
`.ci/run` installs them and sets TECHNOVA_REQUIRE_MONITORING=1, so CI fails rather than
skips when one is missing; on a developer's machine the test is skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import keyshapes
import pytest
from prometheus_client.parser import text_string_to_metric_families

from wizard.cli.main import main
from wizard.standins.server import Demo, start_demo

ROOT = Path(__file__).resolve().parent.parent
CONTRIB = ROOT / "contrib"
EIGHT_DAYS = 8 * 86400
METRICS = {
    "technova_check_up",
    "technova_check_duration_seconds",
    "technova_credential_expiry_timestamp_seconds",
    "technova_problems",
    "technova_status",
    "technova_last_run_timestamp_seconds",
}


def tool(name: str) -> str:
    """The absolute path of a Debian tool, or skip (fail in CI) with the reason."""
    found = shutil.which(name) or next(
        (f"{d}/{name}" for d in ("/usr/sbin", "/sbin") if os.access(f"{d}/{name}", os.X_OK)),
        None,
    )
    if found:
        return found
    reason = f"{name} is not installed (Debian packages prometheus, prometheus-node-exporter, "
    reason += "icinga2, nagios4; .ci/run installs them)"
    if os.environ.get("TECHNOVA_REQUIRE_MONITORING") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


@pytest.fixture(scope="module")
def sites(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Two sites: `good` (API key, voice key: all passes) and `token` (a session token that
    expires in 8 days, which the stand-in refuses: its signature is not the server's)."""
    base = tmp_path_factory.mktemp("sites")
    token_key = keyshapes.openwebui_jwt(exp=int(time.time()) + EIGHT_DAYS)
    made: dict[str, Path | str] = {"token_key": token_key}
    for name, owui, openai in (
        ("good", demo.openwebui_key, demo.openai_key),
        ("token", token_key, None),
    ):
        root = base / name
        (root / "backend").mkdir(parents=True)
        (root / "backend/.env").write_text(
            f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY={owui}\n"
        )
        (root / "backend/.env").chmod(0o600)
        if openai:
            (root / "websocket-server").mkdir()
            (root / "websocket-server/.env").write_text(
                f"OPENAI_API_KEY={openai}\nOPENAI_BASE_URL={demo.openai_base_url}\n"
            )
            (root / "websocket-server/.env").chmod(0o600)
        made[name] = root
    return made


def prom_file(sites: dict[str, Path | str], folder: Path) -> tuple[Path, int]:
    target = folder / "technova.prom"
    both = ["--project", str(sites["good"]), "--project", str(sites["token"])]
    code = main(["check", *both, "--format", "prometheus", "--output", str(target), "--lang", "en"])
    return target, code


@pytest.fixture
def readable_folder() -> Iterator[Path]:
    """A folder that icinga2 and nagios4 can read after they drop to their own user (pytest's
    tmp_path is private to root, and so may be the checkout)."""
    folder = Path(tempfile.mkdtemp(prefix="technova-monitoring-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _readable_copy(source: Path, folder: Path) -> Path:
    copy = folder / source.name
    shutil.copyfile(source, copy)
    copy.chmod(0o644)
    return copy


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


# ----------------------------------------------------------------------------- Prometheus


def test_the_textfile_holds_every_metric_and_never_a_key(
    sites: dict[str, Path | str], demo: Demo, tmp_path: Path
) -> None:
    before = time.time()
    target, code = prom_file(sites, tmp_path)
    assert code == 2  # the token is refused: critical, the worst of the two
    text = target.read_text()
    assert {family.name for family in text_string_to_metric_families(text)} == METRICS
    got = samples(text)
    good, token = str(sites["good"]), str(sites["token"])

    def value(name: str, **labels: str) -> float:
        return got[(name, tuple(sorted(labels.items())))]

    for check in ("openwebui", "chat", "openai", "realtime"):
        assert value("technova_check_up", project=good, check=check) == 1
        assert value("technova_check_duration_seconds", project=good, check=check) >= 0
    assert value("technova_check_up", project=token, check="openwebui") == 0
    assert value("technova_status", project=good) == 0
    assert value("technova_status", project=token) == 2
    assert value("technova_problems", project=token, severity="critical") >= 1
    assert value("technova_problems", project=good, severity="critical") == 0
    expiry = value(
        "technova_credential_expiry_timestamp_seconds", project=token, variable="OPENWEBUI_API_KEY"
    )
    assert before + EIGHT_DAYS - 5 <= expiry <= time.time() + EIGHT_DAYS
    # API keys never expire: no series at all for them.
    assert not [
        k for k in got if k[0].startswith("technova_credential") and ("project", good) in k[1]
    ]
    assert before <= value("technova_last_run_timestamp_seconds", project=good) <= time.time()

    label_values = {v for _, labels in got for _, v in labels}
    assert label_values <= {good, token, "openwebui", "chat", "openai", "realtime"} | {
        "OPENWEBUI_API_KEY",
        "OPENAI_API_KEY",
        "info",
        "warning",
        "critical",
        "unknown",
    }
    for key in (demo.openwebui_key, demo.openai_key, str(sites["token_key"])):
        assert (
            key not in text
            and key[:8] not in text
            and key[-4:] not in text.replace(good, "").replace(token, "")
        )


def test_the_textfile_passes_promtool_check_metrics(
    sites: dict[str, Path | str], tmp_path: Path
) -> None:
    promtool = tool("promtool")
    target, _ = prom_file(sites, tmp_path)
    done = subprocess.run(
        [promtool, "check", "metrics"],
        input=target.read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode() + done.stdout.decode()
    # promtool does find faults: a hand-made broken line fails it.
    broken = subprocess.run(
        [promtool, "check", "metrics"],
        input=b'technova_status{project="x" 2\n',
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert broken.returncode != 0


def test_the_file_is_replaced_whole_and_readable_by_the_exporter(
    sites: dict[str, Path | str], tmp_path: Path
) -> None:
    target, _ = prom_file(sites, tmp_path)
    first = target.stat().st_ino
    prom_file(sites, tmp_path)
    assert target.stat().st_ino != first  # a new file renamed over the old, not rewritten
    assert [p.name for p in tmp_path.iterdir()] == ["technova.prom"]  # no temporary left
    assert target.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("name", "message"),
    [("technova.txt", "must end in .prom"), ("missing/technova.prom", "could not be written")],
)
def test_a_wrong_output_is_explained(
    sites: dict[str, Path | str],
    tmp_path: Path,
    name: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = str(tmp_path / name)
    code = main(
        [
            "status",
            "--project",
            str(sites["good"]),
            "--format",
            "prometheus",
            "--output",
            output,
            "--lang",
            "en",
        ]
    )
    assert code == 3
    assert message in capsys.readouterr().err
    assert list(tmp_path.rglob("*.prom")) == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_real_node_exporter_serves_our_series(
    sites: dict[str, Path | str], tmp_path: Path
) -> None:
    exporter = tool("prometheus-node-exporter")
    folder = tmp_path / "textfiles"
    folder.mkdir()
    prom_file(sites, folder)
    port = _free_port()
    process = subprocess.Popen(
        [
            exporter,
            f"--web.listen-address=127.0.0.1:{port}",
            f"--collector.textfile.directory={folder}",
            "--collector.disable-defaults",
            "--collector.textfile",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        text = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert text, "node_exporter never answered"
    finally:
        process.terminate()
        process.wait(10)
    served = samples(text)
    token = str(sites["token"])
    assert served[("technova_status", (("project", token),))] == 2
    assert served[("node_textfile_scrape_error", ())] == 0
    assert any(name == "technova_check_up" for name, _ in served)


def test_the_alert_rules_pass_their_unit_tests() -> None:
    promtool = tool("promtool")
    folder = CONTRIB / "prometheus"
    checked = subprocess.run(
        [promtool, "check", "rules", "technova.rules.yml"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    tested = subprocess.run(
        [promtool, "test", "rules", "technova.rules.test.yml"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "SUCCESS" in tested.stdout


def test_the_rules_cover_every_alert_the_product_promises() -> None:
    rules = (CONTRIB / "prometheus/technova.rules.yml").read_text()
    tests = (CONTRIB / "prometheus/technova.rules.test.yml").read_text()
    for alert in (
        "TechNovaCheckFailing",
        "TechNovaCredentialExpiringSoon",
        "TechNovaCredentialExpiringUrgent",
        "TechNovaCredentialExpired",
        "TechNovaRunStopped",
    ):
        assert f"alert: {alert}" in rules
        assert f"alertname: {alert}\n        exp_alerts:\n          - exp_labels" in tests


# ----------------------------------------------------------------------------- Nagios / Icinga

# The Monitoring Plugins guidelines: `'label'=value[UOM];[warn];[crit];[min];[max]`.
PERFDATUM = r"'[^'=]+'=-?[0-9.]+(?:us|ms|s|%|B|KB|MB|TB|c)?(?:;[0-9.:~@-]*){0,4}"
STATUS_LINE = re.compile(
    rf"^TECHNOVA (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+(?: \| {PERFDATUM}(?: {PERFDATUM})*)?$"
)


def test_nagios_output_for_many_projects(
    sites: dict[str, Path | str], demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    both = ["--project", str(sites["good"]), "--project", str(sites["token"])]
    code = main(["check", *both, "--format", "nagios", "--lang", "fr"])
    out = capsys.readouterr().out
    first, *details = out.rstrip("\n").split("\n")
    match = STATUS_LINE.match(first)
    assert match, first
    assert match.group(1) == "CRITICAL" and code == 2
    assert first.split(" - ", 1)[1].startswith("token :")
    perf = dict(re.findall(r"'([^']+)'=(\S+)", first.split(" | ", 1)[1]))
    assert re.fullmatch(r"\d+ms;;;0;", perf["good/openwebui_ms"])
    assert perf["good/problems_critical"] == "0;;;0;"
    days, warn, crit = perf["token/OPENWEBUI_API_KEY_days_left"].split(";")[:3]
    assert 7.9 < float(days) <= 8 and (warn, crit) == ("10:", "5:")
    assert all(line.startswith(("good :", "token :")) for line in details)
    for key in (demo.openwebui_key, demo.openai_key, str(sites["token_key"])):
        assert key not in out and key[:12] not in out


def test_nagios_output_when_all_is_well(
    sites: dict[str, Path | str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--project", str(sites["good"]), "--format", "nagios", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("\n") == 1  # nothing more to say than the status line
    assert STATUS_LINE.match(out.strip())
    assert out.startswith("TECHNOVA OK - good: all checks passed | 'openwebui_ms'=")


def test_the_icinga2_check_command_is_valid(readable_folder: Path) -> None:
    icinga2 = tool("icinga2")
    config = readable_folder / "icinga2.conf"
    ours = _readable_copy(CONTRIB / "icinga2/technova.conf", readable_folder)

    def validate(service_vars: str) -> subprocess.CompletedProcess[str]:
        config.write_text(
            "include <itl>\n"
            f'include "{ours}"\n'
            'object Host "web1" {\n  address = "127.0.0.1"\n  check_command = "dummy"\n}\n'
            'object Service "technova" {\n  host_name = "web1"\n'
            f'  check_command = "technova"\n  check_interval = 1h\n{service_vars}\n}}\n'
        )
        return subprocess.run(
            [icinga2, "daemon", "-C", "-c", str(config)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    done = validate('  vars.technova_projects = [ "/srv/sites/shop", "/srv/sites/bakery" ]')
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Instantiated 1 Service" in done.stdout
    broken = validate('  vars.technova_projects = [ "/srv/sites/shop" ')  # unclosed
    assert broken.returncode != 0


def test_the_nagios_command_definitions_are_valid(readable_folder: Path) -> None:
    nagios = tool("nagios4")
    tmp_path = readable_folder
    ours = _readable_copy(CONTRIB / "nagios/technova.cfg", readable_folder)
    results = tmp_path / "results"
    results.mkdir()
    results.chmod(0o1777)  # nagios4 may check it as the `nagios` user
    period = "\n".join(
        f"    {day} 00:00-24:00"
        for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )

    def validate(check_command: str) -> subprocess.CompletedProcess[str]:
        (tmp_path / "objects.cfg").write_text(
            f"define timeperiod {{\n    timeperiod_name 24x7\n    alias Always\n{period}\n}}\n"
            "define command {\n    command_name notify-none\n    command_line /bin/true\n}\n"
            "define contact {\n    contact_name admin\n    host_notification_period 24x7\n"
            "    service_notification_period 24x7\n    host_notification_options n\n"
            "    service_notification_options n\n    host_notification_commands notify-none\n"
            "    service_notification_commands notify-none\n}\n"
            "define host {\n    host_name web1\n    address 127.0.0.1\n"
            "    check_command notify-none\n    max_check_attempts 1\n    check_period 24x7\n"
            "    contacts admin\n    notification_period 24x7\n}\n"
            "define service {\n    host_name web1\n    service_description TechNova keys\n"
            f"    check_command {check_command}\n    max_check_attempts 1\n"
            "    check_interval 60\n    retry_interval 5\n    notification_interval 60\n"
            "    check_period 24x7\n    contacts admin\n    notification_period 24x7\n}\n"
        )
        (tmp_path / "nagios.cfg").write_text(
            f"cfg_file={tmp_path}/objects.cfg\n"
            f"cfg_file={ours}\n"
            + "".join(
                f"{name}={tmp_path}/{name}\n"
                for name in (
                    "log_file",
                    "status_file",
                    "object_cache_file",
                    "precached_object_file",
                    "temp_file",
                    "lock_file",
                )
            )
            + f"check_result_path={results}\n"
            + "illegal_macro_output_chars=`~$&|'\"<>\n"
        )
        return subprocess.run(
            [nagios, "-v", str(tmp_path / "nagios.cfg")],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    for command in ("check_technova!/srv/sites/shop", "check_technova_list!/etc/sites.list"):
        done = validate(command)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Total Errors:   0" in done.stdout
    assert validate("check_technova_lst!/etc/sites.list").returncode != 0  # unknown command


def test_the_contrib_commands_ask_for_the_nagios_format() -> None:
    for path in (CONTRIB / "icinga2/technova.conf", CONTRIB / "nagios/technova.cfg"):
        text = path.read_text()
        assert '"--format", "nagios"' in text or "--format nagios" in text
    assert '"check"' in (CONTRIB / "icinga2/technova.conf").read_text()
    assert "technova-setup check " in (CONTRIB / "nagios/technova.cfg").read_text()


def test_nagios_answers_unknown_on_standard_output_when_it_cannot_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = str(tmp_path / "no-such.list")
    code = main(["check", "--projects-from", listing, "--format", "nagios", "--lang", "en"])
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert code == 3
    assert STATUS_LINE.match(first), first
    assert first.startswith(f"TECHNOVA UNKNOWN - The list of projects {listing} could not be read")
    assert len(out.splitlines()) == 2  # and what to do next


@pytest.mark.parametrize("fmt", ["prometheus", "nagios"])
def test_monitoring_never_asks_the_keyring(
    fmt: str, sites: dict[str, Path | str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same series from cron (no desktop session) and from a systemd user timer (one),
    and never an unlock window on somebody's desktop every hour."""
    from wizard.core import keystore

    asked: list[Path] = []
    real_read = keystore.read_kept_keys

    def read(root: Path, **kwargs: float) -> keystore.KeptKeys:
        asked.append(root)
        return real_read(root, **kwargs)

    monkeypatch.setattr(keystore, "read_kept_keys", read)
    output = ["--output", str(tmp_path / "technova.prom")] if fmt == "prometheus" else []
    main(["status", "--project", str(sites["good"]), "--format", fmt, *output, "--lang", "en"])
    assert asked == []
    main(["status", "--project", str(sites["good"]), "--json", "--lang", "en"])
    assert asked  # a person's own `status` still compares the keyring's copies
