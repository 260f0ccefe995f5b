import logging

from saleor.celeryconf import app

from . import services
from .configuration import export_configuration

logger = logging.getLogger(__name__)


@app.task
def product_eligibility_recompute_task(product_ids: list[int] | None = None, market_ids: list[int] | None = None):
    return services.product_eligibility_recompute(product_ids=product_ids, market_ids=market_ids)


@app.task
def product_eligibility_refresh_dated_task():
    return services.product_eligibility_refresh_dated()


@app.task
def exchange_rates_refresh_task():
    source_url = export_configuration().exchange_rate_source_url
    if not source_url:
        return 0
    return len(services.exchange_rates_refresh(source_url=source_url))


@app.task
def customs_declaration_pdf_render_task(order_id: int, producer_id: int | None = None):
    services.customs_declaration_pdf_render(order_id=order_id, producer_id=producer_id)
