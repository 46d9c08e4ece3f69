"""Live checks of both paths: Open WebUI key, chat end to end, OpenAI key, Realtime voice.

Each probe is bounded in time (connect and read timeouts, and an overall deadline so a server
that trickles bytes cannot hold us), never raises, and returns a `ProbeResult` whose diagnosis
says what happened, why, and what to do. `run_probes` runs them concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import socket
import ssl
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit, urlunsplit

import httpx

from wizard.core.deadline import check_seconds
from wizard.core.diagnosis import (
    OWUI_KEYS_DISABLED,
    OWUI_MODEL_NOT_FOUND,
    OWUI_UPSTREAM_MODEL_NOT_FOUND,
    Diagnosis,
    Verdict,
    diagnose_missing_model,
    diagnose_openai_error,
    diagnose_openwebui_refusal,
    diagnosis,
    openai_error,
    openwebui_detail,
    parse_json,
)
from wizard.core.i18n import Msg
from wizard.core.keys import KeyKind, KeyReport, Slot, recognise_key
from wizard.core.openwebui_version import UNKNOWN, OpenWebUIVersion, parse_version
from wizard.core.record import field, record, replace
from wizard.core.sanitize import clean_text
from wizard.core.secret import Secret

DEFAULT_OPENAI_BASE_URL = "https://api.openai.com/v1"
REALTIME_MODEL = "gpt-realtime"
PROBE_NAMES = ("openwebui", "chat", "openai", "realtime")
CHAT_PROMPT = "Hello"
# Docker publishes Open WebUI on 3000, `open-webui serve` listens on 8080: a classic mix-up.
_SISTER_PORTS = {3000: 8080, 8080: 3000}
_MAX_BODY = 2_000_000  # bytes read from an answer; a bigger one is not what we asked for


@record
class Timeouts:
    connect: float = 5.0
    read: float = 15.0
    total: float = 30.0  # a whole probe, whatever the server does

    def __post_init__(self) -> None:
        # 0, negative, NaN, infinity or absurdly long: a sentence (`safety.bad-timeout`),
        # never an OverflowError deep in a socket or a wait for ever.
        for seconds in (self.connect, self.read, self.total):
            check_seconds(seconds)


@record
class ProbeResult:
    name: str
    diagnosis: Diagnosis
    elapsed_ms: int
    http_status: int | None = None
    details: dict[str, object] = field(default_factory=dict)  # facts for the faces (models…)
    openwebui_version: OpenWebUIVersion | None = None  # the Open WebUI probes: who answered

    @property
    def ok(self) -> bool:
        return self.diagnosis.ok


@record
class ProbeTarget:
    """What the probes need: where the servers are and which keys to try (as Secrets)."""

    openwebui_url: str = "http://localhost:3000"
    openwebui_key: Secret | None = None
    model: str = "technova"
    openai_base_url: str = DEFAULT_OPENAI_BASE_URL
    openai_key: Secret | None = None
    backend_file: str = "backend/.env"
    voice_file: str = "websocket-server/.env"
    # `file:line` where the voice server's code sends `OpenAI-Beta: realtime=v1`, if it does.
    beta_header_at: str | None = None
    # Read once per run (`run_probes`); None: each Open WebUI probe reads it itself.
    openwebui_version: OpenWebUIVersion | None = None


class _Stop(Exception):
    """Ends a probe early with its verdict."""

    def __init__(self, verdict: Diagnosis, http_status: int | None = None) -> None:
        super().__init__(verdict.code)
        self.verdict = verdict
        self.http_status = http_status


async def _timed(
    name: str,
    timeouts: Timeouts,
    body: Callable[[], Awaitable[tuple[Diagnosis, int | None, dict[str, object]]]],
) -> ProbeResult:
    start = time.perf_counter()
    try:
        verdict, status, details = await asyncio.wait_for(body(), timeouts.total)
    except _Stop as stop:
        verdict, status, details = stop.verdict, stop.http_status, {}
    except TimeoutError:
        verdict = diagnosis("timeout", Verdict.UNKNOWN, url="", seconds=_seconds(timeouts.total))
        status, details = None, {}
    except Exception as error:  # a probe never raises: an odd failure is still a verdict
        verdict = diagnosis("probe-failed", Verdict.UNKNOWN, error=type(error).__name__)
        status, details = None, {}
    elapsed = int((time.perf_counter() - start) * 1000)
    return ProbeResult(name, verdict, elapsed, status, details)


def _seconds(value: float) -> str:
    return f"{value:g}"


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verified TLS context for every probe: loading the CA bundle costs ~8 ms each time."""
    return httpx.create_ssl_context()


