from saleor.celeryconf import app

from . import services


@app.task
def charges_expire_due_task() -> int:
    """Every minute (beat): unpaid QRs past their time; their orders cancelled, stock released."""
    return services.charges_expire_due()
