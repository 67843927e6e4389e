"""Tests of annotator/store/packages.py: what project files record about packages and merges."""

from __future__ import annotations

import json

from annotator.core.model import Article
from annotator.store.bulk import BulkWriter
from annotator.store.merging import MergeWriter
from annotator.store.packages import (
    IssuedPackage,
    StoredConflict,
    issue,
    issued_package,
    merged_as,
    package_record,
    read_base,
    record_conflicts,
    record_merge,
    withdraw,
    write_base,
    write_package_record,
)
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import read_rows


def test_an_issued_package_is_recorded_and_withdrawn(project: Project) -> None:
    issued = IssuedPackage("p1", "ana", "2026-01-02T10:00:00+00:00", "ana.claims", ["a1", "a2"])
    assert issued_package(project, "p1") is None

    issue(project, issued)

    assert issued_package(project, "p1") == issued
    assert read_rows(project.path, "issued_packages") == [
        {
            "package_id": "p1",
            "annotator": "ana",
            "packaged_at": "2026-01-02T10:00:00+00:00",
            "file": "ana.claims",
            "assigned": '["a1", "a2"]',
        }
    ]
    withdraw(project, "p1")
    assert issued_package(project, "p1") is None
    assert read_rows(project.path, "issued_packages") == []


def test_a_package_records_itself_and_its_annotators_assignments(
    project: Project, article_in: Article
) -> None:
    assert package_record(project) is None
    record = json.dumps({"package_id": "p1", "annotator": "ana"})

    with BulkWriter(project, doing="the package"):
        write_package_record(project, record, "ana", [article_in.id])

    assert package_record(project) == record
    assert read_rows(project.path, "assignments") == [
        {"article_id": article_in.id, "annotator": "ana"}
    ]


def test_storing_a_base_writes_only_what_differs(project: Project) -> None:
    first = {("claims", '["c1"]'): "d1", ("statuses", '["a1", "ana"]'): "d2"}
    with MergeWriter(project, doing="the merge"):
        assert write_base(project, "p1", first) is True
    assert read_base(project, "p1") == first
    before = dump(project.path)

    with MergeWriter(project, doing="the merge"):
        assert write_base(project, "p1", dict(first)) is False
    assert dump(project.path) == before

    second = {("claims", '["c1"]'): "d3", ("mentions", '["m1"]'): "d4"}
    with MergeWriter(project, doing="the merge"):
        assert write_base(project, "p1", second) is True
    assert read_base(project, "p1") == second
    assert read_base(project, "another package") == {}


def test_a_conflict_kept_before_is_not_written_again(project: Project) -> None:
    conflict = StoredConflict("claims", '["c1"]', "a1", "ana", '{"id": "c1"}', "changed on both")

    with MergeWriter(project, doing="the merge"):
        assert record_conflicts(project, "p1", [conflict], "2026-01-02T10:00:00+00:00")
    with MergeWriter(project, doing="the merge"):
        assert not record_conflicts(project, "p1", [conflict], "2026-01-03T10:00:00+00:00")
    assert [r["found_at"] for r in read_rows(project.path, "merge_conflicts")] == [
        "2026-01-02T10:00:00+00:00"
    ]

    again = StoredConflict("claims", '["c1"]', "a1", "ana", '{"id": "c1"}', "changed again")
    with MergeWriter(project, doing="the merge"):
        assert record_conflicts(project, "p1", [again], "2026-01-04T10:00:00+00:00")
    assert [(r["message"], r["found_at"]) for r in read_rows(project.path, "merge_conflicts")] == [
        ("changed again", "2026-01-04T10:00:00+00:00")
    ]


def test_a_recorded_merge_names_whose_package_it_was(project: Project) -> None:
    assert merged_as(project, "p1") is None

    with MergeWriter(project, doing="the merge"):
        record_merge(project, "p1", "ana", "ana.claims", "2026-01-02", "2026-01-03")

    assert merged_as(project, "p1") == "ana"
    assert merged_as(project, "p2") is None
