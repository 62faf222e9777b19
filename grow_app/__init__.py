"""grow: conversation cards (GROW model) for Dutch education partnerships."""

__version__ = "0.1.0"
