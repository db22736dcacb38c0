"""Experiments: named groups of entrypoints that jobs run in."""
