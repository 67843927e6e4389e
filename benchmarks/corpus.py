"""A synthetic native-JSONL corpus for the benchmarks, generated from a fixed seed.

Each line is one article of about 5 KB of English-like text (random words with
a Zipf-like frequency, some non-ASCII words and now and then an emoji, which is
one code point in Python but two UTF-16 units) and one annotation entry by
``bench`` with about 30 labels: 12 mentions, 10 claims (each with an
attribution, most with a cue) and the 6-10 actors they refer to, drawn from a
registry of actors whose ids and aliases are shared across articles.

Every span is valid (``text == article_text[start:end]``) and every line is
written in the exporter's canonical form (key order, labels sorted by
``(start, end, id)``, actors by name, the default schema's stamp under
``label_schema``), so exporting an imported corpus gives the same bytes back.

The corpus is written line by line to ``benchmarks/data/`` under a name that
holds its parameters, via a temporary file, and reused when it already exists.
Run this file to generate it on its own: ``python benchmarks/corpus.py [ARTICLES]``.
"""

from __future__ import annotations

import os
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

import orjson

from annotator.core.schema import default_schema

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_ARTICLES = 20_000
DEFAULT_SEED = 20_240_601
GENERATOR_VERSION = 2  # bump when the output of this module changes
SCHEMA_STAMP = default_schema().stamp_data()
"""What an export of a project made with the default schema names under ``label_schema``."""
ANNOTATOR = "bench"

MENTIONS_PER_ARTICLE = 12
CLAIMS_PER_ARTICLE = 10
ARTICLES_PER_STORY = 8
REGISTRY_SIZE = 400

# -- vocabulary ---------------------------------------------------------------------------------

_COMMON = """
the of and to in a is that for on was with as by at from it be this have are has an not
which or but were had been they their its after more also who would year new said will
people last two first over than about into government other some up when out there can
years all could time only one state minister new public may most police between under
against under during since three before while million percent week country report support
plan talks security economy market policy election party leaders officials week month
border trade agreement military forces war peace crisis energy prices health workers
court law rights vote budget tax rates growth bank inflation region city capital council
president prime spokesperson statement meeting summit foreign national local international
according held told made take help need make part back still well even because where
announced expected increase decision proposal measures reform water climate emissions
migration refugees sanctions aid investment companies industry jobs schools students
""".split()  # noqa: SIM905 (a word list reads better as text)

_SYLLABLES = [
    "ka", "ri", "to", "na", "mo", "le", "sa", "ve", "di", "pa", "lo", "ne", "ta", "ro", "mi",
    "be", "ga", "fu", "he", "ju", "ko", "la", "me", "no", "pe", "ra", "si", "te", "vo", "wa",
    "ze", "ar", "en", "or", "in", "al", "es", "an", "on", "il", "ur", "ex", "st", "pr", "tr",
    "br", "cl", "gr", "pl",
]  # fmt: skip

_NON_ASCII = [
    "café", "naïve", "Zürich", "São Paulo", "Ελλάδα", "北京", "Kraków", "façade",
    "résumé", "Düsseldorf", "Москва", "Łódź", "coöperation", "Québec", "Bogotá", "İstanbul",
]  # fmt: skip
_EMOJI = ["🌍", "📈", "🔥", "🤝", "🇪🇺", "📉", "🗳️", "⚠️"]

_OUTLETS = [
    ("The Daily Ledger", "ledger.example"),
    ("Northern Courier", "courier.example"),
    ("Global Wire", "globalwire.example"),
    ("Le Quotidien", "quotidien.example"),
    ("Der Beobachter", "beobachter.example"),
    ("Metro Post", "metropost.example"),
    ("Harbour Times", "harbour.example"),
    ("El Noticiero", "noticiero.example"),
    ("Evening Standard-Bearer", "standard.example"),
    ("Continental Review", "continental.example"),
]

