"""Finding words in the open article (Ctrl+F): the hits are highlighted, one is selected.

Esc closes the bar and leaves the hit selected, so C, M, Q or S act on it at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from annotator.ui.i18n import plural
from annotator.ui.labelling.host import Host
from annotator.ui.text.find_bar import FindBar


class FindInArticle(QObject):
    """Drives the find bar above an article view."""

    def __init__(self, host: Host, bar: FindBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.bar = bar
        self.view = host.view
        self._index = -1  # the hit selected last
        bar.field.textChanged.connect(self._text_changed)
        bar.field.step.connect(self.step)
        bar.field.closed.connect(self.close)

    def open(self) -> None:
        """Show the find bar (Ctrl+F), with the selected words if any, and give it the keys."""
        span = self.view.selected_span()
        state = self.host.state
        self.bar.show()
        if span is not None and state is not None:
            self.bar.field.setText(state.article.text[span.start : span.end])
        self.bar.field.setFocus()
        self.bar.field.selectAll()

    def close(self) -> None:
        """Hide the find bar and its highlights; keys go back to the text, the hit selected."""
        self.bar.hide()
        self.view.set_find("")
        self.view.setFocus()  # the hit stays selected: C, M, Q or S act on it at once

    def step(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) hit."""
        hits = self.view.search_hits()
        if not hits:
            return
        self._index = (self._index + step) % len(hits)
        self.view.select_span(hits[self._index], exact=True)  # the hit is the selection
        self.view.ensureCursorVisible()
        self.bar.count.setText(
            self.tr("{index} of {count}").format(index=self._index + 1, count=len(hits))
        )

    def _text_changed(self, text: str) -> None:
        self.view.set_find(text)
        hits = len(self.view.search_hits())
        found = plural(self.tr("%n found", "", hits), hits)
        self.bar.count.setText(found if text.strip() else "")
        self._index = -1
        if hits:
            self.step(+1)
        else:  # no stale hit left selected for C, M, Q or S after Esc
            self.view.clear_selection()
