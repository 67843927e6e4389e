"""Errors whose message is written for the person at the keyboard.

Every error the product raises on purpose derives from `AnnotatorError`; the
CLI and the app show its message as it is (one line, no traceback). Anything
else reaching the top is a bug.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """An error meant for the user: it says what is wrong and, where it can, what to do."""


class ValidationError(AnnotatorError):
    """Label or article data that breaks a rule of the domain (span out of range, unknown value)."""


class SchemaError(AnnotatorError):
    """A label schema (TOML) that cannot be used."""


class ProjectError(AnnotatorError):
    """A project file that cannot be opened or written: not a project, too new, corrupt, full disk."""


class ProjectInUseError(ProjectError):
    """The project is open in another window or process.

    Attributes:
        holder: who holds it, e.g. ``"ana on laptop-3 (process 4121) since 09:14"``.
    """

    def __init__(self, path: str, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is in use by {holder}. Close it there, or open it read-only.")


class DamagedProjectError(ProjectError):
    """A project file SQLite finds corrupt or incomplete; restoring a backup is the way out.

    It cannot be opened, so a backup is restored over the file itself
    (`annotator.store.backup.restore_file`), which keeps the damaged file aside.
    """


class BackupError(AnnotatorError):
    """A backup that could not be made, listed or restored (full disk, no permission, damaged).

    A failed backup never changes the project and leaves no half-written file.
    """


class UndoConflictError(AnnotatorError):
    """An undo or redo that would overwrite a later change made by something else."""


class InputError(AnnotatorError):
    """Bad input in a file being imported, with where it is.

    Attributes:
        file: the file's name as the user gave it.
        line: 1-based line number, or None for the whole file.
        column: 1-based column (CSV) or None.
        reason: what is wrong, without the location.
    """

    def __init__(
        self, file: str, reason: str, line: int | None = None, column: int | str | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(f"{where}: {reason}")
