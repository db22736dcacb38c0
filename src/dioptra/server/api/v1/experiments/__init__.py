"""/experiments and its entrypoint links."""
