"""Label mapping files: another tool's span labels, relation and event types -> our concepts.

A mapping is a TOML file with up to three tables::

    [labels]                 # span label -> claim | mention | source | cue | ignore
    Claim = "claim"
    PER = "mention"
    Speaker = "source"       # a mention made only as a claim's source
    Cue = "cue"
    [relations]              # relation type -> cue | source | segment | ignore
    Cue = "cue"              # cue -> claim
    Source = "source"        # source mention -> claim
    Segment = "segment"      # a claim's first segment -> one more segment of it
    [events.Attribution]     # brat event type: role -> claim | cue | source | ignore
    Content = "claim"        # the claim's content (several arguments: its segments)
    Cue = "cue"
    Source = "source"

A table the file leaves out keeps the default (`default_label_map`): what our
own doccano and brat exporters write (``Claim``, ``Mention``, ``Cue`` and every
actor type of the schema, as mentions are labelled with their actor's type;
``Cue``, ``Source`` and ``Segment`` as relations) and the names of the public
attribution corpora in brat (PARC 3.0, PolNeAR): ``Source``, ``Cue`` and
``Content`` spans tied by ``Attribution`` and ``Attribution-no-source`` events
(PolNeAR's ``Discard`` and ``Discuss`` spans, its annotators' notes, are ignored).
An event's trigger (a span labelled with the event's type) needs no label of
its own. brat numbers a role given twice (``Content2``): the number is not
part of the role's name here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.schema import LabelSchema
from annotator.io.export_brat import CLAIM, CUE, MENTION

LABEL_CONCEPTS = ("claim", "mention", "source", "cue", "ignore")
RELATION_CONCEPTS = ("cue", "source", "segment", "ignore")
ROLE_CONCEPTS = ("claim", "cue", "source", "ignore")

SOURCE = "Source"
"""The span label of a source, and the role of an event that cites it (the corpora's name)."""
CONTENT = "Content"
"""The corpora's span label of a claim's content, and the event role that takes it."""
ATTRIBUTION = "Attribution"
"""The corpora's event of an attribution with a source."""
ATTRIBUTION_NO_SOURCE = "Attribution-no-source"
"""The corpora's event of an attribution without a source."""
CORPUS_NOTES = ("Discard", "Discuss")
"""PolNeAR's spans of its annotators' own notes (to discard, to discuss): no labels, ignored."""
SEGMENT = "Segment"
"""The relation type our span exports tie a claim's further segments to its first with."""


@dataclass(frozen=True)
class LabelMap:
    """Span labels, relation types and event roles of another tool, each mapped to one of
    our concepts (see the module's doc)."""

    labels: dict[str, str] = field(default_factory=dict)
    relations: dict[str, str] = field(default_factory=dict)
    events: dict[str, dict[str, str]] = field(default_factory=dict)


def default_events() -> dict[str, dict[str, str]]:
    """The events of the attribution corpora (and of our brat export with ``--events``)."""
    return {
        ATTRIBUTION: {CONTENT: "claim", CUE: "cue", SOURCE: "source"},
        ATTRIBUTION_NO_SOURCE: {CONTENT: "claim", CUE: "cue"},
    }


def default_label_map(schema: LabelSchema) -> LabelMap:
    """The mapping that reads back what our own exporters write, and the corpora's names."""
    labels = {CLAIM: "claim", MENTION: "mention", CUE: "cue", CONTENT: "claim", SOURCE: "source"}
    labels |= dict.fromkeys(CORPUS_NOTES, "ignore")
    for actor_type in schema.field("actor_type").ids():
        labels.setdefault(actor_type, "mention")
    relations = {"Cue": "cue", "Source": "source", SEGMENT: "segment"}
    return LabelMap(labels, relations, default_events())


def _table(name: str, raw: Any, key: str, allowed: tuple[str, ...]) -> dict[str, str] | None:
    table = raw.get(key)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(name, f"[{key}] must be a table of name = concept")
    for label, concept in table.items():
        if concept not in allowed:
            raise InputError(
                name,
                f"[{key}] {label} = {concept!r}: the concept must be one of {', '.join(allowed)}",
            )
    return dict(table)


def load_label_map(path: Path | str, schema: LabelSchema) -> LabelMap:
    """Read a mapping file; tables it leaves out keep the default.

    Raises:
        InputError: the file is missing, not TOML, or maps to an unknown concept.
    """
    name = str(path)
    try:
        raw = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except OSError as exc:
        raise InputError(name, f"cannot read the label mapping ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(name, "the label mapping is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(name, f"not valid TOML ({exc})") from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise InputError(name, "not a label mapping (values nested too deep to read)") from None
    unknown = set(raw) - {"labels", "relations", "events"}
    if unknown:
        raise InputError(
            name,
            f"unknown table(s) {', '.join(sorted(unknown))}; use [labels], [relations]"
            " and [events.<type>]",
        )
    default = default_label_map(schema)
    labels = _table(name, raw, "labels", LABEL_CONCEPTS)
    relations = _table(name, raw, "relations", RELATION_CONCEPTS)
    return LabelMap(
        labels if labels is not None else default.labels,
        relations if relations is not None else default.relations,
        _events(name, raw.get("events")) if "events" in raw else default.events,
    )


def _events(name: str, raw: Any) -> dict[str, dict[str, str]]:
    """The ``[events.<type>]`` tables: role -> concept for each event type."""
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise InputError(name, "[events] must hold one table per event type: [events.<type>]")
    events: dict[str, dict[str, str]] = {}
    for kind, roles in raw.items():
        table = _table(name, {f"events.{kind}": roles}, f"events.{kind}", ROLE_CONCEPTS)
        events[kind] = table or {}
    return events
