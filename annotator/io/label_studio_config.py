"""Propose a label map from a Label Studio labelling config (the project's XML).

A Label Studio project names its labels in its config::

    <View>
      <Text name="text" value="$text"/>
      <Labels name="label" toName="text">
        <Label value="Claim"/><Label value="PER"/><Label value="Cue"/>
      </Labels>
      <Relations><Relation value="Source"/></Relations>
      <Choices name="stance" toName="text" perRegion="true">
        <Choice value="support"/><Choice value="oppose"/>
      </Choices>
    </View>

`propose_label_map` reads it and maps each ``<Label>`` (by its ``alias`` if
it has one, as Label Studio writes the alias into the results) and each
``<Relation>`` to one of our concepts by its name (`LABEL_WORDS`,
`RELATION_WORDS`, the schema's actor types and the default map's names, any
case), and says what the import cannot use: labels and relations whose name
says nothing it knows, labels on something other than a text, per-region
``<Choices>`` and ``<TextArea>`` the import ignores (only those named as our
claim fields and ``note`` are read), their choices that are no value of the
schema, and other controls.

The config is parsed by the standard library's ``xml.etree`` (expat). That
parser expands no external entities and fetches no DTD, and expat 2.4.1 and
later refuse the exponential and quadratic entity expansions ("billion
laughs"); a labelling config never needs a document type, so one that
declares a DTD or entity is refused outright, as is a config larger than
`MAX_CONFIG_BYTES`. So no extra dependency (defusedxml) is needed to read a
file a user was sent.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.schema import LabelSchema
from annotator.io.export_label_studio import CHOICE_FIELDS, NOTE
from annotator.io.label_map import LabelMap, default_label_map

MAX_CONFIG_BYTES = 2**20
"""A labelling config is a few kilobytes; a larger file is refused."""

LABEL_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("claim", "claims", "statement", "assertion", "quote", "quotation", "content", "opinion"),
        "claim",
    ),
    **dict.fromkeys(("cue", "attribution cue", "speech verb", "reporting verb", "verb"), "cue"),
    **dict.fromkeys(("source", "speaker", "claimant", "attributed to", "opinion holder", "holder"), "source"),
    **dict.fromkeys(
        (
            "mention", "entity", "actor", "per", "person", "people", "org", "organization",
            "organisation", "gpe", "loc", "location", "norp", "country", "state", "government",
            "party", "media", "official", "politician", "institution", "group",
        ),
        "mention",
    ),
}  # fmt: skip
"""Span label names (any case, ``_`` and ``-`` read as spaces) and the concept each maps to."""

RELATION_WORDS: dict[str, str] = {
    **dict.fromkeys(("cue", "has cue", "cue of"), "cue"),
    **dict.fromkeys(
        ("source", "said by", "speaker", "claimant", "attributed to", "says", "said"), "source"
    ),
    **dict.fromkeys(("segment", "continues", "continuation", "same claim"), "segment"),
}
"""Relation names (as `LABEL_WORDS`) and the concept each maps to."""

_TEXT_OBJECTS = {"Text", "HyperText", "Paragraphs"}
_LAYOUT = {"View", "Header", "Style", "Filter", "Collapse", "Panel"}
_REGION_LABELS = {"Labels", "HyperTextLabels", "ParagraphLabels"}
_SPAN_LABELS = {"Labels"}  # the only ones whose results have the text's start and end


@dataclass
class ProposedMap:
    """A label map read from a config, and what of the config the import cannot use."""

    labels: dict[str, str] = field(default_factory=dict)
    relations: dict[str, str] | None = None
    """None: the config has no ``<Relations>``; the default relations are kept."""
    unmapped_labels: list[str] = field(default_factory=list)
    unmapped_relations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Everything else the import cannot use, one sentence each."""

    def problems(self) -> list[str]:
        """What cannot be mapped, one line each (labels and relations first)."""
        lines = [
            f"label {name!r}: its name says nothing the import knows; map it to claim, mention,"
            " source, cue or ignore (tasks using it are refused until then)"
            for name in self.unmapped_labels
        ]
        lines += [
            f"relation {name!r}: its name says nothing the import knows; map it to cue, source,"
            " segment or ignore (tasks using it are refused until then)"
            for name in self.unmapped_relations
        ]
        return lines + self.notes

    def label_map(self, schema: LabelSchema) -> LabelMap:
        """The map to import with: unmapped names left out, the default relations if none given."""
        default = default_label_map(schema)
        relations = self.relations if self.relations is not None else default.relations
        return LabelMap(dict(self.labels), dict(relations), default.events)

    def toml(self, config: str = "") -> str:
        """The map as the TOML file ``--map`` reads; unmapped names are comments to fill in."""
        out = [
            "# Label map proposed from the Label Studio config" + (f" {config}" if config else "")
        ]
        out.append("# Concepts: claim, mention, source, cue, ignore (relations: cue, source,")
        out.append("# segment, ignore). Lines starting with # are not read.")
        out.append("")
        out.append("[labels]")
        out += [f"{_key(name)} = {_string(concept)}" for name, concept in self.labels.items()]
        out += [f'# {_key(name)} = "?"' for name in self.unmapped_labels]
        if self.relations is not None:
            out.append("")
            out.append("[relations]")
            out += [f"{_key(name)} = {_string(c)}" for name, c in self.relations.items()]
            out += [f'# {_key(name)} = "?"' for name in self.unmapped_relations]
        return "\n".join(out) + "\n"


