"""Loading and validating the label schema."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import CONCEPT_FIELDS, default_schema, load_schema


def test_default_schema_has_every_concept_field_with_keys_and_colours() -> None:
    schema = default_schema()
    assert set(CONCEPT_FIELDS) <= set(schema.fields)
    assert schema.field("stance").ids() == ("support", "oppose", "neutral")
    assert schema.field("category").ids() == (
        "assertion", "prediction", "evaluation", "demand", "commitment",
    )  # fmt: skip
    assert schema.field("checkworthy").ids() == ("checkworthy", "unimportant", "non_factual")
    assert schema.field("attribution_type").ids() == ("direct", "indirect", "mixed", "unattributed")
    assert schema.field("source_kind").ids() == ("named", "unnamed", "document", "author")
    assert "unnamed_group" in schema.field("actor_type").ids()
    for field in schema.fields.values():
        assert field.origin, f"{field.name} does not say where its values come from"
        for value in field.values:
            assert value.key and value.color, f"{field.name}.{value.id} lacks a key or colour"


def test_allows_none_and_known_ids_only() -> None:
    schema = default_schema()
    assert schema.allows("stance", None)
    assert schema.allows("stance", "oppose")
    assert not schema.allows("stance", "favour")


def _with(fields: str) -> str:
    base = "\n".join(
        f'[fields.{name}]\nvalues = [{{ id = "x", key = "x" }}]'
        for name in CONCEPT_FIELDS
        if f"[fields.{name}]" not in fields
    )
    return f'[schema]\nname = "t"\n{fields}\n{base}\n'


def test_extra_field_is_accepted_when_marked() -> None:
    schema = load_schema(_with('[fields.topic]\nextra = true\nvalues = [{ id = "trade" }]'))
    assert [f.name for f in schema.extra_fields()] == ["topic"]
    assert schema.source.startswith("[schema]")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("not = [valid", "not valid TOML"),
        ('[schema]\nname = "t"', "no \\[fields"),
        ('[fields.stance]\nvalues = [{ id = "a" }]', "missing field"),
        (_with('[fields.stance]\nvalues = [{ id = "a" }, { id = "a" }]'), "id 'a' is used twice"),
        (
            _with('[fields.stance]\nvalues = [{ id = "a", key = "k" }, { id = "b", key = "K" }]'),
            "key 'k' is used twice",
        ),
        (_with('[fields.stance]\nvalues = [{ id = "a", key = "ab" }]'), "one character"),
        (_with('[fields.stance]\nvalues = [{ id = "a", color = "red" }]'), "#RRGGBB"),
        (_with('[fields.stance]\nvalues = [{ id = "a b" }]'), "id must be"),
        (_with("[fields.stance]\nvalues = []"), "non-empty `values`"),
        (_with('[fields.topic]\nvalues = [{ id = "a" }]'), "extra = true"),
        (_with('[fields.stance]\nextra = true\nvalues = [{ id = "a" }]'), "built-in"),
        (_with('[fields.stance]\nvalue = [{ id = "a" }]'), "unknown key"),
        (_with('[fields.stance]\nvalues = [{ id = "a", colour = "#000000" }]'), "unknown key"),
        (_with("[other]\nx = 1"), "unknown section"),
    ],
)
def test_bad_schemas_are_refused_with_a_reason(toml: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        load_schema(toml, "my.toml")
