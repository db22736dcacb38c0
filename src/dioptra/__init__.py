"""Dioptra: a test platform for trustworthy-AI experiments."""

__version__ = "0.1.0"
