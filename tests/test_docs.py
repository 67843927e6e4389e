"""The documentation keeps up with the code.

README.md and docs/*.md must mention every command, subcommand and option of
``annotator`` (an option in a section that names its command), docs/formats.md
every import format (under "Importing") and every export format (under
"Exporting"), docs/troubleshooting.md every error message the command's own
code raises (annotator/cli), and every relative link in them must lead to a
file that exists and, with ``#anchor``, to a heading of it (GitHub's anchors).
Each checker is also run on planted Markdown and code below, to show that it
can fail.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from annotator.cli.base import cli
from annotator.io.formats import EXPORTERS
from annotator.io.importer import IMPORTERS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FORMATS_PAGE = DOCS / "formats.md"
TROUBLESHOOTING = DOCS / "troubleshooting.md"
CLI_CODE = ROOT / "annotator" / "cli"


def doc_files() -> list[Path]:
    """The Markdown the checks read: the README and every page of docs/."""
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


# Markdown structure ----------------------------------------------------------

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def prose_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, line, inside a fenced code block) for each line of ``text``."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            yield number, line, True
            continue
        yield number, line, fenced


def headings(text: str) -> list[tuple[int, str]]:
    """(level, text) of each ATX heading outside code blocks."""
    found = []
    for _, line, fenced in prose_lines(text):
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


def sections(text: str, level: int = 2) -> list[tuple[str, str]]:
    """``text`` cut before each heading of ``level`` or above: (heading, body) pairs.

    The text before the first such heading is a section with the heading ``""``.
    """
    parts: list[tuple[str, str]] = []
    title, body = "", []
    for _, line, fenced in prose_lines(text):
        match = None if fenced else HEADING.match(line)
        if match and len(match.group(1)) <= level:
            parts.append((title, "\n".join(body)))
            title, body = match.group(2), []
        body.append(line)
    parts.append((title, "\n".join(body)))
    return parts


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text lower-cased, punctuation dropped, spaces -> '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links and images: their text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = text.replace("`", "").strip().lower()
    kept = (
        ch
        for ch in text
        if ch in "-_ " or unicodedata.category(ch)[0] in "LNM"  # letters, digits, marks
    )
    return "".join(kept).replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every anchor a page has: its headings' slugs (repeats numbered -1, -2 …) and HTML ids."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, title in headings(text):
        base = slug(title)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    found.update(re.findall(r"""<a\s+(?:name|id)=["']([^"']+)["']""", text))
    return found


INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def links(text: str) -> Iterator[tuple[int, str]]:
    """(line number, target) of each link and image outside code (spans and blocks)."""
    for number, line, fenced in prose_lines(text):
        if fenced:
            continue
        line = CODE_SPAN.sub("", line)
        for match in INLINE_LINK.finditer(line):
            yield number, match.group(1)
        reference = REFERENCE_LINK.match(line)
        if reference:
            yield number, reference.group(1)


def broken_links(files: Iterable[Path]) -> list[str]:
    """Relative links of ``files`` that lead to no file, or to no heading of a Markdown file."""
    problems = []
    for page in files:
        text = page.read_text(encoding="utf-8")
        for number, target in links(text):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) or target.startswith("//"):
                continue  # https:, mailto: …: not ours to check
            path_part, _, anchor = target.partition("#")
            destination = (page.parent / path_part).resolve() if path_part else page
            where = f"{page.name}:{number}: {target}"
            if not destination.exists():
                problems.append(f"{where}: no file {path_part}")
            elif (
                anchor
                and destination.suffix == ".md"
                and anchor not in anchors(destination.read_text(encoding="utf-8"))
            ):
                problems.append(f"{where}: no heading #{anchor} in {destination.name}")
    return problems


# Commands and formats -------------------------------------------------------


def command_tree(group: click.Group) -> list[tuple[tuple[str, ...], list[str]]]:
    """(path, long options) for every command and group under ``group``, the group's own first."""
    found: list[tuple[tuple[str, ...], list[str]]] = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        options = [
            name
            for param in command.params
            if isinstance(param, click.Option)
            for name in (*param.opts, *param.secondary_opts)
            if name.startswith("--")
        ]
        found.append((path, options))
        if isinstance(command, click.Group):
            context = click.Context(command)
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None, f"{' '.join(path)} lists {name} but has no such command"
                walk(sub, (*path, name))

    walk(group, ())
    return found


def command_pattern(path: tuple[str, ...]) -> re.Pattern[str]:
    """How a command is named in prose: ``annotator merge``; a subcommand ``hub join``
    (or, for groups that take the project first, ``actors PROJECT add``)."""
    if len(path) == 1:
        return re.compile(rf"\bannotator\s+{re.escape(path[0])}(?![\w-])")
    words = [re.escape(word) for word in path]
    return re.compile(r"(?<![\w-])" + r"(?:\s+\S+)?\s+".join(words) + r"(?![\w-])")


