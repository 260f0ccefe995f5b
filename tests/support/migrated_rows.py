"""After a test that commits, the database goes back to what migrations left, in a few statements.

A transactional test (real Celery worker, live server, gunicorn) commits its rows. Django ends
it with a flush: TRUNCATE of every table (some 300, each given new files) and the post-migrate
handlers, which recreate content types and permissions under new ids, while the rows migrations
loaded (the gazetteer, Saleor's site) are gone. Here instead:

- once per test database, the rows migrations loaded are copied into the schema
  `otop_migrated_rows` (one table per non-empty table, with a fingerprint of its rows);
- a transactional test's teardown empties only the tables that hold rows and are not as the
  snapshot has them (DELETE), and copies the snapshot back into the snapshot tables that
  changed (INSERT ... SELECT, then the sequence set past the rows). Foreign keys are deferred to
  the commit, so the order of the tables does not matter.

The snapshot is taken again when the applied migrations differ from those it was taken with (a
--reuse-db run after a new migration). A transactional test marks the database dirty until its
teardown ends: a run interrupted in between (Ctrl-C, a killed worker) leaves the mark, and the
next run restores before any test.
"""
from django.db import connection, transaction
from django.test import TransactionTestCase

SCHEMA = "otop_migrated_rows"
STATE = f'"{SCHEMA}"."_snapshot_state"'  # Django's tables all carry an app prefix: no clash
TABLES = f'"{SCHEMA}"."_snapshot_tables"'
MIGRATIONS_FINGERPRINT = "SELECT md5(string_agg(app || '.' || name, ',' ORDER BY app, name)) FROM django_migrations"


def prepare() -> None:
    """Take the snapshot if it is missing or stale; restore when a run was interrupted."""
    with connection.cursor() as cursor:
        cursor.execute(MIGRATIONS_FINGERPRINT)
        migrations = cursor.fetchone()[0]
        state = _state(cursor)
    if state is None or state[0] != migrations:
        if state is not None and state[1]:
            raise RuntimeError(
                "a test that commits was interrupted and migrations changed since: run the tests with --create-db"
            )
        _take(migrations)
    elif state[1]:
        restore()


def restore_instead_of_flush(monkeypatch) -> None:
    """Transactional tests end with `restore` rather than Django's flush."""
    flush_setup = TransactionTestCase._fixture_setup

    def fixture_setup(test_case):
        _mark_dirty()
        flush_setup(test_case)

    def fixture_teardown(test_case):
        assert list(test_case._databases_names(include_mirrors=False)) == ["default"], "one database only"
        restore()

    monkeypatch.setattr(TransactionTestCase, "_fixture_setup", fixture_setup)
    monkeypatch.setattr(TransactionTestCase, "_fixture_teardown", fixture_teardown)


def restore() -> None:
    """Put the database back as migrations left it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT name, fingerprint, restore_sql FROM {TABLES}")
        snapshot = {name: (fingerprint, restore_sql) for name, fingerprint, restore_sql in cursor.fetchall()}
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        filled = set(_non_empty(cursor, tables))
        changed = _changed(cursor, snapshot)
        to_empty = sorted((filled - set(snapshot)) | changed)
        if to_empty:
            # DELETE rather than TRUNCATE: a TRUNCATE gives each table new files (seconds for a
            # dozen tables and those its CASCADE reaches); a test leaves few rows to delete.
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(";\n".join(f"DELETE FROM public.{_quoted(table)}" for table in to_empty))
        if changed:
            cursor.execute(";\n".join(snapshot[name][1] for name in sorted(changed)))
        cursor.execute(f"UPDATE {STATE} SET dirty = false")


def _mark_dirty() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {STATE} SET dirty = true")


def _state(cursor):
    cursor.execute("SELECT to_regclass(%s)", [STATE])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT migrations, dirty FROM {STATE}")
    return cursor.fetchone()


def _take(migrations: str) -> None:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{SCHEMA}"')
        cursor.execute(f"CREATE TABLE {STATE} (migrations text NOT NULL, dirty boolean NOT NULL)")
        cursor.execute(f"CREATE TABLE {TABLES} (name text PRIMARY KEY, fingerprint text, restore_sql text NOT NULL)")
        filled = _non_empty(cursor, tables)
        columns = _insertable_columns(cursor, filled)
        sequences = _serial_columns(cursor, filled)
        for table in filled:
            cursor.execute(f'CREATE TABLE "{SCHEMA}".{_quoted(table)} AS TABLE public.{_quoted(table)}')
            names = ", ".join(_quoted(column) for column in columns[table])
            statements = [
                f'INSERT INTO public.{_quoted(table)} ({names}) SELECT {names} FROM "{SCHEMA}".{_quoted(table)}'
            ] + [
                f"SELECT setval('{sequence}', COALESCE((SELECT max({_quoted(column)}) FROM public.{_quoted(table)}), 0) + 1, false)"
                for column, sequence in sequences.get(table, [])
            ]
            cursor.execute(f"INSERT INTO {TABLES} VALUES (%s, ({_fingerprint_sql(table)}), %s)", [table, ";\n".join(statements)])
        cursor.execute(f"INSERT INTO {STATE} VALUES (%s, false)", [migrations])


def _fingerprint_sql(table: str) -> str:
    return f"SELECT md5(string_agg(row_text, '|' ORDER BY row_text)) FROM (SELECT t::text AS row_text FROM public.{_quoted(table)} t) rows"


def _changed(cursor, snapshot) -> set[str]:
    """The snapshot tables whose rows are not those of the snapshot, in one query."""
    if not snapshot:
        return set()
    names = sorted(snapshot)
    cursor.execute(" UNION ALL ".join(f"SELECT %s, ({_fingerprint_sql(name)})" for name in names), names)
    return {name for name, fingerprint in cursor.fetchall() if fingerprint != snapshot[name][0]}


def _non_empty(cursor, tables) -> list[str]:
    """The tables holding at least one row, in one query."""
    if not tables:
        return []
    probes = " UNION ALL ".join(f"SELECT %s WHERE EXISTS (SELECT 1 FROM public.{_quoted(table)})" for table in tables)
    cursor.execute(probes, list(tables))
    return sorted(row[0] for row in cursor.fetchall())


def _insertable_columns(cursor, tables) -> dict[str, list[str]]:
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = ANY(%s) AND is_generated = 'NEVER' "
        "ORDER BY table_name, ordinal_position",
        [list(tables)],
    )
    columns = {table: [] for table in tables}
    for table, column in cursor.fetchall():
        columns[table].append(column)
    return columns


def _serial_columns(cursor, tables) -> dict[str, list[tuple[str, str]]]:
    cursor.execute(
        "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) "
        "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY(%s) "
        "AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL",
        [list(tables)],
    )
    sequences = {}
    for table, column, sequence in cursor.fetchall():
        sequences.setdefault(table, []).append((column, sequence))
    return sequences


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)