_COUNTRIES = [
    ("China", ["Beijing", "the Chinese government"]),
    ("France", ["Paris", "the French government"]),
    ("Germany", ["Berlin", "the German government"]),
    ("Brazil", ["Brasília", "the Brazilian government"]),
    ("Japan", ["Tokyo", "the Japanese government"]),
    ("India", ["New Delhi", "the Indian government"]),
    ("Russia", ["Moscow", "the Kremlin"]),
    ("Türkiye", ["Ankara", "Turkey"]),
    ("Mexico", ["Mexico City", "the Mexican government"]),
    ("Nigeria", ["Abuja", "the Nigerian government"]),
    ("Poland", ["Warsaw", "the Polish government"]),
    ("Côte d'Ivoire", ["Ivory Coast", "Abidjan"]),
    ("United Kingdom", ["Britain", "London", "the UK"]),
    ("United States", ["Washington", "the US", "the White House"]),
    ("South Korea", ["Seoul", "the South Korean government"]),
    ("Canada", ["Ottawa", "the Canadian government"]),
]
_FIRST = [
    "Maria", "José", "Zoë", "Ahmed", "Li", "Anna", "Kwame", "Olga", "Pierre", "Sofía",
    "Hiroshi", "Fatima", "Lars", "Ngozi", "Chen", "Björn", "Aisha", "Mateo", "Élodie", "Ravi",
]  # fmt: skip
_LAST = [
    "Okafor", "Álvarez", "Müller", "Haddad", "Wei", "Nowak", "Mensah", "Petrova", "Dubois",
    "García", "Tanaka", "Rahman", "Johansson", "Adeyemi", "Zhang", "Lindqvist", "Yılmaz",
    "Santos", "Lefèvre", "Sharma", "O'Connor", "Kowalczyk",
]  # fmt: skip
_ORG_KINDS = [
    ("igo", "the {} Council"),
    ("civil_society", "the {} Alliance"),
    ("party", "the {} Party"),
    ("media", "the {} Herald"),
    ("military", "the {} Army"),
    ("government", "the {} Ministry"),
    ("expert", "the {} Institute"),
    ("unnamed_group", "{} protesters"),
    ("other", "the {} Foundation"),
]
_PERSON_TYPES = ["person", "official", "expert"]
_PERSON_TITLES = ["President", "Minister", "Dr", "Senator", "Ambassador", "General"]

_CUES_INDIRECT = ["said", "argued", "warned", "claimed", "insisted", "noted", "stated", "denied"]
_CUES_DIRECT = ["said", "told reporters", "declared", "wrote"]
_UNNAMED = ["Officials", "Observers", "Analysts", "Diplomats", "Sources close to the talks"]
_DOCUMENTS = ["a recent report", "a leaked memo", "the draft agreement", "a new study"]
_NOTES = ["check the date", "quote is abridged", "second source needed", "néant ✓"]

_STANCE = ["support", "oppose", "neutral", None]
_CATEGORY = ["assertion", "prediction", "evaluation", "demand", "commitment", None]
_CERTAINTY = ["asserted", "hedged", "speculative", None]
_CHECKWORTHY = ["checkworthy", "unimportant", "non_factual", None]


@dataclass(frozen=True)
class CorpusSpec:
    """The parameters that determine a corpus (and its file name)."""

    articles: int = DEFAULT_ARTICLES
    seed: int = DEFAULT_SEED
    target_bytes: int = 5_000

    @property
    def path(self) -> Path:
        """Where the corpus with these parameters is (or will be) stored."""
        name = (
            f"native-{self.articles}a-{self.target_bytes}b-seed{self.seed}-v{GENERATOR_VERSION}"
            f"-schema{SCHEMA_STAMP['fingerprint']}"
        )
        return DATA_DIR / f"{name}.jsonl"


