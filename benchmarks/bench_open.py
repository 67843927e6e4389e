"""Opening a large, realistic project and scrolling its article list to the end.

The project: the benchmark corpus (`corpus.py`: about 5 KB of text, 12 mentions
and 10 claims with source and cue per article) imported once with the app's own
importer into ``data/open-<corpus>-s<schema>.claims`` and reused (100,000
articles, 1.65 GB, 2.2 M labels; ``BENCH_ARTICLES`` shrinks it for quick runs).

Sides run in turn (A B A B ...), ``BENCH_RUNS`` rounds (at least 5), medians with
min and max (`measure.py`); the page cache is warm (each side reads the file
once before the first round):

1. ``open_100k_realistic_ms``: until the project's window is interactive: the
   project opened (every page checked in the background, see
   `annotator.store.database.PageCheck`), the main window built with the first
   page of the article list, the first article open and the progress shown,
   and the window drawn once. In-process (``ours``) against ``baseline``:
   `Project.open` (no check of every page) plus one query of the list's first
   page, the least any window could do; ``before``: the same window waiting,
   as before issue 14, for the check of every page and for `Project.stats`
   (the progress was read from it). Whole process (``process``): ``annotator gui PROJECT`` from
   spawn until its main window is drawn (``ANNOTATOR_BENCH_EXIT_ON_SHOW``),
   against a script that opens the project and shows its first page in a
   `QTableView`.
2. ``list_scroll_end_100k_ms``: every page of the article list model read from
   the top to the end as the view asks for them (`fetchMore`), against reading
   the same columns of every article with one query (the least it can cost).
   ``page_top_ms`` / ``page_bottom_ms``: the median page among the first and
   the last ten; ``page_ratio`` bottom / top (target about 1). ``offset_*``:
   one page read the old way (``LIMIT/OFFSET``, `Project.articles_page`) at the
   top and at the bottom, for comparison. ``view_scroll_end_ms``: the article
   list panel in a shown window, Ctrl+End pressed until the last article is
   current (one press reads the rest of the list), once the background check of
   every page has ended (it competes for the CPUs for its second or two).
3. ``memory_mib``: peak RSS (MiB) of a fresh process that opens the project in
   the window (``open``), of one that then reads the whole list (``scrolled``),
   and of the baseline script; each process reads its own high-water mark
   (``VmHWM``) as it ends. (`measure.peak_rss_mib` reads the child's
   ``ru_maxrss``, which on Linux starts from this process's size at the fork.)

4. ``actors_tab_first_show_ms``: in an open window (its background check of
   every page ended), the Actors tab made current until it has drawn its first
   page of actors (``ours``: the names, the counts read in a thread), against
   ``before``: the same with the tab's model reading each actor's counts with
   its page, as it did before issue 14 (`ActorQueries.actors_page`). Sides in
   turn; ``counts_ready_ms``: ours until every count of the page has arrived.
   ``--actors`` measures this alone and adds it to an existing ``open.json``.

Targets (issue 14): open under 500 ms, scroll to the end under 1000 ms, page
ratio about 1. Writes ``results/open.json``.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import CorpusSpec, imported_project  # noqa: E402
from measure import (  # noqa: E402
    RESULTS_DIR,
    SHOWN_PREAMBLE,
    alternate,
    log,
    ratio,
    runs_from_env,
    slowdown,
    summary,
    write_results,
)

ANNOTATOR = Path(sys.executable).parent / "annotator"
ARTICLES = int(os.environ.get("BENCH_ARTICLES", 100_000))
ANNOTATOR_NAME = "bench"  # the corpus's annotator: the list shows its statuses and counts
TARGET_OPEN_MS = 500.0
TARGET_SCROLL_MS = 1000.0
EDGE_PAGES = 10

BASELINE_WINDOW = (
    SHOWN_PREAMBLE
    + """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTableView
from annotator.store.project import Project

project = Project.open(sys.argv[1], read_only=True, background_check=True)
rows = project.article_keyset_page("bench", None, 200)
model = QStandardItemModel(len(rows), 5)
for r, (_, row) in enumerate(rows):
    for c, value in enumerate((row.title, row.source, row.story, row.status, row.claims)):
        model.setItem(r, c, QStandardItem(str(value)))
