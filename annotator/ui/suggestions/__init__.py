"""Suggestions in the app: drawn in the text, listed in the label panel, accepted or rejected
with one key, computed in the background (`annotator.assist` computes, the store keeps them)."""