def _client(timeouts: Timeouts) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        verify=_tls_context(),
        timeout=httpx.Timeout(timeouts.read, connect=timeouts.connect),
        follow_redirects=False,  # a redirect is itself a finding (often a login page)
        trust_env=False,  # a proxy from the environment would change what we test
    )


def transport_diagnosis(error: Exception, url: str, timeouts: Timeouts) -> Diagnosis:
    """A failure before any answer: refused, unknown name, TLS, timeout, cut connection."""
    host = urlsplit(url).hostname or url
    if isinstance(error, httpx.TimeoutException):
        seconds = timeouts.connect if isinstance(error, httpx.ConnectTimeout) else timeouts.read
        return diagnosis("timeout", Verdict.UNKNOWN, url=url, seconds=_seconds(seconds))
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return diagnosis("tls-error", Verdict.UNKNOWN, url=url, host=host)
        if isinstance(cause, socket.gaierror):
            return diagnosis("dns-failure", Verdict.UNKNOWN, url=url, host=host)
        if isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED
        ):
            return diagnosis("connection-refused", Verdict.UNKNOWN, url=url)
        cause = cause.__cause__ or cause.__context__
    text = str(error).lower()
    if "certificate" in text or "ssl" in text or "tls" in text:
        return diagnosis("tls-error", Verdict.UNKNOWN, url=url, host=host)
    if (
        "name or service not known" in text
        or "nodename nor servname" in text
        or "temporary failure in name resolution" in text
    ):
        return diagnosis("dns-failure", Verdict.UNKNOWN, url=url, host=host)
    if "connection refused" in text or "connect call failed" in text:
        return diagnosis("connection-refused", Verdict.UNKNOWN, url=url)
    if isinstance(error, httpx.ConnectError):
        return diagnosis("connection-failed", Verdict.UNKNOWN, url=url)
    return diagnosis("connection-cut", Verdict.UNKNOWN, url=url)


async def _request(
    client: httpx.AsyncClient, method: str, url: str, timeouts: Timeouts, **kwargs: object
) -> tuple[httpx.Response, bytes]:
    """Send a request and read at most _MAX_BODY bytes; transport failures become a _Stop."""
    try:
        async with client.stream(method, url, **kwargs) as response:  # type: ignore[arg-type]
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body.extend(chunk)
                if len(body) > _MAX_BODY:
                    raise _Stop(
                        diagnosis("answer-too-big", Verdict.UNKNOWN, url=url), response.status_code
                    )
            return response, bytes(body)
    except httpx.HTTPError as error:
        raise _Stop(transport_diagnosis(error, url, timeouts)) from None
    except (httpx.InvalidURL, ValueError, UnicodeError):  # an address from a file, unusable
        raise _Stop(diagnosis("bad-address", Verdict.UNKNOWN, url=url)) from None


def _looks_like_html(response: httpx.Response, body: bytes) -> bool:
    kind = response.headers.get("content-type", "")
    start = body.lstrip()[:15].lower()
    return "html" in kind or start.startswith((b"<!doctype", b"<html"))


def _unexpected_answer(response: httpx.Response, body: bytes, url: str) -> Diagnosis:
    """An answer we cannot use: a redirect, a web page, a server error, something else."""
    status = response.status_code
    if 300 <= status < 400:
        location = response.headers.get("location", "")
        if any(word in location.lower() for word in ("login", "signin", "sign-in", "auth", "sso")):
            return diagnosis("redirect-to-login", Verdict.CRITICAL, url=url, location=location)
        return diagnosis("redirect", Verdict.CRITICAL, url=url, location=location)
    if status >= 500:
        return diagnosis("server-error", Verdict.UNKNOWN, url=url, status=status)
    if _looks_like_html(response, body):
        return diagnosis("html-instead-of-json", Verdict.CRITICAL, url=url, status=status)
    return diagnosis("not-json", Verdict.CRITICAL, url=url, status=status)


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + path


