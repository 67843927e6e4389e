"""A suggested claim in segments (a quotation split around its cue): stored, reopened,
accepted with its segments in one undo step, and undone."""

from __future__ import annotations

from pathlib import Path

from annotator.assist.patterns import AttributionPatterns
from annotator.assist.suggestion import SuggestContext
from annotator.core.model import Article
from annotator.core.schema import default_schema
from annotator.store.project import Project

TEXT = "“The harbour plan,” the mayor said, “will fail in the first winter.” Rain fell all day."


def test_a_split_suggestion_is_stored_accepted_with_its_segments_and_undone(
    tmp_path: Path,
) -> None:
    article = Article("a1", TEXT)
    (made,) = AttributionPatterns().suggest(article, SuggestContext(schema=default_schema()))
    assert made.claim is not None and len(made.claim.segments) == 2
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        project.add_articles([article])
        project.replace_suggestions("ana", ["a1"], [made])
    with Project.open(path) as project:
        (stored,) = project.offered_suggestions("a1", "ana")
        assert stored == made  # the segments survive the file
        (done,) = project.accept_suggestions([stored.key], "ana")
        claim = done.created.claim
        assert claim is not None and claim.segments == made.claim.segments
        assert [TEXT[s.start : s.end] for s in claim.content] == [
            "The harbour plan",
            "will fail in the first winter",
        ]
        assert project.claim(claim.id) == claim
        assert project.offered_suggestions("a1", "ana") == []
        event = project.events.history("ana", 1)[0]
        assert project.undo("ana") == event  # one step: the claim, its source and segments
        assert project.claim(claim.id) is None
        assert project.labels("a1", "ana").claims == ()
        assert project.offered_suggestions("a1", "ana") == [made]


def test_the_native_export_of_suggestions_lists_a_split_claims_segments(tmp_path: Path) -> None:
    import json

    from annotator.io.formats import export_to

    article = Article("a1", TEXT)
    (made,) = AttributionPatterns().suggest(article, SuggestContext(schema=default_schema()))
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        project.add_articles([article])
        project.replace_suggestions("ana", ["a1"], [made])
        out = tmp_path / "out.jsonl"
        export_to(project, "jsonl", out, suggestions=True)
    (line,) = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    (offered,) = line["suggestions"]["offered"]
    claim = offered["claim"]
    assert [s["text"] for s in claim["segments"]] == [
        "The harbour plan",
        "will fail in the first winter",
    ]
    assert (claim["start"], claim["end"]) == (
        claim["segments"][0]["start"],
        claim["segments"][-1]["end"],
    )
