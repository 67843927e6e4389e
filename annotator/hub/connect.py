"""Connecting to the hub: connection strings without passwords, and failures as messages.

A connection string (DSN) is libpq's, as ``key=value`` pairs or a
``postgresql://`` URI; every libpq setting passes through as given (``sslmode``,
``sslrootcert``, ``service``, ...). A password is never stored: `without_password`
takes it out of what a laptop copy records, and libpq finds it on its own
(``~/.pgpass`` or ``PGPASSFILE``, a service file with ``PGSERVICEFILE``, the
``PGPASSWORD`` variable), or the server needs none (certificates, peer, GSS).

psycopg is imported only here and only when a hub command runs: it is the
optional extra ``hub``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from annotator.core.errors import AnnotatorError
from annotator.hub.schema import EXISTS_SQL, HUB_VERSION, VERSION_SQL

if TYPE_CHECKING:
    import psycopg

CONNECT_TIMEOUT = 10
"""Seconds to wait for the server before calling it unreachable (unless the DSN says)."""


class HubError(AnnotatorError):
    """A hub command could not do its work; the message says why and what to do."""


class HubUnreachable(HubError):
    """The server did not answer, or the connection was lost: offline, as laptops often are."""


class HubAuthError(HubError):
    """The server refused the login (password, certificate, unknown role)."""


class HubSchemaChanged(HubError):
    """The lead published a new label schema: the copy takes it (`steps`) before it syncs."""

    def __init__(self, message: str, steps: list[str]) -> None:
        super().__init__(message)
        self.steps = steps
        """The schema sources to apply in turn, from the copy's schema to the hub's."""


class HubVersionError(HubError):
    """The hub is of another version than this program reads, or holds no hub at all."""


def driver() -> Any:
    """The psycopg module, imported now.

    Raises:
        HubError: it is not installed.
    """
    try:
        return importlib.import_module("psycopg")
    except ImportError:
        raise HubError(
            "the team hub needs the PostgreSQL driver psycopg:"
            " pip install 'claim-annotator[hub]' (or pip install 'psycopg[binary]')"
        ) from None


def parse(dsn: str) -> dict[str, Any]:
    """The settings of a connection string.

    Raises:
        HubError: it is not one libpq reads.
    """
    conninfo = importlib.import_module("psycopg.conninfo")
    try:
        params: dict[str, Any] = conninfo.conninfo_to_dict(dsn)
    except driver().ProgrammingError as exc:
        raise HubError(f"not a PostgreSQL connection string: {first_line(exc)}") from None
    return params


def without_password(dsn: str) -> str:
    """The connection string with any password taken out (what a laptop copy stores)."""
    params = {k: v for k, v in parse(dsn).items() if k != "password"}
    conninfo = importlib.import_module("psycopg.conninfo")
    made: str = conninfo.make_conninfo(**params)
    return made


def has_password(dsn: str) -> bool:
    """True if the connection string holds a password."""
    return "password" in parse(dsn)


def where(dsn: str) -> str:
    """The hub as messages name it: ``database on host:port`` (no password)."""
    params = parse(dsn)
    host = params.get("host") or params.get("hostaddr") or "the local server"
    port = f":{params['port']}" if params.get("port") else ""
    service = f"service {params['service']}" if params.get("service") else ""
    database = params.get("dbname") or params.get("user") or ""
    return service or f"{database} on {host}{port}".strip()


def first_line(exc: BaseException) -> str:
    """The first line of an error's message, without libpq's trailing spaces."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0].strip()


_AUTH_WORDS = (
    "password authentication failed",
    "no password supplied",
    "authentication failed",
    "does not exist",  # a role (a missing database says 'database ... does not exist')
    "pg_hba.conf rejects",
    "certificate",
)


def _is_auth(exc: BaseException) -> bool:
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate in ("28P01", "28000"):
        return True
    text = str(exc)
    return any(w in text for w in _AUTH_WORDS) and 'database "' not in text


@contextmanager
def connect(dsn: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection to the hub in autocommit mode (each transaction explicit), closed after.

    Raises:
        HubAuthError: the server refused the login.
        HubUnreachable: the server did not answer (or is not there).
        HubError: psycopg is missing, or the DSN is not one.
    """
    pg = driver()
    params = parse(dsn)
    params.setdefault("connect_timeout", CONNECT_TIMEOUT)
    params["application_name"] = "claim-annotator"
    try:
        connection = pg.connect(**params, autocommit=True)
    except pg.OperationalError as exc:
        if _is_auth(exc):
            raise HubAuthError(
                f"the hub ({where(dsn)}) refused the login: {first_line(exc)}. Check the user"
                " name and the password in your password file (~/.pgpass or PGPASSFILE),"
                " service file or PGPASSWORD; no password is kept in a project file"
            ) from None
        raise HubUnreachable(
            f"the hub ({where(dsn)}) is not reachable: {first_line(exc)}"
        ) from None
    try:
        yield connection
    except pg.Error as exc:
        raise translate(exc, dsn) from None
    finally:
        connection.close()


def translate(exc: BaseException, dsn: str) -> HubError:
    """An error of the server or the connection during a hub command, as a message."""
    pg = driver()
    if isinstance(exc, pg.errors.LockNotAvailable):
        return HubError(
            f"the hub ({where(dsn)}) is busy (another sync or a lead's change holds it);"
            " try again in a moment"
        )
    if isinstance(exc, pg.OperationalError):
        return HubUnreachable(
            f"the connection to the hub ({where(dsn)}) was lost: {first_line(exc)}"
        )
    if isinstance(exc, pg.errors.InsufficientPrivilege):
        return HubError(
            f"the hub ({where(dsn)}) refused: {first_line(exc)} (the lead adds your role with"
            " `annotator hub grant`; making the hub or roles needs its owner's login)"
        )
    return HubError(f"the hub ({where(dsn)}) refused: {first_line(exc)}")


def hub_version(connection: psycopg.Connection[Any]) -> int | None:
    """The hub version of the database, or None when it holds no hub."""
    exists = connection.execute(EXISTS_SQL).fetchone()
    if exists is None or not exists[0]:
        return None
    found = connection.execute(VERSION_SQL).fetchone()
    return None if found is None else int(found[0])


def check_version(connection: psycopg.Connection[Any], dsn: str) -> None:
    """Refuse a database without a hub, or with a hub of another version than this program's.

    Raises:
        HubVersionError: with what to do.
    """
    found = hub_version(connection)
    if found is None:
        raise HubVersionError(
            f"{where(dsn)} holds no claim hub; the lead makes one with"
            " `annotator hub init DSN --from PROJECT.claims`"
        )
    if found > HUB_VERSION:
        raise HubVersionError(
            f"the hub ({where(dsn)}) is of version {found}, newer than this program reads"
            f" ({HUB_VERSION}): update claim-annotator; nothing was changed"
        )
    if found < HUB_VERSION:
        raise HubVersionError(
            f"the hub ({where(dsn)}) is of version {found}, older than this program's"
            f" ({HUB_VERSION}): the lead upgrades it with `annotator hub upgrade DSN`;"
            " nothing was changed"
        )