def _preflight(key: Secret | None, slot: Slot, file: str) -> KeyReport:
    """Catch a missing, unusable or misplaced key before anything is sent."""
    if key is None or not key.reveal().strip():
        raise _Stop(diagnosis(f"no-key.{slot.value}", Verdict.CRITICAL, file=file))
    report = recognise_key(key.reveal(), slot=slot)
    if "wrong-place" in report.problems:
        raise _Stop(
            diagnosis(
                f"wrong-place.{slot.value}", Verdict.CRITICAL, file=file, masked=report.masked
            )
        )
    if report.fixes and report.usable:
        # The server program sends the value as its .env gives it, spaces or quotes included:
        # the cleaned key would pass here and still fail there.
        extras = Msg(f"status.extras.{report.fixes[0]}")
        raise _Stop(
            diagnosis(
                "key-with-extras", Verdict.CRITICAL, file=file, masked=report.masked, extras=extras
            )
        )
    blocking = [p for p in report.problems if p not in ("expired", "no-expiry")]
    if blocking or report.kind is KeyKind.UNKNOWN:
        code = (blocking or ["not-a-key"])[0]
        problem = Msg(f"problem.{code}", {"service": report.other_service or ""})
        raise _Stop(
            diagnosis(
                "key-unusable", Verdict.CRITICAL, file=file, masked=report.masked, problem=problem
            )
        )
    return report


# --- Open WebUI -------------------------------------------------------------------------------


async def _check_health(client: httpx.AsyncClient, base: str, timeouts: Timeouts) -> None:
    url = _join(base, "/health")
    try:
        response, body = await _request(client, "GET", url, timeouts)
    except _Stop as stop:
        if stop.verdict.code == "connection-refused":
            await _try_sister_port(client, base, timeouts)
        raise
    payload = parse_json(body)
    status = response.status_code
    if status == 200 and isinstance(payload, dict) and payload.get("status") is True:
        return
    if status in (200, 404) and not _looks_like_html(response, body):
        raise _Stop(diagnosis("not-openwebui", Verdict.CRITICAL, url=base), status)
    raise _Stop(_unexpected_answer(response, body, url), status)


async def _try_sister_port(client: httpx.AsyncClient, base: str, timeouts: Timeouts) -> None:
    """Refused on 3000? If Open WebUI answers on 8080 (or the reverse), say which port to use."""
    parts = urlsplit(base)
    sister = _SISTER_PORTS.get(parts.port or 0)
    if sister is None or parts.hostname is None:
        return
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    netloc = f"{host}:{sister}"
    other = urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    try:
        response, body = await _request(
            client, "GET", _join(other, "/health"), Timeouts(connect=2, read=3, total=4)
        )
    except _Stop:
        return
    payload = parse_json(body)
    if response.status_code == 200 and isinstance(payload, dict) and payload.get("status") is True:
        raise _Stop(diagnosis("wrong-port", Verdict.CRITICAL, url=base, other=other))


async def read_openwebui_version(url: str, timeouts: Timeouts = Timeouts()) -> OpenWebUIVersion:
    """`GET /api/version` (no credentials on any version). Never raises: a server that does
    not say, or cannot be reached, is `UNKNOWN`, treated as the newest known version."""
    try:
        async with _client(timeouts) as client:
            _, body = await asyncio.wait_for(
                _request(client, "GET", _join(url, "/api/version"), timeouts), timeouts.total
            )
    except (_Stop, TimeoutError, httpx.HTTPError, ValueError):
        return UNKNOWN
    return parse_version(parse_json(body))


class VersionRead:
    """One `GET /api/version` for a whole run, sent when the first probe that needs it has
    a key worth sending (a key caught before sending means nothing at all is sent)."""

    def __init__(self, url: str, timeouts: Timeouts) -> None:
        self.url, self.timeouts = url, timeouts
        self._task: asyncio.Future[OpenWebUIVersion] | None = None

    def start(self) -> asyncio.Future[OpenWebUIVersion]:
        if self._task is None:
            self._task = asyncio.ensure_future(read_openwebui_version(self.url, self.timeouts))
        return self._task


