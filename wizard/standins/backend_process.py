"""A TechNova backend and voice server as real ones behave, run as processes by a project's
`restart-with-logs.sh` in tests and `--demo`: they read their `.env` ONCE, at start (so a
new key needs a restart), and print the log lines the folk guides quote.

    python -m wizard.standins.backend_process backend --port 3001   # reads backend/.env
    python -m wizard.standins.backend_process voice                 # reads websocket-server/.env

Both read the files of the current folder, as a restart script started from the project root
does. The backend answers `POST /api/chat {"message"}` like the demo's backend
(`wizard/standins/backend.py`), with the key it started with. The voice server opens one
Realtime session at start and logs "OpenAI Realtime API connected" and "Session updated
confirmed", or OpenAI's error event and "OpenAI Realtime API closed: 3000 …".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _settings(path: Path) -> dict[str, str]:
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None} if path.exists() else {}


def log(text: str) -> None:
    print(text, flush=True)


def backend_app(settings: dict[str, str]) -> Starlette:
    url = (settings.get("OPENWEBUI_URL") or "http://localhost:3000").rstrip("/")
    key = settings.get("OPENWEBUI_API_KEY", "")
    model = settings.get("OPENWEBUI_MODEL") or "technova"

    async def chat(request: Request) -> Response:
        try:
            message = str((await request.json())["message"])[:2000]
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": 'Send {"message": "…"}.'}, status_code=400)
        try:
            async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
                answer = await client.post(
                    f"{url}/api/chat/completions",
                    headers={"Authorization": f"Bearer {key}"},
                    json={"model": model, "messages": [{"role": "user", "content": message}]},
                )
        except httpx.HTTPError as error:
            log(f"Open WebUI unreachable: {type(error).__name__}")
            return JSONResponse({"error": "Open WebUI could not be reached."}, status_code=502)
        if answer.status_code != 200:
            log(f"Open WebUI error {answer.status_code}: {answer.text[:200]}")
            return JSONResponse(
                {"error": f"Open WebUI answered {answer.status_code}"}, status_code=502
            )
        reply = answer.json()["choices"][0]["message"]["content"]
        log("Chat answered")
        return JSONResponse({"reply": reply})

    return Starlette(routes=[Route("/api/chat", chat, methods=["POST"])])


async def voice(settings: dict[str, str]) -> int:
    import websockets

    base = settings.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
    ws_url = base.replace("http://", "ws://").replace("https://", "wss://") + "/realtime"
    headers = {"Authorization": f"Bearer {settings.get('OPENAI_API_KEY', '')}"}
    async with websockets.connect(f"{ws_url}?model=gpt-realtime", additional_headers=headers) as ws:
        first = json.loads(await ws.recv())
        if first.get("type") == "error":
            log(f"Model error: {json.dumps(first)}")
            await ws.wait_closed()
            log(f"OpenAI Realtime API closed: {ws.close_code} {ws.close_reason}")
            return 1
        log("OpenAI Realtime API connected")
        await ws.send(json.dumps({"type": "session.update", "session": {"instructions": "Hi"}}))
        log("Session update sent")
        if json.loads(await ws.recv()).get("type") == "session.updated":
            log("Session updated confirmed")
    while True:  # a voice server keeps running, waiting for calls
        await asyncio.sleep(3600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wizard.standins.backend_process")
    parser.add_argument("role", choices=("backend", "voice"))
    parser.add_argument("--port", type=int, default=3001)
    args = parser.parse_args(argv)
    if args.role == "voice":
        return asyncio.run(voice(_settings(Path("websocket-server/.env"))))
    import uvicorn

    log(f"Backend listening on {args.port}")
    app = backend_app(_settings(Path("backend/.env")))
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