@dataclass(frozen=True)
class _Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases)}


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _registry(rng: random.Random) -> list[_Actor]:
    """A fixed registry of actors with aliases; lines refer to them by id."""
    actors: list[_Actor] = []
    for name, aliases in _COUNTRIES:
        actors.append(_Actor(_uuid(rng), name, "state", tuple(aliases)))
    used: set[str] = {a.name.casefold() for a in actors}
    while len(actors) < REGISTRY_SIZE:
        if rng.random() < 0.6:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            name = f"{first} {last}"
            aliases: tuple[str, ...] = (last, f"{rng.choice(_PERSON_TITLES)} {last}")[
                : rng.randint(0, 2)
            ]
            kind = rng.choice(_PERSON_TYPES)
        else:
            kind, pattern = rng.choice(_ORG_KINDS)
            stem = "".join(rng.choices(_SYLLABLES, k=rng.randint(2, 3))).capitalize()
            name = pattern.format(stem)
            aliases = (stem,) if rng.random() < 0.5 else ()
        if name.casefold() in used or any(a.casefold() == name.casefold() for a in aliases):
            continue
        used.add(name.casefold())
        actors.append(_Actor(_uuid(rng), name, kind, aliases))
    return actors


class _Words:
    """Random English-like words with a Zipf-like frequency."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        invented = {
            "".join(rng.choices(_SYLLABLES, k=rng.randint(1, 4))) for _ in range(6_000)
        } - set(_COMMON)
        self.vocab = list(dict.fromkeys(_COMMON)) + sorted(invented)
        rng.shuffle(self.vocab[len(_COMMON) :])
        self.cum = list(accumulate(1.0 / (rank + 1) for rank in range(len(self.vocab))))

    def words(self, count: int) -> list[str]:
        words = self.rng.choices(self.vocab, cum_weights=self.cum, k=count)
        rng = self.rng
        if rng.random() < 0.08:
            words[rng.randrange(count)] = rng.choice(_NON_ASCII)
        if rng.random() < 0.03:
            words[rng.randrange(count)] = rng.choice(_EMOJI)
        return words

    def clause(self, low: int, high: int) -> str:
        return " ".join(self.words(self.rng.randint(low, high)))

    def sentence(self) -> str:
        words = self.words(self.rng.randint(8, 22))
        if len(words) > 10 and self.rng.random() < 0.4:
            words[self.rng.randint(3, len(words) - 4)] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."


class _Text:
    """Article text built piece by piece, remembering code point offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.bytes = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        self.bytes += len(piece.encode())
        return start, self.pos

    def value(self) -> str:
        return "".join(self.parts)


