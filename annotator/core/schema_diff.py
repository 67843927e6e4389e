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
  may a field's label and origin; fields may be added, and extra fields removed.

A ``renamed_from`` that names no value of the old schema is left alone, so
the same file can be applied again, or to a work package already updated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.errors import SchemaError, quoted
from annotator.core.schema import Field, LabelSchema, Value

FIXED_MEANINGS = {
    ("source_kind", "named"): "a named source is a mention of an actor",
    ("source_kind", "unnamed"): "an unnamed source is words, without a mention",
    ("source_kind", "document"): "a document source is words, without a mention",
    ("source_kind", "author"): "an author source is words, without a mention",
    ("attribution_type", "unattributed"): "an unattributed claim needs no claimant",
}
"""Value ids the app gives a meaning to (`annotator.core.model`, `validate`): a plan warns
when an update removes or renames one."""

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
        changed: what else changed, one short phrase each (``key 's' → 'f'``).
        warnings: what the user should know before applying (weights, fixed meanings).
    """

    field: str
    status: str
    added: tuple[str, ...] = ()
    rewrites: tuple[tuple[str, str | None], ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

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
    """An update from ``old`` to ``new``: the fields that change, in the new schema's order."""

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
            value twice, or contradicts a ``renamed_from``.
    """
    by_field: dict[str, dict[str, str | None]] = {}
    for mapping in mappings:
        targets = by_field.setdefault(mapping.field, {})
        if mapping.old in targets:
            raise SchemaError(f"{mapping.field}:{mapping.old} is mapped twice")
        _check_mapping(old, new, mapping)
        targets[mapping.old] = mapping.new
    names = [*new.fields, *(n for n in old.fields if n not in new.fields)]
    plans = []
    for name in names:
        plan = _plan_field(old.fields.get(name), new.fields.get(name), by_field.get(name, {}))
        if plan is not None:
            plans.append(plan)
    return SchemaPlan(old, new, tuple(plans))


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
    old: Field | None, new: Field | None, mapped: dict[str, str | None]
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
    changed = _changes(old, new)
    warnings = _warnings(old, new, ordered, removed)
    if not (added or ordered or removed or changed or warnings):
        return None
    return FieldPlan(new.name, "kept", added, ordered, removed, changed, warnings)


def _changes(old: Field, new: Field) -> tuple[str, ...]:
    """What changed in a kept field and its kept values, one phrase each."""
    found = []
    if old.label != new.label:
        found.append(f"label {old.label!r} → {new.label!r}")
    if old.origin != new.origin:
        found.append("origin changed")
    for value in new.values:
        before = old.value(value.id)
        if before is None:
            continue
        for what in ("name", "key", "color", "description", "weight"):
            a, b = getattr(before, what), getattr(value, what)
            if a != b:
                shown = "changed" if what == "description" else f"{a!r} → {b!r}"
                found.append(f"{value.id!r}: {what} {shown}")
    kept_old = [v for v in old.ids() if v in new.id_set]
    kept_new = [v for v in new.ids() if v in old.id_set]
    if kept_old != kept_new:
        found.append("values in another order (the claim form's order)")
    return tuple(found)


def _warnings(
    old: Field,
    new: Field,
    rewrites: tuple[tuple[str, str | None], ...],
    removed: tuple[str, ...],
) -> tuple[str, ...]:
    """Weights that a rename or mapping changes, and values of fixed meaning that go."""
    found = []
    for gone, target in rewrites:
        renamed = target is not None and target not in old.id_set
        before = old.weight(_value(old, gone))
        after = new.weight(_value(new, target)) if target is not None else 0
        if before != after and new.name == "stance":
            found.append(
                f"claims with {gone!r} counted {before} in the network weight, now {after}"
                + (f"; set weight = {before} on {target!r} to keep it" if renamed else "")
            )
    for gone in (*(g for g, _ in rewrites), *removed):
        meaning = FIXED_MEANINGS.get((old.name, gone))
        if meaning is not None:
            found.append(f"{gone!r} has a meaning in the app ({meaning}); without it, that is lost")
    return tuple(found)


def _value(field: Field, value_id: str) -> Value:
    value = field.value(value_id)
    assert value is not None
    return value
