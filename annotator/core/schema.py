"""The label schema: the project's vocabularies, loaded from TOML and validated.

A schema names, for each field, the values an annotator can pick, each with a
keyboard key and a colour. The seven concept fields are fixed in code (the
*concepts* of the domain); their values are the project's to choose. Any other
field is an extra per-claim field and must say ``extra = true``.

A project keeps its schema and may update it (`annotator.core.schema_diff`
works out what an update changes): ``renamed_from`` on a value says which
values of the schema before it replaces, ``weight`` what a stance counts for
in the network export. `LabelSchema.fingerprint` names the vocabulary, and
`LabelSchema.revision` counts the updates of a project's schema.
`with_weights` writes weights into a schema's TOML (an update keeps a value's
weight that way when the new file sets none).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError, quoted

CONCEPT_FIELDS = (
    "stance",
    "category",
    "certainty",
    "checkworthy",
    "attribution_type",
    "source_kind",
    "actor_type",
)
"""Fields every schema defines; labels refer to them by these names."""

STANCE_WEIGHTS = {"support": 1, "oppose": -1}
"""The weight of a stance value that sets none (`Field.weight`): what schemas before
``weight`` existed meant, and so what the default schema means."""

_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Value:
    """One choice of a vocabulary."""

    id: str
    name: str
    key: str | None = None
    color: str | None = None
    description: str = ""
    weight: int | None = None
    """What a claim with this value counts for in the network export (stance); None: unset."""
    renamed_from: tuple[str, ...] = ()
    """Ids of the schema before an update whose labels take this value (see `schema_diff`)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One vocabulary: its label in the UI, where it comes from, and its values."""

    name: str
    label: str
    values: tuple[Value, ...]
    origin: str = ""
    extra: bool = False
    id_set: frozenset[str] = field(init=False, repr=False, compare=False)
    """The value ids as a set: `LabelSchema.allows` runs for every label of an import."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id_set", frozenset(v.id for v in self.values))

    def ids(self) -> tuple[str, ...]:
        """The value ids in schema order."""
        return tuple(v.id for v in self.values)

    def value(self, value_id: str) -> Value | None:
        """The value with this id, or None."""
        return next((v for v in self.values if v.id == value_id), None)

    def weight(self, value: Value) -> int:
        """The network weight of a value: its own, else `STANCE_WEIGHTS` for a stance, else 0."""
        if value.weight is not None:
            return value.weight
        return STANCE_WEIGHTS.get(value.id, 0) if self.name == "stance" else 0


