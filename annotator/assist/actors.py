"""Actor mentions: every registry name and alias in an article, and new actors from NER.

`ActorMentions` proposes a mention wherever a name or alias of the registry
occurs (whole words, possessives, a capitalised first letter, composed or
decomposed accents; see `NameIndex`) and no mention is labelled yet. Run it
on every article of a corpus to mark an actor across the corpus.

`EntityActors` proposes new actors from the named entities of a spaCy
pipeline the user installed and the project names (nothing is downloaded);
entity labels map to actor types (`ENTITY_TYPES`), and names already in the
registry are left to `ActorMentions`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from annotator.assist.occurrences import NameIndex
from annotator.assist.suggestion import SuggestContext, Suggestion, mention_suggestion
from annotator.core.errors import AnnotatorError
from annotator.core.model import Actor, Article
from annotator.core.spans import Span, overlap

ENTITY_TYPES: Mapping[str, str] = {
    "PERSON": "person",
    "PER": "person",
    "GPE": "state",
    "ORG": "other",
    "NORP": "unnamed_group",
}
"""spaCy entity labels (English and multilingual pipelines) and the actor type of each."""


class AssistError(AnnotatorError):
    """A recommender that cannot run as asked (a pipeline that is not installed)."""


class ActorMentions:
    """Mentions of registry actors wherever they are named (the ``actors`` recommender)."""

    name = "actors"
    version = "1"

    def __init__(self) -> None:
        self._index: tuple[tuple[Actor, ...], NameIndex] | None = None

    def index(self, actors: tuple[Actor, ...]) -> NameIndex:
        """The name index of ``actors``, built once per registry tuple."""
        if self._index is None or self._index[0] is not actors:
            self._index = (actors, NameIndex(actors))
        return self._index[1]

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        """A mention suggestion for each occurrence not covered by a labelled mention."""
        names = self.index(context.actors)
        if not names:
            return []
        taken = [m.span for m in context.labels.mentions] if context.labels else []
        out = []
        for match in names.find(article.text, taken=taken):
            words = article.text[match.span.start : match.span.end]
            exact = words == match.name
            score = 0.9 if exact else 0.8  # "Observers" for the alias "observers"
            note = f"{'name' if exact else 'name, case differs'}: {match.name!r}"
            out.append(mention_suggestion(self, article.id, match.span, match.actor, score, note))
        return out


class EntityActors:
    """New actors from a spaCy pipeline's named entities (the ``entities`` recommender).

    Args:
        nlp: a loaded spaCy ``Language`` with an ``ner`` or ``entity_ruler`` pipe,
            or any callable returning a doc with ``.ents`` (start_char, end_char, label_).
        types: entity label -> actor type; labels not listed propose nothing.
        version: names the pipeline (its name and version), so that a new pipeline's
            suggestions are told apart.
    """

    name = "entities"

    def __init__(
        self,
        nlp: Callable[[str], Any],
        types: Mapping[str, str] = ENTITY_TYPES,
        version: str = "1",
    ) -> None:
        self._nlp = nlp
        self._types = dict(types)
        self.version = version
        self._index = ActorMentions()

    @classmethod
    def from_pipeline(cls, pipeline: str, types: Mapping[str, str] = ENTITY_TYPES) -> EntityActors:
        """The recommender over the installed spaCy pipeline ``pipeline`` ("en_core_web_sm").

        Raises:
            AssistError: spaCy or the pipeline is not installed (nothing is downloaded).
        """
        try:
            import spacy
        except ImportError:
            raise AssistError(
                "named entities need spaCy: install it (pip install spacy) and the pipeline"
                f" {pipeline!r}, or switch the entities recommender off"
            ) from None
        try:
            nlp = spacy.load(pipeline)
        except OSError:
            raise AssistError(
                f"the spaCy pipeline {pipeline!r} is not installed; install it"
                f" (python -m spacy download {pipeline}) or name another in the project"
            ) from None
        meta = getattr(nlp, "meta", {}) or {}
        return cls(nlp, types, f"{pipeline}-{meta.get('version', '?')}")

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        """A mention of a new actor for the first entity of each name no registry actor has."""
        doc = self._nlp(article.text)
        names = self._index.index(context.actors)
        known = [m.span for m in names.find(article.text, ignore_case=True)] if names else []
        taken = known + ([m.span for m in context.labels.mentions] if context.labels else [])
        out = []
        seen: set[str] = set()
        for ent in doc.ents:
            actor_type = self._types.get(ent.label_)
            span = Span(ent.start_char, ent.end_char)
            if actor_type is None or any(overlap(span, t) for t in taken):
                continue
            if ent.text.casefold() in seen:
                continue  # one new actor per name; its other mentions follow once it exists
            seen.add(ent.text.casefold())
            if not context.allows("actor_type", actor_type):
                actor_type = None
            words = article.text[span.start : span.end]
            out.append(
                mention_suggestion(
                    self,
                    article.id,
                    span,
                    None,
                    0.5,
                    f"new actor {words!r} ({ent.label_})",
                    new_actor=(words, actor_type),
                )
            )
        return out