window = QMainWindow()
table = QTableView(window)
table.setModel(model)
window.setCentralWidget(table)
window.resize(1280, 800)
window.show()
app.exec()
project.close()
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        sys.stderr.write(f"peak_mib {int(line.split()[1]) / 1024:.1f}\\n")
"""
)


# -- the project --------------------------------------------------------------------------------


def project_file(spec: CorpusSpec) -> Path:
    """The corpus imported into a project (built once, then reused)."""
    return imported_project(spec, "open")


def warm(path: Path) -> None:
    """Read the file once, so every side finds it in the page cache."""
    with open(path, "rb") as handle:
        while handle.read(1 << 24):
            pass


# -- opening, in this process -------------------------------------------------------------------


def open_window(path: Path, before: bool = False) -> float:
    """Seconds to an interactive window: project opened, window built, drawn once.

    ``before``: as opening was before issue 14, the window waiting for the
    check of every page (`Project.open` without ``background_check``) and for
    `Project.stats` (the progress read from it).
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from annotator.ui.window.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    painted: list[bool] = []

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                painted.append(True)
            return False

    spy = Painted()
    start = time.perf_counter()
    project = Project.open(path, user=ANNOTATOR_NAME, background_check=not before)
    if before:
        project.stats()
    window = MainWindow(project, ANNOTATOR_NAME)
    window.installEventFilter(spy)
    window.show()
    while not painted:
        app.processEvents()
    seconds = time.perf_counter() - start
    assert window.articles.rowCount() > 0
    window.close()  # cancels the page check still under way
    dispose(window)
    return seconds


def dispose(window: Any) -> None:
    """Delete a closed window now, and what it held, so the next run starts as the first did.

    ``deleteLater`` waits for the event loop, which a benchmark never returns
    to; windows left behind, each holding its rows, would make every later
    run pay for them (the cycle collector walks them all).
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def quiet_settings(app: Any, folder: Path) -> None:
    """This process's settings in ``folder``, with suggestions off.

    With them on (the default, issue 15), the window starts computing
    suggestions once drawn, training on every label of the project in a
    thread that holds Python's lock most of the time, and closing waits for
    it: minutes at 100,000 articles. That is measured apart; here the window
    opens as it did before suggestions.
    """
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app.setOrganizationName("claim-annotator-bench")
    app.setApplicationName("bench-open")
    QSettings().setValue("suggestions/background", False)


def open_baseline(path: Path) -> float:
    """Seconds for `Project.open` without the page check, and the first page of the list."""
    from annotator.store.project import Project

    start = time.perf_counter()
    project = Project.open(path, user=ANNOTATOR_NAME, background_check=True)
    rows = project.article_keyset_page(ANNOTATOR_NAME, None, 200)
    seconds = time.perf_counter() - start
    project.close()
    assert rows
    return seconds


# -- opening, whole processes -------------------------------------------------------------------


def make_home(folder: Path) -> dict[str, str]:
    """The environment of a user whose folders are in ``folder``, the name already given."""
    env = dict(os.environ)
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        sub = folder / name.lower()
        sub.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(sub)
    settings = folder / "config" / "claim-annotator" / "Claim annotator.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(
        f"[General]\nannotator={ANNOTATOR_NAME}\n\n[suggestions]\nbackground=false\n",
        encoding="utf-8",
    )
    env["HOME"] = str(folder)
    env["ANNOTATOR_BENCH_EXIT_ON_SHOW"] = "1"
    return env


def until_ready(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``argv`` to its ``ready`` line (its main window drawn)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    ready = None
    for line in process.stdout:
        if line.strip() == "ready" and ready is None:
            ready = time.perf_counter() - start
    _, stderr = process.communicate()
    if process.returncode != 0 or ready is None:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}:\n{stderr}")
    return ready


# -- scrolling ----------------------------------------------------------------------------------


def scroll_model(path: Path) -> tuple[float, list[float]]:
    """Seconds to fetch every page of a fresh article list model, and each page's seconds."""
    from PySide6.QtCore import QModelIndex

    from annotator.store.project import Project
    from annotator.ui.articles.article_list import ArticleListModel

    with Project.open(path, read_only=True, background_check=True) as project:
        if project.page_check is not None:
            project.page_check.cancel()  # only the list reads here
        start = time.perf_counter()
        model = ArticleListModel(project, ANNOTATOR_NAME)
        pages = [time.perf_counter() - start]
        root = QModelIndex()
        while model.canFetchMore(root):
            began = time.perf_counter()
            model.fetchMore(root)
            pages.append(time.perf_counter() - began)
        seconds = time.perf_counter() - start
        assert model.rowCount() == project.article_count()
    del model
    gc.collect()
    return seconds, pages


