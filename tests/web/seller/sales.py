"""Sales of the portal's tests: orders placed (Saleor's order_created, every plugin's hook)
and paid, for the conftest's producers."""
from saleor.order.models import Order

from tests.factories.producer_channels import pay, placed_order, producer_product


def sale(producer, *, price="250.00", quantity=2, stock=10, sku=None, paid=True, note="", **order_kwargs) -> dict:
    product, variant = producer_product(producer, price=price, quantity=stock, sku=sku)
    order = placed_order([(variant, quantity)], **order_kwargs)
    if note:
        Order.objects.filter(pk=order.pk).update(customer_note=note)
        order.refresh_from_db()
    if paid:
        pay(order)
    sub_order = order.otop_sub_orders.get(producer=producer)
    return {"order": order, "sub_order": sub_order, "variant": variant, "product": product,
            "line": sub_order.lines.get().order_line}
