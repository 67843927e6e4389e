"""Agreement measures, merging of project files and adjudication (no Qt)."""
