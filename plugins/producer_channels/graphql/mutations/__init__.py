"""Mutations of the producer channels, by audience: a producer's own people (member), programme
staff (staff) and finance staff (finance). schema.py names them as `mutations.X`."""
from .finance import ProducerPayoutConfirm, ProducerPayoutFail, ProducerPayoutRunCreate
from .member import (
    ProducerApply,
    ProducerFulfillLines,
    ProducerInvitationAccept,
    ProducerInvitationCancel,
    ProducerInvitationDecline,
    ProducerMemberAdd,
    ProducerMemberRemove,
    ProducerProductCreate,
    ProducerProductUpdate,
    ProducerStockSet,
    ProducerUpdate,
    ProducerVariantCreate,
    ProducerVariantPriceSet,
    ProducerVariantUpdate,
)
from .staff import (
    ProducerApprove,
    ProducerCommissionSet,
    ProducerOfficerAssign,
    ProducerOfficerUnassign,
    ProducerProductAssign,
    ProducerSuspend,
)

__all__ = [
    "ProducerApply",
    "ProducerApprove",
    "ProducerCommissionSet",
    "ProducerFulfillLines",
    "ProducerInvitationAccept",
    "ProducerInvitationCancel",
    "ProducerInvitationDecline",
    "ProducerMemberAdd",
    "ProducerMemberRemove",
    "ProducerOfficerAssign",
    "ProducerOfficerUnassign",
    "ProducerPayoutConfirm",
    "ProducerPayoutFail",
    "ProducerPayoutRunCreate",
    "ProducerProductAssign",
    "ProducerProductCreate",
    "ProducerProductUpdate",
    "ProducerStockSet",
    "ProducerSuspend",
    "ProducerUpdate",
    "ProducerVariantCreate",
    "ProducerVariantPriceSet",
    "ProducerVariantUpdate",
]
