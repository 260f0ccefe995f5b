import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection


@pytest.fixture(scope="session", autouse=True)
def migrated_rows_back_after_the_session(django_db_setup, django_db_blocker):
    """The real-worker tests end with a flush of every table (pytest-django runs them last);
    put the rows migrations loaded (gazetteer, site, permissions) back for --reuse-db runs.

    A per-test restore cannot do it for tests marked django_db(transaction=True): their
    flush is torn down after every fixture of the test.
    """
    yield
    with django_db_blocker.unblock():
        serialized = getattr(connection, "_test_serialized_contents", None)
        if serialized and not ContentType.objects.exists():
            connection.creation.deserialize_db_from_string(serialized)
