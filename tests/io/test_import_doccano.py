"""doccano JSONL import: both doccano styles, label mappings, round trip, bad input."""

from __future__ import annotations

import csv
import itertools
import json
import random
from pathlib import Path
from typing import Any

import pytest

from annotator.core.errors import InputError
from annotator.core.model import Article, Attribution
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.io.importer import import_files
from annotator.io.label_map import default_label_map, load_label_map
from annotator.store.project import Project
from tests.helpers import dump
from tests.io.standoff_project import BROKEN, EMOJI, RTL, build, cut, cut16, spans


def write(path: Path, *lines: Any) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_round_trip_native_doccano_native(project: Project, tmp_path: Path) -> None:
    build(project)
    out = tmp_path / "d.jsonl"
    export_to(project, "doccano", out, ExportFilter(annotator="ana"))
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        report = import_files(fresh, [out], format="doccano")  # default mapping, no --map
        assert (report.added, report.annotations, report.skipped) == (3, 3, [])
        for article_id in ("e1", "r1", "n1"):
            assert fresh.article(article_id).text == project.article(article_id).text  # type: ignore[union-attr]
            assert spans(fresh, article_id, "ana") == spans(project, article_id, "ana")
        claim = fresh.labels("e1", "ana").claims[0]
        original = project.labels("e1", "ana").claims[0]
        # doccano's claims metadata carries the vocabulary fields and the note back ...
        for name in ("stance", "category", "certainty", "checkworthy", "note"):
            assert getattr(claim, name) == getattr(original, name)
        assert (
            claim.attribution.attribution_type == "indirect"
            and claim.attribution.source_kind == "named"
        )
        assert claim.attribution.cue == cut(EMOJI, "said")
        source = {m.id: m for m in fresh.labels("e1", "ana").mentions}[
            claim.attribution.source_mention  # type: ignore[index]
        ]
        assert EMOJI[source.start : source.end] == "Velgrad"
        # ... lost: actors (claimant, target, mention actors), status, title and story.
        assert claim.target is None and original.target is not None
        assert all(m.actor is None for m in fresh.labels("e1", "ana").mentions)
        assert fresh.labels("e1", "ana").status.status == "todo"
        assert fresh.article("r1").title == ""  # type: ignore[union-attr]
        # importing the same file again updates the same labels, adds nothing
        again = import_files(fresh, [out], format="doccano")
        assert (again.added, again.existing) == (0, 3)
        assert len(fresh.labels("e1", "ana").claims) == 1
    finally:
        fresh.close()


def test_relation_extraction_style_with_ids_and_annotator(project: Project, tmp_path: Path) -> None:
    claim, who, cue = cut(RTL, "الميناء يجب أن يفتح"), cut(RTL, "الوزير"), cut(RTL, "قال")
    path = write(
        tmp_path / "re.jsonl",
        {
            "id": 7,
            "text": RTL,
            "annotator": "lina",
            "entities": [
                {"id": 10, "start_offset": claim.start, "end_offset": claim.end, "label": "Claim"},
                {"id": 11, "start_offset": who.start, "end_offset": who.end, "label": "Mention"},
                {"id": 12, "start_offset": cue.start, "end_offset": cue.end, "label": "Cue"},
            ],
            "relations": [
                {"id": 1, "from_id": 12, "to_id": 10, "type": "Cue"},
                {"id": 2, "from_id": 11, "to_id": 10, "type": "Source"},
            ],
            "Comments": ["checked"],
        },
    )
    import_files(project, [path], format="doccano")
    assert project.article("7").meta == {"Comments": ["checked"]}  # type: ignore[union-attr]
    got = spans(project, "7", "lina")
    assert got == {"claims": {"الميناء يجب أن يفتح"}, "mentions": {"الوزير"}, "cues": {"قال"}}
    labels = project.labels("7", "lina")
    assert labels.claims[0].attribution.source_mention == labels.mentions[0].id


def test_sequence_labelling_style_default_annotator_and_line_ids(
    project: Project, tmp_path: Path
) -> None:
    claim, cue = cut16(EMOJI, "Kestria must reopen the harbour"), cut16(EMOJI, "reopen")
    path = write(
        tmp_path / "seq.jsonl",
        {"text": BROKEN, "label": []},
        # "Velgrad" is 5..12 in UTF-16 units: the flag before it counts four
        {"text": EMOJI, "label": [[*claim, "Claim"], [*cue, "Cue"], [5, 12, "state"]]},
    )
    import_files(project, [path], format="doccano")
    assert project.article("1").text == BROKEN  # type: ignore[union-attr]
    # the cue lies inside one claim and has no relation: it attaches to that claim
    assert spans(project, "2", "doccano") == {
        "claims": {"Kestria must reopen the harbour"},
        "mentions": {"Velgrad"},
        "cues": {"reopen"},
    }
    import_files(project, [path], format="doccano", annotator="eve")
    assert spans(project, "2", "eve")["claims"] == {"Kestria must reopen the harbour"}


