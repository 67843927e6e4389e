"""Rotating backups of project files, made with SQLite's backup API, and restoring them.

Where they go
    ``platformdirs.user_data_dir("claim-annotator") / "backups" / <project id>``.
    The project id is stored in the project file; a project and its work
    packages share it, so each backup also records the path of the file it
    was made from (``source``), and the listing shows it.

What a backup is
    Two files with the same stem, ``<UTC time>-<reason>``, e.g.
    ``20250102T101500.123456Z-auto.claims`` and ``…-auto.json``:

    - the ``.claims`` file is a complete project file (open it with the app or
      the CLI), copied page by page with `sqlite3.Connection.backup` from a
      connection to the project. The copy is one read transaction, so it is
      consistent while the project is in WAL mode and being written to. It is
      switched to the rollback journal so it is one self-contained file;
    - the ``.json`` sidecar holds what the listing shows without opening the
      copy: time, reason, source path, project id, schema version, counts of
      articles, actors, mentions and claims, the last event id, a fingerprint
      (see `fingerprint`) and the copy's size in bytes.

    Both are written as ``….partial`` files and renamed into place, the sidecar
    first, so a ``.claims`` file is only there when complete. A failure (full
    disk, no permission, a folder that is a file) raises `BackupError`, removes
    the partial files and never touches the project. What a crash leaves (partial
    files, a sidecar renamed without its copy) is removed by the next backup into
    the folder once it is `STALE_PARTIAL` old.

Reasons
    ``auto`` (the app, every few minutes while changes happen and when the
    window closes), ``manual`` (``annotator backup``), ``before-migration``
    (`Project.open` before upgrading an older file), ``before-merge``
    (`merge_packages`), ``before-restore`` (`restore_backup`: restoring the
    backup made just before undoes a restore) and ``before-schema-change``
    (`Project.update_schema`).

Rotation
    After each backup, per source file, ``auto`` backups are thinned out by age
    (`rotate`): all of the last hour (`KEEP_ALL_FOR`, at most `KEEP_RECENT`),
    then the newest of each hour for the last 24 hours (`HOURLY_FOR`), then the
    newest of each of the 14 latest days that have one (`KEEP_DAYS`: counted in
    days with work, not in calendar days, so the first backup after two weeks
    away does not delete all the older ones); hours and days are UTC. So damage
    copied into the recent backups does not rotate out the copies from before
    it for two weeks of work. Of every other reason the newest `KEEP_OTHER` are
    kept. Unreadable backups are never deleted automatically (what they are is
    not known). A backup of a 100,000-article project is about as large as the
    project (about 2 GB), so the folder can hold up to (12 + 24 + 14 + 4 ×
    KEEP_OTHER) copies per file, far fewer when work stops at night; a backup is
    refused with a clear message when the disk has not room for one more.

Detecting "no changes since the last backup"
    `fingerprint` is the last event id, the number of undone events and the
    row counts of the tables that hold work: cheap (counts use indexes) and
    stored with each backup. An ``auto`` backup whose fingerprint equals that
    of the newest backup of the same file is skipped. It can miss an import
    that only rewrote existing labels in place; the next labelling action is
    seen, and the app also watches its own connection's change counter.

Restoring
    `restore_backup` checks the backup (ours, same project id, not newer,
    not damaged), backs up the current state (``before-restore``), copies the
    backup into the open project's connection with the backup API (one
    transaction: it either happens entirely or not at all) and closes the
    project, whose in-memory state (schema, undo stack) is then stale; the
    caller reopens it. It is not an undo step: it replaces the whole file, undo
    history included. The ``before-restore`` backup is its undo.

    A damaged project cannot be opened, so `restore_file` works on the file:
    under the project's lock it copies the backup beside it (``….partial``,
    checked with ``quick_check``), moves the damaged file and its ``-wal`` /
    ``-shm`` aside to ``<name>.damaged-<UTC time>`` (never deleted: it is the
    only copy of the work since the backup) and renames the copy into place.
    `backups_for_file` finds its backups by their recorded source path, since a
    damaged file may not reveal its project id.

Where the code is
    `annotator.store.backup_files` (the folder, what a backup holds, listing
    and rotation), `annotator.store.backup_write` (making a backup) and
    `annotator.store.backup_restore` (restoring one). Every public name is
    importable from here.
"""

from __future__ import annotations

from annotator.store.backup_files import (
    APP_NAME,
    FORMAT,
    HOURLY_FOR,
    KEEP_ALL_FOR,
    KEEP_DAYS,
    KEEP_OTHER,
    KEEP_RECENT,
    REASONS,
    BackupInfo,
    backup_folder,
    backups_for_file,
    backups_root,
    counts,
    fingerprint,
    latest_backup,
    list_backups,
    read_backup,
    rotate,
)
from annotator.store.backup_restore import (
    check_backup,
    damaged_copies,
    restore_backup,
    restore_file,
)
from annotator.store.backup_write import (
    FREE_SPACE_MARGIN,
    STALE_PARTIAL,
    backup_connection,
    backup_file,
    backup_project,
)

__all__ = [
    "APP_NAME",
    "FORMAT",
    "FREE_SPACE_MARGIN",
    "HOURLY_FOR",
    "KEEP_ALL_FOR",
    "KEEP_DAYS",
    "KEEP_OTHER",
    "KEEP_RECENT",
    "REASONS",
    "STALE_PARTIAL",
    "BackupInfo",
    "backup_connection",
    "backup_file",
    "backup_folder",
    "backup_project",
    "backups_for_file",
    "backups_root",
    "check_backup",
    "counts",
    "damaged_copies",
    "fingerprint",
    "latest_backup",
    "list_backups",
    "read_backup",
    "restore_backup",
    "restore_file",
    "rotate",
]