class _Version:
    """The server's version for one probe: given in the target, or read once for the run
    (or for this probe alone), alongside the probe's own requests: no added wait."""

    def __init__(self, target: ProbeTarget, timeouts: Timeouts, shared: VersionRead | None):
        self._known = target.openwebui_version
        self._source = shared or VersionRead(target.openwebui_url, timeouts)
        self._read: asyncio.Future[OpenWebUIVersion] | None = None

    def start(self) -> None:
        if self._known is None and self._read is None:
            self._read = self._source.start()

    async def get(self) -> OpenWebUIVersion | None:
        """The version; None when it was never asked (the probe sent nothing)."""
        if self._read is None:
            return self._known
        return await asyncio.shield(self._read)  # one probe cancelled leaves the read to others


async def _keys_switched_on(base: str, timeouts: Timeouts) -> bool | None:
    """What the public `/api/config` says of API keys: 0.6.x tells anyone (`enable_api_key`),
    0.12.x only a signed-in session (then None: we do not know)."""
    try:
        async with _client(timeouts) as client:
            _, body = await _request(client, "GET", _join(base, "/api/config"), timeouts)
    except _Stop:
        return None
    payload = parse_json(body)
    features = payload.get("features") if isinstance(payload, dict) else None
    value = features.get("enable_api_key") if isinstance(features, dict) else None
    return value if isinstance(value, bool) else None


async def _refusal(
    response: httpx.Response,
    body: bytes,
    url: str,
    report: KeyReport,
    target: ProbeTarget,
    version: OpenWebUIVersion,
    timeouts: Timeouts,
) -> Diagnosis:
    payload = parse_json(body)
    detail = openwebui_detail(payload)
    if response.status_code in (401, 403) and detail is not None:
        switched_on = None
        if response.status_code == 403 and detail == OWUI_KEYS_DISABLED:
            switched_on = await _keys_switched_on(target.openwebui_url, timeouts)
        return diagnose_openwebui_refusal(
            response.status_code,
            detail,
            key_kind=report.kind.value,
            jwt_expired="expired" in report.problems,
            file=target.backend_file,
            version=version,
            keys_switched_on=switched_on,
        )
    error = openai_error(payload)
    if error is not None:  # OpenAI's own answer, relayed by Open WebUI: the key inside it
        return diagnose_openai_error(response.status_code, error, where="openwebui-connection")
    if payload is None or 300 <= response.status_code < 400 or response.status_code >= 500:
        return _unexpected_answer(response, body, url)
    return diagnosis(
        "openwebui-refused-other",
        Verdict.CRITICAL,
        detail=detail or "",
        status=response.status_code,
        file=target.backend_file,
    )


async def probe_openwebui(
    target: ProbeTarget, timeouts: Timeouts = Timeouts(), *, version: VersionRead | None = None
) -> ProbeResult:
    """Is Open WebUI there, does it accept the backend's key, and does it offer the model?
    (`version`: the run's one read of `GET /api/version`, else this probe reads it.)"""
    server = _Version(target, timeouts, version)

    async def body() -> tuple[Diagnosis, int | None, dict[str, object]]:
        report = _preflight(target.openwebui_key, Slot.OPENWEBUI, target.backend_file)
        server.start()
        async with _client(timeouts) as client:
            await _check_health(client, target.openwebui_url, timeouts)
            url = _join(target.openwebui_url, "/api/models")
            headers = {"Authorization": f"Bearer {report.secret.reveal()}"}
            response, raw = await _request(client, "GET", url, timeouts, headers=headers)
        status = response.status_code
        payload = parse_json(raw)
        if status != 200 or not isinstance(payload, dict):
            known = await server.get() or UNKNOWN
            refusal = await _refusal(response, raw, url, report, target, known, timeouts)
            return refusal, status, {}
        listed = payload.get("data")
        # Model names come from the server: cleaned before any face shows them.
        models = [
            clean_text(str(m.get("id")), limit=200)
            for m in (listed if isinstance(listed, list) else [])[:10_000]
            if isinstance(m, dict)
        ]
        details: dict[str, object] = {"models": models}
        if not models:
            verdict = diagnosis("openwebui-no-models", Verdict.CRITICAL, model=target.model)
            return verdict, status, details
        if target.model not in models:
            # Display names too (`TechNova` for the id `technova`): people copy the name.
            names = {
                clean_text(m["name"], limit=200): clean_text(str(m.get("id")), limit=200)
                for m in (listed if isinstance(listed, list) else [])[:10_000]
                if isinstance(m, dict) and isinstance(m.get("name"), str)
            }
            verdict = diagnose_missing_model(
                target.model, models, file=target.backend_file, names=names
            )
            return verdict, status, details
        if "expired" in report.problems:
            # Accepted although its `exp` is past: the server's clock or settings differ. Say so.
            return diagnosis("openwebui-ok-jwt-expired", Verdict.WARNING), status, details
        return diagnosis("openwebui-ok", Verdict.OK, model=target.model), status, details

    result = await _timed("openwebui", timeouts, body)
    return replace(result, openwebui_version=await server.get())


