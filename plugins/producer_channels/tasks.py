from saleor.celeryconf import app

from . import services
from .selectors import producer_channels_configuration


@app.task
def order_notify_producers_task(order_id: int) -> None:
    """E-mail each producer of the order its sub-order (once)."""
    services.order_notify_producers(order_id=order_id)


@app.task
def payout_run_task() -> int:
    """Periodic payout run (CELERY_BEAT_SCHEDULE); returns the run's id."""
    run = services.payout_run_create(configuration=producer_channels_configuration())
    return run.pk


@app.task
def producer_invitation_notify_task(invitation_id: int) -> None:
    services.producer_invitation_notify(invitation_id=invitation_id)
