"""Coolify: the stand-in held to FACTS.md's Coolify section (routes, methods, bodies, status
codes), and the client's diagnosis of every answer listed there, in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from wizard.core.deploy.coolify import CoolifyClient
from wizard.core.errors import WizardError
from wizard.core.secret import Secret
from wizard.standins.coolify import CoolifyState, make_coolify_app
from wizard.standins.server import BackgroundServer, run_in_thread

FACTS = Path(__file__).resolve().parents[2] / "shared" / "FACTS.md"
NEW_KEY = Secret("sk-" + "0123456789abcdef" * 2)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[BackgroundServer, CoolifyState]]:
    state = CoolifyState()
    with run_in_thread(make_coolify_app(state)) as running:
        yield running, state


@pytest.fixture
def coolify(server: tuple[BackgroundServer, CoolifyState]) -> CoolifyState:
    """The running stand-in with a fresh state: one token, one backend app."""
    _, state = server
    fresh = CoolifyState()
    for name in vars(fresh):
        setattr(state, name, getattr(fresh, name))
    return state


def url(server: tuple[BackgroundServer, CoolifyState]) -> str:
    return server[0].url


# --- the contract: FACTS.md's Coolify section, answer by answer -----------------------------


def coolify_section() -> str:
    if not FACTS.exists():
        pytest.skip(f"FACTS.md is not beside the repository ({FACTS})")
    text = FACTS.read_text("utf-8")
    start = text.index("## Coolify")
    return text[start : text.index("\n## ", start + 1)]


def documented_answers() -> list[tuple[int, str]]:
    """Every `**status** `{json}`` pair the Coolify section states."""
    pairs = re.findall(r"\*\*(\d{3})\*\*\s*`(\{[^`]*\})`", coolify_section())
    return [(int(status), body) for status, body in pairs]


def call(
    base: str, method: str, path: str, token: str | None, body: object = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.request(method, base + "/api/v1" + path, headers=headers, json=body, timeout=10)


def provoke(base: str, state: CoolifyState, body: str) -> httpx.Response:
    """The request that makes the stand-in give the answer FACTS.md documents with `body`."""
    good = state.add_token()
    app = state.add_app("backend", {"OPENWEBUI_URL": "http://owui"})
    envs = f"/applications/{app.uuid}/envs"
    cases: dict[str, Callable[[], httpx.Response]] = {
        '{"message":"Environment variable not found."}': lambda: call(
            base, "PATCH", envs, good, {"key": "OPENWEBUI_API_KEY", "value": "v"}
        ),
        '{"uuid": "..."}': lambda: call(base, "POST", envs, good, {"key": "K", "value": "v"}),
        '{"message":"Application not found"}': lambda: call(
            base, "PATCH", "/applications/nope/envs", good, {"key": "K", "value": "v"}
        ),
        '{"message":"Validation failed.","errors":{…}}': lambda: call(
            base, "PATCH", envs, good, {"key": "OPENWEBUI_URL"}
        ),
        '{"message":"Restart request queued.","deployment_uuid":"..."}': lambda: call(
            base, "POST", f"/applications/{app.uuid}/restart", good
        ),
        '{"message":"This endpoint has changed to a POST request."}': lambda: call(
            base, "GET", f"/applications/{app.uuid}/restart", good
        ),
        '{"message":"Unauthenticated."}': lambda: call(base, "GET", "/applications", "1|wrong"),
        '{"success":true,"message":"API is disabled."}': lambda: (
            setattr(state, "api_enabled", False),
            call(base, "GET", "/applications", good),
        )[1],
        '{"success":true,"message":"You are not allowed to access the API."}': lambda: (
            setattr(state, "allowed_ips", {"192.0.2.1"}),
            call(base, "GET", "/applications", good),
        )[1],
        '{"message":"Missing required permissions: deploy"}': lambda: call(
            base, "POST", f"/applications/{app.uuid}/restart", state.add_token({"read", "write"})
        ),
        '{"message":"This API token has permissions (…) that exceed your current role as a team '
        'member. …"}': lambda: call(
            base, "PATCH", envs, state.add_token(team_member=True), {"key": "K", "value": "v"}
        ),
    }
    assert body in cases, f"FACTS.md documents an answer the contract test does not cover: {body}"
    return cases[body]()


def matches(documented: str, actual: object) -> bool:
    """The documented body, where `"..."` stands for any uuid, `{…}` for any object and `…`
    inside a string for any text; the same keys, whatever their order."""
    import json

    wanted = json.loads(documented.replace('"..."', '"<id>"').replace("{…}", '"<object>"'))

    def same(want: object, got: object) -> bool:
        if want == "<id>":
            return isinstance(got, str) and re.fullmatch(r"[a-z0-9]+", got) is not None
        if want == "<object>":
            return isinstance(got, dict) and bool(got)
        if isinstance(want, str) and "…" in want:
            parts = map(re.escape, want.split("…"))
            return isinstance(got, str) and re.fullmatch(".+".join(parts), got) is not None
        if isinstance(want, dict):
            return (
                isinstance(got, dict)
                and set(want) == set(got)
                and all(same(want[k], got[k]) for k in want)
            )
        return want == got

    return same(wanted, actual)


def test_facts_document_answers_at_all() -> None:
    assert len(documented_answers()) >= 10


@pytest.mark.parametrize("index", range(11))
def test_the_stand_in_gives_each_documented_answer(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState, index: int
) -> None:
    answers = documented_answers()
    if index >= len(answers):
        pytest.skip("FACTS.md documents fewer answers")
    status, body = answers[index]
    answer = provoke(url(server), coolify, body)
    assert answer.status_code == status, body
    assert matches(body, answer.json()), (body, answer.text)
    if status == 405:
        assert answer.headers["allow"] == "POST"


def test_every_documented_route_exists_with_its_method(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    routes = set(re.findall(r"`(GET|POST|PATCH) (/[^`\s]+)`", coolify_section()))
    assert {("PATCH", "/applications/{uuid}/envs"), ("GET", "/deployments/{deployment_uuid}")} <= (
        routes
    )
    token = coolify.add_token({"read", "write", "deploy", "read:sensitive"})
    app = coolify.add_app("backend", {"OPENWEBUI_API_KEY": "x"})
    answer = call(url(server), "POST", f"/applications/{app.uuid}/restart", token)
    ids = {"uuid": app.uuid, "deployment_uuid": answer.json()["deployment_uuid"]}
    for method, path in routes:
        concrete = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path.replace("…", ""))
        body = {"key": "OPENWEBUI_API_KEY", "value": "y"} if method != "GET" else None
        if concrete.startswith("/api/"):  # written whole (health), not under /api/v1
            got = httpx.request(method, url(server) + concrete, timeout=5)
        else:
            got = call(url(server), method, concrete, token, body)
        assert got.status_code in (200, 201), (method, path, got.status_code)
    health = httpx.get(url(server) + "/api/health", timeout=5)
    assert health.status_code == 200
    assert call(url(server), "GET", "/no-such-route", token).status_code == 404


def test_deployments_go_through_the_documented_statuses(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    documented = re.search(r"`status` one of (.*)", coolify_section())
    assert documented is not None
    statuses = re.findall(r"`([a-z_-]+)`", documented.group(1))
    assert statuses == ["queued", "in_progress", "finished", "failed", "cancelled-by-user"]
    token = coolify.add_token()
    app = coolify.add_app("backend")
    for outcome in statuses[2:]:
        coolify.outcome = outcome
        uuid = call(url(server), "POST", f"/applications/{app.uuid}/restart", token).json()[
            "deployment_uuid"
        ]
        seen = [call(url(server), "GET", f"/deployments/{uuid}", token).json() for _ in range(4)]
        assert [s["status"] for s in seen] == ["queued", "in_progress", outcome, outcome]
        assert {"deployment_uuid", "status", "logs", "created_at", "updated_at"} <= set(seen[0])


# --- the client: every answer gets its diagnosis ----------------------------------------------


def client(server: tuple[BackgroundServer, CoolifyState], token: str) -> CoolifyClient:
    return CoolifyClient(url(server), Secret(token))


def test_patch_then_post_when_the_variable_is_missing(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    token = coolify.add_token()
    app = coolify.add_app("backend", {"OPENWEBUI_URL": "http://owui"})
    with client(server, token) as api:
        assert api.set_variable(app.uuid, "OPENWEBUI_API_KEY", NEW_KEY) == "created"
        assert (
            api.set_variable(app.uuid, "OPENWEBUI_API_KEY", Secret("sk-" + "f" * 32)) == "updated"
        )
    assert app.envs["OPENWEBUI_API_KEY"]["value"] == "sk-" + "f" * 32
    methods = [(m, p.rsplit("/", 1)[-1]) for m, p, _ in coolify.requests]
    assert methods == [("PATCH", "envs"), ("POST", "envs"), ("PATCH", "envs")]
    assert coolify.requests[0][2] == {
        "key": "OPENWEBUI_API_KEY",
        "value": NEW_KEY.reveal(),
        "is_preview": False,
    }


def test_restart_is_followed_to_its_end_with_progress(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    token = coolify.add_token()
    app = coolify.add_app("backend")
    coolify.polls_queued, coolify.polls_in_progress = 2, 3
    heard: list[str] = []
    with client(server, token) as api:
        done = api.follow(api.restart(app.uuid), interval=0.01, on_status=heard.append)
    assert done.status == "finished"
    assert heard == ["queued", "in_progress", "finished"]
    assert coolify.restarted == [app.uuid]


def refused(action: Callable[[CoolifyClient], object], api: CoolifyClient) -> WizardError:
    with pytest.raises(WizardError) as caught:
        action(api)
    return caught.value


@pytest.mark.parametrize(
    ("arrange", "code"),
    [
        (lambda s: "1|not-a-token", "deploy.coolify.unauthenticated"),
        (
            lambda s: (setattr(s, "api_enabled", False), s.add_token())[1],
            "deploy.coolify.api-disabled",
        ),
        (
            lambda s: (setattr(s, "allowed_ips", {"192.0.2.7"}), s.add_token())[1],
            "deploy.coolify.ip-not-allowed",
        ),
        (lambda s: s.add_token({"read"}), "deploy.coolify.missing-permissions"),
        (lambda s: s.add_token(team_member=True), "deploy.coolify.role"),
    ],
)
def test_every_refusal_has_its_diagnosis(
    server: tuple[BackgroundServer, CoolifyState],
    coolify: CoolifyState,
    arrange: Callable[[CoolifyState], str],
    code: str,
) -> None:
    app = coolify.add_app("backend")
    token = arrange(coolify)
    with client(server, token) as api:
        error = refused(lambda a: a.set_variable(app.uuid, "OPENWEBUI_API_KEY", NEW_KEY), api)
    assert error.code == code
    for lang in ("en", "fr"):
        text = error.render(lang)
        assert token not in text and NEW_KEY.reveal() not in text
    if code == "deploy.coolify.missing-permissions":
        assert "write" in error.render("en")


def test_unknown_application_bad_body_old_get_and_wrong_address(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    token = coolify.add_token()
    with client(server, token) as api:
        error = refused(lambda a: a.restart("no-such-app"), api)
        assert error.code == "deploy.coolify.app-not-found"
        assert "no-such-app" in error.render("fr")
        error = refused(lambda a: a.set_variable("no-such-app", "K", NEW_KEY), api)
        assert error.code == "deploy.coolify.app-not-found"
        app = coolify.add_app("backend", {"OPENWEBUI_API_KEY": "old"})
        error = refused(lambda a: a.set_variable(app.uuid, "OPENWEBUI_API_KEY", Secret("")), api)
        assert error.code == "deploy.coolify.invalid" and "value" in error.render("en")
        # A 405 is what an older beta gives: the diagnosis names it.
        answer = api._client.get(f"/applications/{app.uuid}/restart")
        assert refused(lambda a: (_ for _ in ()).throw(a._refusal(answer)), api).code == (
            "deploy.coolify.method"
        )
    with CoolifyClient(url(server) + "/not-coolify", Secret(token)) as api:
        assert refused(lambda a: a.restart("x"), api).code == "deploy.coolify.not-found"
    with CoolifyClient("http://127.0.0.1:9", Secret(token)) as api:
        assert refused(lambda a: a.restart("x"), api).code == "deploy.coolify.unreachable"


def test_a_failed_deployment_shows_the_end_of_its_log_masked(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    token = coolify.add_token()
    app = coolify.add_app("backend")
    coolify.outcome = "failed"
    leaked = "sk-proj-" + "A1b2C3d4" * 10
    coolify.failure_log = ("npm ERR! start failed", f"OPENAI_API_KEY={leaked}", "exit 1")
    with client(server, token) as api:
        uuid = api.restart(app.uuid)
        error = refused(lambda a: a.follow(uuid, interval=0.01), api)
    assert error.code == "deploy.coolify.deployment-failed"
    for lang in ("en", "fr"):
        text = error.render(lang)
        assert "npm ERR! start failed" in text and "exit 1" in text
        assert leaked not in text and "sk-proj-…" in text


def test_cancelled_and_too_slow_deployments(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    token = coolify.add_token()
    app = coolify.add_app("backend")
    coolify.outcome = "cancelled-by-user"
    with client(server, token) as api:
        uuid = api.restart(app.uuid)
        assert refused(lambda a: a.follow(uuid, interval=0.01), api).code == (
            "deploy.coolify.deployment-cancelled"
        )
        coolify.outcome, coolify.polls_in_progress = "finished", 10_000
        uuid = api.restart(app.uuid)
        error = refused(lambda a: a.follow(uuid, interval=0.01, deadline=0.2), api)
    assert error.code == "deploy.coolify.deployment-timeout"
    assert "in_progress" in error.render("en")


def test_an_address_pasted_with_its_api_path_is_the_same_coolify(
    server: tuple[BackgroundServer, CoolifyState], coolify: CoolifyState
) -> None:
    token = coolify.add_token()
    app = coolify.add_app("backend")
    for pasted in (url(server) + "/api/v1", url(server) + "/api/", url(server) + "/"):
        with CoolifyClient(pasted, Secret(token)) as api:
            assert api.url == url(server)
            assert api.set_variable(app.uuid, "OPENWEBUI_API_KEY", NEW_KEY) in (
                "created",
                "updated",
            )


def test_a_coolify_that_trickles_its_answer_ends_at_one_deadline() -> None:
    """Headers sent a byte at a time never reset the clock: the request ends at its deadline."""
    import time

    from faultservers import raw_server, slow_headers

    from wizard.core.deploy.coolify import CoolifyClient
    from wizard.core.errors import WizardError
    from wizard.core.secret import Secret

    with raw_server(slow_headers) as url:
        start = time.monotonic()
        coolify = CoolifyClient(url, Secret("1|" + "t" * 40), timeout=1.0)
        with coolify, pytest.raises(WizardError) as stopped:
            coolify._send("GET", "/applications")
        elapsed = time.monotonic() - start
    assert stopped.value.code == "deploy.coolify.timeout" and elapsed < 4


def test_the_coolify_token_never_goes_over_plain_http_to_another_machine() -> None:
    from wizard.core.deploy.coolify import CoolifyClient
    from wizard.core.errors import WizardError
    from wizard.core.secret import Secret

    with pytest.raises(WizardError) as refused:
        CoolifyClient("http://192.0.2.7:8000", Secret("1|" + "t" * 40))
    assert refused.value.code == "transport.plain-http"