async def probe_openwebui_address(url: str, timeouts: Timeouts = Timeouts()) -> ProbeResult:
    """Is Open WebUI at `url`? Only `/health`, no key: what the address field checks at once."""

    async def body() -> tuple[Diagnosis, int | None, dict[str, object]]:
        async with _client(timeouts) as client:
            await _check_health(client, url, timeouts)
        return diagnosis("openwebui-address-ok", Verdict.OK, url=url), 200, {}

    return await _timed("address", timeouts, body)


async def probe_chat(
    target: ProbeTarget,
    timeouts: Timeouts = Timeouts(),
    stream: bool = False,
    *,
    version: VersionRead | None = None,
) -> ProbeResult:
    """A one-word chat through Open WebUI, as the backend sends it: proves both keys at once."""
    server = _Version(target, timeouts, version)

    async def body() -> tuple[Diagnosis, int | None, dict[str, object]]:
        report = _preflight(target.openwebui_key, Slot.OPENWEBUI, target.backend_file)
        server.start()
        url = _join(target.openwebui_url, "/api/chat/completions")
        request = {
            "model": target.model,
            "stream": stream,
            "messages": [{"role": "user", "content": CHAT_PROMPT}],
        }
        headers = {"Authorization": f"Bearer {report.secret.reveal()}"}
        async with _client(timeouts) as client:
            response, raw = await _request(
                client, "POST", url, timeouts, json=request, headers=headers
            )
        status = response.status_code
        if status == 200:
            answer = _chat_answer(raw, stream)
            if answer is None:
                return _unexpected_answer(response, raw, url), status, {}
            return diagnosis("chat-ok", Verdict.OK), status, {"answer": answer}
        payload = parse_json(raw)
        detail = openwebui_detail(payload)
        if status == 400 and detail == OWUI_MODEL_NOT_FOUND:
            return (
                diagnosis("openwebui-chat-model-not-found", Verdict.CRITICAL, model=target.model),
                status,
                {},
            )
        # The OpenAI key inside Open WebUI went bad while it ran: 0.12 answers 404 "Model ''
        # was not found", 0.6 answers 400 "404: Model not found" (FACTS.md).
        if (status == 404 and detail is not None and detail.startswith("Model '")) or (
            status == 400 and detail == OWUI_UPSTREAM_MODEL_NOT_FOUND
        ):
            return (
                diagnosis(
                    "openwebui-chat-upstream-went-bad",
                    Verdict.CRITICAL,
                    model=target.model,
                    status=status,
                    detail=detail,
                ),
                status,
                {},
            )
        known = await server.get() or UNKNOWN
        refusal = await _refusal(response, raw, url, report, target, known, timeouts)
        return refusal, status, {}

    result = await _timed("chat", timeouts, body)
    return replace(result, openwebui_version=await server.get())


async def probe_chat_both_ways(
    target: ProbeTarget, timeouts: Timeouts = Timeouts(), *, version: VersionRead | None = None
) -> ProbeResult:
    """The chat, answered whole and then streamed: the backend uses both, and a proxy that
    buffers or cuts event streams breaks only the second. One deadline, `timeouts.total`,
    for both requests together: the limit the timeout message states is the one kept."""
    start = time.perf_counter()
    try:
        return await asyncio.wait_for(_chat_both_ways(target, timeouts, version), timeouts.total)
    except TimeoutError:
        elapsed = int((time.perf_counter() - start) * 1000)
        verdict = diagnosis("timeout", Verdict.UNKNOWN, url="", seconds=_seconds(timeouts.total))
        return ProbeResult("chat", verdict, elapsed)