def scroll_baseline(path: Path) -> float:
    """Seconds to read the list's columns of every article with one query."""
    from annotator.store.project import Project

    with Project.open(path, read_only=True, background_check=True) as project:
        if project.page_check is not None:
            project.page_check.cancel()
        gc.disable()  # as the model reads (`collector_paused`): the floor, not the collector
        try:
            start = time.perf_counter()
            rows = project.article_keyset_page(ANNOTATOR_NAME, None, 10**9)
            seconds = time.perf_counter() - start
        finally:
            gc.enable()
    assert len(rows) == ARTICLES
    return seconds


def offset_pages(path: Path) -> tuple[float, float]:
    """Seconds for one page the old way (LIMIT/OFFSET) at the top and at the bottom."""
    from annotator.store.project import Project

    with Project.open(path, read_only=True, background_check=True) as project:
        if project.page_check is not None:
            project.page_check.cancel()
        start = time.perf_counter()
        project.articles_page(ANNOTATOR_NAME, 0, 200)
        top = time.perf_counter() - start
        start = time.perf_counter()
        project.articles_page(ANNOTATOR_NAME, max(0, ARTICLES - 200), 200)
        bottom = time.perf_counter() - start
    return top, bottom


def scroll_view(path: Path) -> float:
    """Seconds to press Ctrl+End in the window's article list until the last article is current."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from annotator.ui.window.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    project = Project.open(path, user=ANNOTATOR_NAME, background_check=True)
    window = MainWindow(project, ANNOTATOR_NAME)
    window.show()
    app.processEvents()
    table = window.list_panel.table
    total = project.article_count()
    if project.page_check is not None:  # it shares the CPUs with the reading otherwise
        project.page_check.wait()
    start = time.perf_counter()
    while table.currentIndex().row() < total - 1:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            press = QKeyEvent(kind, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            QApplication.sendEvent(table, press)
        app.processEvents()
    seconds = time.perf_counter() - start
    window.close()
    dispose(window)
    return seconds


def actors_tab(path: Path, before: bool = False) -> tuple[float, float]:
    """Seconds until the Actors tab, made current, has drawn its first page; and its counts.

    ``before``: the tab's model reads each page with its actors' counts, as
    before issue 14 (the counts are then in when the page is).
    """
    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from annotator.ui.labels.actor_registry import ActorRegistryModel
    from annotator.ui.window.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    project = Project.open(path, user=ANNOTATOR_NAME, background_check=True)
    window = MainWindow(project, ANNOTATOR_NAME)
    window.show()
    app.processEvents()
    if project.page_check is not None:  # it shares the CPUs with the reading otherwise
        project.page_check.wait()
    panel = window.workspace.panel
    model = panel.registry.model
    if before:

        def page_with_counts(key: Any, limit: int) -> list[Any]:
            page = project.actors_page(key, limit, "")
            return [(key, (actor, mentions, claims)) for key, actor, mentions, claims in page]

        model.page_after = page_with_counts  # type: ignore[method-assign]
    assert isinstance(model, ActorRegistryModel)
    start = time.perf_counter()
    panel.tabs.setCurrentWidget(panel.registry)
    panel.registry.table.viewport().repaint()  # drawn, with what the model has
    shown = time.perf_counter() - start
    assert model.rowCount() > 0
    while model.uncounted():
        app.processEvents()
        time.sleep(0.001)
    counted = time.perf_counter() - start
    window.close()
    dispose(window)
    return shown, counted


def measure_actors_tab(path: Path, runs: int) -> dict[str, Any]:
    """``actors_tab_first_show_ms`` (see the module doc)."""
    counts_ready: list[float] = []

    def ours(_: int) -> float:
        shown, counted = actors_tab(path)
        counts_ready.append(counted)
        return shown

    for before in (False, True):  # once each, not measured
        actors_tab(path, before)
    tab = alternate(
        {"ours": ours, "before": lambda _: actors_tab(path, before=True)[0]}, runs, "actors tab"
    )
    return {
        "ours": ms(tab["ours"]),
        "before": ms(tab["before"]),
        "speedup_vs_before": ratio(tab["ours"], tab["before"]),
        "counts_ready_ms": ms(counts_ready),
    }


# -- child processes (memory) -------------------------------------------------------------------


def child(mode: str, path: Path) -> None:
    """Open the project in the window (``open``), and read the whole list (``scroll``)."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication

    from annotator.store.project import Project
    from annotator.ui.window.app import APPLICATION, ORGANIZATION
    from annotator.ui.window.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)  # the settings of the home `make_home` made
    app.setApplicationName(APPLICATION)
    project = Project.open(path, user=ANNOTATOR_NAME, background_check=True)
    window = MainWindow(project, ANNOTATOR_NAME)
    window.show()
    app.processEvents()
    if mode == "scroll":
        model = window.articles
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            app.processEvents()
    window.close()
    print(f"peak_mib {peak_mib():.1f}", file=sys.stderr)