def option_pattern(option: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(option)}(?![\w-])")


def undocumented(tree: list[tuple[tuple[str, ...], list[str]]], texts: Iterable[str]) -> list[str]:
    """Commands named nowhere in ``texts``, and options named in no section naming their command.

    A section is the text under a level-1 or level-2 heading; the options of the
    root group (``--version``) need only be named somewhere.
    """
    chunks = [body for text in texts for _, body in sections(text)]
    everything = "\n".join(chunks)
    missing = []
    for path, options in tree:
        if not path:
            places = [everything]
        else:
            pattern = command_pattern(path)
            places = [chunk for chunk in chunks if pattern.search(chunk)]
            if not places:
                missing.append(f"command: annotator {' '.join(path)}")
                continue
        for option in options:
            if not any(option_pattern(option).search(chunk) for chunk in places):
                name = " ".join(("annotator", *path))
                missing.append(f"option: {name} {option}")
    return missing


def format_pattern(name: str) -> re.Pattern[str]:
    """A format named as code (`` `csv` ``) or as ``--format csv``."""
    escaped = re.escape(name)
    return re.compile(rf"`{escaped}`|--format[ =]{escaped}(?![\w-])")


def unlisted_formats(importers: Iterable[str], exporters: Iterable[str], text: str) -> list[str]:
    """Formats the page's "Importing" / "Exporting" sections do not name."""
    parts = sections(text)
    importing = "\n".join(body for title, body in parts if title.lower().startswith("importing"))
    exporting = "\n".join(body for title, body in parts if title.lower().startswith("exporting"))
    missing = [f"import format: {n}" for n in importers if not format_pattern(n).search(importing)]
    missing += [f"export format: {n}" for n in exporters if not format_pattern(n).search(exporting)]
    return missing


