"""The claim form: its rows and the walk of the value keys follow the schema's order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel

from annotator.core.model import Article
from annotator.core.schema import load_schema
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.labels.claim_form import ClaimForm, field_order
from annotator.ui.window.main_window import MainWindow

TEXT = "The ferry board says fares rise in May, a rise the unions reject."

# A schema whose claim fields come in another order than the default's, with an
# extra field between two built-in ones.
SCHEMA = """
[fields.certainty]
values = [{ id = "asserted", name = "Asserted", key = "a" }, { id = "hedged", key = "h" }]

[fields.source_kind]
values = [{ id = "named", key = "n" }, { id = "unnamed", key = "u" }]

[fields.topic]
label = "Topic"
extra = true
values = [{ id = "fares", name = "Fares", key = "f" }, { id = "labour", key = "l" }]

[fields.actor_type]
values = [{ id = "person", key = "p" }]

[fields.stance]
values = [{ id = "support", key = "s" }, { id = "oppose", key = "o" }]

[fields.attribution_type]
values = [{ id = "direct", key = "d" }, { id = "unattributed", key = "u" }]

[fields.category]
values = [{ id = "prediction", key = "p" }]

[fields.checkworthy]
values = [{ id = "checkworthy", key = "c" }]
"""

ORDER = (
    "certainty",
    "source_kind",
    "topic",
    "stance",
    "attribution_type",
    "category",
    "checkworthy",
)


def row_names(form: ClaimForm) -> list[str]:
    """The names of the form's vocabulary rows, top to bottom."""
    layout = form.layout()
    assert isinstance(layout, QFormLayout)
    by_label = {id(label): name for name, label in form.row_labels.items()}
    names = []
    for row in range(layout.rowCount()):
        item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel) and by_label.get(id(label)) in form.choices:
            names.append(by_label[id(label)])
    return names


def test_the_default_order_is_the_schema_files(project: Project) -> None:
    assert field_order(project.schema) == (
        "stance",
        "attribution_type",
        "category",
        "certainty",
        "checkworthy",
        "source_kind",
    )


def test_rows_and_value_keys_follow_the_schema_order(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = Project.create(tmp_path / "order.claims", load_schema(SCHEMA))
    project.add_articles([Article(id="f1", text=TEXT)])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    form, view = window.workspace.panel.form, window.workspace.view
    assert field_order(project.schema) == ORDER
    assert row_names(form) == list(ORDER)

    start = TEXT.index("fares rise in May")
    view.select_span(Span(start, start + len("fares rise in May")))
    qtbot.keyClick(view, "c")
    walked = []
    for _ in ORDER:  # ] walks the rows top to bottom, then wraps
        walked.append(form.active)
        qtbot.keyClick(view, "]")
    assert walked == list(ORDER) and form.active == ORDER[0]
    qtbot.keyClick(view, "[")
    assert form.active == ORDER[-1]

    form.start_quick_entry()
    for key in "anfod":  # certainty, source kind, topic, stance, attribution: row by row
        qtbot.keyClick(view, key)
    (claim,) = project.labels("f1", "ana").claims
    assert (claim.certainty, claim.attribution.source_kind, claim.extra) == (
        "asserted",
        "named",
        {"topic": "fares"},
    )
    assert (claim.stance, claim.attribution.attribution_type) == ("oppose", "direct")
    assert form.active == "category"
    window.close()
    project.close()