def test_a_custom_map(project: Project, tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[labels]\nCLAIM = "claim"\nPER = "mention"\nTRIGGER = "cue"\nMISC = "ignore"\n'
        '[relations]\ntrigger_of = "cue"\nsaid_by = "source"\n',
        encoding="utf-8",
    )
    label_map = load_label_map(mapping, project.schema)
    claim, per = cut16(EMOJI, "Kestria must reopen"), cut16(EMOJI, "Velgrad")
    said = cut16(EMOJI, "said")
    path = write(
        tmp_path / "custom.jsonl",
        {
            "id": "c1",
            "text": EMOJI,
            "entities": [
                {"id": 1, "start_offset": claim.start, "end_offset": claim.end, "label": "CLAIM"},
                {"id": 2, "start_offset": per.start, "end_offset": per.end, "label": "PER"},
                {"id": 3, "start_offset": said.start, "end_offset": said.end, "label": "TRIGGER"},
                {"id": 4, "start_offset": 0, "end_offset": 4, "label": "MISC"},
            ],
            "relations": [
                {"id": 1, "from_id": 1, "to_id": 3, "type": "trigger_of"},
                {"id": 2, "from_id": 1, "to_id": 2, "type": "said_by"},
            ],
        },
    )
    import_files(project, [path], format="doccano", label_map=label_map)
    assert spans(project, "c1", "doccano") == {
        "claims": {"Kestria must reopen"},
        "mentions": {"Velgrad"},
        "cues": {"said"},
    }
    # with this map, our own labels are unknown
    other = write(tmp_path / "own.jsonl", {"text": EMOJI, "label": [[*claim, "Claim"]]})
    with pytest.raises(InputError, match="unknown label 'Claim'"):
        import_files(project, [other], format="doccano", label_map=label_map)


def test_default_map_is_what_the_exporters_write(project: Project) -> None:
    default = default_label_map(project.schema)
    assert {k: v for k, v in default.labels.items() if v != "mention"} == {
        "Claim": "claim",
        "Cue": "cue",
        "Content": "claim",  # the attribution corpora's names (PARC 3.0, PolNeAR)
        "Source": "source",
        "Discard": "ignore",  # PolNeAR's notes of its annotators
        "Discuss": "ignore",
    }
    assert {"Mention", "state", "person", "official"} <= set(default.labels)
    assert default.relations == {"Cue": "cue", "Source": "source", "Segment": "segment"}
    assert default.events == {
        "Attribution": {"Content": "claim", "Cue": "cue", "Source": "source"},
        "Attribution-no-source": {"Content": "claim", "Cue": "cue"},
    }


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[labels\n", "not valid TOML"),
        ('[labels]\nX = "actor"\n', "X = 'actor': the concept must be one of claim"),
        ('[columns]\nX = "claim"\n', "unknown table(s) columns"),
    ],
)
def test_bad_map_files_name_the_file(
    project: Project, tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_label_map(path, project.schema)
    assert str(caught.value).startswith(str(path)) and reason in str(caught.value)


GOOD = {"id": "g1", "text": "The mayor said it.", "label": [[0, 9, "Mention"]]}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"text": "The mayor said it.", "label": [[0, 9, "ORG"]]}, "unknown label 'ORG'"),
        (
            {"text": "The mayor said it.", "label": [[4, 99, "Claim"]]},
            "4..99 is out of range (the text has 18 characters)",
        ),
        (
            {
                "text": "The mayor said it.",
                "entities": [
                    {"id": 0, "start_offset": 4, "end_offset": 9, "label": "Claim", "text": "major"}
                ],
            },
            "says 'major' but the text there is 'mayor'",
        ),
        (["text", "label"], "expected a JSON object, got list"),
        ({"text": "x y", "label": [[0, "1", "Claim"]]}, "must be a whole number"),
        (
            {
                "text": "The mayor said it.",
                "entities": [{"id": 0, "start_offset": 4, "end_offset": 9, "label": "Claim"}],
                "relations": [{"id": 0, "from_id": 0, "to_id": 0, "type": "Cause"}],
            },
            "unknown relation type 'Cause'",
        ),
        ({"text": "The mayor said it.", "label": [[10, 14, "Cue"]]}, "related to no claim"),
    ],
)
def test_bad_lines_name_file_and_line_and_change_nothing(
    project: Project, project_path: Path, tmp_path: Path, line: Any, reason: str
) -> None:
    path = write(tmp_path / "bad.jsonl", GOOD, line)
    before = dump(project_path)
    with pytest.raises(InputError) as caught:
        import_files(project, [path], format="doccano")
    assert (caught.value.file, caught.value.line) == (str(path), 2)
    assert reason in str(caught.value)
    assert str(caught.value).startswith(f"{path}, line 2: ")
    assert dump(project_path) == before
    report = import_files(project, [path], format="doccano", skip_invalid=True)
    assert report.added == 1 and [e.line for e in report.skipped] == [2]


