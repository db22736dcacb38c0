"""ML models and their numbered versions (the ``/models`` routes)."""
