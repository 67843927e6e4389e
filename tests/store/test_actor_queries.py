"""Pages of the actor registry, read by key: `ActorQueries.actors_page` (actor_queries.py)."""

from __future__ import annotations

from annotator.core.model import Actor
from annotator.store.project import Project
from tests.store.helpers import build_scene

NAMES = ["Norvania", "kestria", "Velgrad", "Ilse Marr", "Kestrel Group", "norvanian army"]


def read_all(
    project: Project, limit: int, prefix: str = ""
) -> list[tuple[tuple[str, str], Actor, int, int]]:
    rows: list[tuple[tuple[str, str], Actor, int, int]] = []
    while True:
        page = project.actors_page(rows[-1][0] if rows else None, limit, prefix)
        rows += page
        if len(page) < limit:
            return rows


def test_pages_by_key_are_the_registry_by_name(project: Project) -> None:
    for name in NAMES:
        project.add_actor(name, "ana")
    expected = sorted(NAMES, key=str.casefold)

    for limit in (1, 2, 4, 100):
        rows = read_all(project, limit)
        assert [actor.name for _, actor, _, _ in rows] == expected
        assert [key for key, _, _, _ in rows] == sorted(key for key, _, _, _ in rows)

    assert [a.name for _, a, _, _ in read_all(project, 1, " KEST")] == ["Kestrel Group", "kestria"]
    assert project.actor_count("kest") == 2


def test_an_actor_added_between_pages_shows_in_its_place_without_repeating_one(
    project: Project,
) -> None:
    """Counting rows from the top, a name sorted in above the page shows a row twice."""
    for name in NAMES:
        project.add_actor(name, "ana")
    first = project.actors_page(None, 3)
    project.add_actor("Aaland", "ana")  # before the page read
    project.add_actor("Zeta", "ana")  # after it

    rest = project.actors_page(first[-1][0], 100)

    names = [actor.name for _, actor, _, _ in first + rest]
    assert names == [*sorted(NAMES, key=str.casefold), "Zeta"]


def test_pages_carry_the_use_counts(project: Project) -> None:
    scene = build_scene(project)
    rows = {actor.id: (mentions, claims) for _, actor, mentions, claims in read_all(project, 1)}
    assert rows[scene.norvania.id][0] >= 1
    assert set(rows) == {a.id for a, _, _ in project.actor_usage()}
    assert rows == {a.id: (m, c) for a, m, c in project.actor_usage()}


def test_a_page_of_names_alone_and_the_counts_apart_make_the_page_with_counts(
    project: Project,
) -> None:
    """The Actors tab shows `actor_names_page` at once and reads `actor_use_counts` beside it."""
    build_scene(project)
    with_counts = read_all(project, 100)
    names = project.actor_names_page(None, 100)
    assert names == [(key, actor) for key, actor, _, _ in with_counts]
    counts = project.actor_use_counts([actor.id for _, actor in names] + ["no-such-actor"])
    assert counts == {
        **{actor.id: (mentions, claims) for _, actor, mentions, claims in with_counts},
        "no-such-actor": (0, 0),
    }
    assert project.actor_use_counts([]) == {}
