import os
import uuid

import pytest

from saleor_otop.celeryconf import app as celery_app
from tests import factories
from tests.graphql_client import GraphQLClient
from tests.support import migrated_rows, template_database
from tests.support.localstripe import localstripe_process  # noqa: F401 - one localstripe per test process
from tests.support.processes import SharedCeleryWorker


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run in the test process unless a test asks for `celery_worker`."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """No serialized copy of the whole test database at set-up (Django 3.2 makes one unless
    told not to): no test uses serialized rollback, the snapshot below replaces it."""
    from django.db import connections

    connections["default"].settings_dict["TEST"]["SERIALIZE"] = False


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_keepdb, django_db_createdb,
                    django_db_modify_db_settings):
    """The test database, a copy of a template migrated once per run (not once per xdist
    worker), with a snapshot of the rows its migrations loaded: a test that commits (real
    Celery worker, live server) ends by putting those back instead of Django's flush."""
    workerinput = getattr(request.config, "workerinput", None)
    run_id = workerinput["testrunuid"] if workerinput else uuid.uuid4().hex
    with django_db_blocker.unblock():
        test_database = template_database.set_up(
            run_id=run_id, keepdb=django_db_keepdb, createdb=django_db_createdb, verbosity=request.config.option.verbose
        )
    with pytest.MonkeyPatch.context() as monkeypatch:
        migrated_rows.restore_instead_of_flush(monkeypatch)
        yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            template_database.tear_down(test_database)


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


@pytest.fixture(scope="session")
def shared_celery_worker(django_db_setup, tmp_path_factory):
    """The real Celery worker of this pytest process (see `celery_worker`), stopped at the end."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        message = "CELERY_BROKER_URL is not set: no broker for a real worker"
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail(f"{message} (CI must run the worker tests)")
        pytest.skip(message)
    worker = SharedCeleryWorker(
        queue=f"otop-test-{os.getpid()}", broker_url=broker, folder=tmp_path_factory.mktemp("celery-worker")
    )
    yield worker
    worker.stop()


@pytest.fixture
def celery_worker(transactional_db, settings, shared_celery_worker):
    """A real Celery worker on the broker (Redis), reading the test database; its private files
    go to `settings.OTOP_PRIVATE_ROOT`, its mail to files in `celery_worker.mail_dir`.

    Tests using it see committed data only, hence `transactional_db`. The queue is private to
    this pytest process so parallel test workers do not share tasks. One worker serves the
    tests of the process: each ends with the worker idle, nothing queued or held for later.
    """
    worker = shared_celery_worker.ready()
    settings.OTOP_PRIVATE_ROOT = str(worker.private_root)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = worker.queue
    yield worker
    worker.release()
