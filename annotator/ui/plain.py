"""Data shown as typed: labels, message boxes and tooltips that never read it as HTML.

Qt guesses the format of a label's, a message box's or a tooltip's text: when
it *looks* like HTML (``Qt.mightBeRichText``: a known tag such as ``<b>`` first
on its first line) it is drawn as HTML. An actor named ``<b>X</b><img src=…>``
would then show bold, with a local image. Qt Charts draws every title, legend
and axis label as HTML. So whatever the app shows that may hold data (article
text, titles, names, aliases, notes, comments, annotator names, file paths,
error text) goes through one of these:

- `label`: a QLabel whose text is shown as typed (``Qt.PlainText``);
- `rich_label` with `escaped`: rich text the app builds, the data inside escaped;
- `tooltip`: a tooltip text shown as typed;
- `information`, `warning`, `critical`, `question`, `message_box`, `choose_item`:
  QMessageBox's and QInputDialog's static functions, with plain text;
- `window_title`, `menu_text`, `fill`: the characters Qt reads in window titles
  (``[*]``), menu items (``&``) and ``%1`` templates, kept as typed.

`tests/ui/test_plain_text.py` checks that no other module of the UI makes a
label, a message box or an input dialog itself.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # the same namespace, with QtGui's functions
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget

Button = QMessageBox.StandardButton


def escaped(text: str) -> str:
    """``text`` made safe inside rich text: ``<``, ``>`` and ``&`` are shown, not read."""
    return html.escape(text, quote=False)


def label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text as typed, whatever it holds."""
    made = QLabel(text, parent)
    made.setTextFormat(Qt.TextFormat.PlainText)
    return made


def rich_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label of rich text the app builds; data inside it must go through `escaped`."""
    made = QLabel(text, parent)
    made.setTextFormat(Qt.TextFormat.RichText)
    return made


def tooltip(text: str) -> str:
    """A tooltip's text shown as typed.

    Qt draws a tooltip as HTML when `Qt.mightBeRichText` says so; such a text is
    handed over as rich text that spells out its characters (line breaks kept).
    Any other text is returned unchanged (a plain tooltip is not word-wrapped).
    """
    return GuiQt.convertFromPlainText(text) if GuiQt.mightBeRichText(text) else text


def window_title(text: str) -> str:
    """``text`` for `setWindowTitle`: a ``[*]`` in it is shown, not read as the modified mark."""
    return text.replace("[*]", "[*][*]")


def menu_text(text: str) -> str:
    """``text`` for a menu item or button: an ``&`` in it is shown, not read as a shortcut."""
    return text.replace("&", "&&")


def fill(template: str, *values: str) -> str:
    """``template`` with ``%1``, ``%2`` … replaced by ``values`` in one pass.

    Replacing one after the other would also replace a ``%2`` inside the first
    value (a file named ``%2.claims``).
    """

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if 0 < number <= len(values) else match.group(0)

    return re.sub(r"%(\d+)", value, template)


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box whose text (and informative text) is shown as typed."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the informative text follows it
    return box


def _ask(
    icon: QMessageBox.Icon,
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button,
    default: Button,
) -> Button:
    """Show a plain-text message box as QMessageBox's static functions do; the button."""
    box = message_box(icon, title, text, buttons, parent)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    box.exec()
    clicked = box.clickedButton()
    return box.standardButton(clicked) if clicked is not None else Button.Cancel


def information(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    """`QMessageBox.information`, the text shown as typed."""
    return _ask(QMessageBox.Icon.Information, parent, title, text, buttons, default)


def warning(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    """`QMessageBox.warning`, the text shown as typed."""
    return _ask(QMessageBox.Icon.Warning, parent, title, text, buttons, default)


def critical(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.NoButton,
) -> Button:
    """`QMessageBox.critical`, the text shown as typed."""
    return _ask(QMessageBox.Icon.Critical, parent, title, text, buttons, default)


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: Button = Button.Yes | Button.No,
    default: Button = Button.NoButton,
) -> Button:
    """`QMessageBox.question`, the text shown as typed."""
    return _ask(QMessageBox.Icon.Question, parent, title, text, buttons, default)


def choose_item(
    parent: QWidget | None, title: str, text: str, items: list[str]
) -> tuple[str, bool]:
    """`QInputDialog.getItem` (not editable, the first item chosen), the text shown as typed.

    Returns the chosen item and True, or ``("", False)`` if cancelled.
    """
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setTextValue(items[0] if items else "")
    for shown in dialog.findChildren(QLabel):  # the dialog's own label guesses the format
        shown.setTextFormat(Qt.TextFormat.PlainText)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return "", False
    return dialog.textValue(), True
