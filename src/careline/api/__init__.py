"""The HTTP layer: a thin FastAPI shell over the plain Python services."""
