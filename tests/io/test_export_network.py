"""Actor network export: GraphML loaded with networkx, CSV edge list read with the csv module."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

from annotator.core.model import GOLD, Article
from annotator.core.schema import load_schema
from annotator.io.export import ExportFilter
from annotator.io.formats import export_to
from annotator.store.project import Project
from tests.schemas import KEPT, MIXED, with_stances

T1 = "Норвания требует: Kestria must reopen the port 🚢 now; 港口 stays shut, says Kestria."
T2 = "Kestria says the Norvanian demand is reasonable, and so does the «اتحاد»."
T3 = "The rail union backs the strike."
DEFAULT_COLUMNS = (
    "source", "target", "source_name", "target_name",
    "claims", "support", "oppose", "neutral", "weight",
)  # fmt: skip
"""The CSV header with the default schema's stances."""


@dataclass
class Built:
    project: Project
    ids: dict[str, str]


def whole(text: str) -> tuple[int, int]:
    return 0, len(text)


@pytest.fixture
def built(project: Project) -> Built:
    project.add_articles(
        [
            Article("p1", T1, story="port"),
            Article("p2", T2, story="port"),
            Article("r1", T3, story="rail"),
        ]
    )
    nor = project.add_actor("Норвания", "ana", "state")
    kes = project.add_actor("Kestria 🇰", "ana", "state")
    union = project.add_actor("«اتحاد»", "ana")  # no type
    lonely = project.add_actor("Lonely claimant", "ana", "person")
    a = (0, 10)
    # ana on p1: two opposing claims and one neutral, Норвания -> Kestria; one the other way.
    project.add_claim("p1", "ana", *a, claimant=nor.id, target=kes.id, stance="oppose")
    project.add_claim("p1", "ana", 11, 20, claimant=nor.id, target=kes.id, stance="oppose")
    project.add_claim("p1", "ana", 21, 30, claimant=nor.id, target=kes.id, stance="neutral")
    project.add_claim("p1", "ana", 31, 40, claimant=kes.id, target=nor.id)  # no stance
    project.add_claim("p1", "ana", 41, 50, claimant=lonely.id)  # no target: node, no edge
    project.add_claim("p1", "ana", 51, 60, target=nor.id)  # no claimant: node, no edge
    project.set_status("p1", "ana", "done")
    # ana on p2: Kestria supports Норвания; the union supports Норвания.
    project.add_claim("p2", "ana", 0, 10, claimant=kes.id, target=nor.id, stance="support")
    project.add_claim("p2", "ana", 11, 20, claimant=union.id, target=nor.id, stance="support")
    # bo on p2: Kestria opposes Норвания.
    project.add_claim("p2", "bo", 0, 10, claimant=kes.id, target=nor.id, stance="oppose")
    # gold on r1: the union supports itself (a loop).
    project.add_claim("r1", GOLD, *whole(T3), claimant=union.id, target=union.id, stance="support")
    project.set_status("r1", GOLD, "done")
    ids = {"nor": nor.id, "kes": kes.id, "union": union.id, "lonely": lonely.id}
    return Built(project, ids)


def counts(claims: int, support: int, oppose: int, neutral: int) -> dict[str, int]:
    return {
        "claims": claims,
        "support": support,
        "oppose": oppose,
        "neutral": neutral,
        "weight": support - oppose,
    }


def load(path: Path) -> nx.DiGraph:
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.DiGraph) and not graph.is_multigraph()
    return graph


def edges(graph: nx.DiGraph) -> dict[tuple[str, str], dict[str, object]]:
    found = {}
    for s, t, data in graph.edges(data=True):
        found[(s, t)] = {k: v for k, v in data.items() if k != "id"}
    return found


def test_overall_network(built: Built, tmp_path: Path) -> None:
    ids = built.ids
    out = tmp_path / "net.graphml"
    assert export_to(built.project, "network", out) == 3
    graph = load(out)
    assert dict(graph.nodes(data=True)) == {
        ids["nor"]: {"name": "Норвания", "type": "state"},
        ids["kes"]: {"name": "Kestria 🇰", "type": "state"},
        ids["union"]: {"name": "«اتحاد»"},
        ids["lonely"]: {"name": "Lonely claimant", "type": "person"},
    }
    assert edges(graph) == {
        (ids["nor"], ids["kes"]): counts(3, 0, 2, 1),
        (ids["kes"], ids["nor"]): counts(3, 1, 1, 0),  # ana: none + support, bo: oppose
        (ids["union"], ids["nor"]): counts(1, 1, 0, 0),
        (ids["union"], ids["union"]): counts(1, 1, 0, 0),
    }
    for _, _, data in graph.edges(data=True):
        assert all(type(data[k]) is int for k in ("claims", "support", "oppose", "weight"))
    assert "story" not in graph.graph


