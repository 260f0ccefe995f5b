from saleor.celeryconf import app

from otop_kernel.product_facts import product_facts_recompute


@app.task
def product_facts_changed_task(product_ids: list[int], already_recomputed: list[str] | None = None) -> None:
    product_facts_recompute(product_ids=product_ids, already_recomputed=already_recomputed or ())
