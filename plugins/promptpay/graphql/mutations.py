"""Staff's word on PromptPay money: one confirmation, or a whole bank statement."""
import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.scalars import Decimal

from otop_kernel.graphql.mutations import OtopBaseMutation

from .. import services
from ..error_codes import PromptPayErrorCode
from ..models import BankTransferSource
from ..permissions import PromptPayPermissions
from .types import (
    PromptPayBankTransfer,
    PromptPayError,
    PromptPayStatementRowResult,
    PromptPayTransferOutcomeEnum,
)

NEEDS_PROMPTPAY = "Requires one of the following permissions: MANAGE_OTOP_PROMPTPAY."
MAX_STATEMENT_CHARACTERS = 2_000_000


class PromptPayMutation(OtopBaseMutation):
    error_codes = PromptPayErrorCode
    meta_defaults = {"error_type_class": PromptPayError, "error_type_field": "promptpay_errors", "permissions": (PromptPayPermissions.MANAGE_OTOP_PROMPTPAY,)}

    class Meta:
        abstract = True


class PromptPayPaymentConfirm(PromptPayMutation):
    outcome = PromptPayTransferOutcomeEnum(description="What the confirmation did.")
    transfer = graphene.Field(PromptPayBankTransfer, description="The credit recorded (null for a duplicate).")

    class Arguments:
        bank_transaction_id = graphene.String(required=True, description="The bank's id of the credit.")
        reference = graphene.String(required=True, description="The reference shown with the credit.")
        amount = Decimal(required=True, description="The amount credited, in baht.")

    class Meta:
        description = (
            "Record that the programme's bank received a direct PromptPay transfer; a matching "
            f"pending QR marks its order paid (once). {NEEDS_PROMPTPAY}"
        )

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        bank_id, reference = data["bank_transaction_id"].strip(), data["reference"].strip()
        if not bank_id:
            raise ValidationError({"bank_transaction_id": ValidationError(
                "The bank's transaction id is required.", code=PromptPayErrorCode.REQUIRED.value)})
        if not reference:
            raise ValidationError({"reference": ValidationError(
                "The reference is required.", code=PromptPayErrorCode.REQUIRED.value)})
        if data["amount"] <= 0 or data["amount"] != data["amount"].quantize(services.Decimal("0.01")):
            raise ValidationError({"amount": ValidationError(
                "The amount is positive, in baht with at most 2 decimals.", code=PromptPayErrorCode.INVALID_AMOUNT.value)})
        result = services.bank_transfer_record(
            bank_transaction_id=bank_id, reference=reference, amount=data["amount"], booked_at=None,
            source=BankTransferSource.STAFF, user=info.context.user,
        )
        return cls(outcome=result.outcome, transfer=result.transfer)


class PromptPayStatementImport(PromptPayMutation):
    rows = graphene.List(graphene.NonNull(PromptPayStatementRowResult), description="Each row's outcome.")

    class Arguments:
        csv = graphene.String(
            required=True,
            description="The statement as CSV text: bank_transaction_id, booked_at, amount, reference.",
        )
        filename = graphene.String(description="The file's name, kept with the import.")

    class Meta:
        description = (
            "Import the bank's statement of the programme's PromptPay account: each credit is matched "
            f"to a QR by reference and amount; a row seen before changes nothing. {NEEDS_PROMPTPAY}"
        )

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        if len(data["csv"]) > MAX_STATEMENT_CHARACTERS:
            raise ValidationError({"csv": ValidationError(
                "The statement is too large; import it in parts.", code=PromptPayErrorCode.INVALID_CSV.value)})
        _statement, results = services.statement_import(
            csv_text=data["csv"], filename=(data.get("filename") or "")[:255], user=info.context.user
        )
        return cls(rows=[
            PromptPayStatementRowResult(line=row.line, bank_transaction_id=row.bank_transaction_id,
                                        outcome=result.outcome)
            for row, result in results
        ])
