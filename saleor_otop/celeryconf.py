"""The Celery app: Saleor's own app object, which also finds our plugins' tasks.

Saleor binds its tasks to `saleor.celeryconf.app`, so a worker of any other app
would not know them; we configure and extend that one instead.
"""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")

from saleor.celeryconf import app  # noqa: E402

# Saleor's mail tasks live in emails.py modules, which plain discovery skips.
app.autodiscover_tasks(related_name="emails")

__all__ = ["app"]
