"""A wall-clock limit on one GraphQL request, the last line behind the query limits.

At the deadline the request's running PostgreSQL statement is cancelled (from
a timer thread: psycopg2's `cancel()` is made for that), and, where the request
runs in the main thread (gunicorn's sync workers), SIGALRM interrupts Python
code too, such as graphql-core's promise scheduler. In other threads
(runserver) only the database part can be cut short; the answer is the same
time-limit error either way.
"""
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from django.db import DEFAULT_DB_ALIAS, connections


class RequestTimeLimitExceeded(BaseException):
    """Raised into the request at its deadline.

    A BaseException, so that graphql-core and the promise library, which turn
    every Exception of a resolver into a field error, let it through.
    """


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


def _raise_time_limit(signum, frame):
    raise RequestTimeLimitExceeded()


@contextmanager
def request_time_limit(seconds: float) -> Iterator[RequestClock]:
    clock = RequestClock(seconds)
    timer = threading.Timer(seconds, clock.cancel_database_statement)
    timer.daemon = True
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous_handler = None
    if in_main_thread:
        previous_handler = signal.signal(signal.SIGALRM, _raise_time_limit)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    timer.start()
    try:
        yield clock
    except RequestTimeLimitExceeded:
        clock.expired = True
    finally:
        if in_main_thread:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
        timer.cancel()
        clock.finish()
        clock.close_database_if_expired()
