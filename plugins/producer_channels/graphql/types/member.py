"""What a producer's own people (and programme staff) see below a producer: its catalogue
with its own stock, its sub-orders with their parcels, its people and invitations. These
types are only reached from a root that scoped them (myProducer, or a staff query)."""
import graphene
from saleor.graphql.account.types import Address
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types.money import Money
from saleor.graphql.product.types import Category, ProductType

from ..dataloaders import FulfillmentsBySubOrderLoader
from ..enums import ProducerMemberRoleEnum, SubOrderStatusEnum
from .common import attribute, global_id, global_id_field, money, money_field
from .shop import sub_order_lines


def _own_stock(variant):
    stocks = getattr(variant, "own_stocks", None)
    return stocks[0] if stocks else None


class ProducerVariant(graphene.ObjectType):
    id = global_id_field("ProductVariant", description="ID of Saleor's product variant.")
    sku = graphene.String(required=True, description="Stock keeping unit.")
    name = graphene.String(required=True, description="Variant name.")
    price = graphene.Field(Money, required=True, description="Selling price (override or the product's price).")
    price_override = graphene.Field(Money, description="Price of this variant when it differs from the product's.")
    track_inventory = graphene.Boolean(required=True, description="Whether stock is counted.")
    quantity = graphene.Int(required=True, description="Stock in the producer's own warehouse.")
    quantity_allocated = graphene.Int(required=True, description="Of that stock, what orders hold.")

    class Meta:
        description = "A variant of a producer's product, as its producer sees it."

    @staticmethod
    def resolve_price(root, _info):
        amount = root.price_override_amount
        if amount is None:
            amount = root.product.price_amount
        return money(amount, root.currency)

    @staticmethod
    def resolve_price_override(root, _info):
        if root.price_override_amount is None:
            return None
        return money(root.price_override_amount, root.currency)

    @staticmethod
    def resolve_quantity(root, _info):
        stock = _own_stock(root)
        return stock.quantity if stock else 0

    @staticmethod
    def resolve_quantity_allocated(root, _info):
        stock = _own_stock(root)
        return stock.allocated if stock else 0


class ProducerProduct(graphene.ObjectType):
    id = global_id_field("Product", description="ID of Saleor's product.")
    name = graphene.String(required=True, description="Product name.")
    slug = graphene.String(required=True, description="Product slug.")
    description = graphene.String(required=True, description="Product description.")
    is_published = graphene.Boolean(required=True, description="Whether shoppers see the product.")
    base_price = money_field("price_amount", description="The product's price.")
    category = graphene.Field(Category, description="Saleor category.")
    product_type = graphene.Field(ProductType, description="Saleor product type.")
    variants = graphene.List(graphene.NonNull(ProducerVariant), required=True, description="The variants.")

    class Meta:
        description = "A product of the producer, as its producer sees it (with own stock)."

    @staticmethod
    def resolve_variants(root, _info):
        variants = list(root.variants.all())
        for variant in variants:
            variant.product = root
        return variants


class ProducerSubOrderLine(graphene.ObjectType):
    id = global_id_field("OrderLine", description="ID of Saleor's order line.")
    product_name = graphene.String(required=True, description="Product name at the time of the order.")
    variant_name = graphene.String(required=True, description="Variant name at the time of the order.")
    sku = graphene.String(required=True, source="product_sku", description="SKU at the time of the order.")
    variant_id = global_id_field(
        "ProductVariant", attr="variant_id", required=False, description="ID of the ordered variant, when it still exists."
    )
    quantity = graphene.Int(required=True, description="Quantity ordered.")
    quantity_fulfilled = graphene.Int(required=True, description="Quantity fulfilled so far.")
    unit_price = money_field("unit_price_gross_amount", description="Gross unit price paid.")

    class Meta:
        description = "A line of a sub-order."


class SubOrderFulfillmentLine(graphene.ObjectType):
    order_line_id = graphene.ID(required=True, description="ID of the fulfilled order line.")
    quantity = graphene.Int(required=True, description="Quantity in this parcel.")

    class Meta:
        description = "A line of a parcel."


