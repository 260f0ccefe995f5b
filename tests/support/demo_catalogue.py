"""The demo catalogue for a whole test module, rolled back after it."""
import contextlib

from django.db import transaction

from saleor_otop.demo import demo_catalogue_load, demo_plugins_load


@contextlib.contextmanager
def demo_catalogue_rolled_back(django_db_blocker, *, after_load=None):
    """Load the demo catalogue inside a transaction that is rolled back at the end (each test's
    own transaction nests inside it); `after_load` runs once it is loaded (an index rebuild)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            catalogue = demo_catalogue_load(
                staff_email="staff@otop-market.example", staff_password="demo-password-1", log=lambda _: None
            )
            demo_plugins_load(catalogue=catalogue, log=lambda _: None)
            if after_load is not None:
                after_load()
            yield catalogue
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
