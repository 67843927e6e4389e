"""Every keyboard shortcut of the main window, once, under headings (Help › Keyboard shortcuts).

Menu actions come from the menus themselves, so the list cannot drift from
them; the claim fields list their value keys from the project's schema; the
label panel adds its Alt keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.ui.labels.label_panel import LabelPanel
from annotator.ui.text.article_view import SELECTION_KEYS
from annotator.ui.window.dialogs import ShortcutGroup

TEAM = "team"
"""The data of the actions a lead uses with the team (their heading, not their menu's)."""


def shortcut_groups(menus: Mapping[QMenu, str], panel: LabelPanel) -> list[ShortcutGroup]:
    """Every action with its keys, once, under headings in the order of the work.

    Args:
        menus: each menu with the heading its actions are listed under
            ("text", "suggestions", "articles", "panels", "project"); an action whose data is
            `TEAM` is listed under the team's heading instead.
        panel: the label panel, for the claim fields' keys and its own.
    """
    selecting = [
        (keys, QCoreApplication.translate("ArticleView", text)) for keys, text in SELECTION_KEYS
    ]
    groups = {
        "selecting": ShortcutGroup(
            QCoreApplication.translate("shortcut_list", "Selecting text"),
            [
                (
                    QCoreApplication.translate("shortcut_list", "Ctrl+F, Esc"),
                    QCoreApplication.translate(
                        "shortcut_list", "Find a phrase; Esc leaves the hit selected"
                    ),
                ),
                *selecting,
            ],
            note=QCoreApplication.translate(
                "shortcut_list", "with the mouse, hold Alt to keep exact characters"
            ),
        ),
        "text": ShortcutGroup(
            QCoreApplication.translate("shortcut_list", "Labelling in the text"),
            note=QCoreApplication.translate(
                "shortcut_list", "C, M, Q, S, + and - act on the selected words"
            ),
        ),
        "fields": _field_keys(panel),
        "suggestions": ShortcutGroup(
            QCoreApplication.translate("shortcut_list", "Suggestions"),
            note=QCoreApplication.translate("shortcut_list", "in the article text"),
        ),
        "articles": ShortcutGroup(QCoreApplication.translate("shortcut_list", "Articles")),
        "panels": ShortcutGroup(QCoreApplication.translate("shortcut_list", "Panels")),
        TEAM: ShortcutGroup(QCoreApplication.translate("shortcut_list", "Team")),
        "project": ShortcutGroup(QCoreApplication.translate("shortcut_list", "Project")),
    }
    native = QKeySequence.SequenceFormat.NativeText
    for menu, group in menus.items():
        for action in menu.actions():
            title, _, shown = action.text().partition("\t")
            title = action.property("listed_as") or title
            keys = ", ".join(k.toString(native) for k in action.shortcuts()) or shown
            if keys and not action.isSeparator():
                groups[action.data() or group].rows.append((keys, title.replace("&", "")))
    groups["panels"].rows.extend(_panel_keys(panel))
    return list(groups.values())


def _field_keys(panel: LabelPanel) -> ShortcutGroup:
    """The value keys of each claim field, in the order of the claim form's rows."""
    fields = [
        ShortcutGroup(
            choice.field.label,
            [(v.key.upper(), v.name) for v in choice.field.values if v.key],
        )
        for choice in panel.form.choices.values()
    ]
    note = QCoreApplication.translate(
        "shortcut_list", "no words selected: sets the current claim's active field (▸)"
    )
    title = QCoreApplication.translate("shortcut_list", "Claim fields")
    return ShortcutGroup(title, groups=fields, note=note)


def _panel_keys(panel: LabelPanel) -> list[tuple[str, str]]:
    """The label panel's Alt keys (from its translated titles) and Escape."""
    titles = [re.sub(r"\s*\(\d+\)$", "", panel.tabs.tabText(i)) for i in range(panel.tabs.count())]
    tabs = [(QKeySequence.mnemonic(title), title) for title in titles]  # without a count
    native = QKeySequence.SequenceFormat.NativeText
    tab = QCoreApplication.translate("shortcut_list", "{tab} tab")
    return [
        *(
            (keys.toString(native), tab.format(tab=title.replace("&", "")))
            for keys, title in tabs
            if not keys.isEmpty()
        ),
        (
            QKeySequence(Qt.Key.Key_Escape).toString(native),
            QCoreApplication.translate("shortcut_list", "Back to the text"),
        ),
    ]
