"""An unexpected fault, written down for whoever maintains the setup — with every secret masked.

With `--debug` (or `TECHNOVA_SETUP_DEBUG=1`) the faces call `write_fault_log`: the exception
chain goes to a private file (0600, in a 0700 folder of the user's state folder) and the
message says where. No key survives into it: every token that looks like a credential, and
the password of any `user:password@` in an address, is masked before the text is written.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from wizard.core.files.atomic import atomic_write
from wizard.core.files.backups import private_folder
from wizard.core.sanitize import mask_secrets

DEBUG_VARIABLE = "TECHNOVA_SETUP_DEBUG"


def debug_wanted(flag: bool, environ: Mapping[str, str] | None = None) -> bool:
    """True with `--debug`, or when TECHNOVA_SETUP_DEBUG is set to something other than 0."""
    value = (os.environ if environ is None else environ).get(DEBUG_VARIABLE, "")
    return flag or value.strip() not in ("", "0", "false", "no")


def masked_text(text: str) -> str:
    """`text` with every credential-looking token and URL password masked."""
    return mask_secrets(text)


def write_fault_log(error: BaseException, command: str) -> Path:
    """Write the exception chain of `error` to a new private log file; return its path."""
    folder = private_folder("logs")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"fault-{stamp}.log"
    body = "".join(traceback.format_exception(error))
    header = f"technova-setup {command}: unexpected {type(error).__name__} at {stamp}\n\n"
    atomic_write(path, masked_text(header + body).encode("utf-8", "replace"), 0o600)
    return path
