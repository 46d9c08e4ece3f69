"""An unexpected fault, written down for whoever maintains the setup — with every secret masked.

With `--debug` (or `TECHNOVA_SETUP_DEBUG=1`) the faces call `write_fault_log`: the exception
chain goes to a private file (0600, in a 0700 folder of the user's state folder) and the
message says where. No key survives into it: every token that looks like a credential, and
the password of any `user:password@` in an address, is masked before the text is written.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from wizard.core.files.atomic import atomic_write
from wizard.core.files.backups import private_folder
from wizard.core.secret import mask

DEBUG_VARIABLE = "TECHNOVA_SETUP_DEBUG"
# Long unbroken runs of key characters: every key we know is one (sk-…, eyJ….….…, other
# services' tokens). Masking any of them is cheaper than missing one.
_TOKEN = re.compile(r"[A-Za-z0-9_\-+/.]{20,}=*")
_URL_PASSWORD = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:/@\s]*):[^@/\s]*@")


def debug_wanted(flag: bool, environ: Mapping[str, str] | None = None) -> bool:
    """True with `--debug`, or when TECHNOVA_SETUP_DEBUG is set to something other than 0."""
    value = (os.environ if environ is None else environ).get(DEBUG_VARIABLE, "")
    return flag or value.strip() not in ("", "0", "false", "no")


def masked_text(text: str) -> str:
    """`text` with every credential-looking token and URL password masked."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['scheme']}{m['user']}:…@", text)
    return _TOKEN.sub(lambda m: _mask_token(m.group(0)), text)


def _mask_token(token: str) -> str:
    # A dotted path or module name (wizard.core.plan.apply_plan) is not a secret; keep it
    # readable when it is made of words.
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+", token) and not (
        token.startswith("eyJ")
    ):
        return token
    if re.fullmatch(r"[A-Za-z_]+", token):  # a long plain word
        return token
    return mask(token)


def write_fault_log(error: BaseException, command: str) -> Path:
    """Write the exception chain of `error` to a new private log file; return its path."""
    folder = private_folder("logs")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"fault-{stamp}.log"
    body = "".join(traceback.format_exception(error))
    header = f"technova-setup {command}: unexpected {type(error).__name__} at {stamp}\n\n"
    atomic_write(path, masked_text(header + body).encode("utf-8", "replace"), 0o600)
    return path
