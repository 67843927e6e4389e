"""Schemas for the tests of schema updates: the default one with other stance values."""

from __future__ import annotations

from pathlib import Path

from annotator.core.schema import default_schema

DEFAULT = default_schema().source
STANCES = """\
values = [
    { id = "support", name = "Support", key = "s", color = "#009E73" },
    { id = "oppose", name = "Oppose", key = "o", color = "#D55E00" },
    { id = "neutral", name = "Neutral", key = "n", color = "#999999" },
]"""
KEPT = (
    '{ id = "support", name = "Support", key = "s", color = "#009E73" },\n'
    '{ id = "oppose", name = "Oppose", key = "o", color = "#D55E00" },\n'
)
"""The default's support and oppose, as lines of a stance list."""
MIXED = '{ id = "mixed", name = "Mixed", key = "x", color = "#CC79A7" },\n'
TOPIC = '\n[fields.topic]\nextra = true\nvalues = [{ id = "trade", key = "t" }, { id = "war", key = "w" }]\n'
"""An extra per-claim field, to add after the default's fields."""


def with_stances(values: str, extra: str = "") -> str:
    """The default schema with other stance values (TOML lines of the list), plus ``extra``."""
    assert STANCES in DEFAULT
    return DEFAULT.replace(STANCES, f"values = [\n{values}\n]") + extra


def write(folder: Path, text: str, name: str = "new.toml") -> Path:
    """A schema file in ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
