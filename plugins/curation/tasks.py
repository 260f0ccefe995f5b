
from saleor.celeryconf import app

from . import services
from .models import RefreshTrigger


@app.task
def rule_collections_refresh_task() -> int:
    """Nightly: every rule-based collection against today's facts (certificates expire,
    eligibility lapses, products get published without telling anyone)."""
    return len(services.rule_collections_refresh_all(trigger=RefreshTrigger.NIGHTLY))


@app.task
def collection_refresh_task(collection_id: int) -> int:
    refresh = services.rule_collection_refresh(featured_collection_id=collection_id, trigger=RefreshTrigger.MANUAL)
    return refresh.pk


@app.task
def rule_collections_refresh_for_products_task(product_ids: list[int]) -> int:
    return len(services.rule_collections_apply_for_products(product_ids=product_ids))


@app.task
def featured_collections_close_ended_task() -> int:
    return services.featured_collections_close_ended()
