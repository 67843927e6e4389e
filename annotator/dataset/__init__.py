"""Training datasets built from a project: grouped, stratified, reproducible splits.

``annotator dataset build PROJECT -o DIR`` calls `build_dataset`; the app and
later tools (the dataset card, ``dataset diff``) use the same API, which is
Qt-free and reads the project only through the store and the exporters:

- `BuildOptions`: split ratios, seed, near-duplicate threshold, which labels
  (gold with the choices of ``export --gold [--fallback single]``, or one
  annotator), whether unfinished articles count, formats (`FORMATS`);
  `parse_split` reads ``"80/10/10"``.
- `build_dataset(project, folder, options, force, progress, extras)` -> `DatasetBuild`
  (``folder``, ``manifest`` as written, ``report``: a `DatasetReport`);
  ``extras`` (`Extras`) writes more files into the folder being built (a
  dataset card, charts), which the manifest lists too.
- `read_manifest(folder)`: the manifest of a dataset folder.

What a folder holds (`annotator.dataset.writers`): ``jsonl/<split>.jsonl``,
``hf/<split>.parquet``, ``spacy/<split>/<NNNNN>.spacy``, ``report.json`` and
``manifest.json``; splits are ``train``, ``dev`` and ``test`` (`SPLITS`).
How articles are grouped and dealt out: `annotator.dataset.splitting`; how
near duplicates are found: `annotator.dataset.minhash`.
"""

from __future__ import annotations

from annotator.dataset.build import (
    MANIFEST,
    REPORT,
    DatasetBuild,
    Extras,
    Progress,
    build_dataset,
    read_manifest,
)
from annotator.dataset.options import FORMATS, SPLITS, BuildOptions, parse_split
from annotator.dataset.report import DatasetReport, NearDuplicate

__all__ = [
    "FORMATS",
    "MANIFEST",
    "REPORT",
    "SPLITS",
    "BuildOptions",
    "DatasetBuild",
    "DatasetReport",
    "Extras",
    "NearDuplicate",
    "Progress",
    "build_dataset",
    "parse_split",
    "read_manifest",
]
