"""The streamed form of ``POST /workflows/resourceImport``."""
