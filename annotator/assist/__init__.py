"""Suggestions (actor aliases, attribution cues); never required (no Qt)."""