class _Article:
    """Generates one article line."""

    def __init__(
        self, gen: Generator, number: int, actors: list[_Actor], target_bytes: int
    ) -> None:
        self.gen = gen
        self.rng = gen.rng
        self.number = number
        self.actors = actors
        self.target_bytes = target_bytes
        self.text = _Text()
        self.mentions: list[dict[str, Any]] = []
        self.claims: list[dict[str, Any]] = []
        self.used: dict[str, _Actor] = {}

    def _mention(self, actor: _Actor) -> dict[str, Any]:
        surface = (
            self.rng.choice(actor.aliases)
            if actor.aliases and self.rng.random() < 0.4
            else actor.name
        )
        start, end = self.text.add(surface)
        mention = {
            "id": self.gen.uuid(),
            "start": start,
            "end": end,
            "text": surface,
            "actor": actor.id,
        }
        self.mentions.append(mention)
        self.used[actor.id] = actor
        return mention

    def _claim_body(self, target: _Actor | None) -> tuple[int, int]:
        """The claim's words; a mention of ``target`` inside them when given."""
        words = self.gen.words
        start = self.text.pos
        if target is None:
            self.text.add(words.clause(8, 18))
        else:
            self.text.add(words.clause(3, 8) + " ")
            self._mention(target)
            self.text.add(" " + words.clause(3, 9))
        return start, self.text.pos

    def _claim(self, kind: str, target: _Actor | None) -> None:
        rng, add = self.rng, self.text.add
        source_mention = source_text = cue = None
        claimant = None
        if kind in ("direct", "indirect", "mixed"):
            source = rng.choice([a for a in self.actors if a is not target])
            mention = self._mention(source)
            source_mention, claimant = mention["id"], source.id
            source_kind = "named"
            if kind == "direct":
                add(" ")
                cue = add(rng.choice(_CUES_DIRECT))
                curly = rng.random() < 0.5
                add(": “" if curly else ': "')
                span = self._claim_body(target)
                add("”. " if curly else '". ')
            elif kind == "indirect":
                add(" ")
                cue = add(rng.choice(_CUES_INDIRECT))
                add(" that ")
                span = self._claim_body(target)
                add(". ")
            else:
                add(" ")
                cue = add(rng.choice(_CUES_INDIRECT))
                add(' the plan was "')
                span = self._claim_body(target)
                add('", a view others share. ')
        elif kind == "unnamed":
            source_text = rng.choice(_UNNAMED)
            source_kind = "unnamed"
            add(source_text + " ")
            cue = add(rng.choice(_CUES_INDIRECT))
            add(" that ")
            span = self._claim_body(target)
            add(". ")
            kind = "indirect"
        elif kind == "document":
            cue = add("According to")
            source_text = rng.choice(_DOCUMENTS)
            source_kind = "document"
            add(f" {source_text}, ")
            span = self._claim_body(target)
            add(". ")
            kind = "indirect"
        else:  # the author's own claim
            source_kind = "author"
            kind = "unattributed"
            span = self._claim_body(target)
            add(". ")
        addressee = rng.choice(self.actors) if rng.random() < 0.2 else None
        if addressee is not None:
            self.used[addressee.id] = addressee
        claim = {
            "id": self.gen.uuid(),
            "start": span[0],
            "end": span[1],
            "text": None,  # filled in once the text is complete
            "claimant": claimant,
            "addressee": addressee.id if addressee else None,
            "target": target.id if target else None,
            "stance": rng.choice(_STANCE),
            "category": rng.choice(_CATEGORY),
            "certainty": rng.choice(_CERTAINTY),
            "checkworthy": rng.choice(_CHECKWORTHY),
            "attribution": {
                "attribution_type": kind,
                "source_mention": source_mention,
                "source_text": source_text,
                "source_kind": source_kind,
                "cue": None if cue is None else {"start": cue[0], "end": cue[1], "text": None},
            },
            "links": [],
            "note": rng.choice(_NOTES) if rng.random() < 0.1 else "",
        }
        self.claims.append(claim)

    def build(self) -> dict[str, Any]:
        rng, words = self.rng, self.gen.words
        kinds = rng.choices(
            ["direct", "indirect", "mixed", "unnamed", "document", "author"],
            weights=[3, 4, 1, 1, 1, 1],
            k=CLAIMS_PER_ARTICLE,
        )
        named = sum(k in ("direct", "indirect", "mixed") for k in kinds)
        # Mentions besides the claims' sources: targets inside claims, the rest in plain text.
        extra = max(0, MENTIONS_PER_ARTICLE - named)
        with_target = set(rng.sample(range(CLAIMS_PER_ARTICLE), min(extra, 4)))
        loose = extra - len(with_target)
        claim_no = 0
        sentences = 0
        while claim_no < CLAIMS_PER_ARTICLE or self.text.bytes < self.target_bytes:
            due = (claim_no + 0.5) / CLAIMS_PER_ARTICLE * self.target_bytes
            if claim_no < CLAIMS_PER_ARTICLE and self.text.bytes >= due:
                target = rng.choice(self.actors) if claim_no in with_target else None
                self._claim(kinds[claim_no], target)
                claim_no += 1
            elif loose and rng.random() < 0.15:
                self.text.add(words.clause(2, 6).capitalize() + " ")
                self._mention(rng.choice(self.actors))
                self.text.add(" " + words.clause(3, 10) + ". ")
                loose -= 1
            else:
                self.text.add(words.sentence())
                sentences += 1
                self.text.add("\n\n" if sentences % rng.randint(4, 7) == 0 else " ")
        while loose:  # rarely left over
            self.text.add(" ")
            self._mention(rng.choice(self.actors))
            self.text.add(".")
            loose -= 1
        text = self.text.value().rstrip(" \n")
        for claim in self.claims:
            claim["text"] = text[claim["start"] : claim["end"]]
            cue = claim["attribution"]["cue"]
            if cue is not None:
                cue["text"] = text[cue["start"] : cue["end"]]
        return self._line(text)

    def _line(self, text: str) -> dict[str, Any]:
        rng, n = self.rng, self.number
        story = n // ARTICLES_PER_STORY
        outlet, domain = _OUTLETS[n % len(_OUTLETS)]
        published = date(2024, 1, 1) + timedelta(days=story % 700)
        title = self.gen.words.clause(5, 11)
        by_span = lambda item: (item["start"], item["end"], item["id"])  # noqa: E731
        actors = sorted(self.used.values(), key=lambda a: (a.name.casefold(), a.id))
        return {
            "id": f"bench-{n:06d}",
            "text": text,
            "title": title[0].upper() + title[1:],
            "source": outlet,
            "url": f"https://{domain}/{published.year}/bench-{n:06d}",
            "published": published.isoformat(),
            "language": "en",
            "story": f"story-{story:05d}",
            "meta": {"generator": GENERATOR_VERSION, "section": rng.choice(["world", "politics"])},
            "label_schema": SCHEMA_STAMP,
            "annotations": [
                {
                    "annotator": ANNOTATOR,
                    "status": rng.choice(["done", "done", "done", "in_progress"]),
                    "comment": "",
                    "actors": [a.json() for a in actors],
                    "mentions": sorted(self.mentions, key=by_span),
                    "claims": sorted(self.claims, key=by_span),
                }
            ],
        }


