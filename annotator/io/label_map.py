"""Label mapping files: another tool's span labels and relation types -> our concepts.

A mapping is a TOML file with two tables::

    [labels]                 # span label -> claim | mention | cue | ignore
    Claim = "claim"
    PER = "mention"
    Cue = "cue"
    [relations]              # relation type -> cue | source | ignore
    Cue = "cue"              # cue -> claim
    Source = "source"        # source mention -> claim

A table the file leaves out keeps the default (`default_label_map`), which is
what our own doccano and brat exporters write: ``Claim``, ``Mention``, ``Cue``
and every actor type of the schema (mentions are labelled with their actor's
type) as span labels, ``Cue`` and ``Source`` as relations.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.schema import LabelSchema
from annotator.io.export_brat import CLAIM, CUE, MENTION

LABEL_CONCEPTS = ("claim", "mention", "cue", "ignore")
RELATION_CONCEPTS = ("cue", "source", "ignore")


@dataclass(frozen=True)
class LabelMap:
    """Span labels and relation types of another tool, each mapped to one of our concepts."""

    labels: dict[str, str] = field(default_factory=dict)
    relations: dict[str, str] = field(default_factory=dict)


def default_label_map(schema: LabelSchema) -> LabelMap:
    """The mapping that reads back what our own exporters write."""
    labels = {CLAIM: "claim", MENTION: "mention", CUE: "cue"}
    for actor_type in schema.field("actor_type").ids():
        labels.setdefault(actor_type, "mention")
    return LabelMap(labels, {"Cue": "cue", "Source": "source"})


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
    unknown = set(raw) - {"labels", "relations"}
    if unknown:
        raise InputError(
            name, f"unknown table(s) {', '.join(sorted(unknown))}; use [labels] and [relations]"
        )
    default = default_label_map(schema)
    labels = _table(name, raw, "labels", LABEL_CONCEPTS)
    relations = _table(name, raw, "relations", RELATION_CONCEPTS)
    return LabelMap(
        labels if labels is not None else default.labels,
        relations if relations is not None else default.relations,
    )