@dataclass(frozen=True, slots=True)
class LabelSchema:
    """A validated label schema, and the TOML it came from (stored in the project).

    ``version`` is what the TOML's ``[schema]`` table says (the author's own
    number); ``revision`` is how many times a project's schema has been set:
    1 as created, one more with each update (the project sets it).
    """

    name: str
    version: int
    fields: dict[str, Field]
    source: str
    revision: int = 1
    fingerprint: str = dataclass_field(init=False, compare=False)
    """16 hex digits that name the vocabulary: the fields in order, their labels,
    origins and values with everything a value says (not ``renamed_from``), but not
    the TOML's comments, layout, name or version."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fingerprint", _fingerprint(self.fields))

    def field(self, name: str) -> Field:
        """The field called ``name``; raises KeyError for an unknown one."""
        return self.fields[name]

    def allows(self, field_name: str, value_id: str | None) -> bool:
        """True if ``value_id`` is None (not chosen yet) or a value of the field."""
        return value_id is None or value_id in self.fields[field_name].id_set

    def extra_fields(self) -> tuple[Field, ...]:
        """The extra per-claim fields, in schema order."""
        return tuple(f for f in self.fields.values() if f.extra)

    def stamp(self) -> str:
        """How exports and listings name this schema: ``"default", revision 2, fingerprint …``."""
        return f"{self.name!r}, revision {self.revision}, fingerprint {self.fingerprint}"

    def stamp_data(self) -> dict[str, str | int]:
        """The stamp as data, for exports that hold JSON: ``name``, ``revision``, ``fingerprint``."""
        return {"name": self.name, "revision": self.revision, "fingerprint": self.fingerprint}


def _fingerprint(fields: dict[str, Field]) -> str:
    described = [
        [
            f.name, f.label, f.origin, f.extra,
            [[v.id, v.name, v.key, v.color, v.description, v.weight] for v in f.values],
        ]
        for f in fields.values()
    ]  # fmt: skip
    text = json.dumps(described, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def load_schema(source: str, origin: str = "schema") -> LabelSchema:
    """Parse and validate a schema from TOML text.

    Args:
        source: the TOML text.
        origin: how to name the schema in messages (usually its file name).

    Raises:
        SchemaError: naming the field and value that are wrong.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{origin}: not valid TOML ({exc})") from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise SchemaError(f"{origin}: not a schema (values nested too deep to read)") from None
    head = data.get("schema", {})
    if not isinstance(head, dict):
        raise SchemaError(f"{origin}: [schema] must be a table")
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, dict) or not raw_fields:
        raise SchemaError(f"{origin}: no [fields.*] tables")
    unknown_top = set(data) - {"schema", "fields"}
    if unknown_top:
        raise SchemaError(f"{origin}: unknown section(s) {', '.join(sorted(unknown_top))}")
    fields = {name: _parse_field(origin, name, raw) for name, raw in raw_fields.items()}
    missing = [name for name in CONCEPT_FIELDS if name not in fields]
    if missing:
        raise SchemaError(f"{origin}: missing field(s) {', '.join(missing)}")
    version = head.get("version", 1)
    if type(version) is not int:
        raise SchemaError(f"{origin}: schema version must be a whole number")
    return LabelSchema(str(head.get("name", "custom")), version, fields, source)


def _parse_field(origin: str, name: str, raw: Any) -> Field:
    where = f"{origin}: field {quoted(name)}"
    if not isinstance(raw, dict):
        raise SchemaError(f"{where} must be a table")
    extra = bool(raw.get("extra", False))
    if name not in CONCEPT_FIELDS and not extra:
        raise SchemaError(
            f"{where} is not a known field; extra per-claim fields need `extra = true`"
        )
    if name in CONCEPT_FIELDS and extra:
        raise SchemaError(f"{where} is a built-in field and cannot be extra")
    unknown = set(raw) - {"label", "origin", "values", "extra"}
    if unknown:
        raise SchemaError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    raw_values = raw.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        raise SchemaError(f"{where} needs a non-empty `values` list")
    values = tuple(_parse_value(where, i, v) for i, v in enumerate(raw_values, 1))
    _check_unique(where, "id", [v.id for v in values])
    _check_unique(where, "key", [v.key for v in values if v.key is not None])
    _check_renames(where, values)
    return Field(
        name=name,
        label=str(raw.get("label", name.replace("_", " ").capitalize())),
        values=values,
        origin=str(raw.get("origin", "")).strip(),
        extra=extra,
    )


def _parse_value(where: str, index: int, raw: Any) -> Value:
    if not isinstance(raw, dict):
        raise SchemaError(f"{where}, value {index} must be a table like {{ id = ..., name = ... }}")
    unknown = set(raw) - {"id", "name", "key", "color", "description", "weight", "renamed_from"}
    if unknown:
        raise SchemaError(f"{where}, value {index}: unknown key(s) {', '.join(sorted(unknown))}")
    value_id = raw.get("id")
    if not isinstance(value_id, str) or not _ID.match(value_id):
        raise SchemaError(
            f"{where}, value {index}: id must be letters, digits, '_', '.' or '-', got {quoted(value_id)}"
        )
    key = raw.get("key")
    if key is not None and (not isinstance(key, str) or len(key) != 1 or not key.isprintable()):
        raise SchemaError(
            f"{where}, value {quoted(value_id)}: key must be one character, got {quoted(key)}"
        )
    color = raw.get("color")
    if color is not None and (not isinstance(color, str) or not _COLOR.match(color)):
        raise SchemaError(f"{where}, value {quoted(value_id)}: color must look like #RRGGBB")
    weight = raw.get("weight")
    if weight is not None and type(weight) is not int:
        raise SchemaError(f"{where}, value {quoted(value_id)}: weight must be a whole number")
    renamed = raw.get("renamed_from", [])
    renamed = [renamed] if isinstance(renamed, str) else renamed
    if not isinstance(renamed, list) or not all(
        isinstance(old, str) and _ID.match(old) for old in renamed
    ):
        raise SchemaError(
            f"{where}, value {quoted(value_id)}: renamed_from must be a value id or a list of them"
        )
    return Value(
        id=value_id,
        name=str(raw.get("name", value_id)),
        key=key.lower() if key else None,
        color=color,
        description=str(raw.get("description", "")),
        weight=weight,
        renamed_from=tuple(renamed),
    )