async def _chat_both_ways(
    target: ProbeTarget, timeouts: Timeouts, version: VersionRead | None
) -> ProbeResult:
    whole = await probe_chat(target, timeouts, stream=False, version=version)
    if not whole.ok:
        return whole
    target = replace(target, openwebui_version=whole.openwebui_version)
    streamed = await probe_chat(target, timeouts, stream=True)
    elapsed = whole.elapsed_ms + streamed.elapsed_ms
    if not streamed.ok:
        return ProbeResult(
            "chat",
            streamed.diagnosis,
            elapsed,
            streamed.http_status,
            {**streamed.details, "streamed": True},
            whole.openwebui_version,
        )
    return ProbeResult(
        "chat",
        whole.diagnosis,
        elapsed,
        whole.http_status,
        {**whole.details, "streamed": True},
        whole.openwebui_version,
    )


def _chat_answer(raw: bytes, stream: bool) -> str | None:
    """The assistant's text from a chat completion, streamed (`data:` lines) or not."""
    if not stream:
        payload = parse_json(raw)
        try:
            return str(payload["choices"][0]["message"]["content"])
        except (KeyError, IndexError, TypeError):
            return None
    pieces: list[str] = []
    done = False
    for line in raw.decode("utf-8", "replace").splitlines():
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            done = True
            break
        chunk = parse_json(data.encode())
        try:
            pieces.append(chunk["choices"][0]["delta"].get("content") or "")
        except (KeyError, IndexError, TypeError, AttributeError):
            continue
    return "".join(pieces) if done else None


# --- OpenAI -----------------------------------------------------------------------------------


async def probe_openai(target: ProbeTarget, timeouts: Timeouts = Timeouts()) -> ProbeResult:
    """Does OpenAI accept the voice server's key? (`GET /v1/models`, free of charge.)"""

    async def body() -> tuple[Diagnosis, int | None, dict[str, object]]:
        report = _preflight(target.openai_key, Slot.OPENAI, target.voice_file)
        url = _join(target.openai_base_url, "/models")
        headers = {"Authorization": f"Bearer {report.secret.reveal()}"}
        async with _client(timeouts) as client:
            response, raw = await _request(client, "GET", url, timeouts, headers=headers)
        status = response.status_code
        payload = parse_json(raw)
        request_id = response.headers.get("x-request-id")
        details: dict[str, object] = {
            "request_id": clean_text(request_id, limit=100) if request_id else None
        }
        if status == 200 and isinstance(payload, dict) and isinstance(payload.get("data"), list):
            return diagnosis("openai-ok", Verdict.OK), status, details
        error = openai_error(payload)
        if error is not None:
            return diagnose_openai_error(status, error, where="voice"), status, details
        return _unexpected_answer(response, raw, url), status, details

    return await _timed("openai", timeouts, body)


def realtime_url(openai_base_url: str, model: str = REALTIME_MODEL) -> str:
    """`https://api.openai.com/v1` → `wss://api.openai.com/v1/realtime?model=gpt-realtime`."""
    parts = urlsplit(openai_base_url)
    scheme = {"https": "wss", "http": "ws"}.get(parts.scheme, parts.scheme)
    return urlunsplit(
        (scheme, parts.netloc, parts.path.rstrip("/") + "/realtime", f"model={model}", "")
    )


async def probe_realtime(
    target: ProbeTarget,
    timeouts: Timeouts = Timeouts(),
    model: str = REALTIME_MODEL,
    beta_header: bool = False,
) -> ProbeResult:
    """The voice path: open the Realtime WebSocket (GA, no beta header), read the first event."""
    import websockets
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    async def body() -> tuple[Diagnosis, int | None, dict[str, object]]:
        report = _preflight(target.openai_key, Slot.OPENAI, target.voice_file)
        url = realtime_url(target.openai_base_url, model)
        headers = {"Authorization": f"Bearer {report.secret.reveal()}"}
        if beta_header:
            headers["OpenAI-Beta"] = "realtime=v1"
        try:
            async with websockets.connect(
                url,
                additional_headers=headers,
                open_timeout=timeouts.connect,
                close_timeout=2,
                proxy=None,
            ) as socket_:
                try:
                    first = await asyncio.wait_for(socket_.recv(), timeouts.read)
                except ConnectionClosed as closed:
                    return _realtime_closed(
                        closed.rcvd.code if closed.rcvd else None,
                        closed.rcvd.reason if closed.rcvd else "",
                        None,
                    )
                event = parse_json(first if isinstance(first, bytes) else first.encode())
                if isinstance(event, dict) and event.get("type") == "session.created":
                    return diagnosis("realtime-ok", Verdict.OK), 101, {}
                # An error event comes first, then the close frame with its code.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(socket_.wait_closed(), timeouts.read)
                code = socket_.close_code
                return _realtime_closed(code, socket_.close_reason or "", event)
        except InvalidStatus as refused:
            status = refused.response.status_code
            payload = parse_json(bytes(refused.response.body or b""))
            error = openai_error(payload)
            if error is not None and status != 403:
                return diagnose_openai_error(status, error, where="voice"), status, {}
            if status == 403:
                return diagnosis("realtime-no-access", Verdict.CRITICAL), status, {}
            return diagnosis("realtime-refused", Verdict.CRITICAL, status=status), status, {}
        except (OSError, TimeoutError, websockets.exceptions.InvalidHandshake) as error:
            if isinstance(error, TimeoutError):
                return (
                    diagnosis(
                        "timeout", Verdict.UNKNOWN, url=url, seconds=_seconds(timeouts.connect)
                    ),
                    None,
                    {},
                )
            return transport_diagnosis(error, url, timeouts), None, {}

    result = await _timed("realtime", timeouts, body)
    if result.ok and target.beta_header_at is not None and not beta_header:
        # The key opens a session; the server's own code, sending the retired header, does not.
        verdict = diagnosis("realtime-code-beta-header", Verdict.CRITICAL, at=target.beta_header_at)
        return replace(result, diagnosis=verdict)
    return result


