from saleor.celeryconf import app

from saleor_otop.accounts.emails import account_exists_email_task  # noqa: F401 (the worker must know it)


@app.task
def task_outbox_drain_task() -> int:
    from saleor_otop.task_outbox import task_outbox_drain

    return task_outbox_drain()


@app.task
def checkout_charges_reconcile_task() -> dict:
    from saleor_otop.checkout_completion import checkout_charges_reconcile

    return checkout_charges_reconcile()
