"""technova-setup: sets up, checks and renews the two API keys of a TechNova chat widget."""

__version__ = "0.1.0"
