"""The command line: `technova-setup` and its commands, a thin face on `wizard.core`."""

from wizard.cli.main import main

__all__ = ["main"]
