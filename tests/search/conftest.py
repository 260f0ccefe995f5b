import pytest

from plugins.search.services import search_index_rebuild_all
from tests.support.demo_catalogue import demo_catalogue_rolled_back


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The whole demo catalogue, indexed, once per module, rolled back after it."""
    with demo_catalogue_rolled_back(django_db_blocker, after_load=search_index_rebuild_all) as catalogue:
        yield catalogue


@pytest.fixture
def demo(demo_catalogue, db):
    return demo_catalogue
