"""The engine: every workflow of technova-setup, with no Textual, no printing and no face import.

The faces (`wizard.cli`, `wizard.tui`) ask, show and pass consent; everything they do to a
project, a keyring or a server goes through a function here.
"""
