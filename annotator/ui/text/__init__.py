"""The text view: an article drawn with its labels, selection, find, and the side-by-side comparison."""
