"""Desktop integration files (resources/desktop, resources/icons, packaging/install-linux.sh).

The desktop entry is read by the rules of the Desktop Entry Specification that
matter to a launcher; the AppStream and shared-mime-info files are read as XML.
The MIME type's magic is checked against a real project file, and through Qt's
own MIME database. `desktop-file-validate` and `appstreamcli` check the files
too where they are installed; only those two checks skip when the tool is
absent (Debian/Ubuntu: desktop-file-utils, appstream).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from fnmatch import fnmatch
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from annotator.store.database import APPLICATION_ID
from annotator.store.project import Project
from annotator.ui.window.app import APP_ID

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = ROOT / "resources" / "desktop"
ICONS = ROOT / "resources" / "icons"
DESKTOP_FILE = DESKTOP / f"{APP_ID}.desktop"
METAINFO = DESKTOP / f"{APP_ID}.metainfo.xml"
MIME_XML = DESKTOP / "claim-annotator-mime.xml"
INSTALL = ROOT / "packaging" / "install-linux.sh"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
EXECUTABLE = "claim-annotator"
FIELD_CODES = set("fFuUick")


def pyproject() -> dict[str, object]:
    """The project metadata."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


def read_desktop_entry(path: Path) -> dict[str, dict[str, str]]:
    """``{group: {key: value}}``, refusing what the Desktop Entry Specification forbids."""
    groups: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            assert line.endswith("]"), f"line {number}: bad group header"
            name = line[1:-1]
            assert name not in groups, f"line {number}: group {name} twice"
            current = groups[name] = {}
            continue
        assert current is not None, f"line {number}: an entry before the first group"
        key, equals, value = line.partition("=")
        assert equals, f"line {number}: not key=value"
        key = key.strip()
        assert re.fullmatch(r"[A-Za-z0-9-]+(\[[^\]]+\])?", key), f"line {number}: bad key {key}"
        assert key not in current, f"line {number}: key {key} twice"
        current[key] = value.strip()
    return groups


def mime_type() -> ET.Element:
    """Our ``<mime-type>`` element."""
    (element,) = ET.parse(MIME_XML).getroot().findall(f"{MIME_NS}mime-type")
    return element


def test_desktop_entry_follows_the_specification() -> None:
    groups = read_desktop_entry(DESKTOP_FILE)
    assert next(iter(groups)) == "Desktop Entry"  # the first group
    entry = groups["Desktop Entry"]
    for key in ("Type", "Name", "Exec"):
        assert entry.get(key), f"{key} is required"
    assert entry["Type"] == "Application"
    program, *arguments = entry["Exec"].split()
    assert program == EXECUTABLE == entry["TryExec"]
    assert arguments == ["%f"]  # one file: the project a file manager opens
    codes = re.findall(r"%(.)", entry["Exec"])
    assert set(codes) <= FIELD_CODES
    for key in ("Categories", "Keywords", "MimeType"):
        assert entry[key].endswith(";"), f"{key} is a list ending with ';'"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Terminal"] == "false"


def test_desktop_entry_names_our_mime_type_and_icon() -> None:
    entry = read_desktop_entry(DESKTOP_FILE)["Desktop Entry"]
    assert entry["MimeType"].split(";")[:-1] == [mime_type().get("type")]
    # The icon is installed under the app id (install-linux.sh), which is also the
    # desktop file's name and what the app tells the desktop (setDesktopFileName).
    assert entry["Icon"] == APP_ID
    script = INSTALL.read_text(encoding="utf-8")
    assert f"APP_ID={APP_ID}\n" in script
    assert '"$icons/${size}x${size}/apps/$APP_ID.png"' in script


def test_metainfo_has_what_appstream_requires() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == pyproject()["license"]
    assert root.findtext("name") == read_desktop_entry(DESKTOP_FILE)["Desktop Entry"]["Name"]
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE.name
    assert [m.text for m in root.findall("provides/mediatype")] == [mime_type().get("type")]
    assert [b.text for b in root.findall("provides/binary")] == [EXECUTABLE]
    assert root.find("content_rating") is not None
    versions = [r.get("version") for r in root.findall("releases/release")]
    assert versions[0] == pyproject()["version"], "add a <release> for the new version"


def test_mime_type_globs_and_magic_are_right() -> None:
    element = mime_type()
    assert element.get("type") == "application/x-claim-annotator"
    globs = [g.get("pattern") for g in element.findall(f"{MIME_NS}glob")]
    assert globs == ["*.claims"]
    (outer,) = element.findall(f"{MIME_NS}magic/{MIME_NS}match")
    assert (outer.get("type"), outer.get("offset"), outer.get("value")) == (
        "string",
        "0",
        "SQLite format 3",
    )
    (inner,) = outer.findall(f"{MIME_NS}match")
    assert (inner.get("type"), inner.get("offset")) == ("big32", "68")
    assert int(inner.get("value", ""), 0) == APPLICATION_ID


