"""The project's Celery app as the tests' shared worker runs it (tests/support/processes.py).

A worker started for one test began with empty per-process caches; one serving many tests
clears the one that holds rows, Django's Site cache (Saleor reads its site settings through
it), before each task, so a task sees what the database holds now."""
from celery.signals import task_prerun

from saleor_otop.celeryconf import app

__all__ = ["app"]


@task_prerun.connect
def _site_cache_cleared(**kwargs):
    from django.contrib.sites.models import SITE_CACHE

    SITE_CACHE.clear()
