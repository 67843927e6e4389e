"""How good are a project's suggestions? Each recommender scored against an annotator's labels.

`evaluate_project` computes, for every article the reference annotator (or
gold) labelled, what each recommender would propose on that article were it
not labelled yet, and scores it with `annotator.assist.evaluate`:

- the rules (``patterns``, ``actors``, ``entities``) see the article and the
  registry, none of the reference's labels;
- ``learned`` is evaluated on held-out articles: the articles are divided
  into folds (`annotator.assist.evaluate.folds`) and each fold's
  suggestions come from a model trained on the labels of the other folds
  only (any annotator's labels of those articles);
- ``links`` proposes links between the reference's own claims (the story's
  articles with the reference's labels, its links taken away) and is scored
  against the links the reference made;
- ``all`` is what the app offers: every recommender's suggestions combined
  (`annotator.assist.recommenders.combine`).

Nothing is written to the project.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from annotator.assist.compute import RECOMMENDERS, SuggestionEngine, chosen_recommenders
from annotator.assist.evaluate import Evaluation, evaluate, folds
from annotator.assist.learned import LearnedModel, train
from annotator.assist.recommenders import combine
from annotator.assist.suggestion import Recommender, SuggestContext, Suggestion
from annotator.core.errors import ValidationError
from annotator.core.model import Article, ArticleLabels, Status

if TYPE_CHECKING:
    from annotator.store.project import Project

FOLDS = 5
"""Folds of the held-out evaluation of the learned model."""


def evaluate_project(
    project: Project,
    against: str,
    article_ids: Sequence[str] | None = None,
    recommenders: Sequence[str] | None = None,
    *,
    k: int = FOLDS,
    pipeline: str | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> dict[str, Evaluation]:
    """Score each recommender (and ``all`` of them combined) against ``against``'s labels.

    Args:
        against: the reference annotator ("gold" for adjudicated labels).
        article_ids: the articles to score (default: all the reference labelled).
        recommenders: their names (default: those the project has switched on).
        k: folds for the learned model's held-out evaluation.
        progress: hears (articles done, articles in all).

    Returns:
        Recommender name -> its `Evaluation`; ``all`` for them combined.

    Raises:
        ValidationError: an unknown recommender, an annotator with no labels, or
            an article the reference did not label.
    """
    names = chosen_recommenders(project, recommenders)
    if against not in project.annotators():
        known = ", ".join(project.annotators()) or "none"
        raise ValidationError(
            f"no labels of {against!r} in this project (annotators with labels: {known})"
        )
    reference = _reference(project, against, article_ids)
    if not reference:
        raise ValidationError(f"{against!r} has labelled no article to evaluate against")
    articles = {a.id: a for a in project.articles_by_id(list(reference))}
    engine = SuggestionEngine.open(project, against, names, pipeline=pipeline)
    rules = [r for r in engine.recommenders if r.name not in ("learned", "links")]
    links = [r for r in engine.recommenders if r.name == "links"]
    groups = folds(list(reference), k) if "learned" in names else [list(reference)]
    found: dict[str, list[Suggestion]] = {name: [] for name in names}
    combined: list[Suggestion] = []
    done = 0
    for index, test in enumerate(groups):
        if not test:
            continue
        model = None
        if "learned" in names:
            held = {a for i, g in enumerate(groups) if i != index for a in g}
            model = _train_without(project, held)
        for article_id in test:
            article = articles[article_id]
            proposed = _suggest(engine, article, reference[article_id], rules, links, model)
            for s in proposed:
                found.setdefault(s.recommender, []).append(s)
            combined += combine(proposed)
            done += 1
            if progress is not None:
                progress(done, len(reference))
    labels = list(reference.values())
    texts = {a: articles[a].text for a in reference}
    result = {
        name: evaluate(found.get(name, []), labels, texts, recommender=name)
        for name in names
        if name in RECOMMENDERS
    }
    result["all"] = evaluate(combined, labels, texts, recommender="all")
    return result


def _reference(
    project: Project, against: str, article_ids: Sequence[str] | None
) -> dict[str, ArticleLabels]:
    """The reference's labels of the articles to score, in import order."""
    ids = article_ids if article_ids is not None else project.labelled_article_ids()
    if article_ids is not None and (unknown := project.unknown_article_ids(article_ids)):
        raise ValidationError(f"no article {unknown[0]!r} in this project")
    out: dict[str, ArticleLabels] = {}
    for start in range(0, len(ids), 500):
        part = list(ids[start : start + 500])
        labels = project.labels_for(part, against)
        for article_id in part:
            entry = labels.get(article_id, {}).get(against)
            if entry is not None and entry.labelled:
                out[article_id] = entry
            elif article_ids is not None:
                raise ValidationError(f"{against!r} has not labelled article {article_id!r}")
    return out


def _train_without(project: Project, train_ids: set[str]) -> LearnedModel:
    """A model trained on every annotator's labels of ``train_ids`` only."""
    from annotator.assist.compute import training_pairs

    return train(pair for pair in training_pairs(project) if pair[0].id in train_ids)


def _suggest(
    engine: SuggestionEngine,
    article: Article,
    reference: ArticleLabels,
    rules: Sequence[Recommender],
    links: Sequence[Recommender],
    model: LearnedModel | None,
) -> list[Suggestion]:
    """Every recommender's suggestions for one article, uncombined."""
    empty = ArticleLabels(article.id, reference.annotator, Status(article.id, reference.annotator))
    blank = SuggestContext(
        actors=engine.actors,
        schema=engine.project.schema,
        lexicon=engine.lexicon(article.language),
        labels=empty,
    )
    out: list[Suggestion] = []
    for recommender in rules:
        out += recommender.suggest(article, blank)
    if model is not None and model.ready:
        out += [s for s in model.suggest(article, blank) if s.kind != "fields"]
    if links and reference.claims:
        unlinked = dataclasses.replace(reference, links={})
        story = tuple(
            (other, dataclasses.replace(labels, links={}))
            for other, labels in engine.story(article)
        )
        context = dataclasses.replace(blank, labels=unlinked, story=story)
        for recommender in links:
            out += recommender.suggest(article, context)
    return out
