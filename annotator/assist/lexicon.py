"""The cue lexicon: the words that say who says what, per language, read from TOML.

The lexicon is a project resource, not code: ``resources/lexicon/<lang>.toml``
ships one per language (`Lexicon.for_language`), and a project may extend or
override it with TOML of the same shape (`Lexicon.load`):

- lists are added to the default's (duplicates dropped);
- ``[remove]`` holds lists under the same names whose entries are dropped
  (``[remove] verbs = ["claim"]`` drops every verb entry with that form);
- ``[lexicon] replace = true`` starts from nothing instead of the default.

The file's sections (see ``resources/lexicon/en.toml``, which explains each):
``[lexicon]`` (language, name), ``[[verbs]]`` (the forms of one reporting
verb, and optionally the ``category`` / ``certainty`` value a claim it cues
takes), ``[cues]`` (``according``, ``hedges``, ``impersonal``),
``[sources]`` (``unnamed``, ``document``, ``pronouns``), ``[blockers]``
(``negations``, ``modals``, ``conditionals``, ``passive``), ``[clause]``
(``complementisers``, ``boundaries``, ``relatives``, ``openers``,
``determiners``, ``auxiliaries``, ``titles``) and ``[quotation]`` (``marks``: pairs of
opening and closing quotation marks; ``[remove] quotes`` drops pairs).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import SchemaError


class LexiconError(SchemaError):
    """A lexicon file that cannot be read; the message says where."""


@dataclass(frozen=True, slots=True)
class Verb:
    """One reporting verb: its forms as they appear in text, and what a claim it cues is.

    A form may be several words ("called on", "told reporters").
    """

    forms: tuple[str, ...]
    category: str | None = None
    certainty: str | None = None
    bare: bool = True
    """False for a verb that reports content after it only with a complementiser
    ("X added that Y") or a quotation, not bare ("X adds another layer")."""
    shared: bool = False
    """True for forms that take the subject of the verb before them and cue only
    after a comma or "and" ("X said Y, adding that Z"): participles."""


_LIST_KEYS = {
    "cues": ("according", "hedges", "impersonal"),
    "sources": ("unnamed", "document", "pronouns"),
    "blockers": ("negations", "modals", "conditionals", "passive"),
    "clause": (
        "complementisers",
        "boundaries",
        "relatives",
        "openers",
        "determiners",
        "auxiliaries",
        "titles",
    ),
}
_TOP_KEYS = {"lexicon", "verbs", "quotation", "remove", *_LIST_KEYS}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue words of one language (see the module docstring for each list)."""

    language: str = ""
    name: str = ""
    verbs: tuple[Verb, ...] = ()
    according: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    impersonal: tuple[str, ...] = ()
    unnamed: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    passive: tuple[str, ...] = ()
    complementisers: tuple[str, ...] = ()
    boundaries: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    auxiliaries: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()
    verb_of: dict[str, Verb] = field(init=False, repr=False, compare=False)
    """Each form, folded to lower case, and the verb it belongs to."""

    def __post_init__(self) -> None:
        verb_of = {form.casefold(): verb for verb in self.verbs for form in verb.forms}
        object.__setattr__(self, "verb_of", verb_of)

    @classmethod
    def load(cls, default: str, extra: str | None = None, origin: str = "lexicon") -> Lexicon:
        """A lexicon from TOML text ``default``, extended by the project's ``extra`` TOML.

        Raises:
            LexiconError: either text is not valid TOML or not a lexicon.
        """
        base = _parse(default, origin)
        if not extra or not extra.strip():
            return base
        more = _parse_table(extra, f"{origin} (project)")
        head = more.get("lexicon", {})
        if head.get("replace", False) is True:
            base = Lexicon()
        return _merged(base, _from_table(more, f"{origin} (project)"), more.get("remove", {}))

    @classmethod
    def for_language(cls, language: str | None, extra: str | None = None) -> Lexicon:
        """The shipped lexicon of ``language`` ("en", "de-AT" reads "de"), English when
        none ships, extended by the project's ``extra`` TOML.

        The same language and extra give the same (immutable) lexicon object:
        files are read once per process.
        """
        code = (language or "en").split("-")[0].split("_")[0].lower() or "en"
        return _shipped(code, extra or None)

    def verb(self, form: str) -> Verb | None:
        """The verb ``form`` belongs to (case ignored), or None."""
        return self.verb_of.get(form.casefold())