def test_mime_magic_matches_a_real_project_file(tmp_path: Path) -> None:
    path = tmp_path / "made.claims"
    Project.create(path).close()
    data = path.read_bytes()
    outer = mime_type().find(f"{MIME_NS}magic/{MIME_NS}match")
    assert outer is not None
    inner = outer.find(f"{MIME_NS}match")
    assert inner is not None
    text = outer.get("value", "").encode()
    start = int(outer.get("offset", ""))
    assert data[start : start + len(text)] == text
    offset = int(inner.get("offset", ""))
    assert struct.unpack(">I", data[offset : offset + 4])[0] == int(inner.get("value", ""), 0)
    assert any(fnmatch(path.name, g.get("pattern", "")) for g in mime_type().iter(f"{MIME_NS}glob"))


def test_desktop_mime_database_recognises_a_renamed_project(
    tmp_path: Path, user_folders: Path
) -> None:
    """Qt's MIME database (the freedesktop one) knows a project by its content alone."""
    packages = user_folders / "data" / "mime" / "packages"  # XDG_DATA_HOME in tests
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    project, other = tmp_path / "renamed.bin", tmp_path / "plain.bin"
    Project.create(project).close()
    other.write_bytes(b"SQLite format 3\x00" + bytes(100))  # SQLite, but not ours
    code = (
        "import sys\nfrom PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "for p in sys.argv[1:]:\n"
        "    print(db.mimeTypeForFile(p, QMimeDatabase.MatchMode.MatchContent).name())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(project), str(other)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(user_folders / "data")},
    )
    assert result.returncode == 0, result.stderr
    found, plain = result.stdout.split()
    assert found == "application/x-claim-annotator"
    assert plain != "application/x-claim-annotator"


def render_icons() -> ModuleType:
    """resources/icons/render_icons.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location("render_icons", ICONS / "render_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_svg_icon_renders(qapp: object) -> None:
    renderer = QSvgRenderer(str(ICONS / "claim-annotator.svg"))
    assert renderer.isValid()
    image = render_icons().render(renderer, 64)
    assert image.pixelColor(0, 0).alpha() == 0  # transparent corner
    assert image.pixelColor(32, 30).alpha() == 255  # the bubble


@pytest.mark.parametrize("size", SIZES)
def test_png_icons_load_at_their_size_and_match_the_svg(qapp: object, size: int) -> None:
    path = ICONS / "png" / f"claim-annotator-{size}.png"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} does not load"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    fresh = render_icons().render(QSvgRenderer(str(ICONS / "claim-annotator.svg")), size)
    fresh = fresh.convertToFormat(image.format())
    differing = sum(
        fresh.pixel(x, y) != image.pixel(x, y) for x in range(size) for y in range(size)
    )
    assert differing <= size * size // 50, "the PNGs are stale: run render_icons.py"


def missing(tool: str, package: str) -> None:
    """Skip for want of a tool; in CI (ANNOTATOR_REQUIRE_TOOLS=1, `make validators`) fail."""
    if os.environ.get("ANNOTATOR_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{tool} is missing: run `make validators` (Debian package {package})")
    pytest.skip(f"{tool} is not installed (Debian package {package}; `make validators`)")


def test_desktop_file_validate_accepts_the_entry() -> None:
    """desktop-file-validate accepts the .desktop file (see `missing` for a machine without it)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        missing("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


def test_appstreamcli_accepts_the_metainfo() -> None:
    """appstreamcli accepts the metainfo (see `missing` for a machine without it)."""
    tool = shutil.which("appstreamcli")
    if tool is None:
        missing("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def fake_build(folder: Path) -> Path:
    """A stand-in for dist/claim-annotator: the real resources and a tiny executable."""
    shutil.copytree(ROOT / "resources", folder / "_internal" / "annotator" / "_resources")
    executable = folder / EXECUTABLE
    executable.write_text("#!/bin/sh\necho claim-annotator was run\n")
    executable.chmod(0o755)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="the install script is for Linux")
def test_install_script_installs_and_uninstalls(tmp_path: Path) -> None:
    built, prefix = fake_build(tmp_path / "built"), tmp_path / "prefix"
    env = {**os.environ, "XDG_DATA_HOME": ""}

    def install(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["bash", str(INSTALL), "--prefix", str(prefix), *args]
        return subprocess.run(command, capture_output=True, text=True, env=env)

    result = install("--from", str(built))
    assert result.returncode == 0, result.stderr
    command = prefix / "bin" / EXECUTABLE
    assert subprocess.run([command], capture_output=True, text=True).stdout.startswith(
        "claim-annotator was run"
    )
    share = prefix / "share"
    entry = read_desktop_entry(share / "applications" / DESKTOP_FILE.name)["Desktop Entry"]
    assert entry["Exec"] == f'"{command}" %f'  # the full path: ~/.local/bin may not be on PATH
    assert entry["TryExec"] == str(command)
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "mime" / "packages" / "claim-annotator.xml").is_file()
    for size in SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()

    result = install("--uninstall")
    assert result.returncode == 0, result.stderr
    assert not command.exists() and not (prefix / "opt" / EXECUTABLE).exists()
    assert not (share / "applications" / DESKTOP_FILE.name).exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))


def test_install_script_says_to_build_first(tmp_path: Path) -> None:
    command = ["bash", str(INSTALL), "--prefix", str(tmp_path), "--from", str(tmp_path / "none")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    assert "make package" in result.stderr