def _realtime_closed(
    code: int | None, reason: str, event: object
) -> tuple[Diagnosis, int | None, dict[str, object]]:
    """The verdict of a Realtime socket that closed: the error event says why, the code confirms.

    Close 3000 follows every refused key (wrong, deactivated, lacking a scope…), so the
    error event's own `code` decides which; 3000 alone means a wrong key.
    """
    error = event.get("error") if isinstance(event, dict) else None
    if isinstance(error, dict):
        if error.get("code") == "beta_api_shape_disabled":
            return diagnosis("realtime-beta-header", Verdict.CRITICAL), 101, {}
        # Read the event as the REST API's error body (wrong key, deactivated, scope, quota…).
        status = 429 if error.get("type") in ("insufficient_quota", "requests", "tokens") else 401
        verdict = diagnose_openai_error(status, error, where="voice")
        if verdict.code != "openai-other" or code not in (3000, 4000):
            return verdict, 101, {}
    if code == 3000:
        verdict = diagnosis(
            "openai-invalid-key",
            Verdict.CRITICAL,
            where=Msg("where.voice"),
            place=Msg("place.voice"),
            status=101,
        )
        return verdict, 101, {}
    if code == 4000:
        return diagnosis("realtime-invalid-model", Verdict.CRITICAL, reason=reason), 101, {}
    return diagnosis("realtime-closed", Verdict.CRITICAL, code=str(code), reason=reason), 101, {}


# --- all together -----------------------------------------------------------------------------


async def run_probes(
    target: ProbeTarget, only: tuple[str, ...] = PROBE_NAMES, timeouts: Timeouts = Timeouts()
) -> list[ProbeResult]:
    """The chosen probes at the same time: a check lasts as long as the slowest one.

    Open WebUI's version is read once for both of its probes, alongside them."""
    version = VersionRead(target.openwebui_url, timeouts)
    makers = {
        "openwebui": lambda: probe_openwebui(target, timeouts, version=version),
        "chat": lambda: probe_chat_both_ways(target, timeouts, version=version),
        "openai": lambda: probe_openai(target, timeouts),
        "realtime": lambda: probe_realtime(target, timeouts),
    }
    return list(await asyncio.gather(*(makers[name]() for name in only)))


def openwebui_version_of(results: list[ProbeResult]) -> OpenWebUIVersion | None:
    """The Open WebUI version the run met (None: no Open WebUI probe ran)."""
    return next((r.openwebui_version for r in results if r.openwebui_version is not None), None)


def result_json(result: ProbeResult, lang: str) -> dict[str, object]:
    """A probe result as `check --json` prints it (never a key)."""
    return {
        "name": result.name,
        "ok": result.ok,
        "status": result.diagnosis.code,
        "verdict": result.diagnosis.verdict.value,
        "http_status": result.http_status,
        "elapsed_ms": result.elapsed_ms,
        "diagnosis": result.diagnosis.explanation.render(lang),  # type: ignore[arg-type]
    }
