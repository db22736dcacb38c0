"""HTTP layer: translates requests into service calls and results into Dioptra's JSON."""