def test_utf16_offsets_by_default_and_code_points_on_request(
    project: Project, project_path: Path, tmp_path: Path
) -> None:
    # doccano's page counts "🙂" as two UTF-16 units: "Velgrad" is 3..10
    text = "🙂 Velgrad"
    line = {
        "id": "u",
        "text": text,
        "entities": [
            {"id": 0, "start_offset": 3, "end_offset": 10, "label": "Mention", "text": "Velgrad"}
        ],
    }
    path = write(tmp_path / "u.jsonl", line)
    import_files(project, [path], format="doccano")
    assert spans(project, "u", "doccano")["mentions"] == {"Velgrad"}
    # a file that counts code points, read as code points
    cp = write(
        tmp_path / "cp.jsonl",
        {
            **line,
            "id": "cp",
            "entities": [{"id": 0, "start_offset": 2, "end_offset": 9, "label": "Mention"}],
        },
    )
    import_files(project, [cp], format="doccano", offsets="codepoints")
    assert spans(project, "cp", "doccano")["mentions"] == {"Velgrad"}
    # UTF-16 offsets read as code points: the message says what they look like
    before = dump(project_path)
    with pytest.raises(InputError, match="look like UTF-16 code units"):
        import_files(project, [path], format="doccano", offsets="codepoints")
    assert dump(project_path) == before


def test_an_offset_inside_an_emoji_is_refused(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path / "half.jsonl", {"text": "🙂 Velgrad", "label": [[1, 10, "Mention"]]})
    with pytest.raises(InputError, match=r"start 1 falls inside a character .*'🙂'"):
        import_files(project, [path], format="doccano")


CROWD = "🙂 Velgrad said the port must reopen; Kestria says it must not. Observers doubt it."


def crowded(project: Project) -> None:
    """One article with four claims of different fields, two of them on the same words."""
    project.add_articles([Article("c", CROWD), Article("b", BROKEN)])
    project.add_claim("b", "ana", *cut(BROKEN, "the quay\nmust be repaired"), note="first line")
    first = project.add_claim(
        "c",
        "ana",
        *cut(CROWD, "the port must reopen"),
        stance="support",
        category="demand",
        certainty="asserted",
        checkworthy="checkworthy",
        attribution=Attribution(
            attribution_type="indirect", source_kind="named", cue=cut(CROWD, "said")
        ),
        note="one",
    )
    project.set_claim_source(first.id, cut(CROWD, "Velgrad"), None)
    project.add_claim(
        "c",
        "ana",
        *cut(CROWD, "it must not"),
        stance="oppose",
        category="prediction",
        certainty="speculative",
        checkworthy="non_factual",
        attribution=Attribution(attribution_type="direct", source_kind="unnamed"),
        note="two",
    )
    doubt = cut(CROWD, "Observers doubt it")
    project.add_claim(
        "c",
        "ana",
        *doubt,
        stance="neutral",
        category="evaluation",
        certainty="hedged",
        checkworthy="unimportant",
        attribution=Attribution(attribution_type="mixed", cue=cut(CROWD, "doubt")),
        note="three",
    )
    project.add_claim("c", "ana", *doubt, stance="oppose", category="assertion", note="four")


