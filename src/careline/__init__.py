"""Careline: a patient health virtual assistant grounded in vetted content."""

__version__ = "0.1.0"
