"""Rejections of suggestions and the provenance of accepted labels go out in work packages and
come back with merges (annotator/store/suggestion_share.py, annotator/quality/merge_file.py).

Real package files: the lead writes ana's package, ana computes suggestions in it with the
real recommenders and accepts and rejects there, the lead merges the file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.assist.compute import compute_suggestions
from annotator.core.errors import InputError
from annotator.quality.merge import merge_packages
from annotator.quality.merge_report import MergeReport
from annotator.quality.package import package_info, write_package
from annotator.store.project import Project
from tests.helpers import dump
from tests.quality.laptops import Lead, make_lead
from tests.store.helpers import read_rows


@pytest.fixture
def lead(tmp_path: Path) -> Lead:
    return make_lead(tmp_path / "lead.claims")


def package(lead: Lead, annotator: str = "ana") -> Path:
    target = lead.path.with_name(f"{annotator}.claims")
    with Project.open(lead.path) as project:
        write_package(project, annotator, target)
    return target


def merge(lead: Lead, *files: Path) -> MergeReport:
    with Project.open(lead.path) as project:
        return merge_packages(project, list(files))


def offered(project: Project, article_id: str, kind: str, who: str = "ana") -> str:
    """The key of the one suggestion of ``kind`` offered in an article."""
    (key,) = [s.key for s in project.offered_suggestions(article_id, who) if s.kind == kind]
    return key


def work_in_package(path: Path) -> dict[str, str]:
    """ana computes suggestions in her package, accepts a claim and a mention, rejects a
    claim; the keys and the ids of the labels made."""
    with Project.open(path, user="ana") as mine:
        compute_suggestions(mine, "ana", recommenders=["patterns", "actors"])
        accepted, rejected = offered(mine, "r1", "claim"), offered(mine, "r2", "claim")
        mention = [s.key for s in mine.offered_suggestions("p1", "ana") if s.span.start == 0]
        (claim,) = mine.accept_suggestions([accepted], "ana")
        (made,) = mine.accept_suggestions(mention, "ana")
        mine.reject_suggestion(rejected, "ana")
        assert claim.created.claim is not None
        return {
            "accepted": accepted,
            "rejected": rejected,
            "mention_key": mention[0],
            "claim": claim.created.claim.id,
            "mention": made.created.mentions[0].id,
        }


def test_rejections_and_provenance_come_back_with_the_merge_once(lead: Lead) -> None:
    path = package(lead)
    done = work_in_package(path)

    report = merge(lead, path)

    assert (report.rejections, report.provenance) == (1, 3)  # the claim, its source, the mention
    assert "suggestions: 1 rejection, 3 provenance records added or removed" in report.summary()
    with Project.open(lead.path, read_only=True) as project:
        assert project.rejected_keys("ana") == {done["rejected"]}
        assert project.accepted_keys("ana") == {done["accepted"], done["mention_key"]}
        found = project.provenance([done["claim"], done["mention"]])
        assert {p.label for entries in found.values() for p in entries} == {"claim", "mention"}
        assert all(p.accepted_by == "ana" for entries in found.values() for p in entries)
        assert project.claim(done["claim"]) is not None  # the label came too
    before = dump(lead.path)

    again = merge(lead, path)  # merging the same file twice adds nothing

    assert dump(lead.path) == before
    assert (again.rejections, again.provenance, again.changes()) == (0, 0, 0)
    assert len(read_rows(lead.path, "suggestion_rejections")) == 1
    assert len(read_rows(lead.path, "suggestion_provenance")) == 3


def test_the_lead_project_offers_neither_the_rejected_nor_the_accepted_suggestion(
    lead: Lead,
) -> None:
    path = package(lead)
    done = work_in_package(path)
    with Project.open(lead.path) as project:  # the lead's copy computes the same suggestions
        compute_suggestions(project, "ana", ["r1", "r2"], ["patterns"])
        assert offered(project, "r2", "claim") == done["rejected"]  # before the merge

    merge(lead, path)

    with Project.open(lead.path) as project:
        compute_suggestions(project, "ana", ["r1", "r2"], ["patterns"])  # computed again
        keys = {s.key for a in ("r1", "r2") for s in project.offered_suggestions(a, "ana")}
        assert done["rejected"] not in keys and done["accepted"] not in keys


def test_undone_in_the_package_after_a_merge_is_removed_by_the_next(lead: Lead) -> None:
    path = package(lead)
    done = work_in_package(path)
    merge(lead, path)
    with Project.open(path, user="ana") as mine:
        mine.undo("ana")  # the rejection
        mine.undo("ana")  # the accepted mention, with its provenance

    report = merge(lead, path)

    assert (report.rejections, report.provenance, report.labels_deleted) == (1, 1, 1)
    with Project.open(lead.path, read_only=True) as project:
        assert project.rejected_keys("ana") == set()
        assert project.accepted_keys("ana") == {done["accepted"]}
        assert project.mention(done["mention"]) is None


def test_a_package_carries_its_annotators_rejections_and_provenance_only(lead: Lead) -> None:
    with Project.open(lead.path) as project:  # from an earlier round in the lead's project
        compute_suggestions(project, "ana", ["r1", "r2"], ["patterns"])
        compute_suggestions(project, "ben", ["g1", "g2", "p1"], ["patterns", "actors"])
        rejected = offered(project, "r2", "claim")
        project.reject_suggestion(rejected, "ana")
        ben_key = project.offered_suggestions("p1", "ben")[0].key
        project.reject_suggestion(ben_key, "ben")  # on an article ana has too: not hers
        (accepted,) = project.accept_suggestions([offered(project, "r1", "claim")], "ana")
    path = package(lead)

    with Project.open(path, user="ana") as mine:
        assert mine.rejected_keys("ana") == {rejected}
        assert read_rows(path, "suggestion_rejections")[0]["annotator"] == "ana"
        assert len(read_rows(path, "suggestion_rejections")) == 1
        assert mine.accepted_keys("ana") == {accepted.suggestion.key}
        compute_suggestions(mine, "ana", recommenders=["patterns"])  # the app computes there
        assert rejected not in {s.key for s in mine.offered_suggestions("r2", "ana")}
        info = package_info(mine)
        assert info is not None
    report = merge(lead, path)  # nothing new: what it carried is the base
    assert (report.rejections, report.provenance) == (0, 0)


@pytest.mark.parametrize(
    ("table", "sql"),
    [
        (
            "suggestion_rejections",
            "INSERT INTO suggestion_rejections VALUES ('ben', 'k1', 'r1', 'patterns', 'now')",
        ),
        (
            "suggestion_provenance",
            "INSERT INTO suggestion_provenance VALUES"
            " ('c1', 'k1', 'claim', 'r1', 'patterns', '1', 0.5, 'ben', 'now')",
        ),
    ],
)
def test_a_row_of_another_annotator_refuses_the_package(lead: Lead, table: str, sql: str) -> None:
    path = package(lead)
    work_in_package(path)
    with sqlite3.connect(path) as conn:  # edited by hand
        conn.execute(sql)
    before = dump(lead.path)

    with pytest.raises(InputError, match=f"{table} \\['.*'\\] \\(.*'ben'\\)"):
        merge(lead, path)

    assert dump(lead.path) == before


def test_a_base_entry_naming_another_annotators_provenance_refuses_the_package(
    lead: Lead,
) -> None:
    with Project.open(lead.path) as project:  # ben accepted a suggestion in the lead's project
        compute_suggestions(project, "ben", ["p1"], ["actors"])
        (made,) = project.accept_suggestions(
            [project.offered_suggestions("p1", "ben")[0].key], "ben"
        )
    (mention,) = made.created.mentions
    path = package(lead)
    with Project.open(path, read_only=True) as mine:
        info = package_info(mine)
    assert info is not None
    key = f'["{mention.id}", "{made.suggestion.key}"]'
    with sqlite3.connect(path) as conn:  # a merge would remove what the package "lost"
        conn.execute(
            "INSERT INTO merge_base VALUES (?, 'suggestion_provenance', ?, 'x')",
            (info.package_id, key),
        )
    before = dump(lead.path)

    with pytest.raises(InputError, match="accepted by 'ben', listed in the package"):
        merge(lead, path)

    assert dump(lead.path) == before
