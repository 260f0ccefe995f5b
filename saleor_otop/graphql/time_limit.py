"""A wall-clock limit on one GraphQL request, the last line behind the query limits.

At the deadline the request's running PostgreSQL statement is cancelled (from a
timer thread: psycopg2's `cancel()` is made for that) and the request answers
the time-limit error. Python code is not interrupted here: an exception raised
into graphql-core 2's promise trampoline (tried with SIGALRM) left the request
waiting forever on the promise's event. A request spinning in Python is ended
by gunicorn's worker timeout (`--timeout`, above GRAPHQL_TIME_LIMIT_SECONDS),
which replaces the worker.
"""
import threading
from contextlib import contextmanager
from typing import Iterator

from django.db import DEFAULT_DB_ALIAS, connections


class RequestClock:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._database = connections[DEFAULT_DB_ALIAS]  # this thread's connection
        self._lock = threading.Lock()
        self._finished = False

    def cancel_database_statement(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.expired = True
            raw_connection = self._database.connection
            if raw_connection is not None:
                raw_connection.cancel()

    def finish(self) -> None:
        with self._lock:
            self._finished = True

    def close_database_if_expired(self) -> None:
        # A statement cut short may leave the connection mid-transaction.
        if self.expired and not self._database.in_atomic_block:
            self._database.close()


@contextmanager
def request_time_limit(seconds: float) -> Iterator[RequestClock]:
    clock = RequestClock(seconds)
    timer = threading.Timer(seconds, clock.cancel_database_statement)
    timer.daemon = True
    timer.start()
    try:
        yield clock
    finally:
        timer.cancel()
        clock.finish()
        clock.close_database_if_expired()
