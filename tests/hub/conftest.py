"""A throwaway PostgreSQL cluster for the hub tests: real server binaries, no mocks.

The session starts one cluster (``initdb`` and ``pg_ctl`` from the machine's
PostgreSQL server binaries) in a temporary folder, on a free TCP port of
127.0.0.1 and a Unix socket in that folder, and stops it at the end. Every
test gets a database of its own in it (`hub_dsn`).

``initdb`` and ``pg_ctl`` refuse to run as root, so as root they run as the
``postgres`` system user (``runuser``), in a folder that user owns.

Authentication is that of a real server: the superuser ``postgres`` logs in
over the socket without a password (trust, for setting up the tests), every
other role with a password (SCRAM), over the socket and TCP alike.

Where no server binaries are found the hub tests are skipped with the reason,
on a developer's machine; under CI (``CI`` or ``ANNOTATOR_REQUIRE_POSTGRES``
set, as ``.ci/run`` does) they fail instead: CI must run them.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

SUPERUSER = "postgres"
HBA = """\
local all postgres trust
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
"""


def _required() -> bool:
    """True under CI: a hub test that cannot get a server fails instead of skipping."""
    return bool(os.environ.get("CI") or os.environ.get("ANNOTATOR_REQUIRE_POSTGRES"))


def server_binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``ANNOTATOR_PG_BIN``, else the newest installed."""
    chosen = os.environ.get("ANNOTATOR_PG_BIN")
    if chosen:
        return Path(chosen) if (Path(chosen) / "initdb").exists() else None
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A running throwaway cluster."""

    folder: Path
    bin: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def sockets(self) -> Path:
        return self.folder / "sockets"

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER, **more: str) -> str:
        """A libpq connection string for ``dbname`` over the Unix socket."""
        params = {"host": str(self.sockets), "port": str(self.port), "dbname": dbname}
        params.update(user=user, **more)
        return " ".join(f"{k}={v}" for k, v in params.items())

    def tcp_dsn(self, dbname: str, user: str, **more: str) -> str:
        """A libpq connection string for ``dbname`` over TCP on 127.0.0.1."""
        params = {"host": "127.0.0.1", "port": str(self.port), "dbname": dbname, "user": user}
        params.update(more)
        return " ".join(f"{k}={v}" for k, v in params.items())

    def admin(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A superuser connection in autocommit mode (close it after use)."""
        return psycopg.connect(self.dsn(dbname), autocommit=True)

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        """Run a server binary as the ``postgres`` user when we are root."""
        command = [str(self.bin / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1"
            # fsync off: the OS keeps what is written, which an immediate stop (a server
            # crash, test_faults) does not lose; synchronous_commit stays on, or commits the
            # WAL writer had not written yet (a role's password, a sync) would be lost by it.
            " -c fsync=off -c full_page_writes=off"
            " -c max_connections=120"
        )
        done = self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log}")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.stop("immediate")
        self.start()


def _start_server() -> Server:
    binaries = server_binaries()
    if binaries is None:
        raise FileNotFoundError(
            "no PostgreSQL server binaries (initdb, pg_ctl) found in /usr/lib/postgresql/*/bin"
            " or on PATH; install them (Debian/Ubuntu: apt-get install postgresql) or set"
            " ANNOTATOR_PG_BIN"
        )
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        raise FileNotFoundError(
            "running as root, but runuser (to run initdb as postgres) is missing"
        )
    folder = Path(tempfile.mkdtemp(prefix="claim-hub-pg-"))
    (folder / "sockets").mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        shutil.chown(folder / "sockets", "postgres", "postgres")
    folder.chmod(0o755)
    server = Server(folder, binaries, _free_port())
    done = server.run(
        "initdb", "-D", str(server.data), "-U", SUPERUSER, "--auth-local=trust",
        "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
    )  # fmt: skip
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
    hba = server.data / "pg_hba.conf"
    if os.geteuid() == 0:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", "sh", "-c", f"cat > {hba}"],
            input=HBA, text=True, check=True,
        )  # fmt: skip
    else:
        hba.write_text(HBA, encoding="utf-8")
    server.start()
    return server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """The session's PostgreSQL cluster (started on first use, stopped at the end)."""
    try:
        server = _start_server()
    except (FileNotFoundError, RuntimeError, subprocess.SubprocessError) as exc:
        if _required():
            pytest.fail(f"CI must run the hub tests, but no PostgreSQL server started: {exc}")
        pytest.skip(f"no PostgreSQL server for the hub tests: {exc}")
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(server.folder, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def hub_db(pg_server: Server) -> Iterator[str]:
    """The name of a new, empty database for one test (dropped after it)."""
    name = f"hub_{os.getpid()}_{next(_numbers)}"
    with pg_server.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with pg_server.admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def hub_dsn(pg_server: Server, hub_db: str) -> str:
    """The superuser's connection string for the test's database (the hub's owner)."""
    return pg_server.dsn(hub_db)
