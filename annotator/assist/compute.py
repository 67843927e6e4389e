"""Computing the suggestions of a project: every recommender switched on, over its articles.

`SuggestionEngine` holds what the recommenders read from one project (the
actor registry, the cue lexicons with the project's additions, the learned
model, the rejected and accepted keys of one annotator) and answers for one
article (`SuggestionEngine.suggest`, `SuggestionEngine.context`): the app
calls it when an article opens whose suggestions are not computed yet.

`compute_suggestions` runs the engine over some or all articles, a batch at a
time, and stores each batch in place of what was stored for it (through a
`SuggestionSink`, which the project is), with the recommender versions that
computed it (`SuggestionEngine.versions`: an article where they found nothing
is recorded too, and not computed again until they or its labels change). It
retrains the learned model first when the labels changed enough
(`needs_training`), keeping it through a `ModelSink` (the project, or, from a
worker thread reading its own read-only connection, something that hands the
model to the thread that writes). A progress callback hears ``(done, total)``
after each batch; returning False stops the run after that batch (what was
stored stays).

What is offered leaves out what the annotator rejected or accepted before and
what their labels already cover (`annotator.store.suggestion_rows.still_open`).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from annotator.assist.actors import ActorMentions, EntityActors
from annotator.assist.learned import MIN_ARTICLES, LearnedModel, train
from annotator.assist.lexicon import Lexicon
from annotator.assist.links import ClaimLinks
from annotator.assist.patterns import AttributionPatterns
from annotator.assist.recommenders import RecommenderFailed, describe, suggest
from annotator.assist.suggestion import CLAIM, MENTION, Recommender, SuggestContext, Suggestion
from annotator.core.errors import AnnotatorError, ValidationError
from annotator.core.model import Actor, Article, ArticleLabels, Status

if TYPE_CHECKING:
    from annotator.store.project import Project
    from annotator.store.suggestion_rows import LearnedModelRecord

RECOMMENDERS = ("patterns", "actors", "learned", "links", "entities")
"""Every recommender's name, in the order they run (``entities`` needs a spaCy pipeline)."""

DEFAULT_OFF = frozenset({"entities"})
"""Recommenders off until switched on (and given a pipeline)."""

BATCH = 100
"""Articles computed and stored at a time."""

STORY_CACHE = 64
"""Stories whose articles and labels are kept while computing (for links)."""


class ModelSink(Protocol):
    """Where a retrained learned model goes (a `Project` is one)."""

    def save_learned_model(
        self,
        recommender: str,
        version: str,
        model: bytes,
        annotator: str | None,
        articles: int,
        claims: int,
    ) -> object:
        """Keep a retrained model (see `Project.save_learned_model`)."""
        ...


