"""`python -m wizard` is the same program as `technova-setup`."""

from wizard.cli.entry import run

run()
