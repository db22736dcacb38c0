"""Artifacts: the files and folders jobs produce, and their store."""
