import graphene
from saleor.graphql.decorators import permission_required

from .. import selectors
from ..permissions import PromptPayPermissions
from .mutations import PromptPayPaymentConfirm, PromptPayStatementImport
from .types import PromptPayBankTransfer, PromptPayCharge


class PromptPayQueries(graphene.ObjectType):
    promptpay_charges_needing_staff = graphene.List(
        graphene.NonNull(PromptPayCharge), required=True,
        description="PromptPay payments whose money staff must handle (late, wrong amount), oldest first. "
                    "Requires one of the following permissions: MANAGE_OTOP_PROMPTPAY.",
    )
    promptpay_bank_transfers_needing_staff = graphene.List(
        graphene.NonNull(PromptPayBankTransfer), required=True,
        description="Credits to the programme's account that paid no order (unknown reference, paid twice, "
                    "late, wrong amount), oldest first. Requires one of the following permissions: "
                    "MANAGE_OTOP_PROMPTPAY.",
    )

    @staticmethod
    @permission_required(PromptPayPermissions.MANAGE_OTOP_PROMPTPAY)
    def resolve_promptpay_charges_needing_staff(_root, _info):
        return selectors.charges_needing_staff()

    @staticmethod
    @permission_required(PromptPayPermissions.MANAGE_OTOP_PROMPTPAY)
    def resolve_promptpay_bank_transfers_needing_staff(_root, _info):
        return selectors.bank_transfers_needing_staff()


class PromptPayMutations(graphene.ObjectType):
    promptpay_payment_confirm = PromptPayPaymentConfirm.Field()
    promptpay_statement_import = PromptPayStatementImport.Field()
