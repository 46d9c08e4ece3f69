"""The last mile: a new key reaches the running backend, and the running site is proven.

One entry point for both faces, called after a key is saved (or by `technova-setup restart`):
`deliver(project, config, consent, progress)` brings the keys where the backend reads them
(Coolify's variables), restarts it the way `technova-setup.toml` says, reads its logs, runs
the live checks again and asks the running backend for an answer, as the widget does.

The names below load on first use (PEP 562): `status` imports `wizard.core.deploy.status`,
and must not pay for httpx and the probes that delivering needs.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: see record.py
if TYPE_CHECKING:
    from typing import Any

    from wizard.core.deploy.config import DeployConfig, Way, load_config, write_config
    from wizard.core.deploy.delivery import (
        DeployConsent,
        DeployOutcome,
        DeployStep,
        KeyToDeliver,
        NewKey,
        Progress,
        deliver,
    )
    from wizard.core.deploy.detect import Detected, detect
    from wizard.core.deploy.project_code import CodeFinding

_WHERE = {
    "DeployConfig": "config",
    "Way": "config",
    "load_config": "config",
    "write_config": "config",
    "DeployConsent": "delivery",
    "DeployOutcome": "delivery",
    "DeployStep": "delivery",
    "KeyToDeliver": "delivery",
    "NewKey": "delivery",
    "Progress": "delivery",
    "deliver": "delivery",
    "Detected": "detect",
    "detect": "detect",
    "CodeFinding": "project_code",
}

__all__ = [
    "CodeFinding",
    "DeployConfig",
    "DeployConsent",
    "DeployOutcome",
    "DeployStep",
    "Detected",
    "KeyToDeliver",
    "NewKey",
    "Progress",
    "Way",
    "deliver",
    "detect",
    "load_config",
    "write_config",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
