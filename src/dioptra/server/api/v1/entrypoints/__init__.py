"""/entrypoints and its routes beyond the standard family."""
