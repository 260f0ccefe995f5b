import graphene

from ..error_codes import ProducerErrorCode
from ..models import (
    LedgerEntryKind,
    MemberRole,
    PayoutMethod,
    PayoutStatus,
    ProducerKind,
    ProducerStatus,
    SubOrderStatus,
)

ProducerErrorCodeEnum = graphene.Enum.from_enum(ProducerErrorCode)


def _choices_enum(name: str, choices, description: str) -> graphene.Enum:
    return graphene.Enum(name, [(value.upper(), value) for value in choices.values], description=description)


ProducerKindEnum = _choices_enum("ProducerKind", ProducerKind, "Kind of OTOP producer.")
ProducerStatusEnum = _choices_enum("ProducerStatus", ProducerStatus, "Where a producer is: applied, approved or suspended.")
ProducerMemberRoleEnum = _choices_enum("ProducerMemberRole", MemberRole, "Role of a member in a producer.")
PayoutMethodEnum = _choices_enum("PayoutMethod", PayoutMethod, "How a producer is paid out.")
PayoutStatusEnum = _choices_enum("PayoutStatus", PayoutStatus, "State of a payout to a producer.")
SubOrderStatusEnum = _choices_enum("SubOrderStatus", SubOrderStatus, "Fulfilment state of a producer's part of an order.")
LedgerEntryKindEnum = _choices_enum("LedgerEntryKind", LedgerEntryKind, "What a ledger entry records.")
