"""Saleor's Order, extended with `otop { subOrders }` the way saleor_otop/graphql/products.py
extends Product: a field added to Saleor's type before the schema is built."""
import graphene
from saleor.graphql.order.types import Order

from .dataloaders import SubOrdersByOrderLoader
from .types import SubOrder


class OrderFields:
    """Fields of Order.otop; the root is Saleor's Order (already visible to the caller)."""

    sub_orders = graphene.List(
        graphene.NonNull(SubOrder),
        required=True,
        description="The order's parts, one per producer, with their status and tracking numbers.",
    )

    def resolve_sub_orders(root, info):
        return SubOrdersByOrderLoader(info.context).load(root.pk)


ORDER_FIELDS = [OrderFields]


class OrderOtop(*ORDER_FIELDS, graphene.ObjectType):
    class Meta:
        description = "What the OTOP market adds to an order: its producer sub-orders."


def resolve_order_otop(root, _info):
    return root


def install_order_otop_field() -> None:
    """Add `otop` to Saleor's Order type; must run before the schema is built."""
    Order._meta.fields["otop"] = graphene.Field(
        OrderOtop, description="OTOP market data of the order.", resolver=resolve_order_otop
    )
