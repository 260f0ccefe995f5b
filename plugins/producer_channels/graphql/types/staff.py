"""The producer's whole record, as programme staff manage it (status, commission, officers,
payout details) and as its own people reach it (myProducer): the root of every producer
query below it."""
import graphene
from django.conf import settings
from saleor.graphql.core.scalars import Decimal

from ... import access, selectors
from ..connection import QuerysetConnectionField
from ..enums import PayoutMethodEnum, ProducerMemberRoleEnum, ProducerStatusEnum, SubOrderStatusEnum
from ..scoping import pk_from_global_id
from .common import global_id_field, money
from .finance import (
    PAYOUT_DETAIL_NOTE,
    PayoutDetailFields,
    ProducerBalance,
    ProducerLedgerEntry,
    ProducerPayout,
)
from .member import ProducerInvitationType, ProducerMemberType, ProducerProduct, ProducerSubOrder
from .shop import ProfileFields


class ProducerOfficer(graphene.ObjectType):
    email = graphene.String(required=True, description="The officer's e-mail.")
    assigned = graphene.DateTime(required=True, description="When the officer was assigned.")

    class Meta:
        description = "A programme officer who may act for the producer."


class Producer(PayoutDetailFields, ProfileFields, graphene.ObjectType):
    id = global_id_field("Producer", description="ID of the producer.")
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
    warehouse_id = global_id_field(
        "Warehouse", attr="warehouse_id", required=False, description="ID of the producer's own Saleor warehouse."
    )
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
    def resolve_my_role(root, info):
        return access.member_role(user=info.context.user, producer_id=root.pk)

    @staticmethod
    def resolve_members(root, _info):
        return sorted(root.members.all(), key=lambda member: member.pk)

    @staticmethod
    def resolve_invitations(root, info):
        return list(access.invitations_managed(user=info.context.user).filter(producer=root).order_by("pk"))

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
        pk = pk_from_global_id(id, "Product")
        return selectors.producer_products(producer=root).filter(pk=pk).first() if pk else None

    @staticmethod
    def resolve_sub_orders(root, _info, status=None, **_kwargs):
        return selectors.producer_sub_orders(producer=root, status=status)

    @staticmethod
    def resolve_sub_order(root, _info, id):
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
