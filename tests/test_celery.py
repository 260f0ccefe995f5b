from saleor.product.models import Product

from saleor_otop.celeryconf import app
from tests.factories import ProductFactory
from tests.waiting import wait_until


def test_app_knows_saleor_tasks_and_mail_tasks():
    app.loader.import_default_modules()
    assert "saleor.product.tasks.update_products_minimal_variant_prices_task" in app.tasks
    assert "saleor.order.emails.send_order_confirmation" in app.tasks


def test_real_worker_runs_saleor_task(celery_worker):
    from saleor.product.tasks import update_product_minimal_variant_price_task

    product = ProductFactory(minimal_variant_price_amount=None)
    update_product_minimal_variant_price_task.delay(product.pk)
    wait_until(
        lambda: Product.objects.filter(pk=product.pk, minimal_variant_price_amount__isnull=False).exists()
    )
    assert Product.objects.get(pk=product.pk).minimal_variant_price_amount == product.price_amount
