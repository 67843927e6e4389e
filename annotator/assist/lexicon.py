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
takes and how it reports: ``bare``, ``shared``, ``documents``, ``amount``,
``addressee``), ``[cues]`` (``according``, ``hedges``, ``impersonal``,
``nouns``), ``[sources]`` (``unnamed``, ``document``, ``pronouns``),
``[descriptions]`` (actor type -> the nouns a definite description of an
actor of that type ends in: "the company"), ``[blockers]``
(``negations``, ``modals``, ``conditionals``, ``passive``, ``inversions``),
``[clause]``
(``complementisers``, ``boundaries``, ``relatives``, ``openers``,
``determiners``, ``auxiliaries``, ``titles``, ``amount_markers``, ``amounts``,
``approximations``, ``times``) and ``[quotation]`` (``marks``: pairs of
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
    documents: bool = False
    """With ``bare = false``: the verb reports bare content after a document
    source all the same ("the survey found stocks at a low", not "police found
    a car")."""
    amount: bool = False
    """True for a verb that reports only a quantity: "X put the turnout at
    50,000" (the content is "the turnout at 50,000"; "put pressure on" is none)."""
    addressee: bool = False
    """True for a verb whose addressee may follow it after the content: "Y, X
    told the Island Herald"."""


_LIST_KEYS = {
    "cues": ("according", "hedges", "impersonal", "nouns"),
    "sources": ("unnamed", "document", "pronouns"),
    "blockers": ("negations", "modals", "conditionals", "passive", "inversions"),
    "clause": (
        "complementisers",
        "boundaries",
        "relatives",
        "openers",
        "determiners",
        "auxiliaries",
        "titles",
        "amount_markers",
        "amounts",
        "approximations",
        "times",
    ),
}
_TOP_KEYS = {"lexicon", "verbs", "quotation", "remove", "descriptions", *_LIST_KEYS}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The cue words of one language (see the module docstring for each list)."""

    language: str = ""
    name: str = ""
    verbs: tuple[Verb, ...] = ()
    according: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    impersonal: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    unnamed: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    pronouns: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    passive: tuple[str, ...] = ()
    inversions: tuple[str, ...] = ()
    complementisers: tuple[str, ...] = ()
    boundaries: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    openers: tuple[str, ...] = ()
    determiners: tuple[str, ...] = ()
    auxiliaries: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    amount_markers: tuple[str, ...] = ()
    amounts: tuple[str, ...] = ()
    approximations: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    quotes: tuple[tuple[str, str], ...] = ()
    descriptions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(actor type, nouns): "the company" may name the last actor of type
    "other" named before it, when "company" is one of that type's nouns."""
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
        descriptions=tuple(
            (str(kind), _strings(nouns, f"{origin}: descriptions.{kind}"))
            for kind, nouns in _table(data, "descriptions", origin).items()
        ),
        **lists,
    )


def _verb(raw: Any, where: str) -> Verb:
    if not isinstance(raw, dict):
        raise LexiconError(f"{where} must be a table with forms = [...]")
    flags = ("bare", "shared", "documents", "amount", "addressee")
    unknown = set(raw) - {"forms", "category", "certainty", *flags}
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    forms = _strings(raw.get("forms"), f"{where}: forms")
    if not forms:
        raise LexiconError(f"{where}: forms is empty")
    category, certainty = raw.get("category"), raw.get("certainty")
    for name, value in (("category", category), ("certainty", certainty)):
        if value is not None and not isinstance(value, str):
            raise LexiconError(f"{where}: {name} must be a value id")
    values = {flag: raw.get(flag, flag == "bare") for flag in flags}
    if not all(isinstance(v, bool) for v in values.values()):
        raise LexiconError(f"{where}: {', '.join(flags)} must be true or false")
    return Verb(forms, category, certainty, **values)


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
        known = {k for keys in _LIST_KEYS.values() for k in keys}
        known |= {"verbs", "quotes", "descriptions"}
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
    nouns_of: dict[str, tuple[str, ...]] = {}
    for kind, nouns in (*base.descriptions, *more.descriptions):
        gone = dropped.get("descriptions", set())
        nouns_of[kind] = _unique(
            n for n in (*nouns_of.get(kind, ()), *nouns) if n.casefold() not in gone
        )
    return Lexicon(
        language=more.language or base.language,
        name=more.name or base.name,
        verbs=_unique(verbs),
        quotes=quotes,
        descriptions=tuple(nouns_of.items()),
        **lists,
    )
