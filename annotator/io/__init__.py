"""Importers and exporters: plain text, CSV, native JSONL (and later interop formats)."""
