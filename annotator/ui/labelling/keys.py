"""The keys pressed in the article text, and Delete.

Help › Keyboard shortcuts lists them. With a selection, C marks a claim, M a
mention, Q sets the current claim's cue and S its source (the claimant too,
when the source names a known actor); + adds the words to the current claim's
content as a segment of their own (a quote split around its cue) and -
removes the segment they are in. Without a selection, a value key sets
the active field of the current claim and moves on; ] and [ move between
fields, in the order the schema lists them. With the default schema a fully
labelled claim is three selections and five keys: C, a stance key, an
attribution key, Q and S.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from annotator import operations as op
from annotator.core.spans import Span
from annotator.ui.labelling.claims import ClaimEditor
from annotator.ui.labelling.host import Host
from annotator.ui.labelling.mentions import MentionEditor


class KeyFlow(QObject):
    """Turns keys in the text into labels, through the claim and mention editors."""

    message = Signal(str)  # a hint for the status bar

    def __init__(
        self,
        host: Host,
        claims: ClaimEditor,
        mentions: MentionEditor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.claims = claims
        self.mentions = mentions

    def on_key(self, key: str) -> None:
        """A printable key pressed in the article text."""
        host = self.host
        if key in host.extra_keys:  # keys of the window around (adjudication)
            host.extra_keys[key]()
            return
        if host.state is None:
            return
        span = host.view.selected_span()
        commands: dict[str, Callable[[Span], object]] = {
            "c": self.claims.mark_claim,
            "m": self.mentions.mark_mention,
            "q": self.claims.set_cue,
            "s": self.claims.set_source,
            "+": self.claims.add_segment,
            "-": self.claims.remove_selected_segment,
        }
        if span is not None and key.lower() in commands:
            commands[key.lower()](span)
            host.view.clear_selection()
            return
        form = host.panel.form
        if key in "][":
            form.step(+1 if key == "]" else -1)
            return
        picked = form.press(key)
        if picked is not None:
            self.claims.set_field(*picked)
        elif host.current_claim is None:
            self.message.emit(self.tr("Select text, then press C for a claim or M for a mention."))
        else:
            field = host.project.schema.field(form.active).label
            self.message.emit(
                self.tr("No {field} value has the key {key}.").format(
                    field=field.lower(), key=repr(key)
                )
            )

    def delete_current(self) -> None:
        """Delete the label chosen last, the current claim or mention (undoable)."""
        host = self.host
        if host.current_mention is not None and (
            host.last_kind == "mention" or host.current_claim is None
        ):
            host.session.run(op.DeleteMention(host.current_mention))
        elif host.current_claim is not None:
            host.session.run(op.DeleteClaim(host.current_claim))
        else:
            self.message.emit(self.tr("Click a label first, then press Delete."))
