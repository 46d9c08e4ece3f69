"""The command line: `technova-setup` and its commands, a thin face on `wizard.core`.

Nothing is imported here: the entry point (`entry.run`) must run before `main` loads.
"""
