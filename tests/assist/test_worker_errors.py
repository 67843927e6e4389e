"""Errors of the suggestion worker's steps come back to the app as plain data, the recommender named."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from annotator.assist import worker
from annotator.assist.recommenders import RecommenderFailed, suggest
from annotator.assist.suggestion import SuggestContext, Suggestion
from annotator.core.errors import InputError
from annotator.core.model import Article


class Broken(Exception):
    """An error whose constructor takes two arguments: pickled, it cannot be rebuilt."""

    def __init__(self, article_id: str, chars: int) -> None:
        super().__init__(f"cannot read {article_id} ({chars} characters)")


class Raising:
    """A recommender that raises ``error`` on every article."""

    name = "raising"
    version = "1"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def suggest(self, article: Article, context: SuggestContext) -> list[Suggestion]:
        raise self.error


def fails_unpicklably() -> None:
    raise Broken("a1", 42)


def fails_as_user_error() -> None:
    raise InputError("articles.csv", "no text column", line=1)


def test_a_recommender_fault_names_the_recommender_and_keeps_the_cause() -> None:
    article = Article(id="a1", text="Ana said so.")
    with pytest.raises(RecommenderFailed) as failed:
        suggest(article, SuggestContext(), [Raising(Broken("a1", 12))])
    assert failed.value.recommender == "raising"
    assert failed.value.problem == "Broken: cannot read a1 (12 characters)"
    assert isinstance(failed.value.__cause__, Broken)
    again = pickle.loads(pickle.dumps(failed.value))
    assert (again.recommender, again.problem) == ("raising", failed.value.problem)


def test_an_annotator_error_of_a_recommender_passes_as_it_is() -> None:
    error = InputError("lexicon.toml", "not valid TOML")
    with pytest.raises(InputError):
        suggest(Article(id="a1", text="Ana said so."), SuggestContext(), [Raising(error)])


def test_errors_that_cannot_be_rebuilt_come_back_from_the_worker_process() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        with pytest.raises(worker.StepFailed) as fault:
            pool.submit(worker.step, fails_unpicklably).result()
        assert fault.value.problem == "Broken: cannot read a1 (42 characters)"
        assert not fault.value.expected and fault.value.recommender is None
        assert "Traceback" in fault.value.details and "fails_unpicklably" in fault.value.details
        with pytest.raises(worker.StepFailed) as told:
            pool.submit(worker.step, fails_as_user_error).result()
        assert told.value.expected and told.value.problem == "articles.csv, line 1: no text column"
        assert pool.submit(worker.started).result() > 0  # the pool still works
