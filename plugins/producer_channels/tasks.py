from saleor_otop.celeryconf import app

from . import services
from .selectors import producer_channels_configuration


@app.task
def sub_order_notify_producer_task(sub_order_id: int) -> None:
    services.sub_order_notify_producer(sub_order_id=sub_order_id)


@app.task
def payout_run_task() -> int:
    """Periodic payout run (CELERY_BEAT_SCHEDULE); returns the run's id."""
    run = services.payout_run_create(configuration=producer_channels_configuration())
    return run.pk
