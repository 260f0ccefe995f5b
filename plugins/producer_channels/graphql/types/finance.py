"""What finance staff (and a producer's owners) see of money: the ledger, the balance,
payouts and payout runs, with the payee details only for those who may see them."""
import graphene
from saleor.graphql.core.types.money import Money

from ... import access
from ...permissions import ProducerPermissions
from ..enums import LedgerEntryKindEnum, PayoutMethodEnum, PayoutStatusEnum
from .common import attribute, global_id_field, money_field

PAYOUT_DETAIL_NOTE = "; null for a producer's staff members, who may not see payout details"


def may_see_payout_details(info, producer_id: int) -> bool:
    """Finance and producer staff of the programme, and the producer's owners and officers;
    not the producer's staff members. Kept per request: a list asks once per producer."""
    user = info.context.user
    if user.has_perm(ProducerPermissions.MANAGE_OTOP_PAYOUTS) or user.has_perm(ProducerPermissions.MANAGE_OTOP_PRODUCERS):
        return True
    seen = info.context.__dict__.setdefault("_otop_payout_detail_producers", {})
    if producer_id not in seen:
        seen[producer_id] = access.may_manage_people(user=user, producer_id=producer_id)
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


class ProducerLedgerEntry(graphene.ObjectType):
    id = global_id_field("ProducerLedgerEntry", description="ID of the entry.")
    kind = LedgerEntryKindEnum(required=True, description="Sale, refund or cancellation.")
    created = graphene.DateTime(required=True, source="created_at", description="When it was recorded.")
    available_on = graphene.DateTime(required=True, description="From when it may be paid out.")
    order_number = graphene.String(
        required=True, description="Number of the order it comes from.",
        resolver=lambda root, _info: str(root.sub_order.order_id),
    )
    sub_order_id = global_id_field(
        "ProducerSubOrder", attr="sub_order_id", description="ID of the sub-order it comes from."
    )
    gross = money_field("gross_amount", description="Gross amount (negative when reversing).")
    commission = money_field("commission_amount", description="The market's commission.")
    net = money_field("net_amount", description="What the producer is owed: gross less commission.")
    payout_id = global_id_field(
        "ProducerPayout", attr="payout_id", required=False, description="The payout batching it, if any."
    )
    payout_status = PayoutStatusEnum(description="State of that payout; null while due and unbatched.")

    class Meta:
        description = "A movement of what the market owes a producer."

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
    id = global_id_field("ProducerPayout", description="ID of the payout.")
    reference = graphene.String(required=True, description="Reference on the bank transfer.")
    producer_slug = graphene.String(
        required=True, description="Slug of the producer paid.", resolver=attribute("producer.slug")
    )
    producer_name = graphene.String(
        required=True, description="Thai name of the producer paid.", resolver=attribute("producer.name_th")
    )
    status = PayoutStatusEnum(required=True, description="pending, paid or failed.")
    method = PayoutMethodEnum(required=True, description="Bank transfer or PromptPay.")
    amount = money_field("amount", description="Sum of its ledger entries.")
    withholding_tax = money_field("withholding_amount", description="Income tax withheld.")
    transfer_amount = money_field("transfer_amount", description="Amount transferred.")
    bank_code = graphene.String(description="Payee's bank code (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    bank_account_name = graphene.String(description="Payee's account name (bank transfer)" + PAYOUT_DETAIL_NOTE + ".")
    bank_account_number = graphene.String(
        description="Payee's account number (bank transfer)" + PAYOUT_DETAIL_NOTE + "."
    )
    promptpay_id = graphene.String(description="Payee's PromptPay id" + PAYOUT_DETAIL_NOTE + ".")
    created = graphene.DateTime(required=True, source="created_at", description="When the payout run batched it.")
    settled = graphene.DateTime(source="settled_at", description="When finance staff confirmed or failed it.")
    failure_reason = graphene.String(required=True, description="Why the transfer failed.")

    class Meta:
        description = "A transfer of what was due to a producer."

    @staticmethod
    def resolve_reference(root, _info):
        from ...services import payout_reference

        return payout_reference(root)


class ProducerPayoutRun(graphene.ObjectType):
    id = global_id_field("ProducerPayoutRun", description="ID of the run.")
    created = graphene.DateTime(required=True, source="created_at", description="When it ran.")
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
    def resolve_payouts(root, _info):
        return list(root.payouts.all())

    @staticmethod
    def resolve_file_url(root, info):
        from django.urls import reverse

        if not root.file_name:
            return None
        return info.context.build_absolute_uri(reverse("otop-payout-run-file", kwargs={"run_id": root.pk}))
