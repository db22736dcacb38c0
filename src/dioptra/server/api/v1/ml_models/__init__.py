"""/models: ML models and their versions."""
