"""One migrated database per test run, copied for each test process.

Migrating the test database from nothing takes minutes (some 300 tables, the place gazetteer;
more than 27 on the embedded PostgreSQL of a loaded machine), and pytest-django does it once per
xdist worker. Here the first process migrates a template database, `<test database>_template`,
and takes its snapshot of migrated rows (tests/support/migrated_rows.py); every process then
gets its own database as `CREATE DATABASE ... TEMPLATE`, a file copy of a few seconds.

The processes of one run agree through a lock file: the first one in makes or brings the
template up to date, the others find it done. With --reuse-db (the default) a template whose
migrations are all applied is kept, and so is a process's database copied from the same
template state; --create-db makes the template again, once per run.
"""
import fcntl
import hashlib
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.support import migrated_rows

XDIST_SUFFIX = re.compile(r"_gw\d+$")


def template_name(test_database: str) -> str:
    return f"{XDIST_SUFFIX.sub('', test_database)}_template"


def set_up(*, run_id: str, keepdb: bool, createdb: bool, verbosity: int = 0) -> str:
    """Make (or keep) this process's test database, a copy of the template; its name."""
    test_settings = connection.settings_dict["TEST"]
    test_database = test_settings.get("NAME") or f"test_{connection.settings_dict['NAME']}"
    template = template_name(test_database)
    fresh = createdb or not keepdb
    with _run_lock(template):
        _template_up_to_date(template, run_id=run_id, fresh=fresh, verbosity=verbosity)
        if fresh or _migrations_fingerprint(test_database) != _migrations_fingerprint(template):
            _copy(template, test_database)
    _use(test_database)
    migrated_rows.prepare()  # a copy kept from an interrupted run is restored here
    return test_database


def tear_down(test_database: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(test_database)}")


def _template_up_to_date(template: str, *, run_id: str, fresh: bool, verbosity: int) -> None:
    """Made again (fresh) or migrated unless another process of this run did it already."""
    stamp = _stamp_file(template)
    if stamp.exists() and stamp.read_text() == run_id:
        return
    if not fresh and _fully_migrated(template):
        stamp.write_text(run_id)
        return
    test_settings = connection.settings_dict["TEST"]
    worker_name = test_settings.get("NAME")
    test_settings["NAME"] = template
    try:
        # Django's own creation: CREATE DATABASE (UTF-8 locale, saleor_otop.postgresql), migrate.
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False, keepdb=not fresh)
        migrated_rows.prepare()
    finally:
        connection.close()
        test_settings["NAME"] = worker_name
    stamp.write_text(run_id)


def _fully_migrated(database: str) -> bool:
    from django.db.migrations.executor import MigrationExecutor

    if not _exists(database):
        return False
    _use(database)
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return False
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [migrated_rows.STATE])
            return cursor.fetchone()[0] is not None
    finally:
        connection.close()


def _migrations_fingerprint(database: str):
    """The applied migrations of `database` (None when it does not exist or has none)."""
    if not _exists(database):
        return None
    _use(database)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('django_migrations')")
            if cursor.fetchone()[0] is None:
                return None
            cursor.execute(migrated_rows.MIGRATIONS_FINGERPRINT)
            return cursor.fetchone()[0]
    finally:
        connection.close()


def _copy(template: str, database: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quoted(database)}")
        cursor.execute(f"CREATE DATABASE {_quoted(database)} TEMPLATE {_quoted(template)}")


def _exists(database: str) -> bool:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        return cursor.fetchone() is not None


def _use(database: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = database
    settings.DATABASES[connection.alias]["NAME"] = database


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _lock_path(template: str) -> Path:
    server = f"{connection.settings_dict.get('HOST')}:{connection.settings_dict.get('PORT')}/{template}"
    key = hashlib.sha1(server.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"otop-test-template-{key}"


def _stamp_file(template: str) -> Path:
    return _lock_path(template).with_suffix(".run")


@contextmanager
def _run_lock(template: str):
    with open(_lock_path(template).with_suffix(".lock"), "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