def as_doccano_exports(lines: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """``lines`` imported into a fresh doccano 1.8.4 database and exported again.

    doccano stores each entity and relation under a new database key, handed
    out in file order across the whole import (1, 2, 3 ...), exports those
    keys as ``id``, ``from_id`` and ``to_id``, and lists entities and
    relations in no particular order. Our own keys (``id``, ``annotator``,
    ``claims``) come back as they were, as does the text.
    """
    rng = random.Random(seed)
    entity_keys, relation_keys = itertools.count(1), itertools.count(1)
    out = []
    for line in lines:
        renamed = {e["id"]: next(entity_keys) for e in line["entities"]}
        entities = [{**e, "id": renamed[e["id"]]} for e in line["entities"]]
        relations = [
            {
                **r,
                "id": next(relation_keys),
                "from_id": renamed[r["from_id"]],
                "to_id": renamed[r["to_id"]],
            }
            for r in line["relations"]
        ]
        rng.shuffle(entities)
        rng.shuffle(relations)
        out.append({**line, "entities": entities, "relations": relations, "Comments": []})
    return out


def claim_facts(project: Project, article_id: str) -> list[tuple[Any, ...]]:
    """Every field of each claim that doccano can carry, with its cue and source words."""
    text = project.article(article_id).text  # type: ignore[union-attr]
    labels = project.labels(article_id, "ana")
    mentions = {m.id: text[m.start : m.end] for m in labels.mentions}
    facts = []
    for c in labels.claims:
        a = c.attribution
        cue = text[a.cue.start : a.cue.end] if a.cue else None
        source = mentions.get(a.source_mention) if a.source_mention else None
        fields = (
            c.stance,
            c.category,
            c.certainty,
            c.checkworthy,
            a.attribution_type,
            a.source_kind,
            c.note,
        )
        facts.append((text[c.start : c.end], *fields, cue, source))
    return sorted(facts, key=repr)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("offsets", ["utf16", "codepoints"])
def test_claim_fields_survive_doccano_renumbering_its_entities(
    project: Project, tmp_path: Path, seed: int, offsets: str
) -> None:
    crowded(project)
    out = tmp_path / "ours.jsonl"
    export_to(project, "doccano", out, offsets=offsets)
    ours = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    through = write(tmp_path / "doccano.jsonl", *as_doccano_exports(ours, seed))
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        import_files(fresh, [through], format="doccano", offsets=offsets)
        for article_id in ("b", "c"):
            assert claim_facts(fresh, article_id) == claim_facts(project, article_id)
        assert len(claim_facts(fresh, "c")) == 4
    finally:
        fresh.close()


def test_claim_fields_of_older_files_are_found_by_entity_id(
    project: Project, tmp_path: Path
) -> None:
    said, claim = cut16(EMOJI, "said"), cut16(EMOJI, "Kestria must reopen the harbour")
    path = write(
        tmp_path / "old.jsonl",
        {
            "id": "o",
            "text": EMOJI,
            "entities": [
                {"id": 0, "start_offset": said.start, "end_offset": said.end, "label": "Cue"},
                {"id": 1, "start_offset": claim.start, "end_offset": claim.end, "label": "Claim"},
            ],
            "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "Cue"}],
            "claims": [{"entity": 1, "stance": "oppose", "source_kind": "named", "note": "old"}],
        },
    )
    import_files(project, [path], format="doccano")
    (got,) = project.labels("o", "doccano").claims
    assert (got.stance, got.attribution.source_kind, got.note) == ("oppose", "named", "old")


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        (
            {"start_offset": [0], "end_offset": 9, "stance": "oppose"},
            "claims entry 1: start_offset",
        ),
        ({"start_offset": 0, "end_offset": 9, "label": {}}, "claims entry 1: the label"),
        ({"entity": [0], "stance": "oppose"}, None),  # names no entity: a warning
    ],
)
def test_claims_entries_of_the_wrong_type_are_errors_of_their_line(
    project: Project, tmp_path: Path, entry: dict[str, Any], reason: str | None
) -> None:
    line = {"text": "The mayor said it.", "label": [[0, 9, "Claim"]], "claims": [entry]}
    path = write(tmp_path / "bad.jsonl", line)
    if reason is None:
        report = import_files(project, [path], format="doccano")
        assert project.labels("1", "doccano").claims[0].stance is None
        assert report.warnings == [
            f"{path}, line 1: claims entry 1 (entity [0]) matches no claim entity;"
            " its fields are not imported"
        ]
        return
    with pytest.raises(InputError, match=f"line 1: {reason}"):
        import_files(project, [path], format="doccano")


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        (5, '"claims" must be a list of objects, got int'),
        ({"stance": "oppose"}, '"claims" must be a list of objects, got dict'),
        ([{"entity": 0}, "oppose"], "claims entry 2 must be an object, got str"),
        ([None], "claims entry 1 must be an object, got NoneType"),
    ],
)
def test_a_claims_key_of_the_wrong_type_is_an_error_of_its_line(
    project: Project, project_path: Path, tmp_path: Path, claims: Any, reason: str
) -> None:
    bad = {"text": "The mayor said it.", "label": [[0, 9, "Claim"]], "claims": claims}
    path = write(tmp_path / "bad.jsonl", GOOD, bad)
    before = dump(project_path)
    with pytest.raises(InputError) as caught:
        import_files(project, [path], format="doccano")
    assert str(caught.value) == f"{path}, line 2: {reason}"
    assert dump(project_path) == before
    report = import_files(project, [path], format="doccano", skip_invalid=True)
    assert report.added == 1 and [e.line for e in report.skipped] == [2]
    assert report.warnings == []


