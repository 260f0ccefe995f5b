import graphene
from prices import Money as PricesMoney
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.types.money import Money
from saleor.graphql.order.types import Order

from ..error_codes import PromptPayErrorCode
from ..models import BankTransferOutcome, ChargeStatus

PromptPayErrorCodeEnum = graphene.Enum.from_enum(PromptPayErrorCode)
PromptPayChargeStatusEnum = graphene.Enum(
    "PromptPayChargeStatusEnum", [(choice.name, choice.value) for choice in ChargeStatus]
)
PromptPayTransferOutcomeEnum = graphene.Enum(
    "PromptPayTransferOutcomeEnum",
    [(choice.name, choice.value) for choice in BankTransferOutcome] + [("DUPLICATE", "duplicate")],
)


class PromptPayError(Error):
    code = PromptPayErrorCodeEnum(description="The error code.", required=True)


class PromptPayCharge(graphene.ObjectType):
    reference = graphene.String(required=True, description="The reference the QR carries to the bank.")
    mode = graphene.String(required=True, description="stripe or direct.")
    status = PromptPayChargeStatusEnum(required=True, description="Where the payment stands.")
    amount = graphene.Field(Money, required=True, description="The amount the QR asks.")
    expires_at = graphene.DateTime(required=True, description="When the QR expires.")
    paid_at = graphene.DateTime(description="When the payment was applied to the order.")
    review_reason = graphene.String(required=True, description="Why staff must look at it (empty if not).")
    order = graphene.Field(Order, description="The order (null if the checkout never became one).")

    @staticmethod
    def resolve_amount(root, _info):
        return PricesMoney(root.amount, root.currency)

    @staticmethod
    def resolve_order(root, _info):
        return root.payment.order


class PromptPayBankTransfer(graphene.ObjectType):
    bank_transaction_id = graphene.String(required=True, description="The bank's id of the credit.")
    reference = graphene.String(required=True, description="The reference the bank reported.")
    amount = graphene.Field(Money, required=True, description="The amount credited.")
    booked_at = graphene.DateTime(description="When the bank booked it.")
    source = graphene.String(required=True, description="statement, staff or simulated.")
    outcome = PromptPayTransferOutcomeEnum(required=True, description="What the credit did.")
    charge = graphene.Field(PromptPayCharge, description="The QR it matched, if any.")

    @staticmethod
    def resolve_amount(root, _info):
        return PricesMoney(root.amount, "THB")


class PromptPayStatementRowResult(graphene.ObjectType):
    line = graphene.Int(required=True, description="Line of the CSV file (the header is line 1).")
    bank_transaction_id = graphene.String(required=True, description="The bank's id of the credit.")
    outcome = PromptPayTransferOutcomeEnum(required=True, description="What the row did.")
