"""Speed and memory of suggestions: one article, a whole corpus, retraining the learned model.

On the benchmark corpus (`corpus.py`: about 5 KB of text per article, a
registry of 400 actors, labels of ``bench``), imported once into a project
kept in ``data/`` (untimed):

1. **rule suggestions for one 5 KB article**, in process: what the app does
   when an article opens whose suggestions are not computed yet
   (`SuggestionEngine.suggest` with the ``patterns`` and ``actors``
   recommenders, combined, for an annotator with no labels), timed article by
   article over ``ARTICLES_TIMED`` articles, ``BENCH_RUNS`` rounds: median and
   95th percentile (ms) of every sample, with the median of each round
   (min–max); the two recommenders on their own beside it.
2. **the corpus end to end**, whole processes: ``annotator suggest PROJECT
   --annotator fresh --no-retrain`` from spawn to exit (every recommender
   switched on: patterns, actors, the learned model the project keeps from 3,
   links), ``BENCH_RUNS`` runs; articles per second from the median, and the
   peak RSS of one more fresh process.
3. **retraining the learned model** at 1,000 and 10,000 labelled claims, in
   process, the two sizes in turn: reading the labelled articles from the
   project, training (`annotator.assist.learned.train`) and serialising the
   model, as `annotator.assist.compute.retrain` does before keeping it.

No baseline: there is no other offline recommender here to run against;
the figures are absolute. Writes ``results/assist.json`` (``assist-<N>.json``
for a corpus of N articles other than the default). ``BENCH_ARTICLES=2000``
makes a quick run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import DATA_DIR, DEFAULT_ARTICLES, CorpusSpec, ensure_corpus, spec_from_env  # noqa: E402
from measure import (  # noqa: E402
    alternate,
    log,
    process_seconds,
    runs_from_env,
    summary,
    write_results,
)

from annotator.assist.compute import SuggestionEngine  # noqa: E402
from annotator.assist.learned import train  # noqa: E402
from annotator.core.model import Article, ArticleLabels, Status  # noqa: E402
from annotator.io.importer import import_files  # noqa: E402
from annotator.store.migrations import SCHEMA_VERSION  # noqa: E402
from annotator.store.project import Project  # noqa: E402

ANNOTATOR = str(Path(sys.executable).with_name("annotator"))
"""The console script of this environment: what a user runs."""
FRESH = "fresh"
"""The annotator the suggestions are computed for: one with no labels yet."""
ARTICLES_TIMED = 200
TRAINING_SIZES = (1_000, 10_000)
TRAINING_ARTICLES = 2_000
"""A corpus large enough for the larger training size."""
TARGET_ARTICLE_MS = 12.0
"""The app's bar for one keystroke's work; an article's rule suggestions should fit it."""


def project_for(spec: CorpusSpec) -> Path:
    """The corpus imported into a project kept in ``data/`` (made once, untimed)."""
    path = DATA_DIR / f"assist-{spec.path.stem}-s{SCHEMA_VERSION}.claims"
    if path.exists():
        return path
    corpus = ensure_corpus(spec)
    partial = path.with_name(path.name + ".partial")
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    log(f"importing {corpus.name} into {path.name} ...")
    with Project.create(partial) as project:
        import_files(project, [corpus])
    partial.replace(path)
    Path(f"{partial}.lock").unlink(missing_ok=True)
    return path


