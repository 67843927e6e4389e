"""Errors whose message is written for the person at the keyboard.

Every error the product raises on purpose derives from `AnnotatorError`; the
CLI and the app show its message as it is (one line, no traceback). Anything
else reaching the top is a bug.
"""

from __future__ import annotations

QUOTED_LIMIT = 60
"""Characters of a value quoted in a message before it is cut (see `quoted`)."""
MESSAGE_LIMIT = 2000
"""Characters of a whole message before its middle is cut (see `AnnotatorError`)."""


def quoted(value: object, limit: int = QUOTED_LIMIT) -> str:
    """A value as a message quotes it (its ``repr``), cut when it is long.

    A 100,000-character id would otherwise make a 100 KB error line; the cut
    keeps the start, which is what a person recognises, and says how long the
    value was: ``'xxxxxxxx…' (100,000 characters)``.
    """
    shown = repr(value)
    if len(shown) <= limit:
        return shown
    if isinstance(value, str):
        return f"{value[: max(limit - 3, 1)] + '…'!r} ({len(value):,} characters)"
    return shown[: limit - 1] + "…"


def shortened(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """``message`` with its middle cut when it is longer than ``limit`` characters."""
    if len(message) <= limit:
        return message
    head, tail = message[: limit * 3 // 4], message[-(limit // 4) :]
    return f"{head}… ({len(message) - len(head) - len(tail):,} characters cut) …{tail}"


class AnnotatorError(Exception):
    """An error meant for the user: it says what is wrong and, where it can, what to do.

    A message longer than `MESSAGE_LIMIT` characters (a long value quoted
    without `quoted`) has its middle cut, so no error is a 100 KB line.
    """

    def __init__(self, *args: object) -> None:
        if args and isinstance(args[0], str):
            args = (shortened(args[0]), *args[1:])
        super().__init__(*args)


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


class ReadOnlyProjectError(ProjectError):
    """A project that can be read but not written here: a read-only disk, folder or file.

    It is not damage: the project opens read-only (`Project.open` with
    ``read_only=True``).

    Attributes:
        path: the project file as given.
        reason: why it cannot be written, e.g. ``"the disk is read-only"``.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"{path} cannot be written here ({reason}): open it read-only, "
            "or copy it to a folder you can write to."
        )


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

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, int | None, int | str | None]]:
        """Pickled as made (an import's reading process sends its errors)."""
        return type(self), (self.file, self.reason, self.line, self.column)
