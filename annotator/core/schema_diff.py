"""What updating a project's schema changes: values added, renamed, mapped, removed.

An update replaces the project's schema with a new one (a whole TOML file,
checked like the schema of a new project). `plan_update` compares the two and
says, per field, what happens to the values and so to the labels that hold
them:

- a value of the new schema that the old one lacks is **added**;
- a value whose ``renamed_from`` names values of the old schema is a
  **rename**: their labels take the new id (``renamed_from`` on a value the
  old schema has too merges the old values into it);
- a `Mapping` (``--map stance:neutral=none`` on the command line) sends the
  labels of an old value to a value of the new schema, or to no value
  (``stance:neutral=``, the labels' stance becomes "not set");
- an old value the new schema lacks and nothing maps is **removed**: allowed
  only when no label holds it (the store checks, `annotator.store.schema_changes`);
- name, key, colour, description and weight of a kept value may change, as
  may a field's label and origin; fields may be added, and extra fields removed;
- a value that sets no ``weight`` keeps what its labels counted for in the
  network export: a kept value its weight, a renamed one the weight of the
  values it replaces (when they agree). The plan's schema (`SchemaPlan.new`)
  has that weight written into its TOML, so the project stores it and later
  updates keep it too.

What else changes (`FieldChange`) and what the user should know first (`Notice`)
are data; `SchemaPlan.lines` says them in English (the command line and the
schema history), the app in its own language.

A ``renamed_from`` that names no value of the old schema is left alone, so
the same file can be applied again, or to a work package already updated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.errors import SchemaError, quoted
from annotator.core.schema import Field, LabelSchema, Value, with_weights

FIXED_MEANINGS = {
    ("source_kind", "named"): "a named source is a mention of an actor",
    ("source_kind", "unnamed"): "an unnamed source is words, without a mention",
    ("source_kind", "document"): "a document source is words, without a mention",
    ("source_kind", "author"): "an author source is words, without a mention",
    ("attribution_type", "unattributed"): "an unattributed claim needs no claimant",
}
"""Value ids the app gives a meaning to (`annotator.core.model`, `validate`): a plan warns
when an update removes or renames one."""

CHANGES = ("label", "origin", "order", "name", "key", "color", "description", "weight", "kept")
"""What a `FieldChange` may be about."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    """Something an update changes in a kept field besides which values it has.

    Attributes:
        what: one of `CHANGES`: the field's ``label``, ``origin`` or values'
            ``order``; a kept value's ``name``, ``key``, ``color``,
            ``description`` or ``weight``; or ``kept``: a value that sets no
            weight keeps the one it counted for (written into the schema).
        value: the value it is about; None: the field itself.
        before: the old label, name, key, colour or weight (None for origin,
            order, description and kept).
        after: the new one (for kept: the weight kept).
        of: for kept, the values of the old schema whose weight it is.
    """

    what: str
    value: str | None = None
    before: str | int | None = None
    after: str | int | None = None
    of: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.what == "label":
            return f"label {self.before!r} → {self.after!r}"
        if self.what == "origin":
            return "origin changed"
        if self.what == "order":
            return "values in another order (the claim form's order)"
        if self.what == "description":
            return f"{self.value!r}: description changed"
        if self.what == "kept":
            of = ", ".join(repr(v) for v in self.of)
            whose = "its own" if self.of == (self.value,) else f"that of {of}"
            return (
                f"{self.value!r} keeps the network weight {self.after}, {whose}"
                " (written into the schema)"
            )
        return f"{self.value!r}: {self.what} {self.before!r} → {self.after!r}"


@dataclass(frozen=True, slots=True)
class Notice:
    """What the user should know before an update is applied.

    Attributes:
        kind: ``"weight"``: the labels of ``value`` go to ``target`` (None: not
            set), which counts ``after`` in the network weight where they
            counted ``before``; ``"meaning"``: ``value`` has a meaning in the
            app (`FIXED_MEANINGS`) that goes with it.
        field: the field.
        value: the old value.
        target: where its labels go (weight).
        before: what they counted for (weight).
        after: what they count for now (weight).
        renamed: ``target`` is a value the old schema did not have, so
            ``weight = before`` on it would keep the weight (weight).
    """

    kind: str
    field: str
    value: str
    target: str | None = None
    before: int = 0
    after: int = 0
    renamed: bool = False

    def __str__(self) -> str:
        if self.kind == "meaning":
            meaning = FIXED_MEANINGS[self.field, self.value]
            return f"{self.value!r} has a meaning in the app ({meaning}); without it, that is lost"
        keep = f"; set weight = {self.before} on {self.target!r} to keep it" if self.renamed else ""
        return (
            f"claims with {self.value!r} counted {self.before} in the network weight,"
            f" now {self.after}{keep}"
        )


_MAPPING = re.compile(r"^\s*([^:=\s]+)\s*:\s*([^:=\s]+)\s*=\s*([^:=\s]*)\s*$")


@dataclass(frozen=True, slots=True)
class Mapping:
    """Where the labels of an old value go: a value of the new schema, or None (not set)."""

    field: str
    old: str
    new: str | None

    @classmethod
    def parse(cls, text: str) -> Mapping:
        """Read ``FIELD:OLD=NEW`` (``FIELD:OLD=`` for "not set").

        Raises:
            SchemaError: the text is not of that form.
        """
        found = _MAPPING.match(text)
        if found is None:
            raise SchemaError(
                f"{quoted(text)} is not a mapping; write FIELD:OLD=NEW (stance:neutral=none),"
                " or FIELD:OLD= to leave the labels without a value"
            )
        field, old, new = found.groups()
        return cls(field, old, new or None)

    def __str__(self) -> str:
        return f"{self.field}:{self.old}={self.new or ''}"


@dataclass(frozen=True, slots=True)
class FieldPlan:
    """What an update does to one field.

    Attributes:
        field: the field's name.
        status: ``"added"``, ``"removed"`` or ``"kept"`` (the field itself).
        added: ids of new values (a field added: all of them).
        rewrites: old id -> new id (renamed or mapped) or None (not set); the
            labels holding the old id are rewritten.
        removed: old ids that nothing replaces; labels must not hold them.
        changed: what else changed (a key, a name, a weight kept ...).
        warnings: what the user should know before applying (weights, fixed meanings).
    """

    field: str
    status: str
    added: tuple[str, ...] = ()
    rewrites: tuple[tuple[str, str | None], ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[FieldChange, ...] = ()
    warnings: tuple[Notice, ...] = ()

    def renamed(self, old_schema: LabelSchema) -> tuple[tuple[str, str], ...]:
        """The rewrites to ids the old schema did not have (renames)."""
        old = old_schema.fields.get(self.field)
        known = old.id_set if old is not None else frozenset()
        return tuple((a, b) for a, b in self.rewrites if b is not None and b not in known)

    def mapped(self, old_schema: LabelSchema) -> tuple[tuple[str, str | None], ...]:
        """The rewrites to ids the old schema had too, or to "not set" (mappings)."""
        renamed = set(self.renamed(old_schema))
        return tuple(r for r in self.rewrites if r not in renamed)


@dataclass(frozen=True, slots=True)
class SchemaPlan:
    """An update from ``old`` to ``new``: the fields that change, in the new schema's order.

    ``new`` is the schema to store: the file's, with the weights values keep
    written in (see the module's docs).
    """

    old: LabelSchema
    new: LabelSchema
    fields: tuple[FieldPlan, ...]

    @property
    def changes_anything(self) -> bool:
        """False when the new schema is the old one, to the letter."""
        return bool(self.fields) or self.old.source != self.new.source

    def rewrites(self) -> dict[str, dict[str, str | None]]:
        """Field -> old id -> new id or None, for every label value to rewrite."""
        return {f.field: dict(f.rewrites) for f in self.fields if f.rewrites}

    def removed(self) -> dict[str, tuple[str, ...]]:
        """Field -> old ids that go with nothing in their place."""
        return {f.field: f.removed for f in self.fields if f.removed}

    def lines(self, counts: dict[tuple[str, str], int] | None = None) -> list[str]:
        """The plan in words, one line per change (``stance: added 'mixed' (Mixed, key x)``).

        Args:
            counts: (field, old value id) -> how many labels hold it; shown on
                the lines of renamed, mapped and removed values when given.
        """

        def labels(field: str, value: str) -> str:
            if counts is None:
                return ""
            count = counts.get((field, value), 0)
            return f" ({count} label{'s' * (count != 1)})"

        lines: list[str] = []
        for plan in self.fields:
            name = plan.field
            if plan.status == "added":
                field = self.new.field(name)
                kind = "extra field" if field.extra else "field"
                lines.append(f"{name}: new {kind} with values {', '.join(plan.added)}")
            elif plan.status == "removed":
                lines.append(f"{name}: field removed")
            else:
                field = self.new.field(name)
                for value_id in plan.added:
                    lines.append(f"{name}: added {_described(field.value(value_id))}")
            for old, new in plan.renamed(self.old):
                lines.append(f"{name}: renamed {old!r} to {new!r}{labels(name, old)}")
            for old, target in plan.mapped(self.old):
                where = f"mapped to {target!r}" if target else "left without a value"
                lines.append(f"{name}: {old!r} removed, its labels {where}{labels(name, old)}")
            lines += [f"{name}: removed {old!r}{labels(name, old)}" for old in plan.removed]
            lines += [f"{name}: {change}" for change in plan.changed]
            lines += [f"{name}: note: {warning}" for warning in plan.warnings]
        if not lines and self.changes_anything:
            lines.append("no field or value changes (the file differs in comments, name or layout)")
        return lines


def _described(value: Value | None) -> str:
    assert value is not None
    key = f", key {value.key}" if value.key else ""
    return f"{value.id!r} ({value.name}{key})"


def plan_update(old: LabelSchema, new: LabelSchema, mappings: Sequence[Mapping] = ()) -> SchemaPlan:
    """Work out what replacing ``old`` with ``new`` does, with ``mappings`` for removed values.

    Raises:
        SchemaError: a mapping names a field or value the old schema lacks, a
            value the new schema keeps, a target the new schema lacks, an old
            value twice, or contradicts a ``renamed_from``; or a weight to keep
            could not be written into the TOML.
    """
    by_field: dict[str, dict[str, str | None]] = {}
    for mapping in mappings:
        targets = by_field.setdefault(mapping.field, {})
        if mapping.old in targets:
            raise SchemaError(f"{mapping.field}:{mapping.old} is mapped twice")
        _check_mapping(old, new, mapping)
        targets[mapping.old] = mapping.new
    kept = kept_weights(old, new)
    if kept:
        new = with_weights(new, {key: weight for key, (weight, _) in kept.items()})
    names = [*new.fields, *(n for n in old.fields if n not in new.fields)]
    plans = []
    for name in names:
        plan = _plan_field(
            old.fields.get(name),
            new.fields.get(name),
            by_field.get(name, {}),
            {v: of for (f, v), (_, of) in kept.items() if f == name},
        )
        if plan is not None:
            plans.append(plan)
    return SchemaPlan(old, new, tuple(plans))


def kept_weights(
    old: LabelSchema, new: LabelSchema
) -> dict[tuple[str, str], tuple[int, tuple[str, ...]]]:
    """The weights values of ``new`` keep: (field, value) -> (weight, the old values it is of).

    A value that sets no weight keeps the weight its labels counted for: its
    own if ``old`` has it, that of the values it is ``renamed_from``, when all
    of them counted the same. Only weights other than what the value would
    count for anyway (`Field.weight`) are listed.
    """
    kept: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}
    for name, field in new.fields.items():
        before = old.fields.get(name)
        if before is None:
            continue
        for value in field.values:
            if value.weight is not None:
                continue
            of = tuple(v for v in (value.id, *value.renamed_from) if v in before.id_set)
            weights = {before.weight(_value(before, v)) for v in of}
            if len(weights) == 1 and (weight := weights.pop()) != field.weight(value):
                kept[name, value.id] = (weight, of)
    return kept


def _check_mapping(old: LabelSchema, new: LabelSchema, mapping: Mapping) -> None:
    field = old.fields.get(mapping.field)
    shown = f"--map {mapping}"
    if field is None:
        raise SchemaError(f"{shown}: the schema has no field {mapping.field!r}")
    if mapping.old not in field.id_set:
        raise SchemaError(
            f"{shown}: {mapping.field} has no value {mapping.old!r}"
            f" (its values: {', '.join(field.ids())})"
        )
    target = new.fields.get(mapping.field)
    if target is not None and mapping.old in target.id_set:
        raise SchemaError(
            f"{shown}: {mapping.old!r} is still a value of {mapping.field} in the new schema;"
            " only values it removes are mapped"
        )
    if mapping.new is not None and (target is None or mapping.new not in target.id_set):
        raise SchemaError(
            f"{shown}: the new schema has no value {mapping.new!r} in {mapping.field}"
        )
    renamed_to = next(
        (v.id for v in (target.values if target else ()) if mapping.old in v.renamed_from), None
    )
    if renamed_to is not None and renamed_to != mapping.new:
        raise SchemaError(
            f"{shown}: the new schema says {renamed_to!r} is renamed_from {mapping.old!r}"
        )


def _plan_field(
    old: Field | None,
    new: Field | None,
    mapped: dict[str, str | None],
    kept: dict[str, tuple[str, ...]],
) -> FieldPlan | None:
    if old is None:
        assert new is not None
        return FieldPlan(new.name, "added", added=new.ids())
    if new is None:
        cleared = tuple((v, mapped[v]) for v in old.ids() if v in mapped)
        gone = tuple(v for v in old.ids() if v not in mapped)
        return FieldPlan(old.name, "removed", rewrites=cleared, removed=gone)
    rewrites: dict[str, str | None] = {}
    for value in new.values:
        for before in value.renamed_from:
            if before in old.id_set:
                rewrites[before] = value.id
    rewrites.update(mapped)
    renamed_to = {target for target in rewrites.values() if target is not None}
    added = tuple(v for v in new.ids() if v not in old.id_set and v not in renamed_to)
    removed = tuple(v for v in old.ids() if v not in new.id_set and v not in rewrites)
    ordered = tuple((v, rewrites[v]) for v in old.ids() if v in rewrites)
    changed = _changes(old, new, kept)
    warnings = _warnings(old, new, ordered, removed)
    if not (added or ordered or removed or changed or warnings):
        return None
    return FieldPlan(new.name, "kept", added, ordered, removed, changed, warnings)


def _changes(old: Field, new: Field, kept: dict[str, tuple[str, ...]]) -> tuple[FieldChange, ...]:
    """What changed in a kept field and its kept values, and the weights values keep."""
    found = []
    if old.label != new.label:
        found.append(FieldChange("label", before=old.label, after=new.label))
    if old.origin != new.origin:
        found.append(FieldChange("origin"))
    for value in new.values:
        before = old.value(value.id)
        if before is not None:
            for what in ("name", "key", "color", "description"):
                a, b = getattr(before, what), getattr(value, what)
                if a != b:
                    shown = what != "description"
                    found.append(
                        FieldChange(what, value.id, a if shown else None, b if shown else None)
                    )
            if old.weight(before) != new.weight(value):
                found.append(FieldChange("weight", value.id, old.weight(before), new.weight(value)))
        if value.id in kept and (before is None or before.weight != value.weight):
            found.append(FieldChange("kept", value.id, after=new.weight(value), of=kept[value.id]))
    kept_old = [v for v in old.ids() if v in new.id_set]
    kept_new = [v for v in new.ids() if v in old.id_set]
    if kept_old != kept_new:
        found.append(FieldChange("order"))
    return tuple(found)


def _warnings(
    old: Field,
    new: Field,
    rewrites: tuple[tuple[str, str | None], ...],
    removed: tuple[str, ...],
) -> tuple[Notice, ...]:
    """Weights that a rename or mapping changes, and values of fixed meaning that go."""
    found = []
    for gone, target in rewrites:
        renamed = target is not None and target not in old.id_set
        before = old.weight(_value(old, gone))
        after = new.weight(_value(new, target)) if target is not None else 0
        if before != after and new.name == "stance":
            found.append(Notice("weight", new.name, gone, target, before, after, renamed))
    for gone in (*(g for g, _ in rewrites), *removed):
        if (old.name, gone) in FIXED_MEANINGS:
            found.append(Notice("meaning", old.name, gone))
    return tuple(found)


def _value(field: Field, value_id: str) -> Value:
    value = field.value(value_id)
    assert value is not None
    return value
