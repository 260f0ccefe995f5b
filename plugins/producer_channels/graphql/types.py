"""GraphQL types of the producer channels.

Two audiences, two sets of types: `ProducerShop` and `SubOrder` are what shoppers see;
`Producer`, `ProducerProduct`, `ProducerSubOrder`, ... are what a producer's own people
(and programme staff) see. A member type is only ever reached from a root that scoped it
(myProducer, or a staff query with our permission).
"""
import graphene
from django.conf import settings
from graphene import relay
from prices import Money as PricesMoney
from saleor.graphql.account.types import Address
from saleor.graphql.core.fields import PrefetchingConnectionField
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.types.money import Money
from saleor.graphql.order.types import OrderLine
from saleor.graphql.product.types import Category, Collection, Product, ProductType
from saleor.graphql.utils import get_user_or_app_from_context
from saleor.product.models import Product as ProductModel

from .. import selectors
from .connection import QuerysetConnectionField
from .dataloaders import CollectionsByProducerLoader, FulfillmentsBySubOrderLoader
from .enums import (
    LedgerEntryKindEnum,
    PayoutMethodEnum,
    PayoutStatusEnum,
    ProducerErrorCodeEnum,
    ProducerKindEnum,
    ProducerMemberRoleEnum,
    ProducerStatusEnum,
    SubOrderStatusEnum,
)


def global_id(type_name: str, pk) -> str:
    return relay.Node.to_global_id(type_name, pk)


PAYOUT_DETAIL_NOTE = "; null for a producer's staff members, who may not see payout details"


def may_see_payout_details(info, producer_id: int) -> bool:
    """Finance and producer staff of the programme, and the producer's owners and officers;
    not the producer's staff members. Kept per request: a list asks once per producer."""
    from ..permissions import ProducerPermissions

    user = info.context.user
    if user.has_perm(ProducerPermissions.MANAGE_OTOP_PAYOUTS) or user.has_perm(ProducerPermissions.MANAGE_OTOP_PRODUCERS):
        return True
    seen = info.context.__dict__.setdefault("_otop_payout_detail_producers", {})
    if producer_id not in seen:
        seen[producer_id] = selectors.user_may_manage_people(user=user, producer_id=producer_id)
    return seen[producer_id]


class PayoutDetailFields:
    """Payee fields shown only to whoever may see payout details."""

    @staticmethod
    def _producer_id(root) -> int:
        return root.producer_id if hasattr(root, "producer_id") else root.pk

    @classmethod
    def _detail(cls, root, info, name):
        return getattr(root, name) if may_see_payout_details(info, cls._producer_id(root)) else None

    @classmethod
    def resolve_bank_code(cls, root, info):
        return cls._detail(root, info, "bank_code")

    @classmethod
    def resolve_bank_account_name(cls, root, info):
        return cls._detail(root, info, "bank_account_name")

    @classmethod
    def resolve_bank_account_number(cls, root, info):
        return cls._detail(root, info, "bank_account_number")

    @classmethod
    def resolve_promptpay_id(cls, root, info):
        return cls._detail(root, info, "promptpay_id")


def money(amount, currency: str) -> PricesMoney:
    return PricesMoney(amount, currency)


class ProducerError(Error):
    code = ProducerErrorCodeEnum(description="The error code.", required=True)


class ProducerLocality(graphene.ObjectType):
    subdistrict_code = graphene.String(required=True, description="DOPA code of the home subdistrict (tambon).")
    subdistrict_name_th = graphene.String(required=True, description="Thai name of the subdistrict.")
    subdistrict_name_en = graphene.String(required=True, description="English name of the subdistrict.")
    district_name_th = graphene.String(required=True, description="Thai name of the district (amphoe).")
    district_name_en = graphene.String(required=True, description="English name of the district.")
    province_code = graphene.String(required=True, description="DOPA code of the province.")
    province_name_th = graphene.String(required=True, description="Thai name of the province.")
    province_name_en = graphene.String(required=True, description="English name of the province.")

    class Meta:
        description = "Where a producer is at home: its tambon, amphoe and province."

    @staticmethod
    def from_subdistrict(subdistrict) -> "ProducerLocality":
        district = subdistrict.district
        province = district.province
        return ProducerLocality(
            subdistrict_code=subdistrict.code,
            subdistrict_name_th=subdistrict.name_th,
            subdistrict_name_en=subdistrict.name_en,
            district_name_th=district.name_th,
            district_name_en=district.name_en,
            province_code=province.code,
            province_name_th=province.name_th,
            province_name_en=province.name_en,
        )