def _check_renames(where: str, values: tuple[Value, ...]) -> None:
    """A value is renamed into one value at most, and only when it is no value any more."""
    ids = {v.id for v in values}
    _check_unique(where, "renamed_from", [old for v in values for old in v.renamed_from])
    for value in values:
        for old in value.renamed_from:
            if old in ids:
                raise SchemaError(
                    f"{where}, value {quoted(value.id)}: renamed_from {quoted(old)} is still a"
                    " value of the field; remove it, or leave out renamed_from"
                )


def _check_unique(where: str, what: str, items: list[str]) -> None:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise SchemaError(f"{where}: {what} {quoted(item)} is used twice")
        seen.add(item)


def with_weights(schema: LabelSchema, weights: dict[tuple[str, str], int]) -> LabelSchema:
    """``schema`` with these values' ``weight`` written into its TOML, the rest of it as it was.

    Args:
        weights: (field, value id) -> the weight to write; the values set none yet.

    Raises:
        SchemaError: the TOML is laid out so that the value's place was not
            found (the message says to write the weight by hand).
    """
    source = schema.source
    for (field_name, value_id), weight in weights.items():
        source = _weight_written(source, field_name, value_id, weight)
    written = load_schema(source, "the new schema")
    return dataclasses.replace(written, revision=schema.revision)


def _weight_written(source: str, field_name: str, value_id: str, weight: int) -> str:
    """``source`` with ``weight = N`` on one value: beside its id in an inline table, or on
    the line after it in a ``[[fields.F.values]]`` table; the first place whose text
    reads back as the same schema with only that weight added."""
    before = load_schema(source, "the new schema")
    field = before.field(field_name)
    values = tuple(
        dataclasses.replace(v, weight=weight) if v.id == value_id else v for v in field.values
    )
    wanted = {**before.fields, field_name: dataclasses.replace(field, values=values)}
    written = f"weight = {weight}"
    for found in re.finditer(
        rf"""(?<![\w.'"-])["']?id["']?\s*=\s*(["']){re.escape(value_id)}\1""", source
    ):
        end = found.end()
        line_end = source.find("\n", end)
        line_end = len(source) if line_end < 0 else line_end
        for candidate in (
            f"{source[:end]}, {written}{source[end:]}",
            f"{source[:line_end]}\n{written}{source[line_end:]}",
        ):
            try:
                if load_schema(candidate, "the new schema").fields == wanted:
                    return candidate
            except SchemaError:
                continue
    raise SchemaError(
        f"field {quoted(field_name)}, value {quoted(value_id)}: its weight could not be written"
        f" into the file; write `{written}` on the value and load the file again"
    )


def read_schema(path: Path) -> LabelSchema:
    """Load a schema file.

    Raises:
        SchemaError: the file cannot be read, is not UTF-8, or is not a valid schema.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SchemaError(
            f"{path.name}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset"
            f" {exc.start}); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read it ({exc.strerror})") from None
    return load_schema(text, path.name)


def default_schema() -> LabelSchema:
    """The schema shipped in ``resources/schemas/default.toml``."""
    from annotator.resources import resource

    return read_schema(resource("schemas", "default.toml"))
