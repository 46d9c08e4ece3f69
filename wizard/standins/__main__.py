"""`python -m wizard.standins`: both stand-ins on loopback until Ctrl+C (for `--demo` by hand).

The keys printed are made up by the stand-ins and work nowhere else.
"""

from __future__ import annotations

import argparse
import time

from wizard.standins.server import start_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wizard.standins", description="Run the OpenAI and Open WebUI stand-ins."
    )
    parser.add_argument("--openai-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--openwebui-port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--openwebui-version",
        default="0.12.4",
        choices=("0.12.4", "0.6.18"),
        help="which Open WebUI the stand-in answers as (default: 0.12.4)",
    )
    args = parser.parse_args(argv)
    demo = start_demo(
        args.openai_port, args.openwebui_port, openwebui_version=args.openwebui_version
    )
    print(f"OpenAI stand-in:     {demo.openai_base_url}")
    print(f"  key:               {demo.openai_key}")
    print(f"  realtime:          {demo.openai.ws_url}/v1/realtime?model=gpt-realtime")
    print(f"Open WebUI stand-in: {demo.openwebui.url} (answers as {args.openwebui_version})")
    print(f"  API key:           {demo.openwebui_key}")
    print(f"  admin sign-in:     {demo.admin_email} / {demo.admin_password}")
    print("  model:             technova (over gpt-4o-mini)")
    print("Ctrl+C stops both.", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        demo.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
