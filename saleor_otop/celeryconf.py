"""The Celery app: Saleor's own app object, which also finds our plugins' tasks.

Saleor binds its tasks to `saleor.celeryconf.app`, so a worker of any other app
would not know them; we configure and extend that one instead.
"""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")

from celery.signals import worker_ready  # noqa: E402
from saleor.celeryconf import app  # noqa: E402

from saleor_otop.serving import observability  # noqa: E402,F401 (request ids and metrics of tasks)

# Saleor's mail tasks live in emails.py modules, which plain discovery skips.
app.autodiscover_tasks(related_name="emails")


@worker_ready.connect
def _drain_task_outbox(**kwargs):
    # Tasks that waited for the broker while it was down go out as soon as a worker runs.
    from saleor_otop.task_outbox import drain_when_worker_starts

    drain_when_worker_starts(**kwargs)


__all__ = ["app"]
