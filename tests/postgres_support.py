"""A throwaway PostgreSQL server for the tests that prove Careline runs on Postgres by URL.

The server is Debian's PostgreSQL (`scripts/test.sh` installs it when missing), started with `initdb` in a
temporary folder on a free loopback port, trust authentication, fsync off. PostgreSQL refuses to run as
root, so under root it runs as the `postgres` system user. Each test gets a fresh database.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from reminders_support import free_port

USER = "careline"


def postgres_bin() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, else Debian's versioned folder."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[Callable[[], str]]:
    """Start a server; yields `new_database()` -> a SQLAlchemy URL of a fresh, empty database."""
    binaries = postgres_bin()
    if binaries is None:
        message = "PostgreSQL is not installed (scripts/test.sh installs Debian's postgresql when run as root)"
        if os.environ.get("CARELINE_TEST_REQUIRE_POSTGRES"):
            raise RuntimeError(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="careline-pg-"))
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
    data = root / "data"
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(_as_server_user([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER,
                                    "-E", "UTF8", "--no-sync"]), **run)
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-o", options,
                                    "-l", str(root / "server.log"), "-w", "start"]), **run)
    try:
        yield lambda: _create_database(port)
    finally:
        subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _create_database(port: int) -> str:
    import psycopg

    name = f"careline_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(host="127.0.0.1", port=port, user=USER, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{USER}@127.0.0.1:{port}/{name}"
