"""/artifacts."""
