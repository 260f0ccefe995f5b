import pytest
from django.db import transaction

from plugins.search.services import search_index_rebuild_all
from saleor_otop.demo import demo_catalogue_load, demo_plugins_load


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The whole demo catalogue, indexed, once per module: loaded inside a transaction that
    is rolled back after the module (each test's own transaction nests inside it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            catalogue = demo_catalogue_load(
                staff_email="staff@otop-market.example", staff_password="demo-password-1", log=lambda _: None
            )
            demo_plugins_load(catalogue=catalogue, log=lambda _: None)
            search_index_rebuild_all()
            yield catalogue
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_catalogue, db):
    return demo_catalogue
