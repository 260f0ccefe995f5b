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

from django.db import connections


class RequestClock:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        # This thread's connections: the primary's and those of the read replicas.
        self._databases = [connections[alias] for alias in connections]
        self._lock = threading.Lock()
        self._finished = False

    def cancel_database_statement(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.expired = True
            for database in self._databases:
                if database.connection is not None:
                    database.connection.cancel()

    def finish(self) -> None:
        with self._lock:
            self._finished = True

    def close_database_if_expired(self) -> None:
        # A statement cut short may leave the connection mid-transaction.
        if self.expired:
            for database in self._databases:
                if not database.in_atomic_block:
                    database.close()


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