class SubOrderFulfillment(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of Saleor's fulfillment.")
    tracking_number = graphene.String(required=True, description="The carrier's tracking number.")
    status = graphene.String(required=True, description="fulfilled or canceled.")
    created = graphene.DateTime(required=True, description="When the parcel was recorded.")
    lines = graphene.List(graphene.NonNull(SubOrderFulfillmentLine), required=True, description="What it holds.")

    class Meta:
        description = "A parcel of a sub-order (a Saleor fulfillment, restricted to the sub-order's lines)."

    @staticmethod
    def from_pair(pair) -> "SubOrderFulfillment":
        fulfillment, lines = pair
        return SubOrderFulfillment(
            id=global_id("Fulfillment", fulfillment.pk),
            tracking_number=fulfillment.tracking_number,
            status=fulfillment.status,
            created=fulfillment.created,
            lines=[
                SubOrderFulfillmentLine(order_line_id=global_id("OrderLine", line_id), quantity=quantity)
                for line_id, quantity in lines
            ],
        )


class ProducerSubOrder(graphene.ObjectType):
    id = global_id_field("ProducerSubOrder", description="ID of the sub-order.")
    order_number = graphene.String(
        required=True, description="Number of the shopper's order.", resolver=lambda root, _info: str(root.order_id)
    )
    created = graphene.DateTime(required=True, source="created_at", description="When the order was placed.")
    status = SubOrderStatusEnum(required=True, description="Fulfilment state.")
    subtotal = money_field("subtotal_amount", description="Gross value of the lines.")
    commission_rate = Decimal(required=True, description="Commission in percent, as agreed when the order was placed.")
    commission = money_field("commission_amount", description="The market's commission.")
    net = money_field("net_amount", description="What the producer receives.")
    shipping_address = graphene.Field(Address, description="Where to ship.", resolver=attribute("order.shipping_address"))
    shipping_method_name = graphene.String(
        description="Shipping method the shopper chose.", resolver=attribute("order.shipping_method_name")
    )
    customer_note = graphene.String(
        required=True, description="The shopper's note.", resolver=attribute("order.customer_note")
    )
    lines = graphene.List(
        graphene.NonNull(ProducerSubOrderLine), required=True, description="Lines to ship.",
        resolver=lambda root, _info: sub_order_lines(root),
    )
    fulfillments = graphene.List(graphene.NonNull(SubOrderFulfillment), required=True, description="Parcels sent.")

    class Meta:
        description = "A producer's part of a shopper's order, as the producer sees it."

    @staticmethod
    def resolve_fulfillments(root, info):
        return FulfillmentsBySubOrderLoader(info.context).load(root.pk).then(
            lambda pairs: [SubOrderFulfillment.from_pair(pair) for pair in pairs]
        )


class ProducerMemberType(graphene.ObjectType):
    id = global_id_field("ProducerMember", description="ID of the membership.")
    email = graphene.String(required=True, description="The member's e-mail.", resolver=attribute("user.email"))
    first_name = graphene.String(
        required=True, description="The member's first name.", resolver=attribute("user.first_name")
    )
    last_name = graphene.String(required=True, description="The member's last name.", resolver=attribute("user.last_name"))
    role = ProducerMemberRoleEnum(required=True, description="Owner or staff.")

    class Meta:
        name = "ProducerMember"
        description = "A person working for a producer."


class ProducerInvitationType(graphene.ObjectType):
    id = global_id_field("ProducerInvitation", description="ID of the invitation.")
    email = graphene.String(required=True, description="The invited e-mail address.")
    role = ProducerMemberRoleEnum(required=True, description="The role offered.")
    producer_slug = graphene.String(
        required=True, description="Slug of the inviting producer.", resolver=attribute("producer.slug")
    )
    producer_name_th = graphene.String(
        required=True, description="Thai name of the inviting producer.", resolver=attribute("producer.name_th")
    )
    producer_name_en = graphene.String(
        required=True, description="English name of the inviting producer.", resolver=attribute("producer.name_en")
    )
    created = graphene.DateTime(required=True, source="created_at", description="When it was sent (or last renewed).")
    expires = graphene.DateTime(
        required=True, source="expires_at", description="After this it can no longer be accepted."
    )

    class Meta:
        name = "ProducerInvitation"
        description = "An invitation to work for a producer; it becomes a membership when the invited account accepts."