def test_a_claims_entry_that_matches_no_claim_is_a_warning(
    project: Project, tmp_path: Path
) -> None:
    # the claim 0..9 was widened to 0..14 in doccano; its entry still names 0..9
    text = "The mayor said it."
    moved = {
        "id": "m",
        "text": text,
        "label": [[0, 14, "Claim"], [15, 17, "Claim"]],
        "claims": [
            {"start_offset": 0, "end_offset": 9, "label": "Claim", "stance": "oppose"},
            {"start_offset": 15, "end_offset": 17, "label": "Claim", "stance": "support"},
        ],
    }
    kept = {"id": "k", "text": text, "label": [[0, 9, "Claim"]], "claims": []}
    path = write(tmp_path / "moved.jsonl", kept, moved)
    report = import_files(project, [path], format="doccano")
    assert (report.added, report.skipped) == (2, [])
    assert report.warnings == [
        f"{path}, line 2: claims entry 1 (start_offset 0, end_offset 9, label 'Claim')"
        " matches no claim entity; its fields are not imported"
    ]
    assert "1 warning" in report.summary()
    stances = {text[c.start : c.end]: c.stance for c in project.labels("m", "doccano").claims}
    assert stances == {"The mayor said": None, "it": "support"}


@pytest.mark.parametrize("fmt", ["doccano", "brat", "prodigy", "label-studio"])
def test_a_cited_source_brings_its_words_from_every_standoff_format(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    # brat, Prodigy and Label Studio records go through doccano_record too
    text = "Velgrad said on Friday that\r\nthe harbour stays shut, officials say."
    line = {"id": "v", "text": text}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n", "utf-8")
    import_files(project, [tmp_path / "a.jsonl"])
    stored = project.article("v").text  # type: ignore[union-attr]
    first = project.add_claim("v", "ana", *cut(stored, "the harbour stays shut"))
    project.set_claim_source(first.id, cut(stored, "Velgrad said on Friday that\nthe"), None)
    second = project.add_claim("v", "ana", *cut(stored, "stays shut"))
    project.set_claim_source(second.id, cut(stored, "officials"), None)
    out = tmp_path / ("brat" if fmt == "brat" else f"out.{fmt}")
    export_to(project, fmt, out, ExportFilter(annotator="ana"))
    fresh = Project.create(tmp_path / "fresh.claims")
    try:
        import_files(fresh, [out], format=fmt, annotator="ana")
        claims = sorted(fresh.labels("v", "ana").claims, key=lambda c: c.start)
        assert [c.attribution.source_text for c in claims] == [
            "Velgrad said on Friday that\nthe",
            "officials",
        ]
        export_to(fresh, "csv", tmp_path / "claims.csv")
        with open(tmp_path / "claims.csv", encoding="utf-8", newline="") as f:
            rows = sorted(csv.DictReader(f), key=lambda row: int(row["start"]))
        assert [row["source_text"] for row in rows] == [
            "Velgrad said on Friday that\nthe",
            "officials",
        ]
    finally:
        fresh.close()


@pytest.mark.parametrize("end", ["nowhere", [1], True])
def test_a_segment_relation_to_no_entity_is_a_message(
    project: Project, tmp_path: Path, end: Any
) -> None:
    line = {
        "id": "s1",
        "text": "Velgrad said the port would reopen.",
        "entities": [{"id": 1, "start_offset": 0, "end_offset": 7, "label": "Claim"}],
        "relations": [{"id": 9, "from_id": 1, "to_id": end, "type": "Segment"}],
    }
    with pytest.raises(InputError) as caught:
        import_files(project, [write(tmp_path / "d.jsonl", line)], format="doccano")
    assert str(caught.value).endswith("relation 9 refers to an unknown entity")
