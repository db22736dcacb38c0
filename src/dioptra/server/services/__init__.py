"""Business rules of the server. No HTTP here: services raise the domain errors of
``services.core.errors`` and the API layer maps them to status codes."""