class SuggestionSink(ModelSink, Protocol):
    """Where computed suggestions, and retrained models, go (a `Project` is one)."""

    def replace_suggestions(
        self,
        annotator: str,
        article_ids: Iterable[str],
        suggestions: Iterable[Suggestion],
        recommenders: Iterable[str] | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> int:
        """Store ``suggestions`` in place of those of ``article_ids`` (see `Project`)."""
        ...


Progress = Callable[[int, int], bool | None]
"""Called with (articles done, articles in all); False stops the run."""


def chosen_recommenders(project: Project, names: Sequence[str] | None = None) -> list[str]:
    """The recommenders to run: ``names`` (checked), or those the project has switched on.

    Raises:
        ValidationError: a name no recommender has.
    """
    if names is not None:
        unknown = [n for n in names if n not in RECOMMENDERS]
        if unknown:
            raise ValidationError(
                f"no recommender named {unknown[0]!r}; the recommenders are: "
                + ", ".join(RECOMMENDERS)
            )
        return [n for n in RECOMMENDERS if n in names]
    settings = project.recommender_settings()
    return [n for n in RECOMMENDERS if settings.get(n, n not in DEFAULT_OFF)]


@contextlib.contextmanager
def failing_as(recommender: str) -> Iterator[None]:
    """Raise a fault inside (an error that is not an `AnnotatorError`) as `RecommenderFailed`."""
    try:
        yield
    except AnnotatorError:
        raise
    except Exception as exc:
        raise RecommenderFailed(recommender, describe(exc)) from exc


# -- the learned model ----------------------------------------------------------------------


def training_pairs(project: Project, batch: int = BATCH) -> Iterator[tuple[Article, ArticleLabels]]:
    """Every article some annotator labelled, with that annotator's labels (gold's too)."""
    ids = project.labelled_article_ids()
    for start in range(0, len(ids), batch):
        part = ids[start : start + batch]
        labels = project.labels_for(part)
        for article in project.articles_by_id(part):
            for entry in labels.get(article.id, {}).values():
                if entry.labelled:
                    yield article, entry


BACKGROUND_TRAINING_CLAIMS = 20_000
"""The most labelled claims the app's background thread trains on (about 14 s).

Training holds Python's interpreter lock: on a project of 2 M labels it kept the
window from answering for minutes. Above this, the app keeps the model it has
and `annotator suggest` (its own process) trains a new one.
"""


def needs_training(
    project: Project, record: LearnedModelRecord | None, most_claims: int | None = None
) -> bool:
    """True when the learned model should be trained (again).

    When there is none (or it cannot be read) and enough articles are
    labelled (`annotator.assist.learned.MIN_ARTICLES`), or when the labelled
    claims grew or shrank by a tenth (at least 10) since it was trained; never
    when there are more than ``most_claims`` labelled claims.
    """
    articles, claims = project.training_size()
    if articles < MIN_ARTICLES or (most_claims is not None and claims > most_claims):
        return False
    if record is None:
        return True
    try:
        LearnedModel.from_bytes(record.model)
    except ValueError:
        return True
    return abs(claims - record.claims) >= max(10, record.claims // 10)


def retrain(project: Project, sink: ModelSink, lexicon: Lexicon | None = None) -> LearnedModel:
    """Train the learned model on the project's labels and keep it (through ``sink``)."""
    model = train(training_pairs(project), lexicon)
    sink.save_learned_model(
        model.name,
        model.version,
        model.to_bytes(),
        None,
        model.trained_on.get("articles", 0),
        model.trained_on.get("claims", 0),
    )
    return model


# -- one article ----------------------------------------------------------------------------


@dataclass
class SuggestionEngine:
    """The recommenders of one project for one annotator (see the module docstring).

    Build it with `SuggestionEngine.open`; it reads the project only there and
    in `story` (other articles of a story, for links).
    """

    project: Project
    annotator: str
    names: list[str]
    recommenders: list[Recommender]
    actors: tuple[Actor, ...] = ()
    closed: frozenset[str] = frozenset()
    """Keys the annotator rejected or accepted: never offered again."""
    versions: dict[str, str] = field(default_factory=dict)
    """Recommender name -> version, of those that run (see `recommender_versions`)."""
    _lexicons: dict[str, Lexicon] = field(default_factory=dict)
    _stories: OrderedDict[str, list[tuple[Article, ArticleLabels]]] = field(
        default_factory=OrderedDict
    )

    @classmethod
    def open(
        cls,
        project: Project,
        annotator: str,
        names: Sequence[str] | None = None,
        model: LearnedModel | None = None,
        pipeline: str | None = None,
    ) -> SuggestionEngine:
        """The engine of the recommenders ``names`` (default: those switched on).

        Args:
            model: the learned model (default: the one the project keeps, if any).
            pipeline: an installed spaCy pipeline for ``entities`` (it is left out without one).

        Raises:
            ValidationError: an unknown recommender name.
            AssistError: the spaCy pipeline cannot be loaded.
            RecommenderFailed: a recommender could not be made (a fault, not an `AnnotatorError`).
        """
        chosen = chosen_recommenders(project, names)
        recommenders: list[Recommender] = []
        for name in chosen:
            with failing_as(name):
                if name == "patterns":
                    recommenders.append(AttributionPatterns())
                elif name == "actors":
                    recommenders.append(ActorMentions())
                elif name == "links":
                    recommenders.append(ClaimLinks())
                elif name == "learned":
                    found = model or _kept_model(project)
                    if found is not None and found.ready:
                        recommenders.append(found)
                elif name == "entities" and pipeline:
                    recommenders.append(EntityActors.from_pipeline(pipeline))
        closed = frozenset(project.rejected_keys(annotator) | project.accepted_keys(annotator))
        versions = recommender_versions(project, recommenders)
        return cls(project, annotator, chosen, recommenders, project.all_actors(), closed, versions)

    def lexicon(self, language: str | None) -> Lexicon:
        """The cue lexicon of ``language`` with the project's additions (read once)."""
        code = (language or "en").split("-")[0].split("_")[0].lower() or "en"
        found = self._lexicons.get(code)
        if found is None:
            found = Lexicon.for_language(code, self.project.lexicon_text(code))
            self._lexicons[code] = found
        return found

    def story(self, article: Article) -> tuple[tuple[Article, ArticleLabels], ...]:
        """The other articles of the article's story, with the annotator's labels."""
        if not article.story or "links" not in self.names:
            return ()
        held = self._stories.get(article.story)
        if held is None:
            held = []
            for batch in self.project.iter_articles(story=article.story):
                labels = self.project.labels_for([a.id for a in batch], self.annotator)
                for other in batch:
                    entry = labels.get(other.id, {}).get(self.annotator)
                    if entry is not None:
                        held.append((other, entry))
            self._stories[article.story] = held
            if len(self._stories) > STORY_CACHE:
                self._stories.popitem(last=False)
        else:
            self._stories.move_to_end(article.story)
        return tuple(pair for pair in held if pair[0].id != article.id)

    def context(self, article: Article, labels: ArticleLabels | None = None) -> SuggestContext:
        """What the recommenders read about ``article`` (``labels``: the annotator's, if read)."""
        if labels is None:
            labels = self.project.labels(article.id, self.annotator)
        story = self.story(article) if labels.claims else ()
        return SuggestContext(
            actors=self.actors,
            schema=self.project.schema,
            lexicon=self.lexicon(article.language),
            labels=labels,
            story=story,
        )

    def suggest(
        self,
        article: Article,
        labels: ArticleLabels | None = None,
        closed: Iterable[str] | None = None,
    ) -> list[Suggestion]:
        """The suggestions to offer for ``article``: combined, none closed or covered.

        A mention suggestion that an offered claim's source mention makes too
        (same span, same actor) is left out (`without_source_mentions`).

        Args:
            closed: the keys the annotator closed in this article (read again
                after an accept or a reject), instead of those read at `open`.
        """
        from annotator.store.suggestion_rows import still_open_among

        context = self.context(article, labels)
        assert context.labels is not None
        found = suggest(article, context, self.recommenders)
        shut = self.closed if closed is None else frozenset(closed)
        offered = still_open_among((s for s in found if s.key not in shut), context.labels)
        return without_source_mentions(offered)


def without_source_mentions(suggestions: Sequence[Suggestion]) -> list[Suggestion]:
    """``suggestions`` without the mention suggestions that a claim suggestion among them makes.

    Accepting a suggested claim whose source is a known actor creates the
    source's mention of that actor; a separate suggestion of the same mention
    (the ``actors`` recommender finds the name) would be a second stop for
    the same words. It is left out while that claim is offered; once the claim
    is rejected, the next computation offers the mention alone.
    """
    made = {
        (m.span, m.actor)
        for s in suggestions
        if s.kind == CLAIM
        for m in s.mentions
        if m.actor is not None
    }
    if not made:
        return list(suggestions)
    return [
        s
        for s in suggestions
        if not (
            s.kind == MENTION
            and len(s.mentions) == 1
            and (s.mentions[0].span, s.mentions[0].actor) in made
        )
    ]


LEXICON_DEPENDENT = frozenset({"patterns", "learned"})
"""Recommenders that read the cue lexicon (their runs are stale when the project's changes)."""


def recommender_versions(project: Project, recommenders: Sequence[Recommender]) -> dict[str, str]:
    """Recommender name -> the version its runs are recorded under (`Project.is_computed`).

    The recommender's own version; for those reading the cue lexicon, with a
    fingerprint of the project's lexicon additions, so that editing them makes
    every article's runs stale.
    """
    languages = project.lexicon_languages()
    mark = ""
    if languages:
        digest = hashlib.sha256()
        for language in languages:
            digest.update(f"{language}\0{project.lexicon_text(language) or ''}\0".encode())
        mark = "+lexicon-" + digest.hexdigest()[:12]
    return {r.name: r.version + (mark if r.name in LEXICON_DEPENDENT else "") for r in recommenders}


def article_suggestions(engine: SuggestionEngine, article_id: str) -> list[Suggestion]:
    """The suggestions offered in an article, computed and stored first if it has none stored.

    What the app calls when an article opens, before the corpus is computed:
    an article with stored suggestions (offered, or all rejected or accepted)
    is read as it is; one without is computed with ``engine`` and stored for
    its annotator (a few milliseconds for a 5 KB article).
    """
    project = engine.project
    if not project.is_computed(article_id, engine.annotator, engine.versions):
        article = project.article(article_id)
        if article is None:
            raise ValidationError(f"no article {article_id!r} in this project")
        found = engine.suggest(article)
        project.replace_suggestions(
            engine.annotator, [article_id], found, engine.names, engine.versions
        )
    return project.offered_suggestions(article_id, engine.annotator)


def _kept_model(project: Project) -> LearnedModel | None:
    record = project.learned_model()
    if record is None:
        return None
    try:
        return LearnedModel.from_bytes(record.model)
    except ValueError:
        return None


# -- many articles --------------------------------------------------------------------------


@dataclass
class ComputeReport:
    """What `compute_suggestions` did."""

    articles: int = 0
    """Articles computed."""
    suggestions: int = 0
    """Suggestions stored."""
    by_recommender: dict[str, int] = field(default_factory=dict)
    recommenders: list[str] = field(default_factory=list)
    """The recommenders that ran."""
    trained: LearnedModel | None = None
    """The learned model, when it was retrained in this run."""
    cancelled: bool = False
    seconds: float = 0.0


def compute_suggestions(
    project: Project,
    annotator: str,
    article_ids: Sequence[str] | None = None,
    recommenders: Sequence[str] | None = None,
    progress: Progress | None = None,
    sink: SuggestionSink | None = None,
    *,
    retrain_model: bool = True,
    pipeline: str | None = None,
    batch: int = BATCH,
    training: Callable[[int, int], object] | None = None,
) -> ComputeReport:
    """Compute and store the suggestions of ``annotator`` for some or all articles.

    Args:
        project: read from (a read-only project will do when ``sink`` writes).
        annotator: whose labels the suggestions complete; they are stored for them.
        article_ids: the articles (default: all, in import order).
        recommenders: their names (default: those the project has switched on).
        progress: hears (done, total) after each batch; False stops the run.
        sink: where batches and a retrained model go (default: ``project``).
        retrain_model: retrain the learned model first when `needs_training`.
        training: hears (labelled articles, claims) when retraining starts, which
            takes a while on a large project (about 0.5 s per 1,000 claims).
        pipeline: an installed spaCy pipeline for the ``entities`` recommender.

    Raises:
        ValidationError: an unknown recommender or article id.
    """
    started = time.perf_counter()
    out = sink or project
    names = chosen_recommenders(project, recommenders)
    if article_ids is not None and (unknown := project.unknown_article_ids(article_ids)):
        raise ValidationError(f"no article {unknown[0]!r} in this project")
    report = ComputeReport(recommenders=names)
    model = None
    if "learned" in names and retrain_model and needs_training(project, project.learned_model()):
        if training is not None:
            training(*project.training_size())
        model = retrain(project, out)
        report.trained = model
    engine = SuggestionEngine.open(project, annotator, names, model, pipeline)
    total = len(article_ids) if article_ids is not None else project.article_count()
    for articles in _batches(project, article_ids, batch):
        ids = [a.id for a in articles]
        labels = project.labels_for(ids, annotator)
        found: list[Suggestion] = []
        for article in articles:
            entry = labels.get(article.id, {}).get(annotator) or ArticleLabels(
                article.id, annotator, Status(article.id, annotator)
            )
            found += engine.suggest(article, entry)
        out.replace_suggestions(annotator, ids, found, names, engine.versions)
        report.articles += len(ids)
        report.suggestions += len(found)
        for s in found:
            report.by_recommender[s.recommender] = report.by_recommender.get(s.recommender, 0) + 1
        if progress is not None and progress(report.articles, total) is False:
            report.cancelled = True
            break
    report.seconds = time.perf_counter() - started
    return report


def _batches(
    project: Project, article_ids: Sequence[str] | None, batch: int
) -> Iterator[list[Article]]:
    if article_ids is None:
        yield from project.iter_articles(batch=batch)
        return
    for start in range(0, len(article_ids), batch):
        part = list(article_ids[start : start + batch])
        yield project.articles_by_id(part)
