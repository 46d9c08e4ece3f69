"""Many projects in one run: the list file, one report per project, the worst exit code,
every probe of every project at once under the `--parallel` cap."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import keyshapes
import pytest

from wizard.cli.main import main
from wizard.core import checks
from wizard.core.errors import WizardError
from wizard.core.many import check_projects, distinct_projects, read_project_list
from wizard.core.probes import ProbeResult, ProbeTarget, Timeouts
from wizard.core.project import find_project
from wizard.standins.server import Demo, start_demo

FAST = Timeouts(connect=3, read=5, total=10)


@pytest.fixture(scope="module")
def demo() -> Iterator[Demo]:
    with start_demo() as running:
        yield running


def write_project(root: Path, demo: Demo, owui_key: str, openai_key: str | None = None) -> Path:
    (root / "backend").mkdir(parents=True)
    (root / "backend/.env").write_text(
        f"OPENWEBUI_URL={demo.openwebui.url}\nOPENWEBUI_API_KEY={owui_key}\n"
    )
    (root / "backend/.env").chmod(0o600)
    if openai_key is not None:
        (root / "websocket-server").mkdir()
        (root / "websocket-server/.env").write_text(
            f"OPENAI_API_KEY={openai_key}\nOPENAI_BASE_URL={demo.openai_base_url}\n"
        )
        (root / "websocket-server/.env").chmod(0o600)
    return root


# ----------------------------------------------------------------------------- the list file


def test_the_list_skips_comments_and_blank_lines_and_reads_relative_to_itself(
    tmp_path: Path,
) -> None:
    listing = tmp_path / "conf" / "sites.list"
    listing.parent.mkdir()
    listing.write_text(
        "# our sites\n\n/srv/sites/shop\n  bakery   # the new one\nsub/dir\n\t\n#/srv/old\n"
        "/srv/site#2\t# a hash inside a name stays\r\n~/sites/blog\n"
    )
    assert read_project_list(listing) == [
        Path("/srv/sites/shop"),
        tmp_path / "conf" / "bakery",
        tmp_path / "conf" / "sub/dir",
        Path("/srv/site#2"),
        Path.home() / "sites/blog",
    ]


def test_an_unreadable_list_is_an_explained_error(tmp_path: Path) -> None:
    with pytest.raises(WizardError) as caught:
        read_project_list(tmp_path / "missing.list")
    assert caught.value.code == "many.list-unreadable"
    (tmp_path / "binary.list").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(WizardError):
        read_project_list(tmp_path / "binary.list")


def test_an_empty_list_is_refused_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sites.list").write_text("# nothing yet\n\n")
    code = main(["status", "--projects-from", str(tmp_path / "sites.list"), "--lang", "fr"])
    assert code == 3
    assert "ne nomme aucun dossier" in capsys.readouterr().err


def test_one_project_reached_by_two_paths_is_checked_once(tmp_path: Path) -> None:
    (tmp_path / "shop/backend").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "shop")
    projects = distinct_projects([tmp_path / "shop", tmp_path / "link", tmp_path / "shop/backend"])
    assert [p.root for p in projects] == [(tmp_path / "shop").resolve()]


# ----------------------------------------------------------------------------- the command


def test_check_many_projects_json_is_a_list_and_the_exit_is_the_worst(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_project(tmp_path / "good", demo, demo.openwebui_key, demo.openai_key)
    revoked = write_project(tmp_path / "revoked", demo, keyshapes.openwebui_api_key())
    code = main(
        ["check", "--project", str(good), "--project", str(revoked), "--json", "--lang", "en"]
    )
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list)
    assert [entry["project"] for entry in data] == [str(good), str(revoked)]
    assert data[0]["exit"] == 0 and all(c["ok"] for c in data[0]["checks"])
    assert data[1]["exit"] == 2
    refused = {c["name"]: c for c in data[1]["checks"]}["openwebui"]
    assert refused["ok"] is False and refused["verdict"] == "critical"
    assert code == 2


def test_one_project_keeps_its_single_json_object(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_project(tmp_path / "good", demo, demo.openwebui_key, demo.openai_key)
    assert main(["check", "--project", str(good), "--format", "json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), dict)


def test_projects_from_a_file_and_from_the_command_line_add_up(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_project(tmp_path / "a", demo, demo.openwebui_key)
    second = write_project(tmp_path / "b", demo, demo.openwebui_key)
    third = write_project(tmp_path / "c", demo, demo.openwebui_key)
    (tmp_path / "sites.list").write_text("# two of them\na\nb\n")
    listing = str(tmp_path / "sites.list")
    code = main(["status", "--projects-from", listing, "--project", str(third), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert sorted(entry["project"] for entry in data) == sorted(map(str, (first, second, third)))
    assert code == max(entry["exit"] for entry in data)


def test_status_of_many_projects_in_text_names_each_project(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ok = write_project(tmp_path / "ok", demo, demo.openwebui_key)
    broken = write_project(tmp_path / "broken", demo, "sk-" + "0" * 31)  # one hex short
    code = main(["status", "--project", str(ok), "--project", str(broken), "--lang", "fr"])
    out = capsys.readouterr().out.replace("\u00a0", " ")  # French spacing: a no-break space
    assert f"Projet TechNova : {ok}" in out and f"Projet TechNova : {broken}" in out
    assert "2 projets vérifiés." in out
    assert code == 2


def test_a_project_that_cannot_be_checked_does_not_stop_the_others(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = find_project(write_project(tmp_path / "good", demo, demo.openwebui_key))
    bad = find_project(write_project(tmp_path / "bad", demo, demo.openwebui_key))
    real = checks.target_from_project

    def target_or_fail(project: object, openai_base_url: str | None = None) -> ProbeTarget:
        if project == bad:
            raise WizardError("many.list-unreadable", file="backend/.env", error="PermissionError")
        return real(project, openai_base_url)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "target_from_project", target_or_fail)
    reports = check_projects([good, bad], only=("openwebui",), timeouts=FAST, use_keyring=False)
    assert int(reports[0].exit_code) == 0
    assert int(reports[1].exit_code) == 3
    assert [p.code for p in reports[1].status.problems] == ["check-failed"]


def test_parallel_below_one_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--project", str(tmp_path), "--project", ".", "--parallel", "0"]) == 3
    assert "--parallel 0" in capsys.readouterr().err
    # A Nagios plugin says it on standard output, in its status line.
    assert main(["check", "--project", str(tmp_path), "--parallel", "0", "--format", "nagios"]) == 3
    assert capsys.readouterr().out.startswith("TECHNOVA UNKNOWN - --parallel 0 ")


# ----------------------------------------------------------------------------- concurrency


class _InFlight:
    """Counts the probes running at the same moment, across every project."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self.calls = 0

    async def run_probes(
        self, target: ProbeTarget, only: tuple[str, ...], timeouts: Timeouts
    ) -> list[ProbeResult]:
        from wizard.core.diagnosis import Verdict, diagnosis

        self.now += 1
        self.calls += 1
        self.most = max(self.most, self.now)
        await asyncio.sleep(0.05)
        self.now -= 1
        return [ProbeResult(name, diagnosis("openwebui-ok", Verdict.OK), 50) for name in only]


@pytest.mark.parametrize(("parallel", "expected"), [(1, 1), (5, 5), (1000, 40)])
def test_every_probe_of_every_project_runs_at_once_under_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: int, expected: int
) -> None:
    """10 projects × 4 probes: all 40 together when the cap allows it (a loop would give 1)."""
    counter = _InFlight()
    monkeypatch.setattr(checks, "run_probes", counter.run_probes)
    projects = []
    for index in range(10):
        root = tmp_path / f"site{index}"
        (root / "backend").mkdir(parents=True)
        (root / "backend/.env").write_text(f"OPENWEBUI_API_KEY={keyshapes.openwebui_api_key()}\n")
        (root / "websocket-server").mkdir()
        (root / "websocket-server/.env").write_text(
            f"OPENAI_API_KEY={keyshapes.openai_project()}\n"
        )
        projects.append(find_project(root))
    reports = check_projects(projects, timeouts=FAST, parallel=parallel, use_keyring=False)
    assert counter.calls == 40
    assert counter.most == expected
    assert [r.status.project for r in reports] == projects  # in the order given
