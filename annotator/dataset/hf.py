"""The Hugging Face part of a dataset: one Parquet file per split, with class labels.

Rows are those of the hf export (`annotator.io.export_hf.hf_row`: one row per
article, its claims and mentions as lists of structs), with one difference:
every vocabulary field (a claim's ``stance``, ``category``, ``certainty``,
``checkworthy``, ``attribution_type``, ``source_kind``; a mention's
``actor_type``) is a ``datasets.ClassLabel`` whose names are the schema's value
ids in schema order, stored as its number; ``-1`` is a value not chosen (the
`datasets` convention for "no label"). The features are written into each
file's schema metadata (``huggingface``), so ``datasets.load_dataset`` gives
``features["claims"].feature["stance"].names`` (``features["claims"][0]`` before
`datasets` 4) and
the same types for every split, also an empty one. The label schema's stamp
is there too, under ``label_schema``.

Files are ``hf/<split>.parquet``; ``datasets.load_dataset("parquet",
data_dir=DIR / "hf")`` or ``load_dataset(str(DIR / "hf"))`` loads them as a
``DatasetDict`` with splits ``train``, ``validation`` (our ``dev``: `datasets`
names a ``dev`` file so) and ``test``. Each is written as it comes, a row group
of `ROW_GROUP` rows at a time, so a split is never held whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from annotator.core.errors import AnnotatorError
from annotator.core.schema import LabelSchema
from annotator.io.export import ExportItem
from annotator.io.export_hf import (
    ARTICLE_FIELDS,
    CLAIM_FIELDS,
    MENTION_FIELDS,
    datasets_feature,
    hf_row,
    import_pyarrow,
)
from annotator.io.native import SCHEMA_KEY

CLASS_FIELDS = {
    "claims": ("stance", "category", "certainty", "checkworthy", "attribution_type", "source_kind"),
    "mentions": ("actor_type",),
}
"""The fields of claims and of mentions that are class labels (schema field of the same name)."""

NO_LABEL = -1
ROW_GROUP = 500


class ClassLabels:
    """Value id -> class number for each vocabulary field of a schema."""

    def __init__(self, schema: LabelSchema) -> None:
        self.names = {
            name: schema.field(name).ids() for fields in CLASS_FIELDS.values() for name in fields
        }
        self.numbers = {
            name: {value: n for n, value in enumerate(ids)} for name, ids in self.names.items()
        }

    def number(self, field: str, value: str | None) -> int:
        """The class number of ``value`` (`NO_LABEL` for None)."""
        if value is None:
            return NO_LABEL
        try:
            return self.numbers[field][value]
        except KeyError:
            raise AnnotatorError(
                f"the value {value!r} of {field} is not in the project's schema"
            ) from None

    def row(self, item: ExportItem) -> dict[str, Any]:
        """The dataset row of one article: `hf_row` with class numbers for vocabulary values."""
        row = hf_row(item)
        for kind, fields in CLASS_FIELDS.items():
            for entry in row[kind]:
                for field in fields:
                    entry[field] = self.number(field, entry[field])
        return row


def arrow_schema(schema: LabelSchema, labels: ClassLabels) -> Any:
    """The pyarrow schema of the rows, with the `datasets` features and the schema stamp."""
    pa = import_pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string())}

    def struct(kind: str, fields: tuple[tuple[str, str], ...]) -> Any:
        classes = CLASS_FIELDS[kind]
        return pa.struct(
            [pa.field(name, pa.int64() if name in classes else types[typ]) for name, typ in fields]
        )

    columns = [pa.field(name, pa.string()) for name in ARTICLE_FIELDS]
    columns += [
        pa.field("claims", pa.list_(struct("claims", CLAIM_FIELDS))),
        pa.field("mentions", pa.list_(struct("mentions", MENTION_FIELDS))),
    ]
    rows = pa.schema(columns)
    features = {f.name: datasets_feature(pa, f.type) for f in rows}
    for kind, fields in CLASS_FIELDS.items():
        (inner,) = features[kind]  # a list of structs is written [{...}]
        for name in fields:
            inner[name] = {"names": list(labels.names[name]), "_type": "ClassLabel"}
    metadata = {
        "huggingface": orjson.dumps({"info": {"features": features}}).decode(),
        SCHEMA_KEY: orjson.dumps(schema.stamp_data()).decode(),
    }
    return rows.with_metadata(metadata)


class ParquetSplit:
    """One split's Parquet file, written a row group at a time."""

    def __init__(self, path: Path, schema: Any) -> None:
        self.pa = import_pyarrow()
        self.schema = schema
        self.writer = self.pa.parquet.ParquetWriter(path, schema)
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        """Add a row (written when `ROW_GROUP` are waiting)."""
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(self.pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        """Write what is waiting and finish the file (an empty split has no row group)."""
        self._flush()
        self.writer.close()
