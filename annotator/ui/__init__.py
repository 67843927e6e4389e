"""The PySide6 app: main window, article list, dialogs. Nothing outside ui/ imports it."""
