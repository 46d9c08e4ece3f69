"""A tiny TechNova backend and chat page, for `--demo`: path 1 of the chain, end to end.

browser page → this backend (`POST /api/chat`) → Open WebUI (`/api/chat/completions`) → OpenAI.

It does what a TechNova backend does: it reads `OPENWEBUI_URL`, `OPENWEBUI_API_KEY` and
`OPENWEBUI_MODEL` from `backend/.env` and sends the visitor's message to Open WebUI with that
key. The page only knows the backend's address (from `technova-config.js`): no key ever
reaches the browser. Unlike a real backend, it re-reads `backend/.env` for every message, so
the newcomer sees the fix work without restarting anything.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from wizard.core.diagnosis import openai_error, openwebui_detail

_PAGE = "widget.html"


def make_backend_app(project_root: Path) -> Starlette:
    """The backend of the project at `project_root`, serving its chat page too."""
    backend_env = project_root / "backend" / ".env"
    widget_config = project_root / "chat-widget" / "technova-config.js"

    async def page(request: Request) -> Response:
        return HTMLResponse(files("wizard.standins").joinpath(_PAGE).read_text("utf-8"))

    async def config(request: Request) -> Response:
        # The widget's public settings, exactly as the wizard wrote them (or left them).
        text = widget_config.read_text("utf-8") if widget_config.exists() else ""
        return Response(text, media_type="text/javascript", headers={"Cache-Control": "no-store"})

    async def chat(request: Request) -> Response:
        from dotenv import dotenv_values

        try:
            body = await request.json()
            message = str(body["message"])[:2000]
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": 'Send {"message": "…"}.'}, status_code=400)
        settings = dotenv_values(backend_env) if backend_env.exists() else {}
        url = (settings.get("OPENWEBUI_URL") or "http://localhost:3000").rstrip("/")
        key = settings.get("OPENWEBUI_API_KEY") or ""
        model = settings.get("OPENWEBUI_MODEL") or "technova"
        try:
            async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
                answer = await client.post(
                    f"{url}/api/chat/completions",
                    headers={"Authorization": f"Bearer {key}"},
                    json={
                        "model": model,
                        "stream": False,
                        "messages": [{"role": "user", "content": message}],
                    },
                )
        except httpx.HTTPError as error:
            reason = f"Open WebUI could not be reached ({type(error).__name__})."
            return JSONResponse({"error": reason}, status_code=502)
        try:
            payload = answer.json()
        except ValueError:
            payload = None
        if answer.status_code != 200:
            # What the backend's log would say: Open WebUI's detail or OpenAI's message, no key.
            reason = openwebui_detail(payload) or str((openai_error(payload) or {}).get("code"))
            return JSONResponse(
                {"error": f"Open WebUI answered {answer.status_code}: {reason}"}, status_code=502
            )
        try:
            reply = payload["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            return JSONResponse(
                {"error": "Open WebUI's answer had no reply in it."}, status_code=502
            )
        return JSONResponse({"reply": reply})

    return Starlette(
        routes=[
            Route("/", page, methods=["GET"]),
            Route("/technova-config.js", config, methods=["GET"]),
            Route("/api/chat", chat, methods=["POST"]),
        ]
    )
