"""Claim annotator: label claims, actors, stance and attribution in news articles."""

__version__ = "0.1.0"
