"""The dataset's DocBin writing gives what spaCy's own DocBin.add gives, byte for byte."""

from __future__ import annotations

import pytest

from annotator.core.model import Article
from annotator.dataset.writers import SPACY_ATTRS, add_doc
from annotator.io.export import ExportFilter, iter_export
from annotator.io.export_spacy import article_doc, blank_for
from annotator.store.project import Project
from tests.dataset.newsroom import make_newsroom

spacy = pytest.importorskip("spacy")


@pytest.mark.parametrize("attrs", [SPACY_ATTRS, None])
def test_add_doc_is_docbin_add(project: Project, attrs: tuple[str, ...] | None) -> None:
    make_newsroom(project, 12)
    project.add_articles(
        [
            Article(id="odd", text="Don't go 🇪🇺 — naïve “quotes” can't hurt 🤝!", language="fr"),
            Article(id="empty-ish", text=" "),
        ]
    )
    project.add_claim("odd", "ana", 0, 5)
    project.set_status("odd", "ana", "done")
    project.set_status("empty-ish", "ana", "done")
    kwargs = {} if attrs is None else {"attrs": list(attrs)}
    theirs = spacy.tokens.DocBin(store_user_data=True, **kwargs)
    ours = spacy.tokens.DocBin(store_user_data=True, **kwargs)
    blanks: dict[str, object] = {}
    for batch in iter_export(project, ExportFilter(annotator="ana")):
        for item in batch:
            nlp = blank_for(spacy, item.article.language, blanks)
            doc, _ = article_doc(nlp, item, "expand", project.schema)
            theirs.add(doc)
            add_doc(ours, doc)
    assert len(ours) == len(theirs) == 16
    assert ours.strings == theirs.strings
    assert ours.to_bytes() == theirs.to_bytes()