def test_filters(built: Built, tmp_path: Path) -> None:
    ids = built.ids
    out = tmp_path / "net.graphml"
    export_to(built.project, "network", out, ExportFilter(story="port", annotator="ana"))
    graph = load(out)
    assert graph.graph["story"] == "port"
    assert set(graph.nodes) == {ids["nor"], ids["kes"], ids["union"], ids["lonely"]}
    assert edges(graph) == {
        (ids["nor"], ids["kes"]): counts(3, 0, 2, 1),
        (ids["kes"], ids["nor"]): counts(2, 1, 0, 0),
        (ids["union"], ids["nor"]): counts(1, 1, 0, 0),
    }
    export_to(built.project, "network", out, ExportFilter(gold=True))
    graph = load(out)
    assert dict(graph.nodes(data=True)) == {ids["union"]: {"name": "«اتحاد»"}}
    assert edges(graph) == {(ids["union"], ids["union"]): counts(1, 1, 0, 0)}
    export_to(built.project, "network", out, ExportFilter(annotator="bo", story="port"))
    assert edges(load(out)) == {(ids["kes"], ids["nor"]): counts(1, 0, 1, 0)}


def test_csv_edge_list(built: Built, tmp_path: Path) -> None:
    ids = built.ids
    out = tmp_path / "edges.csv"
    assert export_to(built.project, "network", out, ExportFilter(story="port")) == 2
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(DEFAULT_COLUMNS)
    # Sorted by claimant name, then target name (Python string order).
    assert rows[1:] == [
        [ids["kes"], ids["nor"], "Kestria 🇰", "Норвания", "3", "1", "1", "0", "0"],
        [ids["union"], ids["nor"], "«اتحاد»", "Норвания", "1", "1", "0", "0", "1"],
        [ids["nor"], ids["kes"], "Норвания", "Kestria 🇰", "3", "0", "2", "1", "-2"],
    ]


def test_empty_project_gives_an_empty_graph(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "empty.graphml"
    assert export_to(project, "network", out) == 0
    graph = load(out)
    assert graph.number_of_nodes() == 0 and graph.number_of_edges() == 0
    edge_list = tmp_path / "empty.csv"
    export_to(project, "network", edge_list)
    with open(edge_list, encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [list(DEFAULT_COLUMNS)]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


NEUTRAL = '{ id = "neutral", name = "Neutral", key = "n", color = "#999999" },\n'


def test_a_stance_value_added_to_a_running_project_is_counted(built: Built, tmp_path: Path) -> None:
    project, ids = built.project, built.ids
    project.update_schema(load_schema(with_stances(KEPT + NEUTRAL + MIXED)), "lead")
    project.add_claim("p1", "ana", 61, 70, claimant=ids["nor"], target=ids["kes"], stance="mixed")

    out = tmp_path / "net.graphml"
    export_to(project, "network", out, ExportFilter(annotator="ana", story="port"))
    graph = load(out)
    assert edges(graph)[(ids["nor"], ids["kes"])] == {**counts(4, 0, 2, 1), "mixed": 1}
    assert edges(graph)[(ids["kes"], ids["nor"])] == {**counts(2, 1, 0, 0), "mixed": 0}
    assert {k: v for k, v in graph.graph.items() if not k.endswith("_default")} == {
        "story": "port",
        "schema": "default",
        "schema_revision": 2,
        "schema_fingerprint": project.schema.fingerprint,
    }
    edge_list = tmp_path / "edges.csv"
    export_to(project, "network", edge_list, ExportFilter(annotator="ana", story="port"))
    with open(edge_list, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [*DEFAULT_COLUMNS[:-1], "mixed", "weight"]
    assert rows[3] == [
        ids["nor"],
        ids["kes"],
        "Норвания",
        "Kestria 🇰",
        "4",
        "0",
        "2",
        "1",
        "1",
        "-2",
    ]


def test_weights_and_names_come_from_the_schema(built: Built, tmp_path: Path) -> None:
    project, ids = built.project, built.ids
    values = (
        '{ id = "favour", key = "f", renamed_from = "support", weight = 2 },\n'
        '{ id = "oppose", key = "o" },\n'
        '{ id = "claims", key = "c", renamed_from = "neutral", weight = -5 },\n'
    )
    project.update_schema(load_schema(with_stances(values)), "lead")

    out = tmp_path / "net.graphml"
    export_to(project, "network", out, ExportFilter(annotator="ana", story="port"))
    nor_kes = {"claims": 3, "favour": 0, "oppose": 2, "stance_claims": 1, "weight": -2 - 5}
    kes_nor = {"claims": 2, "favour": 1, "oppose": 0, "stance_claims": 0, "weight": 2}
    found = edges(load(out))
    assert found[(ids["nor"], ids["kes"])] == nor_kes
    assert found[(ids["kes"], ids["nor"])] == kes_nor
