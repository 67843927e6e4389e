"""Random work on three laptops and the lead's side, synced in random order (seeded).

Whatever the order, once every laptop has synced twice more, each copy holds
exactly the hub's rows of its annotator, ana's two laptops agree, and no label
is on the hub twice.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.hub.sync import join, sync
from annotator.store.project import Project
from tests.hub.conftest import Server
from tests.hub.hubs import Hub, hub_rows_of, laptop_rows, make_hub
from tests.quality.laptops import TEXTS


@pytest.fixture
def hub(pg_server: Server, hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    return make_hub(pg_server, hub_db, tmp_path, monkeypatch)


def work(
    copy: Project, who: str, rng: random.Random, articles: list[str], actors: list[str]
) -> None:
    """A few random actions of ``who`` in a copy (some refused by the store: that is fine)."""
    labels = [copy.labels(a, who) for a in articles]
    claims = [c.id for found in labels for c in found.claims]
    mentions = [m.id for found in labels for m in found.mentions]
    for _ in range(rng.randint(1, 6)):
        action = rng.choice(
            [
                "claim",
                "claim",
                "edit",
                "delete",
                "mention",
                "unmention",
                "status",
                "alias",
                "rename",
            ]
        )
        article = rng.choice(articles)
        length = len(TEXTS[article])
        start = rng.randrange(0, length - 10)
        try:
            if action == "claim":
                claims.append(copy.add_claim(article, who, start, start + 5, stance="support").id)
            elif action == "edit" and claims:
                copy.update_claim(rng.choice(claims), note=f"note {rng.random():.3f}")
            elif action == "delete" and claims:
                copy.delete_claim(claims.pop(rng.randrange(len(claims))))
            elif action == "mention":
                mentions.append(
                    copy.add_mention(article, who, start, start + 4, rng.choice(actors)).id
                )
            elif action == "unmention" and mentions:
                copy.delete_mention(mentions.pop(rng.randrange(len(mentions))))
            elif action == "status":
                copy.set_status(article, who, rng.choice(["in_progress", "done", "skipped"]))
            elif action == "alias":
                copy.add_alias(rng.choice(actors), f"alias {rng.randrange(5)}", who)
            elif action == "rename":
                copy.update_actor(rng.choice(actors), who, type=rng.choice(["state", "party"]))
        except AnnotatorError:
            pass  # the store refused it (a label gone by a sync, a name taken): as in the app


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_work_and_sync_order_end_in_agreement(hub: Hub, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    laptops = {
        "ana-office": ("ana", tmp_path / "ana1.claims"),
        "ana-home": ("ana", tmp_path / "ana2.claims"),
        "ben": ("ben", tmp_path / "ben.claims"),
    }
    for who, path in laptops.values():
        join(hub.dsn(who), who, path)
    actors = [hub.lead.china, hub.lead.norvania]
    for _ in range(6):
        for name in rng.sample(sorted(laptops), k=len(laptops)):
            who, path = laptops[name]
            with Project.open(path) as copy:
                articles = sorted(copy.assigned_articles(who))
                work(copy, who, rng, articles, actors)
                if rng.random() < 0.7:
                    sync(copy)
        with hub.as_role("lead") as lead:  # the lead edits the registry on the hub meanwhile
            lead.execute(
                "UPDATE claim_hub.actors SET type = %s WHERE id = %s",
                [rng.choice(["state", "government"]), rng.choice(actors)],
            )
    for _ in range(2):
        for _who, path in laptops.values():
            with Project.open(path) as copy:
                sync(copy)
    ana = hub_rows_of(hub, "ana")
    assert laptop_rows(laptops["ana-office"][1]) == ana
    assert laptop_rows(laptops["ana-home"][1]) == ana
    assert laptop_rows(laptops["ben"][1]) == hub_rows_of(hub, "ben")
    ids = [r[0] for r in hub.rows("claims")] + [r[0] for r in hub.rows("mentions")]
    assert len(ids) == len(set(ids))
