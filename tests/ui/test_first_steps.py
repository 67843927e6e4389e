"""The sample teaches: its example labels are shown read-only beside one's own, and the guided
first claim walks through the real keys on the practice article, can be skipped and reopened."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from annotator.core.spans import Span
from annotator.io.importer import import_files
from annotator.samples import (
    EXAMPLE,
    EXAMPLE_ARTICLES,
    PRACTICE_ARTICLE,
    SECOND_EXAMPLE,
    build_sample,
    sample_project,
    sample_source,
)
from annotator.store.project import Project
from annotator.ui.window.app import Controller, run
from annotator.ui.window.first_steps import GUIDE_SETTING
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from annotator.ui.window.welcome import WelcomeScreen
from tests.ui.keys import type_text
from tests.ui.starting import once_a_main_window_shows


@pytest.fixture
def sample(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The sample project as the app builds it, opened by a newcomer."""
    project = Project.open(sample_project())
    window = MainWindow(project, "newcomer")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    project.close()


def open_article(window: MainWindow, article_id: str) -> None:
    window.list_panel.show_article(article_id)
    window.workspace.open_article(article_id)
    window.first_steps.article_opened(article_id)


def digest(path: Path) -> str:
    files = [path, path.with_name(path.name + "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in files if p.exists())).hexdigest()


def test_the_sample_holds_labelled_examples_and_articles_to_label(tmp_path: Path) -> None:
    path = build_sample(tmp_path / "sample.claims")
    with Project.open(path) as project:
        first = project.labels(EXAMPLE_ARTICLES[0], EXAMPLE)
        kinds = {c.attribution.source_kind for c in first.claims}
        assert kinds == {"named", "unnamed", "document"}
        assert all(c.stance and c.attribution.attribution_type for c in first.claims)
        (split,) = [c for c in first.claims if c.segments]
        assert [
            project.article(EXAMPLE_ARTICLES[0]).text[s.start : s.end] for s in split.segments
        ] == [  # type: ignore[union-attr]
            "The toll was raised overnight",
            "and nobody in Drummel thought to tell us",
        ]
        orvia = project.find_actors("Tessin")  # the capital is an alias of the state
        assert [a.name for a in orvia] == ["Orvia"]
        assert first.links and split.id in first.links  # linked to the other article's claim
        second = project.labels(EXAMPLE_ARTICLES[1], SECOND_EXAMPLE)
        assert (
            second.claims and project.labels(EXAMPLE_ARTICLES[1], EXAMPLE).claims != second.claims
        )
        assert not project.labels(PRACTICE_ARTICLE, "newcomer").claims


def test_examples_are_shown_read_only_beside_ones_own_work(qtbot, sample: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = sample
    steps = window.first_steps
    assert steps.sample and steps.dock is not None and steps.pane is not None
    open_article(window, EXAMPLE_ARTICLES[0])
    assert steps.dock.isVisible()
    assert steps.pane.claims.rowCount() == 4  # the example's claims, not the newcomer's (none)
    assert window.workspace.state is not None and not window.workspace.state.claims
    open_article(window, EXAMPLE_ARTICLES[1])  # the disagreement: both annotators to choose
    chooser = steps.pane.chooser
    assert chooser.isVisible()
    assert [chooser.itemData(i) for i in range(chooser.count())] == [EXAMPLE, SECOND_EXAMPLE]
    open_article(window, PRACTICE_ARTICLE)
    assert not steps.dock.isVisible()  # nothing to show there

    open_article(window, EXAMPLE_ARTICLES[0])
    project = window.project
    before = {n: project.labels(EXAMPLE_ARTICLES[0], n) for n in (EXAMPLE, "newcomer")}
    window.session.undo_stack.clear()
    project_digest = digest(project.path)
    view = steps.pane.view
    text = view.text
    start = text.index("Observers")
    view.select_span(Span(start, start + len("Observers")))
    view.setFocus()
    for key in ("c", "s", "q", "m", "+", "-", "o"):
        qtbot.keyClick(view, key)
    message = window.statusBar().currentMessage()
    assert "read-only" in message and "nothing was changed" in message
    assert "read-only" in steps.pane.hint.text()
    after = {n: project.labels(EXAMPLE_ARTICLES[0], n) for n in (EXAMPLE, "newcomer")}
    assert after == before
    assert window.session.undo_stack.count() == 0
    assert digest(project.path) == project_digest  # nothing written to the file


def test_the_guided_first_claim_on_real_keys(qtbot, sample: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = sample
    guide = window.first_steps.guide
    assert guide.isVisible() and guide.start_button.isVisible()  # offered on the first start
    qtbot.mouseClick(guide.start_button, Qt.MouseButton.LeftButton)
    assert window.workspace.article_id == PRACTICE_ARTICLE
    view = window.workspace.view
    field = window.workspace.find_bar.field
    seen: list[int] = []

    def step() -> int:
        seen.append(guide.current)
        return guide.current

    def find(words: str) -> None:
        qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        type_text(field, words)
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    assert step() == 0 and "Ctrl+F" in guide.text.text()
    find("we")
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert step() == 1 and "<b>C</b>" in guide.text.text()
    qtbot.keyClick(view, "c")
    assert step() == 2
    qtbot.keyClick(view, "s")  # support
    assert step() == 3
    qtbot.keyClick(view, "d")  # direct
    assert step() == 4
    find("said")
    qtbot.keyClick(view, "q")
    assert step() == 5
    find("tomas erling")
    qtbot.keyClick(view, "s")
    assert step() == 6
    qtbot.keyClick(view, "n")  # named: the name goes into the claimant field, which has the keys
    picker = window.workspace.panel.form.pickers["claimant"]
    assert picker.hasFocus() and picker.text() == "Tomas Erling"
    assert step() == 6
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    assert step() == 7 and "Done" in guide.text.text() and guide.close_button.isVisible()
    assert seen == [0, 1, 2, 3, 4, 5, 6, 6, 7]
    (claim,) = window.project.labels(PRACTICE_ARTICLE, "newcomer").claims
    erling = window.project.actor(claim.claimant or "")
    assert erling is not None and erling.name == "Tomas Erling"
    assert (claim.stance, claim.attribution.attribution_type) == ("support", "direct")
    assert claim.attribution.cue is not None and claim.attribution.source_text == "Tomas Erling"
    assert QSettings().value(GUIDE_SETTING) == "done"


def test_the_guide_is_skipped_with_esc_and_reopened_from_help(qtbot, sample: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = sample
    guide = window.first_steps.guide
    guide.start()
    assert guide.active and guide.skip_button.isVisible()
    view = window.workspace.view
    view.clear_selection()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not guide.isVisible() and not guide.active
    assert QSettings().value(GUIDE_SETTING) == "skipped"
    assert "Help" in window.statusBar().currentMessage()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    (again,) = [a for a in help_menu.actions() if a.text() == "Label your &first claim"]
    again.trigger()
    assert guide.isVisible() and guide.current == 0
    qtbot.mouseClick(guide.skip_button, Qt.MouseButton.LeftButton)
    assert not guide.isVisible()


def test_skipped_once_it_is_not_offered_again(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QSettings().setValue(GUIDE_SETTING, "skipped")
    with Project.open(sample_project()) as project:
        window = MainWindow(project, "newcomer")
        qtbot.addWidget(window)
        window.show()
        assert not window.first_steps.guide.isVisible()
        window.close()


def test_other_projects_have_no_examples_pane(qtbot, sample_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    steps = sample_window.first_steps
    assert not steps.sample and steps.dock is None and not steps.guide.isVisible()


def test_a_fresh_sample_start_shows_the_examples_and_the_offer(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`annotator gui --sample` on a fresh machine: the examples and the offer from the start."""
    set_annotator_name("newcomer")
    seen: dict[str, object] = {}
    screenshot = tmp_path / "sample.png"

    def look() -> None:
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible()  # not one left by an earlier test
        ]
        window.resize(1280, 800)
        QApplication.processEvents()
        guide, steps = window.first_steps.guide, window.first_steps
        seen["offer"] = guide.isVisible() and guide.start_button.isVisible()
        seen["first"] = window.workspace.article_id
        seen["examples"] = steps.dock is not None and steps.dock.isVisible()
        seen["rows"] = steps.pane.claims.rowCount() if steps.pane else 0
        window.grab().save(str(screenshot))
        QApplication.closeAllWindows()

    once_a_main_window_shows(look)
    assert run(None, sample=True) == 0
    assert seen == {"offer": True, "first": EXAMPLE_ARTICLES[0], "examples": True, "rows": 4}
    assert screenshot.stat().st_size > 0


def test_the_welcome_screen_offers_the_first_claim(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_annotator_name("newcomer")
    controller = Controller()
    assert controller.start(None)
    welcome = controller.window
    assert isinstance(welcome, WelcomeScreen)
    qtbot.addWidget(welcome)
    (offer,) = [
        b for b in welcome.findChildren(QPushButton) if "first claim" in b.text().replace("&", "")
    ]
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.first_steps.guide.active and window.first_steps.guide.current == 0
    assert window.workspace.article_id == PRACTICE_ARTICLE
    window.close()


def test_a_sample_built_before_the_examples_gets_them(tmp_path: Path) -> None:
    """An older copy of the sample (no examples) gets them; the user's own work stays."""
    path = sample_project()
    path.unlink()
    with Project.create(path) as project:
        import_files(project, [sample_source()])
        project.set_status("nurses-01", "newcomer", "done")
    with Project.open(sample_project()) as project:
        assert project.article_count() == 11
        assert project.labels(EXAMPLE_ARTICLES[0], EXAMPLE).claims
        assert project.status("nurses-01", "newcomer").status == "done"


def test_working_as_the_example_annotator_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Someone who calls themselves "example" in the sample edits nothing, and is told why."""
    with Project.open(sample_project()) as project:
        window = MainWindow(project, EXAMPLE)
        qtbot.addWidget(window)
        window.show()
        open_article(window, EXAMPLE_ARTICLES[0])
        before = project.labels(EXAMPLE_ARTICLES[0], EXAMPLE)
        view = window.workspace.view
        view.select_span(Span(0, len("Orvia")))
        qtbot.keyClick(view, "c")
        assert "read-only" in window.statusBar().currentMessage()
        assert project.labels(EXAMPLE_ARTICLES[0], EXAMPLE) == before
        assert window.session.undo_stack.count() == 0
        window.close()
