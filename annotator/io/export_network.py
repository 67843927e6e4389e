"""Actor network export, in the spirit of Discourse Network Analyzer.

Nodes are the actors that are claimant or target of an exported claim (id,
name, type). Every exported claim with both a claimant and a target adds to
the directed edge claimant -> target: ``claims`` counts them; one count per
stance value of the project's schema, in the schema's order, counts them by
stance (named by the value's id, ``stance_<id>`` for an id that is already a
column name; a claim with no stance counts only in ``claims``); ``weight``
adds up the stance weights of the claims (`annotator.core.schema.Field.weight`:
a value's ``weight`` in the schema, else +1 for ``support`` and -1 for
``oppose``, as the default schema means, else 0). With the default schema
the counts are ``support``, ``oppose`` and ``neutral`` and ``weight`` is
support minus oppose. The network covers what the filter exports: one story
with ``story``, else the whole project; a claim labelled by two annotators
counts twice unless a filter (annotator, gold) picks one.

Written as GraphML (https://graphml.graphdrawing.org/), whose graph says
which schema the counts are of (``schema``, ``schema_revision``,
``schema_fingerprint``; see `annotator.core.schema.LabelSchema`), or as a
CSV edge list when the target ends in ``.csv``.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import Actor
from annotator.core.schema import LabelSchema
from annotator.io.export import ExportFilter, iter_export, replaced
from annotator.store.project import Project

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
FIXED_COLUMNS = ("source", "target", "source_name", "target_name", "claims", "weight")
"""The CSV columns that are not stance counts."""


def stance_columns(schema: LabelSchema) -> dict[str, str]:
    """Stance value id -> the name of its count, in the schema's order."""
    return {v: f"stance_{v}" if v in FIXED_COLUMNS else v for v in schema.field("stance").ids()}


def edge_counts(schema: LabelSchema) -> tuple[str, ...]:
    """The names of an edge's counts: ``claims``, one per stance value, ``weight``."""
    return ("claims", *stance_columns(schema).values(), "weight")


def csv_columns(schema: LabelSchema) -> tuple[str, ...]:
    """The header of the CSV edge list."""
    return ("source", "target", "source_name", "target_name", *edge_counts(schema))


@dataclass(slots=True)
class Edge:
    """Claims from one actor about another: how many, by stance value id, and their weight."""

    claims: int = 0
    stances: dict[str, int] = field(default_factory=dict)
    weight: int = 0

    def counts(self, stances: tuple[str, ...]) -> tuple[int, ...]:
        """The values of `edge_counts`, in order, for the stance value ids ``stances``."""
        return (self.claims, *(self.stances.get(s, 0) for s in stances), self.weight)


@dataclass(slots=True)
class Network:
    """Actors by id and edges by (claimant id, target id), and the schema of the stances."""

    schema: LabelSchema
    story: str | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)
    articles: int = 0

    @property
    def stances(self) -> tuple[str, ...]:
        """The stance value ids the edges count, in the schema's order."""
        return self.schema.field("stance").ids()

    def sorted_actors(self) -> list[Actor]:
        """Actors by name, then id."""
        return sorted(self.actors.values(), key=lambda a: (a.name, a.id))

    def sorted_edges(self) -> list[tuple[Actor, Actor, Edge]]:
        """Edges by claimant name, target name, then ids."""
        found = [(self.actors[s], self.actors[t], e) for (s, t), e in self.edges.items()]
        return sorted(found, key=lambda x: (x[0].name, x[1].name, x[0].id, x[1].id))


def build_network(
    project: Project,
    where: ExportFilter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Network:
    """The actor network of the claims the filter exports."""
    network = Network(project.schema, story=where.story if where else None)
    stance = project.schema.field("stance")
    weights = {v.id: stance.weight(v) for v in stance.values}
    for items in iter_export(project, where or ExportFilter(), progress):
        for item in items:
            network.articles += 1
            for entry in item.entries:
                for claim in entry.claims:
                    for actor_id in (claim.claimant, claim.target):
                        if actor_id in item.actors:
                            network.actors[actor_id] = item.actors[actor_id]
                    if claim.claimant not in item.actors or claim.target not in item.actors:
                        continue
                    edge = network.edges.setdefault((claim.claimant, claim.target), Edge())
                    edge.claims += 1
                    if claim.stance in weights:
                        edge.stances[claim.stance] = edge.stances.get(claim.stance, 0) + 1
                        edge.weight += weights[claim.stance]
    return network


def graphml(network: Network) -> ET.ElementTree:
    """The network as a GraphML document (directed; counts are ``int`` attributes)."""
    ET.register_namespace("", GRAPHML_NS)

    def tag(name: str) -> str:
        return f"{{{GRAPHML_NS}}}{name}"

    root = ET.Element(tag("graphml"))
    schema = network.schema
    counts = edge_counts(schema)
    keys = [("g_story", "graph", "story", "string")]
    keys += [("g_schema", "graph", "schema", "string")]
    keys += [("g_schema_revision", "graph", "schema_revision", "int")]
    keys += [("g_schema_fingerprint", "graph", "schema_fingerprint", "string")]
    keys += [("n_name", "node", "name", "string"), ("n_type", "node", "type", "string")]
    keys += [(f"e_{name}", "edge", name, "int") for name in counts]
    for key_id, domain, name, kind in keys:
        attrs = {"id": key_id, "for": domain, "attr.name": name, "attr.type": kind}
        ET.SubElement(root, tag("key"), attrs)
    graph = ET.SubElement(root, tag("graph"), {"id": "actors", "edgedefault": "directed"})

    def data(parent: ET.Element, key: str, value: object) -> None:
        ET.SubElement(parent, tag("data"), {"key": key}).text = str(value)

    if network.story is not None:
        data(graph, "g_story", network.story)
    data(graph, "g_schema", schema.name)
    data(graph, "g_schema_revision", schema.revision)
    data(graph, "g_schema_fingerprint", schema.fingerprint)
    for actor in network.sorted_actors():
        node = ET.SubElement(graph, tag("node"), {"id": actor.id})
        data(node, "n_name", actor.name)
        if actor.type is not None:
            data(node, "n_type", actor.type)
    for number, (source, target, edge) in enumerate(network.sorted_edges()):
        attrs = {"id": f"e{number}", "source": source.id, "target": target.id}
        element = ET.SubElement(graph, tag("edge"), attrs)
        for name, value in zip(counts, edge.counts(network.stances), strict=True):
            data(element, f"e_{name}", value)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def write_network(
    project: Project,
    target: Path,
    where: ExportFilter,
    progress: Callable[[int, int], None] | None,
) -> int:
    """Write the network to ``target`` (GraphML, or a CSV edge list for ``.csv``).

    The file is written next to the target and renamed into place when complete.
    Returns the number of articles the network was built from.
    """
    network = build_network(project, where, progress)
    with replaced(target) as partial:
        if target.suffix.lower() == ".csv":
            with open(partial, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(csv_columns(network.schema))
                for source, dest, edge in network.sorted_edges():
                    counts = edge.counts(network.stances)
                    writer.writerow([source.id, dest.id, source.name, dest.name, *counts])
        else:
            with open(partial, "wb") as binary:
                graphml(network).write(binary, encoding="UTF-8", xml_declaration=True)
    return network.articles