class ProfileFields:
    """Public profile fields (root: a Producer model instance)."""

    slug = graphene.String(required=True, description="The shop's address in the market.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    kind = ProducerKindEnum(required=True, description="Community group, individual or small firm.")
    locality = graphene.Field(ProducerLocality, required=True, description="Home subdistrict, district and province.")
    story_th = graphene.String(required=True, description="The producer's story, in Thai.")
    story_en = graphene.String(required=True, description="The producer's story, in English.")
    logo_url = graphene.String(description="URL of the producer's logo.")

    @staticmethod
    def resolve_locality(root, _info):
        return ProducerLocality.from_subdistrict(root.home_subdistrict)

    @staticmethod
    def resolve_logo_url(root, info):
        return info.context.build_absolute_uri(root.logo.url) if root.logo else None


class ProducerShop(ProfileFields, graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the shop (its producer).")
    opened_at = graphene.DateTime(description="When the programme approved the producer.")
    product_count = graphene.Int(required=True, description="Published products in the shop.")
    products = PrefetchingConnectionField(Product, description="The shop's published products.")
    collections = graphene.List(
        graphene.NonNull(Collection), required=True, description="Published collections holding the shop's products."
    )

    class Meta:
        description = "A producer's own shop inside the market, as shoppers see it."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerShop", root.pk)

    @staticmethod
    def resolve_opened_at(root, _info):
        return root.approved_at

    @staticmethod
    def resolve_product_count(root, _info):
        count = getattr(root, "published_product_count", None)
        if count is None:
            count = ProductModel.objects.filter(otop_producer__producer=root, is_published=True).count()
        return count

    @staticmethod
    def resolve_products(root, info, **_kwargs):
        user = get_user_or_app_from_context(info.context)
        return ProductModel.objects.visible_to_user(user).filter(otop_producer__producer=root)

    @staticmethod
    def resolve_collections(root, info):
        return CollectionsByProducerLoader(info.context).load(root.pk)


class ProducerVariant(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of Saleor's product variant.")
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
    def resolve_id(root, _info):
        return global_id("ProductVariant", root.pk)

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
    def _own_stock(root):
        stocks = getattr(root, "own_stocks", None)
        return stocks[0] if stocks else None

    @staticmethod
    def resolve_quantity(root, _info):
        stock = ProducerVariant._own_stock(root)
        return stock.quantity if stock else 0

    @staticmethod
    def resolve_quantity_allocated(root, _info):
        stock = ProducerVariant._own_stock(root)
        return stock.allocated if stock else 0


class ProducerProduct(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of Saleor's product.")
    name = graphene.String(required=True, description="Product name.")
    slug = graphene.String(required=True, description="Product slug.")
    description = graphene.String(required=True, description="Product description.")
    is_published = graphene.Boolean(required=True, description="Whether shoppers see the product.")
    base_price = graphene.Field(Money, required=True, description="The product's price.")
    category = graphene.Field(Category, description="Saleor category.")
    product_type = graphene.Field(ProductType, description="Saleor product type.")
    variants = graphene.List(graphene.NonNull(ProducerVariant), required=True, description="The variants.")

    class Meta:
        description = "A product of the producer, as its producer sees it (with own stock)."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("Product", root.pk)

    @staticmethod
    def resolve_base_price(root, _info):
        return money(root.price_amount, root.currency)

    @staticmethod
    def resolve_variants(root, _info):
        variants = list(root.variants.all())
        for variant in variants:
            variant.product = root
        return variants


class ProducerSubOrderLine(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of Saleor's order line.")
    product_name = graphene.String(required=True, description="Product name at the time of the order.")
    variant_name = graphene.String(required=True, description="Variant name at the time of the order.")
    sku = graphene.String(required=True, description="SKU at the time of the order.")
    variant_id = graphene.ID(description="ID of the ordered variant, when it still exists.")
    quantity = graphene.Int(required=True, description="Quantity ordered.")
    quantity_fulfilled = graphene.Int(required=True, description="Quantity fulfilled so far.")
    unit_price = graphene.Field(Money, required=True, description="Gross unit price paid.")

    class Meta:
        description = "A line of a sub-order."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("OrderLine", root.pk)

    @staticmethod
    def resolve_sku(root, _info):
        return root.product_sku

    @staticmethod
    def resolve_variant_id(root, _info):
        return global_id("ProductVariant", root.variant_id) if root.variant_id else None

    @staticmethod
    def resolve_unit_price(root, _info):
        return money(root.unit_price_gross_amount, root.currency)


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


def _sub_order_lines(root):
    return [sub_order_line.order_line for sub_order_line in root.lines.all()]


def _sub_order_fulfillments(root, info):
    return FulfillmentsBySubOrderLoader(info.context).load(root.pk).then(
        lambda pairs: [SubOrderFulfillment.from_pair(pair) for pair in pairs]
    )


class ProducerSubOrder(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the sub-order.")
    order_number = graphene.String(required=True, description="Number of the shopper's order.")
    created = graphene.DateTime(required=True, description="When the order was placed.")
    status = SubOrderStatusEnum(required=True, description="Fulfilment state.")
    subtotal = graphene.Field(Money, required=True, description="Gross value of the lines.")
    commission_rate = Decimal(required=True, description="Commission in percent, as agreed when the order was placed.")
    commission = graphene.Field(Money, required=True, description="The market's commission.")
    net = graphene.Field(Money, required=True, description="What the producer receives.")
    shipping_address = graphene.Field(Address, description="Where to ship.")
    shipping_method_name = graphene.String(description="Shipping method the shopper chose.")
    customer_note = graphene.String(required=True, description="The shopper's note.")
    lines = graphene.List(graphene.NonNull(ProducerSubOrderLine), required=True, description="Lines to ship.")
    fulfillments = graphene.List(graphene.NonNull(SubOrderFulfillment), required=True, description="Parcels sent.")

    class Meta:
        description = "A producer's part of a shopper's order, as the producer sees it."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerSubOrder", root.pk)

    @staticmethod
    def resolve_order_number(root, _info):
        return str(root.order_id)

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_subtotal(root, _info):
        return money(root.subtotal_amount, root.currency)

    @staticmethod
    def resolve_commission(root, _info):
        return money(root.commission_amount, root.currency)

    @staticmethod
    def resolve_net(root, _info):
        return money(root.net_amount, root.currency)

    @staticmethod
    def resolve_shipping_address(root, _info):
        return root.order.shipping_address

    @staticmethod
    def resolve_shipping_method_name(root, _info):
        return root.order.shipping_method_name

    @staticmethod
    def resolve_customer_note(root, _info):
        return root.order.customer_note

    @staticmethod
    def resolve_lines(root, _info):
        return _sub_order_lines(root)

    @staticmethod
    def resolve_fulfillments(root, info):
        return _sub_order_fulfillments(root, info)


class SubOrder(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the sub-order.")
    producer = graphene.Field(ProducerShop, required=True, description="The producer shipping it.")
    status = SubOrderStatusEnum(required=True, description="Fulfilment state.")
    subtotal = graphene.Field(Money, required=True, description="Gross value of its lines.")
    lines = graphene.List(graphene.NonNull(OrderLine), required=True, description="Its lines of the order.")
    tracking_numbers = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Tracking numbers of its parcels."
    )

    class Meta:
        description = "The part of an order one producer ships, as the shopper sees it."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("SubOrder", root.pk)

    @staticmethod
    def resolve_subtotal(root, _info):
        return money(root.subtotal_amount, root.currency)

    @staticmethod
    def resolve_lines(root, _info):
        return _sub_order_lines(root)

    @staticmethod
    def resolve_tracking_numbers(root, info):
        return FulfillmentsBySubOrderLoader(info.context).load(root.pk).then(
            lambda pairs: [
                fulfillment.tracking_number
                for fulfillment, _ in pairs
                if fulfillment.tracking_number and fulfillment.status != "canceled"
            ]
        )


class ProducerLedgerEntry(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the entry.")
    kind = LedgerEntryKindEnum(required=True, description="Sale, refund or cancellation.")
    created = graphene.DateTime(required=True, description="When it was recorded.")
    available_on = graphene.DateTime(required=True, description="From when it may be paid out.")
    order_number = graphene.String(required=True, description="Number of the order it comes from.")
    sub_order_id = graphene.ID(required=True, description="ID of the sub-order it comes from.")
    gross = graphene.Field(Money, required=True, description="Gross amount (negative when reversing).")
    commission = graphene.Field(Money, required=True, description="The market's commission.")
    net = graphene.Field(Money, required=True, description="What the producer is owed: gross less commission.")
    payout_id = graphene.ID(description="The payout batching it, if any.")
    payout_status = PayoutStatusEnum(description="State of that payout; null while due and unbatched.")

    class Meta:
        description = "A movement of what the market owes a producer."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerLedgerEntry", root.pk)

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_order_number(root, _info):
        return str(root.sub_order.order_id)

    @staticmethod
    def resolve_sub_order_id(root, _info):
        return global_id("ProducerSubOrder", root.sub_order_id)

    @staticmethod
    def resolve_gross(root, _info):
        return money(root.gross_amount, root.currency)

    @staticmethod
    def resolve_commission(root, _info):
        return money(root.commission_amount, root.currency)

    @staticmethod
    def resolve_net(root, _info):
        return money(root.net_amount, root.currency)

    @staticmethod
    def resolve_payout_id(root, _info):
        return global_id("ProducerPayout", root.payout_id) if root.payout_id else None

    @staticmethod
    def resolve_payout_status(root, _info):
        return root.payout.status if root.payout_id else None


class ProducerBalance(graphene.ObjectType):
    total = graphene.Field(Money, required=True, description="Sum of the ledger (= paid + due).")
    paid = graphene.Field(Money, required=True, description="Paid out (confirmed payouts).")
    due = graphene.Field(Money, required=True, description="Owed and not yet paid (pending payouts included).")
    pending = graphene.Field(Money, required=True, description="In payouts awaiting confirmation.")

    class Meta:
        description = "What the market owes a producer."


class ProducerPayout(PayoutDetailFields, graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the payout.")
    reference = graphene.String(required=True, description="Reference on the bank transfer.")
    producer_slug = graphene.String(required=True, description="Slug of the producer paid.")
    producer_name = graphene.String(required=True, description="Thai name of the producer paid.")
    status = PayoutStatusEnum(required=True, description="pending, paid or failed.")
    method = PayoutMethodEnum(required=True, description="Bank transfer or PromptPay.")
    amount = graphene.Field(Money, required=True, description="Sum of its ledger entries.")
    withholding_tax = graphene.Field(Money, required=True, description="Income tax withheld.")
    transfer_amount = graphene.Field(Money, required=True, description="Amount transferred.")
    bank_code = graphene.String(description="Payee's bank code (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    bank_account_name = graphene.String(description="Payee's account name (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    bank_account_number = graphene.String(
        description="Payee's account number (bank transfer)" + PAYOUT_DETAIL_NOTE + "."
    )
    promptpay_id = graphene.String(description="Payee's PromptPay id" + PAYOUT_DETAIL_NOTE + ".")
    created = graphene.DateTime(required=True, description="When the payout run batched it.")
    settled = graphene.DateTime(description="When finance staff confirmed or failed it.")
    failure_reason = graphene.String(required=True, description="Why the transfer failed.")

    class Meta:
        description = "A transfer of what was due to a producer."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerPayout", root.pk)

    @staticmethod
    def resolve_reference(root, _info):
        from ..services import payout_reference

        return payout_reference(root)

    @staticmethod
    def resolve_producer_slug(root, _info):
        return root.producer.slug

    @staticmethod
    def resolve_producer_name(root, _info):
        return root.producer.name_th

    @staticmethod
    def resolve_amount(root, _info):
        return money(root.amount, root.currency)

    @staticmethod
    def resolve_withholding_tax(root, _info):
        return money(root.withholding_amount, root.currency)

    @staticmethod
    def resolve_transfer_amount(root, _info):
        return money(root.transfer_amount, root.currency)

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_settled(root, _info):
        return root.settled_at


class ProducerPayoutRun(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the run.")
    created = graphene.DateTime(required=True, description="When it ran.")
    as_of = graphene.DateTime(required=True, description="Entries available by then were batched.")
    file_url = graphene.String(
        description="Address of the payout file (CSV) download, for MANAGE_OTOP_PAYOUTS staff; null for an empty run."
    )
    file_content = graphene.String(required=True, description="The payout file (CSV) for the bank.")
    notes = graphene.String(required=True, description="Producers left out, and why.")
    payouts = graphene.List(graphene.NonNull(ProducerPayout), required=True, description="Its payouts.")

    class Meta:
        description = "A payout run: the payouts it batched and the file for the bank."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerPayoutRun", root.pk)

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_payouts(root, _info):
        return list(root.payouts.all())

    @staticmethod
    def resolve_file_url(root, info):
        from django.urls import reverse

        if not root.file_name:
            return None
        return info.context.build_absolute_uri(reverse("otop-payout-run-file", kwargs={"run_id": root.pk}))


class ProducerMemberType(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the membership.")
    email = graphene.String(required=True, description="The member's e-mail.")
    first_name = graphene.String(required=True, description="The member's first name.")
    last_name = graphene.String(required=True, description="The member's last name.")
    role = ProducerMemberRoleEnum(required=True, description="Owner or staff.")

    class Meta:
        name = "ProducerMember"
        description = "A person working for a producer."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerMember", root.pk)

    @staticmethod
    def resolve_email(root, _info):
        return root.user.email

    @staticmethod
    def resolve_first_name(root, _info):
        return root.user.first_name

    @staticmethod
    def resolve_last_name(root, _info):
        return root.user.last_name


class ProducerInvitationType(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the invitation.")
    email = graphene.String(required=True, description="The invited e-mail address.")
    role = ProducerMemberRoleEnum(required=True, description="The role offered.")
    producer_slug = graphene.String(required=True, description="Slug of the inviting producer.")
    producer_name_th = graphene.String(required=True, description="Thai name of the inviting producer.")
    producer_name_en = graphene.String(required=True, description="English name of the inviting producer.")
    created = graphene.DateTime(required=True, description="When it was sent (or last renewed).")
    expires = graphene.DateTime(required=True, description="After this it can no longer be accepted.")

    class Meta:
        name = "ProducerInvitation"
        description = "An invitation to work for a producer; it becomes a membership when the invited account accepts."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("ProducerInvitation", root.pk)

    @staticmethod
    def resolve_producer_slug(root, _info):
        return root.producer.slug

    @staticmethod
    def resolve_producer_name_th(root, _info):
        return root.producer.name_th

    @staticmethod
    def resolve_producer_name_en(root, _info):
        return root.producer.name_en

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_expires(root, _info):
        return root.expires_at


class ProducerOfficer(graphene.ObjectType):
    email = graphene.String(required=True, description="The officer's e-mail.")
    assigned = graphene.DateTime(required=True, description="When the officer was assigned.")

    class Meta:
        description = "A programme officer who may act for the producer."


class Producer(PayoutDetailFields, ProfileFields, graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the producer.")
    registration_id = graphene.String(required=True, description="Community enterprise registration or tax id.")
    address_line = graphene.String(required=True, description="House number, moo, road.")
    contact_name = graphene.String(required=True, description="Contact person.")
    contact_email = graphene.String(required=True, description="Contact e-mail (receives new orders).")
    contact_phone = graphene.String(required=True, description="Contact phone.")
    status = ProducerStatusEnum(required=True, description="applied, approved or suspended.")
    applied_at = graphene.DateTime(required=True, description="When the producer applied.")
    approved_at = graphene.DateTime(description="When the programme approved it.")
    suspended_at = graphene.DateTime(description="When it was suspended.")
    suspension_reason = graphene.String(required=True, description="Why it was suspended.")
    commission_rate = Decimal(required=True, description="The market's commission, in percent.")
    payout_method = PayoutMethodEnum(required=True, description="How the producer is paid out.")
    bank_code = graphene.String(description="Bank code (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    bank_account_name = graphene.String(description="Account name (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    bank_account_number = graphene.String(description="Account number (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    promptpay_id = graphene.String(description="PromptPay id" + PAYOUT_DETAIL_NOTE + ".")
    withholding_tax = graphene.Boolean(required=True, description="Whether income tax is withheld from payouts.")
    warehouse_id = graphene.ID(description="ID of the producer's own Saleor warehouse.")
    my_role = ProducerMemberRoleEnum(description="The viewer's role; null for officers and programme staff.")
    members = graphene.List(graphene.NonNull(ProducerMemberType), required=True, description="Its people.")
    invitations = graphene.List(
        graphene.NonNull(ProducerInvitationType),
        required=True,
        description="Invitations not yet answered; empty unless the viewer manages the producer's people.",
    )
    officers = graphene.List(graphene.NonNull(ProducerOfficer), required=True, description="Officers acting for it.")
    products = QuerysetConnectionField(
        ProducerProduct,
        search=graphene.String(description="Part of a name or SKU."),
        is_published=graphene.Boolean(description="Only published (true) or unpublished (false) products."),
        description="The producer's products, newest first.",
    )
    product = graphene.Field(
        ProducerProduct, id=graphene.ID(required=True, description="ID of the product."),
        description="One of the producer's products.",
    )
    sub_orders = QuerysetConnectionField(
        ProducerSubOrder,
        status=SubOrderStatusEnum(description="Only sub-orders in this state."),
        description="The producer's sub-orders, newest first.",
    )
    sub_order = graphene.Field(
        ProducerSubOrder, id=graphene.ID(required=True, description="ID of the sub-order."),
        description="One of the producer's sub-orders.",
    )
    ledger = QuerysetConnectionField(ProducerLedgerEntry, description="The producer's ledger, newest first.")
    balance = graphene.Field(ProducerBalance, required=True, description="What the market owes the producer.")
    payouts = QuerysetConnectionField(ProducerPayout, description="The producer's payouts, newest first.")

    class Meta:
        description = "An OTOP producer, as its own people and programme staff see it."

    @staticmethod
    def resolve_id(root, _info):
        return global_id("Producer", root.pk)

    @staticmethod
    def resolve_warehouse_id(root, _info):
        return global_id("Warehouse", root.warehouse_id) if root.warehouse_id else None

    @staticmethod
    def resolve_my_role(root, info):
        return selectors.member_role(user=info.context.user, producer_id=root.pk)

    @staticmethod
    def resolve_members(root, _info):
        return sorted(root.members.all(), key=lambda member: member.pk)

    @staticmethod
    def resolve_invitations(root, info):
        return list(selectors.invitations_of_user(user=info.context.user).filter(producer=root).order_by("pk"))

    @staticmethod
    def resolve_officers(root, _info):
        return [
            ProducerOfficer(email=assignment.officer.email, assigned=assignment.created_at)
            for assignment in sorted(root.officer_assignments.all(), key=lambda assignment: assignment.pk)
        ]

    @staticmethod
    def resolve_products(root, _info, search="", is_published=None, **_kwargs):
        return selectors.producer_products(producer=root, search=search or "", is_published=is_published)

    @staticmethod
    def resolve_product(root, _info, id):
        from .scoping import pk_from_global_id

        pk = pk_from_global_id(id, "Product")
        return selectors.producer_products(producer=root).filter(pk=pk).first() if pk else None

    @staticmethod
    def resolve_sub_orders(root, _info, status=None, **_kwargs):
        return selectors.producer_sub_orders(producer=root, status=status)

    @staticmethod
    def resolve_sub_order(root, _info, id):
        from .scoping import pk_from_global_id

        pk = pk_from_global_id(id, "ProducerSubOrder")
        return selectors.producer_sub_orders(producer=root).filter(pk=pk).first() if pk else None

    @staticmethod
    def resolve_ledger(root, _info, **_kwargs):
        return selectors.producer_ledger(producer=root)

    @staticmethod
    def resolve_balance(root, _info):
        balance = selectors.producer_balance(producer_id=root.pk)
        return ProducerBalance(
            **{name: money(balance[name], settings.DEFAULT_CURRENCY) for name in ("total", "paid", "due", "pending")}
        )

    @staticmethod
    def resolve_payouts(root, _info, **_kwargs):
        return selectors.payouts(producer=root)