def raised_messages(source: str) -> list[tuple[int, str]]:
    """(line, words) of each error raised with a message in ``source``: the message's longest
    literal part (an f-string's text between its placeholders)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
            continue
        message = node.exc.args[0]
        if isinstance(message, ast.Constant) and isinstance(message.value, str):
            parts = [message.value]
        elif isinstance(message, ast.JoinedStr):
            parts = [v.value for v in message.values if isinstance(v, ast.Constant)]
        else:
            continue  # an error passed on (str(exc)): its own module's message
        words = max(parts, key=len, default="").strip()
        if words:
            found.append((node.lineno, words))
    return found


def unexplained(sources: dict[str, str], page: str) -> list[str]:
    """Messages raised in ``sources`` (name -> code) that ``page`` does not quote."""
    flat = " ".join(page.split())
    return [
        f"{name}:{line}: {words}"
        for name, code in sources.items()
        for line, words in raised_messages(code)
        if " ".join(words.split()) not in flat
    ]


# The project's docs ---------------------------------------------------------


def test_every_command_and_option_is_documented() -> None:
    texts = [page.read_text(encoding="utf-8") for page in doc_files()]
    assert undocumented(command_tree(cli), texts) == []


def test_every_import_and_export_format_is_in_the_formats_page() -> None:
    text = FORMATS_PAGE.read_text(encoding="utf-8")
    assert unlisted_formats(IMPORTERS, EXPORTERS, text) == []


def test_the_commands_errors_are_in_troubleshooting() -> None:
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(CLI_CODE.glob("*.py"))}
    assert unexplained(sources, TROUBLESHOOTING.read_text(encoding="utf-8")) == []


def test_relative_links_lead_to_files_and_headings() -> None:
    assert broken_links(doc_files()) == []


def test_the_docs_pages_exist() -> None:
    names = {page.name for page in DOCS.glob("*.md")}
    expected = {
        "annotator-guide.md",
        "lead-guide.md",
        "formats.md",
        "project-file.md",
        "troubleshooting.md",
        "development.md",
        "performance.md",
    }
    assert expected <= names


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert [line.split()[:2] for line in block] == [["make", "run"], ["make", "test"]]
    assert all(not line.strip() or line.startswith("# ") for line in lines[: lines.index("```sh")])


# The checkers fail when they should ------------------------------------------


def _fake_cli() -> click.Group:
    @click.group()
    def root() -> None:
        pass

    @root.command()
    @click.option("--wobble", is_flag=True)
    @click.option("--tilt", "-t", type=int)
    def frobnicate(wobble: bool, tilt: int) -> None:
        pass

    @root.group()
    def hub() -> None:
        pass

    @hub.command()
    @click.option("--fast/--slow")
    def zap(fast: bool) -> None:
        pass

    @root.group()
    @click.argument("project")
    def actors(project: str) -> None:
        pass

    @actors.command()
    def add() -> None:
        pass

    return root


def test_the_command_check_finds_what_is_missing() -> None:
    tree = command_tree(_fake_cli())
    assert ((), []) in tree and (("hub", "zap"), ["--fast", "--slow"]) in tree
    everything_missing = undocumented(tree, ["# Nothing here\n\nannotator, hub, zap.\n"])
    assert everything_missing == [
        "command: annotator actors",
        "command: annotator actors add",
        "command: annotator frobnicate",
        "command: annotator hub",
        "command: annotator hub zap",
    ]
    page = (
        "# Guide\n\n## Frobnicating\n\n`annotator frobnicate --wobble` shakes it.\n\n"
        "## Hub\n\n`annotator hub zap --fast` (or `--slow`) zaps; `--tilt` tilts.\n\n"
        "## Actors\n\n`annotator actors p.claims add` adds one.\n"
    )
    # --tilt is named, but not where `annotator frobnicate` is.
    assert undocumented(tree, [page]) == ["option: annotator frobnicate --tilt"]
    fixed = page.replace("shakes it.", "shakes it; `--tilt 3` tilts it.")
    assert undocumented(tree, [fixed]) == []
    # A longer option that starts with the name is no mention of it.
    assert undocumented(tree, [fixed.replace("--wobble", "--wobbles")]) == [
        "option: annotator frobnicate --wobble"
    ]


def test_the_format_check_finds_what_is_missing() -> None:
    page = (
        "# Formats\n\n## Importing\n\n| `csv` | rows |\n\n"
        "## Exporting\n\n`--format brat -o FOLDER` writes a folder; `csv` a table.\n"
    )
    assert unlisted_formats(["csv"], ["brat", "csv"], page) == []
    assert unlisted_formats(["csv", "brat"], ["brat", "csv", "hf"], page) == [
        "import format: brat",
        "export format: hf",
    ]
    # Named only under the other heading: still missing where it belongs.
    assert unlisted_formats(["brat"], [], page) == ["import format: brat"]


def test_slugs_follow_github() -> None:
    assert slug("The `annotator` command") == "the-annotator-command"
    assert slug("Logs and crashes") == "logs-and-crashes"
    assert slug("What a package may change: rules (v2)") == "what-a-package-may-change-rules-v2"
    assert slug("Import & export") == "import--export"
    assert slug("Über die Ä-Werte") == "über-die-ä-werte"
    assert slug("See [the guide](guide.md)") == "see-the-guide"
    assert slug("snake_case stays") == "snake_case-stays"


def test_the_link_check_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(
        "# Guide\n\n## The `annotator` command\n\n## Notes\n\n## Notes\n\n"
        "```markdown\n# Inside a code block\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "shot.png").write_bytes(b"\x89PNG")
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Title\n\n## Start here\n\n"
        "[ok](docs/guide.md#the-annotator-command) [second](docs/guide.md#notes-1)\n"
        "![shot](docs/shot.png) [here](#start-here) [web](https://example.org/x#y)\n"
        "`[code](missing.md)` and [ref]\n\n"
        "```\n[in a block](nowhere.md)\n```\n\n"
        "[ref]: docs/guide.md#notes\n",
        encoding="utf-8",
    )
    assert broken_links([readme]) == []
    readme.write_text(
        "# Title\n\n[gone](docs/gone.md) [no heading](docs/guide.md#notes-2)\n"
        "[code block heading](docs/guide.md#inside-a-code-block)\n"
        "![missing picture](docs/missing.png) [self](#nowhere)\n\n"
        "[ref]: docs/guide.md#the-command\n",
        encoding="utf-8",
    )
    assert broken_links([readme]) == [
        "README.md:3: docs/gone.md: no file docs/gone.md",
        "README.md:3: docs/guide.md#notes-2: no heading #notes-2 in guide.md",
        "README.md:4: docs/guide.md#inside-a-code-block: no heading #inside-a-code-block in guide.md",
        "README.md:5: docs/missing.png: no file docs/missing.png",
        "README.md:5: #nowhere: no heading #nowhere in README.md",
        "README.md:7: docs/guide.md#the-command: no heading #the-command in guide.md",
    ]


def test_the_message_check_finds_what_is_missing() -> None:
    code = (
        "def f(x, fmt):\n"
        "    if x:\n"
        "        raise AnnotatorError('give --map or --config, not both')\n"
        "    if fmt:\n"
        "        raise AnnotatorError(f'--format {fmt} needs -o FILE (only jsonl goes to stdout)')\n"
        "    raise _Failure(str(x))\n"
    )
    page = "| `give --map or --config,\n not both` | … |\n"
    assert unexplained({"data.py": code}, page) == [
        "data.py:5: needs -o FILE (only jsonl goes to stdout)"
    ]
    page += "| `--format FMT needs -o FILE (only jsonl goes to stdout)` | give `-o` |\n"
    assert unexplained({"data.py": code}, page) == []