@functools.lru_cache(maxsize=32)
def _shipped(code: str, extra: str | None) -> Lexicon:
    from annotator.resources import resource

    path = resource("lexicon", f"{code}.toml")
    if not path.is_file():
        path = resource("lexicon", "en.toml")
    return Lexicon.load(path.read_text(encoding="utf-8"), extra, path.name)


def available_languages() -> tuple[str, ...]:
    """The language codes a lexicon ships for, sorted."""
    from annotator.resources import resource

    return tuple(sorted(p.stem for p in resource("lexicon").glob("*.toml")))


def _parse_table(text: str, origin: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{origin}: not valid TOML ({exc})") from None
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise LexiconError(f"{origin}: unknown section(s) {', '.join(sorted(unknown))}")
    return data


def _parse(text: str, origin: str) -> Lexicon:
    return _from_table(_parse_table(text, origin), origin)


def _table(data: Mapping[str, Any], name: str, origin: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise LexiconError(f"{origin}: [{name}] must be a table")
    return table


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where} must be a list of words")
    return tuple(v.strip() for v in value)


def _from_table(data: Mapping[str, Any], origin: str) -> Lexicon:
    head = data.get("lexicon", {})
    if not isinstance(head, dict):
        raise LexiconError(f"{origin}: [lexicon] must be a table")
    lists: dict[str, tuple[str, ...]] = {}
    for section, keys in _LIST_KEYS.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise LexiconError(f"{origin}: [{section}] must be a table")
        unknown = set(table) - set(keys)
        if unknown:
            raise LexiconError(
                f"{origin}: [{section}] has unknown key(s) {', '.join(sorted(unknown))}"
            )
        for key in keys:
            lists[key] = _strings(table.get(key, []), f"{origin}: {section}.{key}")
    return Lexicon(
        language=str(head.get("language", "")),
        name=str(head.get("name", "")),
        verbs=tuple(
            _verb(v, f"{origin}: verb {i}") for i, v in enumerate(data.get("verbs", []), 1)
        ),
        quotes=_quotes(
            _table(data, "quotation", origin).get("marks", []), f"{origin}: quotation.marks"
        ),
        **lists,
    )


def _verb(raw: Any, where: str) -> Verb:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a table with forms = [...]")
    unknown = set(raw) - {"forms", "category", "certainty", "bare", "shared"}
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    forms = _strings(raw.get("forms"), f"{where}: forms")
    if not forms:
        raise LexiconError(f"{where}: forms is empty")
    category, certainty = raw.get("category"), raw.get("certainty")
    for name, value in (("category", category), ("certainty", certainty)):
        if value is not None and not isinstance(value, str):
            raise LexiconError(f"{where}: {name} must be a value id")
    bare, shared = raw.get("bare", True), raw.get("shared", False)
    if not isinstance(bare, bool) or not isinstance(shared, bool):
        raise LexiconError(f"{where}: bare and shared must be true or false")
    return Verb(forms, category, certainty, bare, shared)


def _quotes(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(m, str) and len(m) == 1 for m in p)
        for p in raw
    ):
        raise LexiconError(f'{where} must be a list of [opening, closing] marks, like ["«", "»"]')
    return tuple((p[0], p[1]) for p in raw)


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _merged(base: Lexicon, more: Lexicon, remove: Any) -> Lexicon:
    if not isinstance(remove, dict):
        raise LexiconError("[remove] must be a table")
    dropped: dict[str, set[str]] = {}
    for key, value in remove.items():
        known = {k for keys in _LIST_KEYS.values() for k in keys} | {"verbs", "quotes"}
        if key not in known:
            raise LexiconError(f"[remove] has an unknown key {key!r}")
        if key == "quotes":
            dropped[key] = {"".join(p) for p in _quotes(value, "[remove] quotes")}
        else:
            dropped[key] = {w.casefold() for w in _strings(value, f"[remove] {key}")}

    def keep(key: str, words: Iterable[str]) -> tuple[str, ...]:
        gone = dropped.get(key, set())
        return _unique(w for w in words if w.casefold() not in gone)

    gone_verbs = dropped.get("verbs", set())
    verbs = tuple(
        v
        for v in (*base.verbs, *more.verbs)
        if not any(f.casefold() in gone_verbs for f in v.forms)
    )
    lists = {
        key: keep(key, (*getattr(base, key), *getattr(more, key)))
        for keys in _LIST_KEYS.values()
        for key in keys
    }
    quotes = _unique(
        q for q in (*base.quotes, *more.quotes) if "".join(q) not in dropped.get("quotes", set())
    )
    return Lexicon(
        language=more.language or base.language,
        name=more.name or base.name,
        verbs=_unique(verbs),
        quotes=quotes,
        **lists,
    )
