"""Celery tasks never break or undo the work that asked for them.

Saleor 2.10.1 and our plugins call `.delay()` in the middle of writes (the webhook plugin inside
`create_order`, `checkout_created` in checkoutCreate): an unreachable broker raised there and
rolled the sale back, and a task sent before the commit could run on rows not yet committed,
or for an order that was then rolled back.

`apply_async_through_outbox` wraps Celery's `Task.apply_async`:

- inside a transaction, the task is written to the outbox table (`TaskOutboxEntry`) in that
  same transaction and sent after the commit: a rolled-back order sends nothing, a committed
  one always has its tasks on record;
- outside one (and for the sends after commit), it is sent at once; when the broker does not
  answer, it waits in the outbox instead of failing the request.

`task_outbox_drain` sends what waits: every minute from beat (`otop-task-outbox-drain`) and
when a worker starts. Delivery is at least once: a task is deleted from the outbox after the
broker took it, so a crash in between sends it twice (our tasks are idempotent).
Eager mode (no broker; unit tests) runs tasks as Celery does.
"""
import functools
import logging
from typing import Optional

from celery.app.task import Task
from celery.result import AsyncResult
from celery.utils import uuid
from django.db import connection, transaction

logger = logging.getLogger(__name__)

DRAIN_TASK_NAME = "saleor_otop.tasks.task_outbox_drain_task"
# Options kept with a waiting task: the ones that say where and when it goes.
KEPT_OPTIONS = ("queue", "routing_key", "exchange", "priority", "countdown", "expires")

_original_apply_async = Task.apply_async


def _send(task: Task, args, kwargs, options: dict):
    """Publish now, without Celery's retries: a broker that does not answer costs one attempt,
    and the outbox retries later."""
    return _original_apply_async(task, args, kwargs, retry=False, **options)


def _outbox_entry(task: Task, args, kwargs, options: dict):
    from saleor_otop.models import TaskOutboxEntry

    kept = {name: options[name] for name in KEPT_OPTIONS if options.get(name) is not None}
    kept["task_id"] = options["task_id"]
    return TaskOutboxEntry.objects.create(
        task_name=task.name, args=list(args or ()), kwargs=dict(kwargs or {}), options=kept
    )


def outbox_entry_send(*, entry_id: int) -> bool:
    """Send one waiting task; True when the broker took it (or it was already sent)."""
    from saleor_otop.models import TaskOutboxEntry

    from .celeryconf import app

    with transaction.atomic():
        entry = TaskOutboxEntry.objects.select_for_update(skip_locked=True).filter(pk=entry_id).first()
        if entry is None:
            return True
        try:
            task = app.tasks[entry.task_name]
            _send(task, entry.args, entry.kwargs, dict(entry.options))
        except Exception as error:
            entry.attempts += 1
            entry.last_error = f"{type(error).__name__}: {error}"[:1000]
            entry.save(update_fields=["attempts", "last_error"])
            logger.warning("Task %s waits in the outbox: %s", entry, entry.last_error)
            return False
        entry.delete()
        return True


def _send_after_commit(entry_id: int) -> None:
    try:
        outbox_entry_send(entry_id=entry_id)
    except Exception:
        # After the commit nothing may fail the request: the entry stays for the drain.
        logger.exception("Task outbox entry %s not sent after commit", entry_id)


def task_outbox_drain(*, limit: int = 500) -> int:
    """Send waiting tasks, oldest first; stop at the first the broker refuses. The number sent."""
    from saleor_otop.models import TaskOutboxEntry

    sent = 0
    for entry_id in TaskOutboxEntry.objects.order_by("pk").values_list("pk", flat=True)[:limit]:
        if not outbox_entry_send(entry_id=entry_id):
            break
        sent += 1
    return sent


def apply_async_through_outbox(original):
    @functools.wraps(original)
    def apply_async(self, args=None, kwargs=None, task_id: Optional[str] = None, **options):
        app = self._get_app()
        if app.conf.task_always_eager or self.name == DRAIN_TASK_NAME or options.get("link") or options.get("link_error"):
            return original(self, args, kwargs, task_id=task_id, **options)
        options["task_id"] = task_id or uuid()
        if connection.in_atomic_block:
            entry = _outbox_entry(self, args, kwargs, options)
            transaction.on_commit(functools.partial(_send_after_commit, entry.pk))
            return AsyncResult(options["task_id"], app=app)
        try:
            return _send(self, args, kwargs, options)
        except Exception as error:
            entry = _outbox_entry(self, args, kwargs, options)
            logger.warning("Broker unreachable; task %s waits in the outbox: %s", entry, error)
            return AsyncResult(options["task_id"], app=app)

    apply_async.otop_patched = True
    return apply_async


def patch_task_apply_async() -> None:
    if getattr(Task.apply_async, "otop_patched", False):
        return
    Task.apply_async = apply_async_through_outbox(Task.apply_async)


def drain_when_worker_starts(**_kwargs) -> None:
    try:
        task_outbox_drain()
    except Exception:
        logger.exception("Task outbox not drained at worker start")
