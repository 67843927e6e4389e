"""brat import of attribution events against the same labels as relations (issue 18).

A synthetic corpus in the attribution corpora's layout (texts in ``text/``,
``<article>_<annotator>.ann`` in ``attributions/``), our own words, sized as
PolNeAR's train split: ``BENCH_ARTICLES`` articles (default 840) of 27
attributions each (about 22,700 events), one in seven a quote split around
its cue (a content in two fragments). Every Source, Cue and Content span and
every event is written twice:

- **events** (ours): ``Source``/``Cue``/``Content`` spans, a trigger and an
  ``E`` line per attribution, read through the label map's ``[events]``;
- **relations** (baseline): the same spans, each claim tied to its cue and
  source by ``R`` lines (what the brat importer read before events), the
  discontinuous contents as fragments too.

Both are imported with `import_files` into a fresh project (made untimed),
sides in turn (`measure.alternate`, ``BENCH_RUNS`` rounds), then as whole
processes (``annotator import --format brat --text-dir --ann-dir
--annotator-pattern``). The check: both imports give the same claims
(segments, cue, source span) in every article. Ratios are baseline median /
our median (above 1: events import faster). Writes ``results/brat.json``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from measure import (
    alternate,
    log,
    process_seconds,
    ratio,
    runs_from_env,
    summary,
    write_results,
)

from annotator.core.schema import default_schema
from annotator.io.import_brat import BratLayout
from annotator.io.importer import import_files
from annotator.io.label_map import LabelMap, default_events
from annotator.store.database import create_file
from annotator.store.project import Project

PEOPLE = ("the minister", "a spokeswoman", "the mayor", "an engineer", "the pilot")
CUES = ("said", "warned", "added", "argued", "claimed")
PER_ARTICLE = 27


def _at(sentence: str, base: int, words: str) -> tuple[int, int]:
    """The span of ``words`` in ``sentence``, which starts at ``base`` in its text."""
    start = base + sentence.index(words)
    return start, start + len(words)


def _article(number: int) -> tuple[str, list[str], list[str]]:
    """An article's text and its ``.ann`` lines as events and as relations."""
    text, events, relations = "", [], []
    t = e = r = 0
    for k in range(PER_ARTICLE):
        who, cue = PEOPLE[(number + k) % 5], CUES[(number * 3 + k) % 5]
        first = f"The harbour plan {number}-{k}"
        second = f"will cost more than the bridge {k}"
        split = k % 7 == 0
        if split:
            sentence = f"“{first},” {who} {cue}, “{second}.”\n"
        else:
            sentence = f"{who.capitalize()} {cue} that {first.lower()} {second}.\n"
        base = len(text)
        text += sentence
        source = _at(sentence, base, who.capitalize() if not split else who)
        cue_at = _at(sentence, base, cue)
        if split:
            content = [_at(sentence, base, first), _at(sentence, base, second)]
        else:
            content = [_at(sentence, base, first.lower()), _at(sentence, base, second)]
            content = [(content[0][0], content[1][1])]
        offsets = ";".join(f"{s} {e_}" for s, e_ in content)
        words = " ".join(text[s:e_] for s, e_ in content)
        lines = [
            f"T{t + 1}\tSource {source[0]} {source[1]}\t{text[source[0] : source[1]]}",
            f"T{t + 2}\tCue {cue_at[0]} {cue_at[1]}\t{cue}",
            f"T{t + 3}\tContent {offsets}\t{words}",
        ]
        events += [
            *lines,
            f"T{t + 4}\tAttribution {cue_at[0]} {cue_at[1]}\t{cue}",
            f"E{e + 1}\tAttribution:T{t + 4} Content:T{t + 3} Cue:T{t + 2} Source:T{t + 1}",
        ]
        relations += [
            *lines,
            f"R{r + 1}\tCue Arg1:T{t + 2} Arg2:T{t + 3}",
            f"R{r + 2}\tSource Arg1:T{t + 1} Arg2:T{t + 3}",
        ]
        t, e, r = t + 4, e + 1, r + 2
    return text, events, relations


