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


@app.task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def producer_notification_send_task(notification_id: int) -> None:
    """Send a producer's notification through every channel (e-mail now)."""
    services.producer_notification_send(notification_id=notification_id)


@app.task
def producer_payout_details_changed_notify_task(producer_id: int, user_id: int, fields: list) -> None:
    services.producer_payout_details_changed_notify(producer_id=producer_id, user_id=user_id, fields=fields)
