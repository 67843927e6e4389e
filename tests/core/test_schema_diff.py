"""What a schema update changes (`plan_update`), and the schema keys that express it."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import default_schema, load_schema
from annotator.core.schema_diff import Mapping, plan_update
from tests.schemas import DEFAULT, KEPT, MIXED, with_stances


def test_adding_a_value_adds_it_and_rewrites_nothing() -> None:
    new = load_schema(
        with_stances(
            '{ id = "support", name = "Support", key = "s", color = "#009E73" },\n'
            '{ id = "oppose", name = "Oppose", key = "o", color = "#D55E00" },\n'
            '{ id = "neutral", name = "Neutral", key = "n", color = "#999999" },\n'
            '{ id = "mixed", name = "Mixed", key = "x", weight = 0 },'
        )
    )
    plan = plan_update(default_schema(), new)
    [stance] = plan.fields
    assert (stance.field, stance.added, stance.rewrites, stance.removed) == (
        "stance", ("mixed",), (), ()
    )  # fmt: skip
    assert plan.rewrites() == {} and plan.removed() == {}
    assert plan.lines() == ["stance: added 'mixed' (Mixed, key x)"]


def test_renamed_from_renames_and_a_list_merges_several() -> None:
    new = load_schema(
        with_stances(
            '{ id = "favour", name = "Favour", key = "f", renamed_from = "support", weight = 1 },\n'
            '{ id = "against", name = "Against", key = "a", renamed_from = ["oppose", "neutral"] },'
        )
    )
    plan = plan_update(default_schema(), new)
    assert plan.rewrites() == {
        "stance": {"support": "favour", "oppose": "against", "neutral": "against"}
    }
    assert plan.removed() == {}
    lines = plan.lines({("stance", "support"): 2, ("stance", "oppose"): 1})
    assert lines[:3] == [
        "stance: renamed 'support' to 'favour' (2 labels)",
        "stance: renamed 'oppose' to 'against' (1 label)",
        "stance: renamed 'neutral' to 'against' (0 labels)",
    ]
    # favour keeps support's weight; against loses oppose's -1, and the plan says so
    [note] = [line for line in lines if "note" in line]
    assert "'oppose' counted -1 in the network weight, now 0" in note
    assert "set weight = -1 on 'against'" in note


def test_a_mapping_sends_a_removed_value_elsewhere_or_nowhere() -> None:
    new = load_schema(
        with_stances(
            '{ id = "support", name = "Support", key = "s" },\n'
            '{ id = "oppose", name = "Oppose", key = "o" },\n'
            '{ id = "none", name = "None", key = "n" },'
        )
    )
    old = default_schema()
    assert plan_update(old, new).removed() == {"stance": ("neutral",)}
    to_none = plan_update(old, new, [Mapping.parse("stance:neutral=none")])
    assert to_none.rewrites() == {"stance": {"neutral": "none"}}
    assert to_none.removed() == {}
    assert "stance: renamed 'neutral' to 'none'" in to_none.lines()
    cleared = plan_update(old, new, [Mapping.parse("stance:neutral=")])
    assert cleared.rewrites() == {"stance": {"neutral": None}}
    assert "stance: 'neutral' removed, its labels left without a value" in cleared.lines()
    merged = plan_update(old, new, [Mapping.parse(" stance : neutral = oppose ")])
    assert merged.rewrites() == {"stance": {"neutral": "oppose"}}
    assert "stance: 'neutral' removed, its labels mapped to 'oppose'" in merged.lines()


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("stance:neutral", "not a mapping"),
        ("stance=neutral:none", "not a mapping"),
        ("topic:neutral=none", "no field 'topic'"),
        ("stance:favour=none", "stance has no value 'favour'"),
        ("stance:support=none", "'support' is still a value of stance"),
        ("stance:neutral=maybe", "the new schema has no value 'maybe' in stance"),
    ],
)
def test_a_mapping_that_does_not_fit_is_refused(mapping: str, message: str) -> None:
    new = load_schema(
        with_stances('{ id = "support", key = "s" },\n{ id = "oppose" },\n{ id = "none" },')
    )
    with pytest.raises(SchemaError, match=message):
        plan_update(default_schema(), new, [Mapping.parse(mapping)])


def test_a_mapping_may_not_contradict_renamed_from_or_repeat() -> None:
    new = load_schema(
        with_stances(
            '{ id = "support" },\n{ id = "oppose" },\n{ id = "none", renamed_from = "neutral" },'
        )
    )
    with pytest.raises(SchemaError, match="renamed_from 'neutral'"):
        plan_update(default_schema(), new, [Mapping.parse("stance:neutral=oppose")])
    same = plan_update(default_schema(), new, [Mapping.parse("stance:neutral=none")])
    assert same.rewrites() == {"stance": {"neutral": "none"}}
    twice = [Mapping.parse("stance:neutral=none"), Mapping.parse("stance:neutral=")]
    with pytest.raises(SchemaError, match="mapped twice"):
        plan_update(default_schema(), new, twice)


def test_changed_names_keys_and_order_are_listed() -> None:
    new = load_schema(
        with_stances(
            '{ id = "oppose", name = "Oppose", key = "o", color = "#D55E00" },\n'
            '{ id = "support", name = "In favour", key = "f", color = "#009E73" },\n'
            '{ id = "neutral", name = "Neutral", key = "n", color = "#999999",'
            ' description = "Neither for nor against." },'
        ).replace('label = "Stance"', 'label = "Position"')
    )
    assert plan_update(default_schema(), new).lines() == [
        "stance: label 'Stance' → 'Position'",
        "stance: 'support': name 'Support' → 'In favour'",
        "stance: 'support': key 's' → 'f'",
        "stance: 'neutral': description changed",
        "stance: values in another order (the claim form's order)",
    ]


def test_extra_fields_come_and_go() -> None:
    topic = '\n[fields.topic]\nextra = true\nvalues = [{ id = "trade" }, { id = "war" }]\n'
    with_topic = load_schema(DEFAULT + topic)
    added = plan_update(default_schema(), with_topic)
    assert added.lines() == ["topic: new extra field with values trade, war"]
    removed = plan_update(with_topic, default_schema())
    assert removed.removed() == {"topic": ("trade", "war")}
    assert removed.lines()[0] == "topic: field removed"
    cleared = plan_update(with_topic, default_schema(), [Mapping.parse("topic:war=")])
    assert (cleared.rewrites(), cleared.removed()) == (
        {"topic": {"war": None}},
        {"topic": ("trade",)},
    )
    with pytest.raises(SchemaError, match="no value 'trade' in topic"):
        plan_update(with_topic, default_schema(), [Mapping.parse("topic:war=trade")])


def test_values_the_app_gives_a_meaning_are_flagged_when_they_go() -> None:
    text = DEFAULT.replace(
        '{ id = "named", name = "Named", key = "n", color = "#0072B2" },',
        '{ id = "cited", name = "Cited", key = "n", renamed_from = "named" },',
    )
    plan = plan_update(default_schema(), load_schema(text))
    assert plan.rewrites() == {"source_kind": {"named": "cited"}}
    assert any(
        "note: 'named' has a meaning in the app (a named source is a mention of an actor)" in line
        for line in plan.lines()
    )


def test_the_same_schema_changes_nothing_and_comments_change_only_the_text() -> None:
    old = default_schema()
    assert not plan_update(old, load_schema(DEFAULT)).changes_anything
    commented = load_schema("# a lead's note\n" + DEFAULT)
    plan = plan_update(old, commented)
    assert plan.changes_anything and plan.fields == ()
    assert commented.fingerprint == old.fingerprint
    assert plan.lines() == [
        "no field or value changes (the file differs in comments, name or layout)"
    ]


def test_a_renamed_from_of_a_value_already_gone_is_left_alone() -> None:
    """The same file applies twice (or to a package already updated) without a change."""
    text = with_stances(
        '{ id = "support", key = "s" },\n{ id = "oppose" },\n{ id = "none", renamed_from = "neutral" },'
    )
    once = load_schema(text)
    assert not plan_update(once, load_schema(text)).changes_anything


def test_fingerprint_names_the_vocabulary_and_revision_is_the_projects() -> None:
    schema = default_schema()
    assert len(schema.fingerprint) == 16 and schema.revision == 1
    assert schema.stamp() == f"'default', revision 1, fingerprint {schema.fingerprint}"
    keyed = load_schema(
        DEFAULT.replace('key = "s", color = "#009E73"', 'key = "f", color = "#009E73"')
    )
    assert keyed.fingerprint != schema.fingerprint
    renamed = load_schema(DEFAULT.replace('name = "default"', 'name = "other"'))
    assert renamed.fingerprint == schema.fingerprint


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ('{ id = "a", renamed_from = "b" },\n{ id = "b" },', "renamed_from 'b' is still a value"),
        (
            '{ id = "a", renamed_from = "c" },\n{ id = "b", renamed_from = "c" },',
            "renamed_from 'c' is used twice",
        ),
        ('{ id = "a", renamed_from = 3 },', "renamed_from must be a value id"),
        ('{ id = "a", renamed_from = ["b c"] },', "renamed_from must be a value id"),
        ('{ id = "a", weight = 0.5 },', "weight must be a whole number"),
        ('{ id = "a", weight = true },', "weight must be a whole number"),
    ],
)
def test_bad_renamed_from_and_weight_are_refused(values: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        load_schema(with_stances(values), "new.toml")


def test_weights_default_to_what_the_default_schema_means() -> None:
    stance = default_schema().field("stance")
    assert [stance.weight(v) for v in stance.values] == [1, -1, 0]
    own = load_schema(
        with_stances('{ id = "support", weight = 2 },\n{ id = "oppose" },\n{ id = "mixed" },')
    ).field("stance")
    assert [own.weight(v) for v in own.values] == [2, -1, 0]
    category = default_schema().field("category")
    assert {category.weight(v) for v in category.values} == {0}


AGAINST = '{ id = "against", name = "Against", key = "a", renamed_from = "oppose" },\n'
NEUTRAL = '{ id = "neutral", name = "Neutral", key = "n", color = "#999999" },\n'
SUPPORT = '{ id = "support", name = "Support", key = "s", color = "#009E73" },\n'


def test_a_renamed_value_without_a_weight_keeps_the_one_it_replaces() -> None:
    text = with_stances(SUPPORT + AGAINST + NEUTRAL)
    plan = plan_update(default_schema(), load_schema(text))
    stance = plan.new.field("stance")
    against = stance.value("against")
    assert against is not None and against.weight == -1 and stance.weight(against) == -1
    # written into the TOML the project stores, beside the value's id; the rest as it was
    assert plan.new.source == text.replace('id = "against"', 'id = "against", weight = -1')
    assert plan.lines() == [
        "stance: renamed 'oppose' to 'against'",
        "stance: 'against' keeps the network weight -1, that of 'oppose' (written into the schema)",
    ]
    [field] = plan.fields
    assert field.warnings == ()
    assert [(c.what, c.value, c.after, c.of) for c in field.changed] == [
        ("kept", "against", -1, ("oppose",))
    ]
    # the file again (or on a package updated with it): nothing changes
    assert not plan_update(plan.new, load_schema(text)).changes_anything


def test_a_later_update_without_the_weight_keeps_it_too() -> None:
    first = plan_update(default_schema(), load_schema(with_stances(SUPPORT + AGAINST + NEUTRAL)))
    later = plan_update(first.new, load_schema(with_stances(SUPPORT + AGAINST + NEUTRAL + MIXED)))
    stance = later.new.field("stance")
    assert [stance.weight(v) for v in stance.values] == [1, -1, 0, 0]
    assert 'id = "against", weight = -1' in later.new.source
    assert later.lines() == ["stance: added 'mixed' (Mixed, key x)"]  # the weight stays as stored


def test_a_weight_written_in_the_file_or_one_that_would_not_change_is_left_alone() -> None:
    own = '{ id = "against", key = "a", renamed_from = "oppose", weight = -2 },\n'
    plan = plan_update(default_schema(), load_schema(with_stances(SUPPORT + own + NEUTRAL)))
    assert plan.new.field("stance").weight(plan.new.field("stance").values[1]) == -2
    assert "note: claims with 'oppose' counted -1 in the network weight, now -2" in plan.lines()[-1]
    none = '{ id = "none", key = "n", renamed_from = "neutral" },\n'
    text = with_stances(SUPPORT + KEPT.splitlines()[1] + "\n" + none)
    plain = plan_update(default_schema(), load_schema(text))
    assert plain.new.source == text  # none counts 0 as neutral did: nothing to write
    assert [str(c) for f in plain.fields for c in f.changed] == []


def test_a_weight_is_written_into_a_value_table_of_its_own() -> None:
    """``[[fields.stance.values]]`` tables: the weight goes on the line after the id."""
    tables = "".join(
        f'[[fields.stance.values]]\nid = "{v}"  # {v}\n{extra}\n'
        for v, extra in (("support", ""), ("against", 'renamed_from = "oppose"'), ("neutral", ""))
    )
    text = DEFAULT.replace('label = "Stance"', 'label = "Stance"\nvalues_below = 1')
    start = text.index("values_below")
    end = text.index("]\n", text.index("values = [", start)) + 2
    text = text[:start] + text[end:] + "\n" + tables
    plan = plan_update(default_schema(), load_schema(text))
    assert 'id = "against"  # against\nweight = -1\n' in plan.new.source
    assert plan.new.field("stance").weight(plan.new.field("stance").values[1]) == -1


def test_the_plan_says_its_changes_as_data_and_in_english() -> None:
    text = DEFAULT.replace(
        '{ id = "named", name = "Named", key = "n", color = "#0072B2" },',
        '{ id = "cited", name = "Cited", key = "n", renamed_from = "named" },',
    ).replace('label = "Stance"', 'label = "Position"')
    plan = plan_update(default_schema(), load_schema(text))
    by_field = {f.field: f for f in plan.fields}
    [label] = by_field["stance"].changed
    assert (label.what, label.before, label.after) == ("label", "Stance", "Position")
    [meaning] = by_field["source_kind"].warnings
    assert (meaning.kind, meaning.field, meaning.value) == ("meaning", "source_kind", "named")
    assert str(label) == "label 'Stance' → 'Position'"
