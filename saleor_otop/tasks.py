from saleor.celeryconf import app

from saleor_otop.product_facts import product_facts_recompute


@app.task
def product_facts_changed_task(product_ids: list[int], eligibility_recomputed: bool = False) -> None:
    product_facts_recompute(product_ids=product_ids, eligibility_recomputed=eligibility_recomputed)


@app.task
def task_outbox_drain_task() -> int:
    from saleor_otop.task_outbox import task_outbox_drain

    return task_outbox_drain()


@app.task
def checkout_charges_reconcile_task() -> dict:
    from saleor_otop.checkout_completion import checkout_charges_reconcile

    return checkout_charges_reconcile()
