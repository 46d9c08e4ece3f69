"""The running site, proven: a message sent to the backend the way the widget sends it
(`POST {backendUrl}/api/chat {"message": …}` → `{"reply": …}`), within a deadline."""

from __future__ import annotations

import time

import httpx

from wizard.core.deploy.scrub import scrub
from wizard.core.errors import Explanation
from wizard.core.record import record

CHAT_PATH = "/api/chat"
SITE_DEADLINE = 30.0  # seconds: a backend that was just restarted may take a while to listen
TEST_MESSAGE = "technova-setup: test message, please answer briefly."


@record
class SiteAnswer:
    url: str | None  # the backend's address, when known
    ok: bool
    explanation: Explanation  # "the site answers", or the step that fails and what to do


def _answer(url: str, response: httpx.Response) -> SiteAnswer:
    try:
        body = response.json()
    except ValueError:
        body = None
    reply = body.get("reply") if isinstance(body, dict) else None
    if response.status_code == 200 and isinstance(reply, str) and reply.strip():
        return SiteAnswer(url, True, Explanation.of("deploy.site.answers", url=url))
    error = body.get("error") if isinstance(body, dict) else None
    shown = scrub(str(error)) if error else "—"
    if response.status_code == 200:
        return SiteAnswer(url, False, Explanation.of("deploy.site.no-reply", url=url))
    return SiteAnswer(
        url,
        False,
        Explanation.of("deploy.site.refused", url=url, status=response.status_code, error=shown),
    )


def prove_site(
    backend_url: str | None,
    *,
    deadline: float = SITE_DEADLINE,
    transport: httpx.BaseTransport | None = None,
) -> SiteAnswer:
    """Ask the running backend for an answer; retried while it is not listening yet."""
    if not backend_url:
        return SiteAnswer(None, False, Explanation.of("deploy.site.no-address"))
    url = backend_url.rstrip("/")
    started = time.monotonic()
    with httpx.Client(timeout=deadline, transport=transport, trust_env=False) as client:
        while True:
            left = deadline - (time.monotonic() - started)
            try:
                response = client.post(
                    url + CHAT_PATH, json={"message": TEST_MESSAGE}, timeout=max(left, 1.0)
                )
                return _answer(url, response)
            except httpx.TimeoutException:
                return SiteAnswer(
                    url,
                    False,
                    Explanation.of("deploy.site.timeout", url=url, seconds=f"{deadline:g}"),
                )
            except httpx.HTTPError as error:
                if time.monotonic() - started + 0.5 > deadline:
                    detail = type(error).__name__
                    explanation = Explanation.of("deploy.site.unreachable", url=url, detail=detail)
                    return SiteAnswer(url, False, explanation)
                time.sleep(0.5)  # not listening yet: a restarted backend is still starting