def peak_mib() -> float:
    """This process's peak resident memory (``VmHWM``, Linux), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def rss(argv: list[str], env: dict[str, str]) -> float:
    """The peak memory a fresh process running ``argv`` says it had (``peak_mib`` on stderr)."""
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    said = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("peak_mib ")]
    if done.returncode != 0 or not said:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    return float(said[-1])


# -- the run ------------------------------------------------------------------------------------


def ms(samples: list[float]) -> dict[str, Any]:
    """`summary` in milliseconds."""
    figures = summary([s * 1000 for s in samples])
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}


def main() -> int:
    from PySide6.QtWidgets import QApplication

    runs = runs_from_env()
    spec = CorpusSpec(articles=ARTICLES)
    path = project_file(spec)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    quiet_settings(app, Path(tempfile.mkdtemp(prefix="bench-open-settings-")))
    size_mb = round(path.stat().st_size / 1e6, 1)
    log(f"project: {path.name}, {size_mb} MB")
    warm(path)
    results: dict[str, Any] = {"articles": ARTICLES, "project_mb": size_mb, "runs": runs}

    # 1. Opening.
    for side in (open_window, open_baseline):  # once each, not measured: imports, caches
        side(path)
    opening = alternate(
        {
            "ours": lambda _: open_window(path),
            "baseline": lambda _: open_baseline(path),
            "before": lambda _: open_window(path, before=True),
        },
        runs,
        "open",
    )
    with tempfile.TemporaryDirectory(prefix="bench-open-") as home:
        env = make_home(Path(home))
        script = Path(home) / "baseline_window.py"
        script.write_text(BASELINE_WINDOW, encoding="utf-8")
        gui = [str(ANNOTATOR), "gui", str(path)]
        base = [sys.executable, str(script), str(path)]
        for argv in (gui, base):  # compile the bytecode once
            until_ready(argv, env)
        process = alternate(
            {"ours": lambda _: until_ready(gui, env), "baseline": lambda _: until_ready(base, env)},
            runs,
            "open, whole process",
        )
        # 3. Memory, fresh processes.
        me = [sys.executable, str(Path(__file__).resolve()), "--child"]
        memory_env = dict(env)
        memory_env.pop("ANNOTATOR_BENCH_EXIT_ON_SHOW")
        memory = alternate(
            {
                "open": lambda _: rss([*me, "open", str(path)], memory_env),
                "scrolled": lambda _: rss([*me, "scroll", str(path)], memory_env),
                "baseline": lambda _: rss([*base], env),
            },
            runs,
            "memory",
        )
    results["open_100k_realistic_ms"] = {
        "ours": ms(opening["ours"]),
        "baseline": ms(opening["baseline"]),
        "before": ms(opening["before"]),
        "slowdown_vs_baseline": slowdown(opening["ours"], opening["baseline"]),
        "speedup_vs_before": ratio(opening["ours"], opening["before"]),
        "process": {
            "ours": ms(process["ours"]),
            "baseline": ms(process["baseline"]),
            "slowdown": slowdown(process["ours"], process["baseline"]),
        },
    }

    # 2. Scrolling to the end.
    page_times: list[list[float]] = []

    def ours_scroll(_: int) -> float:
        seconds, pages = scroll_model(path)
        page_times.append(pages)
        return seconds

    scrolling = alternate(
        {"ours": ours_scroll, "baseline": lambda _: scroll_baseline(path)}, runs, "scroll"
    )
    tops = [statistics.median(p[1 : 1 + EDGE_PAGES]) for p in page_times]
    bottoms = [statistics.median(p[-EDGE_PAGES:]) for p in page_times]
    offsets = [offset_pages(path) for _ in range(runs)]
    view = [scroll_view(path) for _ in range(max(1, runs // 2))]
    results["list_scroll_end_100k_ms"] = {
        "ours": ms(scrolling["ours"]),
        "baseline": ms(scrolling["baseline"]),
        "slowdown_vs_baseline": slowdown(scrolling["ours"], scrolling["baseline"]),
        "pages": len(page_times[0]),
        "page_top_ms": ms(tops),
        "page_bottom_ms": ms(bottoms),
        "page_ratio": round(statistics.median(bottoms) / statistics.median(tops), 3),
        "offset_page_top_ms": ms([t for t, _ in offsets]),
        "offset_page_bottom_ms": ms([b for _, b in offsets]),
        "offset_page_ratio": round(
            statistics.median(b for _, b in offsets) / statistics.median(t for t, _ in offsets), 3
        ),
        "view_scroll_end_ms": ms(view),
    }
    results["memory_mib"] = {
        name: {k: round(v, 1) if isinstance(v, float) else v for k, v in summary(values).items()}
        for name, values in memory.items()
    }
    results["actors_tab_first_show_ms"] = measure_actors_tab(path, runs)
    open_ms = results["open_100k_realistic_ms"]["ours"]["median"]
    scroll_ms = results["list_scroll_end_100k_ms"]["ours"]["median"]
    results["targets"] = {
        "open_100k_realistic_ms": f"< {TARGET_OPEN_MS}",
        "list_scroll_end_100k_ms": f"< {TARGET_SCROLL_MS}",
        "page_ratio": "about 1",
    }
    results["met"] = {
        "open_100k_realistic_ms": open_ms < TARGET_OPEN_MS,
        "list_scroll_end_100k_ms": scroll_ms < TARGET_SCROLL_MS,
    }
    report(results)
    write_results("open", results)
    return 0


def report(results: dict[str, Any]) -> None:
    """The table on stdout."""
    opening = results["open_100k_realistic_ms"]
    scrolling = results["list_scroll_end_100k_ms"]

    def line(label: str, figures: dict[str, Any], unit: str = "ms") -> None:
        print(
            f"{label:44} {figures['median']:10.1f} {unit}"
            f"  ({figures['min']:.1f} - {figures['max']:.1f})"
        )

    print(f"{results['articles']} articles, {results['project_mb']} MB, {results['runs']} runs")
    line("open: window interactive (ours)", opening["ours"])
    line("open: Project.open + first page (baseline)", opening["baseline"])
    line("open: check + stats + first page (before)", opening["before"])
    line("open, whole process: annotator gui", opening["process"]["ours"])
    line("open, whole process: minimal window", opening["process"]["baseline"])
    line("scroll to the end: every page (ours)", scrolling["ours"])
    line("scroll to the end: one query (baseline)", scrolling["baseline"])
    line("page at the top", scrolling["page_top_ms"])
    line("page at the bottom", scrolling["page_bottom_ms"])
    print(f"{'page ratio bottom / top':44} {scrolling['page_ratio']:10.3f}")
    line("OFFSET page at the top (old)", scrolling["offset_page_top_ms"])
    line("OFFSET page at the bottom (old)", scrolling["offset_page_bottom_ms"])
    line("view: Ctrl+End to the last article", scrolling["view_scroll_end_ms"])
    for name, figures in results["memory_mib"].items():
        line(f"peak RSS: {name}", figures, "MiB")
    report_actors(results)
    print("met:", results["met"])


def report_actors(results: dict[str, Any]) -> None:
    """The Actors tab's lines of the table."""
    actors = results["actors_tab_first_show_ms"]
    for label, figures in (
        ("Actors tab first shown (ours)", actors["ours"]),
        ("Actors tab first shown, counts with the page (before)", actors["before"]),
        ("Actors tab: every count of the page in (ours)", actors["counts_ready_ms"]),
    ):
        print(
            f"{label:44} {figures['median']:10.1f} ms"
            f"  ({figures['min']:.1f} - {figures['max']:.1f})"
        )


def actors_only() -> int:
    """``--actors``: measure the Actors tab alone, added to ``results/open.json`` if it exists."""
    import json

    from PySide6.QtWidgets import QApplication

    runs = runs_from_env()
    path = project_file(CorpusSpec(articles=ARTICLES))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    quiet_settings(app, Path(tempfile.mkdtemp(prefix="bench-open-settings-")))
    warm(path)
    earlier = RESULTS_DIR / "open.json"
    results: dict[str, Any] = json.loads(earlier.read_text()) if earlier.exists() else {}
    results.pop("date", None)
    results.pop("python", None)
    results["actors_tab_first_show_ms"] = measure_actors_tab(path, runs)
    report_actors(results)
    write_results("open", results)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
        sys.exit(0)
    if sys.argv[1:] == ["--actors"]:
        sys.exit(actors_only())
    sys.exit(main())
