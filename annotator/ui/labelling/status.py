"""The annotator's status and comment on the open article, and the check before "done".

Marking an article done while some of its claims lack required fields
(`annotator.core.validate.missing_fields`) asks first, listing them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from annotator import operations as op
from annotator.core.model import Claim
from annotator.core.validate import missing_fields
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.labelling.host import Host
from annotator.ui.labels.label_lists import content_snippet

LISTED = 10
"""Incomplete claims named in the question; more are counted."""


class StatusEditor(QObject):
    """Sets the status and comment of the open article; asks before an incomplete "done"."""

    def __init__(self, host: Host, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self._dialog_parent = parent
        host.panel.status_chosen.connect(self.set_status)
        host.panel.comment_edited.connect(self.set_comment)

    def set_status(self, status: str) -> None:
        """Set the annotator's status on the article; asks first when claims are incomplete."""
        state = self.host.state
        if state is None:
            return
        if status == "done" and not self._confirm_done():
            self.host.panel.show_status(state.status.status, state.status.comment)
            return
        session = self.host.session
        session.run(op.SetStatus(state.article.id, session.annotator, status))

    def set_comment(self, comment: str) -> None:
        """Save the annotator's comment on the article, if it changed."""
        state = self.host.state
        if state is None or comment == state.status.comment:
            return
        session = self.host.session
        session.run(op.SetComment(state.article.id, session.annotator, comment))

    def incomplete_claims(self) -> list[tuple[Claim, list[str]]]:
        """Claims of the article that lack required fields, with what they lack."""
        state = self.host.state
        if state is None:
            return []
        found = [(c, missing_fields(c)) for c in state.sorted_claims()]
        return [(c, m) for c, m in found if m]

    def _confirm_done(self) -> bool:
        incomplete = self.incomplete_claims()
        state = self.host.state
        if not incomplete or state is None:
            return True
        text = state.article.text
        lines = [
            self.tr("• “{quote}”: no {fields}").format(
                quote=content_snippet(text, c, 60),
                fields=", ".join(self._field_names(m)),
            )
            for c, m in incomplete[:LISTED]
        ]
        if len(incomplete) > LISTED:
            more = len(incomplete) - LISTED
            lines.append(plural(self.tr("… and %n more", "", more), more))
        n = len(incomplete)
        answer = plain.question(
            self._dialog_parent,
            self.tr("Claims are incomplete"),
            plural(self.tr("%n claim(s) still lack fields:", "", n), n)
            + "\n\n"
            + "\n".join(lines)
            + "\n\n"
            + self.tr("Mark the article done anyway?"),
        )
        return answer == plain.Button.Yes

    def _field_names(self, fields: list[str]) -> list[str]:
        """Names of missing fields (`missing_fields`), as the user reads them."""
        names = {
            "claimant": self.tr("claimant"),
            "stance": self.tr("stance"),
            "attribution": self.tr("attribution"),
            "cue": self.tr("cue"),
        }
        return [names.get(f, f) for f in fields]
