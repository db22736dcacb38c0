"""The Dioptra REST server: settings, database, services and the FastAPI app."""
