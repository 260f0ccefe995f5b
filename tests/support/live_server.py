"""A server of the project on a free loopback port that reads the test's own transaction."""
import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import QuietWSGIRequestHandler


class SameTransactionServer(threading.Thread):
    """Serves the project on a free port, one request at a time, through the test's own
    database connection: the browser sees the test's uncommitted rows, and the test stays
    a plain rolled-back one (a transactional test's flush would also wipe the rows that
    migrations load, such as the gazetteer, for the tests after it)."""

    def __init__(self, shared_connection):
        super().__init__(daemon=True)
        self.shared_connection = shared_connection
        self.httpd = WSGIServer(("127.0.0.1", 0), QuietWSGIRequestHandler, allow_reuse_address=False)
        self.httpd.set_app(WSGIHandler())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def run(self):
        connections["default"] = self.shared_connection
        self.httpd.serve_forever()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.join()


@pytest.fixture
def same_transaction_server(db):
    """The URL of a server reading this test's rows (see SameTransactionServer)."""
    shared_connection = connections["default"]
    shared_connection.inc_thread_sharing()
    # As Django's test client does: a request's end must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    server = SameTransactionServer(shared_connection)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        shared_connection.dec_thread_sharing()
