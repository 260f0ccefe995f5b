import pytest

from plugins.provenance.models import Subdistrict
from plugins.provenance.services import gazetteer_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """A reused test database may have lost the gazetteer (loaded by a data migration) to the
    flush after a previous run's transactional tests; rules and the report need it."""
    with django_db_blocker.unblock():
        if not Subdistrict.objects.exists():
            gazetteer_load()


@pytest.fixture
def gazetteer(transactional_db):
    """For tests with a real worker: the flush after the previous one removed the gazetteer."""
    if not Subdistrict.objects.exists():
        gazetteer_load()