def write_corpus(root: Path, articles: int) -> dict[str, Path]:
    """The two shapes of the corpus under ``root``; their text folders by name."""
    folders = {}
    for shape in ("events", "relations"):
        (root / shape / "text").mkdir(parents=True)
        (root / shape / "attributions").mkdir()
        folders[shape] = root / shape
    for number in range(articles):
        text, events, relations = _article(number)
        stem = f"article-{number:05}"
        for shape, lines in (("events", events), ("relations", relations)):
            (folders[shape] / "text" / f"{stem}.txt").write_text(text, "utf-8")
            ann = folders[shape] / "attributions" / f"{stem}_4e07.ann"
            ann.write_text("\n".join(lines) + "\n", "utf-8")
    return folders


MAP = LabelMap(
    {"Source": "source", "Cue": "cue", "Content": "claim"},
    {"Cue": "cue", "Source": "source"},
    default_events(),
)
PATTERN = r"_([0-9a-f]{4})$"


def import_once(folder: Path, target: Path) -> float:
    """Seconds `import_files` takes for one shape into a fresh file (made untimed)."""
    target.unlink(missing_ok=True)
    create_file(target, default_schema().source)
    os.sync()
    with Project.open(target) as project:
        start = time.perf_counter()
        import_files(
            project,
            [folder / "text"],
            format="brat",
            label_map=MAP,
            brat_layout=BratLayout(folder / "attributions", PATTERN),
        )
        return time.perf_counter() - start


def claims_of(path: Path) -> set[tuple[object, ...]]:
    """Every claim's article, segments, cue and source span: what both shapes must agree on."""
    found = set()
    with Project.open(path, read_only=True) as project:
        for article in (f"article-{n:05}" for n in range(project.article_count())):
            for claim in project.labels(article, "4e07").claims:
                mention = project.mention(claim.attribution.source_mention or "")
                source = mention.span if mention else None
                found.add((article, claim.content, claim.attribution.cue, source))
    return found


def main() -> None:
    """Build the corpus, time both imports in turn, check them, print and write results."""
    articles = int(os.environ.get("BENCH_ARTICLES", "840"))
    runs = runs_from_env()
    work = Path(tempfile.mkdtemp(prefix="bench-brat-"))
    try:
        folders = write_corpus(work, articles)
        projects = {shape: work / f"{shape}.claims" for shape in folders}
        sides = {
            shape: (lambda _i, s=shape: import_once(folders[s], projects[s])) for shape in folders
        }
        in_process = alternate(sides, runs, "import")
        same = claims_of(projects["events"]) == claims_of(projects["relations"])
        count = len(claims_of(projects["events"]))
        map_file = work / "map.toml"
        map_file.write_text(
            '[labels]\nSource = "source"\nCue = "cue"\nContent = "claim"\n', "utf-8"
        )
        exe = str(Path(sys.executable).with_name("annotator"))

        def process(shape: str) -> float:
            target = work / f"{shape}-cli.claims"
            target.unlink(missing_ok=True)
            create_file(target, default_schema().source)
            os.sync()
            argv = [exe, "import", str(target), "--format", "brat"]
            argv += ["--text-dir", str(folders[shape] / "text")]
            argv += ["--ann-dir", str(folders[shape] / "attributions")]
            argv += ["--annotator-pattern", PATTERN, "--map", str(map_file)]
            return process_seconds(argv)

        whole = alternate({s: (lambda _i, s=s: process(s)) for s in folders}, runs, "process")
        results = {
            "articles": articles,
            "claims": count,
            "same_claims": same,
            "import_in_process": {s: summary(v) for s, v in in_process.items()},
            "import_process": {s: summary(v) for s, v in whole.items()},
            "ratio_in_process": ratio(in_process["events"], in_process["relations"]),
            "ratio_process": ratio(whole["events"], whole["relations"]),
        }
        write_results("brat", results)
        for name, table in (("in process", in_process), ("whole process", whole)):
            for shape, samples in table.items():
                s = summary(samples)
                print(
                    f"{name:14} {shape:10} median {s['median']:.3f} s ({s['min']:.3f}-{s['max']:.3f})"
                )
        print(f"claims {count}, both shapes the same: {same}")
        print(
            f"ratio (relations / events): {results['ratio_in_process']} in process,"
            f" {results['ratio_process']} whole process"
        )
        if not same:
            log("the two shapes gave different claims")
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
