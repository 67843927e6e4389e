"""Translation: loading the user's language at startup, and counts shown in plain English.

Every user-facing string of the UI goes through Qt's translation (``self.tr``
in widgets, ``QCoreApplication.translate`` in module functions); ``make
translations`` collects them into ``resources/translations/claim-annotator.ts``
for translators, and builds a ``.qm`` file from each ``claim-annotator_<lang>.ts``.

Counts use Qt's numerus form (``self.tr("%n article(s)", "", n)``), which a
translation turns into the language's own plural forms. Without a translation
(English), `plural` reads the "(s)" as English does.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CATALOG = "claim-annotator"
"""File name stem of the app's translations: ``claim-annotator_de.qm`` and so on."""

_ENGLISH_PLURAL = re.compile(r"\((s|es)\)")


def plural(text: str, count: int) -> str:
    """``text`` from a numerus ``tr`` call, with English plurals if it was not translated.

    A translated text has its own plural forms; the English source says
    "article(s)", which becomes "article" for one and "articles" otherwise.
    """
    return _ENGLISH_PLURAL.sub(lambda m: "" if count == 1 else m.group(1), text)


def install_translations(
    app: QCoreApplication, folder: Path, locale: QLocale | None = None
) -> list[QTranslator]:
    """Install the app's and Qt's own translations for ``locale`` (default: the system's).

    The app's come from ``folder`` (``claim-annotator_<lang>.qm``); Qt's from
    its translations folder, so standard buttons (Cancel, Open) speak the same
    language. Languages without a file stay English. Returns the translators
    installed (kept alive by ``app``, their parent).
    """
    locale = locale or QLocale.system()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name, where in (("qtbase", qt_folder), (CATALOG, str(folder))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed
