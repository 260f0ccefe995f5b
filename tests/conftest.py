import os

import pytest
from django.db import connection

from saleor_otop.celeryconf import app as celery_app
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.support.live_server import same_transaction_server  # noqa: F401 (a fixture for page tests)
from tests.support.processes import celery_worker_process, wait_for_worker


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run in the test process unless a test asks for `celery_worker`."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = True


_migrated_rows = {}


@pytest.fixture(autouse=True)
def migrated_rows_restored(request, django_db_blocker):
    """Write the rows migrations loaded (gazetteer, Saleor's site) back after a flushing test.

    A transactional test (real Celery worker, live server) ends with a flush; tests after
    it, in this run or a --reuse-db one, still expect those rows. Before the first such
    test a copy is taken; this fixture, set up before the database fixtures, is torn down
    after the flush. The flush's post-migrate handlers recreated content types and
    permissions under new ids; they give way to the copy's, which other rows point at.
    """
    marker = request.node.get_closest_marker("django_db")
    flushing = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if flushing and "copy" not in _migrated_rows:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            _migrated_rows["copy"] = connection.creation.serialize_db_to_string()
    yield
    if flushing:
        with django_db_blocker.unblock():
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE django_content_type, auth_permission CASCADE")
            connection.creation.deserialize_db_from_string(_migrated_rows["copy"])


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path_factory):
    """Private files (payout files, CN23s) of each test go to a folder of their own."""
    settings.OTOP_PRIVATE_ROOT = str(tmp_path_factory.mktemp("private"))
    return settings.OTOP_PRIVATE_ROOT


@pytest.fixture(autouse=True)
def rate_limit_counters_cleared():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def api_client(client):
    return GraphQLClient(client)


@pytest.fixture
def customer_user(db):
    return factories.UserFactory(email="shopper@example.com")


@pytest.fixture
def user_api_client(client, customer_user):
    return GraphQLClient(client, user=customer_user)


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(email="staff@otop.example")


@pytest.fixture
def staff_api_client(client, staff_user):
    return GraphQLClient(client, user=staff_user)


@pytest.fixture
def celery_worker(transactional_db, private_root):
    """A real Celery worker on the broker (Redis), reading the test database.

    Tests using it see committed data only, hence `transactional_db`. The queue is
    private to this pytest process so parallel test workers do not share tasks.
    """
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.skip("CELERY_BROKER_URL is not set: no broker for a real worker")
    queue = f"otop-test-{os.getpid()}"
    with celery_worker_process(queue=queue, broker_url=broker, extra_env={"OTOP_PRIVATE_ROOT": private_root}) as (process, node):
        celery_app.conf.task_always_eager = False
        celery_app.conf.task_default_queue = queue
        wait_for_worker(process, node)
        yield process