def _string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _string(name)


def _words(name: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", name).split()).casefold()


def _concept(name: str, known: dict[str, str], words: dict[str, str]) -> str | None:
    """The concept of a label or relation name: the default map's, else by its words."""
    folded = {k.casefold(): v for k, v in known.items()}
    return known.get(name) or folded.get(name.casefold()) or words.get(_words(name))


def read_config(path: Path) -> ElementTree.Element:
    """The root element of a labelling config file.

    Raises:
        InputError: the file cannot be read, is too large, declares a DTD or
            entities, or is not XML.
    """
    name = str(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise InputError(name, f"cannot read the config ({exc.strerror})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise InputError(name, f"larger than {MAX_CONFIG_BYTES:,} bytes: no labelling config")
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise InputError(name, "declares a document type or entities; a labelling config has none")
    try:
        return ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise InputError(name, f"not valid XML ({exc.msg})", line, column + 1) from None


def propose_label_map(path: Path, schema: LabelSchema) -> ProposedMap:
    """The label map a labelling config suggests (see the module's doc).

    Raises:
        InputError: the config cannot be read (`read_config`) or has no labels.
    """
    root = read_config(path)
    default = default_label_map(schema)
    objects = {
        element.get("name"): element.tag
        for element in root.iter()
        if element.get("name") and element.get("value", "").startswith("$")
    }
    proposed = ProposedMap()
    seen_labels = False
    for element in root.iter():
        tag, name = element.tag, element.get("name", "")
        where = f"<{tag} name={name!r}>"
        if tag in _REGION_LABELS:
            seen_labels = True
            target = objects.get(element.get("toName", ""))
            if tag not in _SPAN_LABELS or (target is not None and target not in _TEXT_OBJECTS):
                on = f"<{target}>" if target else "its object"
                proposed.notes.append(
                    f"{where}: labels on {on} have no start and end in a plain text; not imported"
                )
                continue
            for label in element.iter("Label"):
                value = label.get("alias") or label.get("value")
                if not value or value in proposed.labels or value in proposed.unmapped_labels:
                    continue
                concept = _concept(value, default.labels, LABEL_WORDS)
                if concept is None:
                    proposed.unmapped_labels.append(value)
                else:
                    proposed.labels[value] = concept
        elif tag == "Relations":
            proposed.relations = proposed.relations or {}
            for relation in element.iter("Relation"):
                value = relation.get("alias") or relation.get("value")
                if not value or value in proposed.relations:
                    continue
                concept = _concept(value, default.relations, RELATION_WORDS)
                if concept is None:
                    proposed.unmapped_relations.append(value)
                else:
                    proposed.relations[value] = concept
        elif tag == "Choices":
            _choices(element, where, schema, proposed)
        elif tag == "TextArea":
            if name != NOTE:
                proposed.notes.append(
                    f'{where}: only a per-region <TextArea name="{NOTE}"> (the claim\'s note)'
                    " is imported; this one is ignored"
                )
            elif element.get("perRegion") != "true":
                proposed.notes.append(f'{where}: not perRegion="true", so it is ignored')
        elif (
            tag not in _LAYOUT | _TEXT_OBJECTS | {"Label", "Relation", "Choice"}
            and element.get("toName") is not None
        ):
            proposed.notes.append(f"{where}: not imported")
    if not seen_labels:
        raise InputError(str(path), "no <Labels> in the config: nothing to map")
    return proposed


def _choices(
    element: ElementTree.Element, where: str, schema: LabelSchema, out: ProposedMap
) -> None:
    name = element.get("name", "")
    if name not in CHOICE_FIELDS:
        out.notes.append(
            f"{where}: only per-region choices named {', '.join(CHOICE_FIELDS)} are imported;"
            " this one is ignored"
        )
        return
    if element.get("perRegion") != "true":
        out.notes.append(
            f'{where}: not perRegion="true": a choice for the whole task is ignored'
            f" (the import reads {name} per claim region)"
        )
        return
    allowed = schema.field(name).ids()
    for choice in element.iter("Choice"):
        value = choice.get("alias") or choice.get("value") or ""
        if value not in allowed:
            out.notes.append(
                f"{where}: the choice {value!r} is no {name} of the schema"
                f" ({', '.join(allowed)}); claims with it are refused"
            )
