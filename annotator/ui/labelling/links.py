"""Links between the current claim and claims of the article compared side by side (Ctrl+L)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator import operations as op
from annotator.ui.labelling.claims import ClaimEditor
from annotator.ui.labelling.host import Host


class ClaimLinker(QObject):
    """Links and unlinks the current claim with claims of the compared article."""

    message = Signal(str)  # a hint for the status bar

    def __init__(self, host: Host, claims: ClaimEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.claims = claims
        host.compare.link.connect(self.link_to)
        host.compare.unlink.connect(self.unlink_from)

    def link_to(self, other_claim: str) -> None:
        """Link the current claim to a claim of the compared article."""
        self._link(other_claim, linked=True)

    def unlink_from(self, other_claim: str) -> None:
        """Remove the link between the current claim and a claim of the compared article."""
        self._link(other_claim, linked=False)

    def _link(self, other_claim: str, linked: bool) -> None:
        if not self.host.compare.isVisible():
            self.message.emit(self.tr("Show an article side by side first (Ctrl+Shift+B)."))
            return
        claim = self.claims.current()
        if claim is None:
            return
        kind = op.LinkClaims if linked else op.UnlinkClaims
        session = self.host.session
        session.run(kind(claim.id, other_claim, session.annotator))

    def show_links(self) -> None:
        """Highlight, in the compared article, the claims linked to the current claim."""
        state = self.host.state
        linked = set(state.links.get(self.host.current_claim or "", ())) if state else set()
        self.host.compare.show_links_of(linked)