class Generator:
    """Generates the lines of a corpus, one at a time, from a seed."""

    def __init__(self, spec: CorpusSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.registry = _registry(self.rng)
        self.words = _Words(self.rng)
        self._story_cast: list[_Actor] = []

    def uuid(self) -> str:
        """A reproducible UUID4 string."""
        return _uuid(self.rng)

    def line(self, number: int) -> dict[str, Any]:
        """The decoded line of article ``number`` (call in order: stories share actors)."""
        if number % ARTICLES_PER_STORY == 0:
            self._story_cast = self.rng.sample(self.registry, 6)
        cast = list(self._story_cast[:4]) + self.rng.sample(self.registry, 3)
        cast = list({a.id: a for a in cast}.values())
        return _Article(self, number, cast, self.spec.target_bytes).build()


def ensure_corpus(spec: CorpusSpec, log: bool = True) -> Path:
    """Return the corpus file for ``spec``, generating it first if it is not there yet."""
    path = spec.path
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + f".partial-{os.getpid()}")
    if log:
        print(f"generating {spec.articles} articles into {path} ...", file=sys.stderr, flush=True)
    gen = Generator(spec)
    try:
        with open(partial, "wb", buffering=1 << 20) as out:
            for number in range(spec.articles):
                out.write(orjson.dumps(gen.line(number)))
                out.write(b"\n")
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def imported_project(spec: CorpusSpec, prefix: str) -> Path:
    """The corpus of ``spec`` imported into a project named ``<prefix>-…`` (built once, reused).

    The name carries the file format's version, so a new migration builds it afresh.
    """
    import time

    from annotator.io.importer import import_files
    from annotator.store.migrations import SCHEMA_VERSION
    from annotator.store.project import Project

    path = DATA_DIR / f"{prefix}-{spec.path.stem}-s{SCHEMA_VERSION}.claims"
    if path.exists():
        return path
    corpus = ensure_corpus(spec)
    partial = path.with_name(path.name + f".partial-{os.getpid()}")
    print(f"importing {spec.articles} articles into {path} (once) ...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        with Project.create(partial) as project:
            report = import_files(project, [corpus])
        if report.skipped or report.conflicts:
            raise RuntimeError(f"the corpus did not import cleanly: {report.summary()}")
        partial.rename(path)
    finally:
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
    print(f"imported in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return path


def spec_from_env() -> CorpusSpec:
    """The corpus spec with the article count from ``BENCH_ARTICLES`` (default 20,000)."""
    return CorpusSpec(articles=int(os.environ.get("BENCH_ARTICLES", DEFAULT_ARTICLES)))


if __name__ == "__main__":
    chosen = CorpusSpec(int(sys.argv[1])) if len(sys.argv) > 1 else spec_from_env()
    print(ensure_corpus(chosen))