def percentile(samples: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def ms(value: float) -> float:
    return round(value * 1000, 3)


# -- 1. one article -----------------------------------------------------------------------------


def article_times(path: Path, runs: int) -> dict[str, Any]:
    """Rule suggestions article by article (see the module doc, 1)."""
    with Project.open(path, read_only=True) as project:
        articles = next(project.iter_articles(batch=ARTICLES_TIMED))
        engines = {
            "patterns+actors": SuggestionEngine.open(project, FRESH, ["patterns", "actors"]),
            "patterns": SuggestionEngine.open(project, FRESH, ["patterns"]),
            "actors": SuggestionEngine.open(project, FRESH, ["actors"]),
        }
        samples: dict[str, list[float]] = {name: [] for name in engines}
        rounds: dict[str, list[float]] = {name: [] for name in engines}
        found: dict[str, int] = {}

        def side(name: str) -> Any:
            engine = engines[name]

            def run(_: int) -> float:
                times = []
                count = 0
                for article in articles:
                    labels = ArticleLabels(article.id, FRESH, Status(article.id, FRESH))
                    start = time.perf_counter()
                    count += len(engine.suggest(article, labels))
                    times.append(time.perf_counter() - start)
                samples[name] += times
                found[name] = count
                median = statistics.median(times)
                rounds[name].append(median)
                return median

            return run

        for name in engines:  # warm up: compiled rules, name index
            engines[name].suggest(articles[0], ArticleLabels(articles[0].id, FRESH, Status("", "")))
        alternate({name: side(name) for name in engines}, runs, "one article")
    size = statistics.median(len(a.text.encode("utf-8")) for a in articles)
    return {
        "articles": len(articles),
        "median_bytes": size,
        **{
            name: {
                "median_ms": ms(statistics.median(samples[name])),
                "p95_ms": ms(percentile(samples[name], 0.95)),
                "max_ms": ms(max(samples[name])),
                "round_medians_s": summary(rounds[name]),
                "suggestions_per_article": round(found[name] / len(articles), 1),
            }
            for name in engines
        },
    }


# -- 3. retraining ------------------------------------------------------------------------------


def first_articles_with_claims(project: Project, claims: int) -> list[str]:
    """Ids of the first labelled articles holding together at least ``claims`` claims."""
    ids: list[str] = []
    total = 0
    for batch in project.iter_articles(batch=500):
        labels = project.labels_for([a.id for a in batch])
        for article in batch:
            for entry in labels.get(article.id, {}).values():
                total += len(entry.claims)
            ids.append(article.id)
            if total >= claims:
                return ids
    raise RuntimeError(f"the corpus holds fewer than {claims} claims")


def training_times(
    path: Path, runs: int, sizes: tuple[int, ...] = TRAINING_SIZES
) -> dict[str, Any]:
    """Retraining at each of ``sizes`` claims (see the module doc, 3); keeps the largest model."""
    with Project.open(path) as project:
        chosen = {size: first_articles_with_claims(project, size) for size in sizes}
        models: dict[int, Any] = {}

        def side(size: int) -> Any:
            def run(_: int) -> float:
                start = time.perf_counter()
                ids = chosen[size]
                pairs: list[tuple[Article, ArticleLabels]] = []
                for at in range(0, len(ids), 500):
                    part = ids[at : at + 500]
                    labels = project.labels_for(part)
                    for article in project.articles_by_id(part):
                        pairs += [(article, e) for e in labels.get(article.id, {}).values()]
                model = train(pairs)
                blob = model.to_bytes()
                seconds = time.perf_counter() - start
                models[size] = (model, blob)
                return seconds

            return run

        samples = alternate({f"{size} claims": side(size) for size in sizes}, runs, "retraining")
        model, blob = models[max(sizes)]
        project.save_learned_model(
            model.name,
            model.version,
            blob,
            None,
            model.trained_on.get("articles", 0),
            model.trained_on.get("claims", 0),
        )
    return {
        f"{size}_claims": {
            **summary(samples[f"{size} claims"]),
            "articles": len(chosen[size]),
            "model_kib": round(len(models[size][1]) / 1024, 1),
            "ready": models[size][0].ready,
        }
        for size in sizes
    }


# -- 2. the corpus ------------------------------------------------------------------------------


def fresh_peak_rss_mib(argv: list[str]) -> float:
    """`peak_rss_mib` asked of a small helper process.

    A child forked from this process (which holds the imported corpus and the
    training data by now) counts this process's pages until it runs the
    command; forked from a small helper, it counts only the command's own.
    """
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); from measure import peak_rss_mib;"
        f" print(peak_rss_mib({argv!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def corpus_times(path: Path, articles: int, runs: int) -> dict[str, Any]:
    """``annotator suggest`` over the whole corpus as a process (see the module doc, 2)."""
    argv = [ANNOTATOR, "suggest", str(path), "--annotator", FRESH, "--no-retrain"]
    samples = alternate({"annotator suggest": lambda _: process_seconds(argv)}, runs, "corpus")
    seconds = samples["annotator suggest"]
    log("corpus: peak RSS of a fresh process ...")
    rss = fresh_peak_rss_mib(argv)
    with Project.open(path, read_only=True) as project:
        stored = sum(project.offered_counts(FRESH).values())
    return {
        "articles": articles,
        "seconds": summary(seconds),
        "articles_per_s": round(articles / statistics.median(seconds), 1),
        "articles_per_s_min_max": [
            round(articles / max(seconds), 1),
            round(articles / min(seconds), 1),
        ],
        "peak_rss_mib": rss,
        "suggestions_stored": stored,
    }


def main() -> None:
    """Run the three measurements, print a summary and write the results."""
    spec = spec_from_env()
    runs = runs_from_env()
    path = project_for(spec)
    one = article_times(path, runs)
    # 10,000 claims need about 1,000 articles: a quick run's small corpus may hold fewer.
    enough = spec if spec.articles >= TRAINING_ARTICLES else CorpusSpec(TRAINING_ARTICLES)
    retraining = training_times(project_for(enough), runs)
    if enough is not spec:  # the model for the corpus run: trained on this corpus
        training_times(path, 1, (min(TRAINING_SIZES),))
    corpus = corpus_times(path, spec.articles, runs)
    rules = one["patterns+actors"]
    results = {
        "corpus": spec.path.name,
        "runs": runs,
        "one_article": one,
        "corpus_end_to_end": corpus,
        "retraining": retraining,
        "targets": {
            "one_article_p95_ms": TARGET_ARTICLE_MS,
            "one_article_p95_met": rules["p95_ms"] <= TARGET_ARTICLE_MS,
        },
    }
    print(
        f"rule suggestions, one ~{one['median_bytes'] / 1000:.1f} KB article:"
        f" median {rules['median_ms']} ms, p95 {rules['p95_ms']} ms"
        f" (patterns {one['patterns']['median_ms']} ms, actors {one['actors']['median_ms']} ms)"
    )
    print(
        f"corpus of {spec.articles} articles end to end: {corpus['articles_per_s']} articles/s"
        f" (median of {runs}, {corpus['seconds']['median']:.1f} s), peak RSS"
        f" {corpus['peak_rss_mib']} MiB"
    )
    for size in TRAINING_SIZES:
        figure = retraining[f"{size}_claims"]
        print(
            f"retraining at {size} claims: median {figure['median']:.2f} s"
            f" ({figure['min']:.2f}-{figure['max']:.2f}), model {figure['model_kib']} KiB"
        )
    name = "assist" if spec.articles == DEFAULT_ARTICLES else f"assist-{spec.articles}"
    write_results(name, results)


if __name__ == "__main__":
    main()
