"""GraphQL types of the producer channels, by audience.

- shop: what shoppers see (`ProducerShop`, the `SubOrder` of their order);
- member: what a producer's own people see below their producer (products with own stock,
  sub-orders with parcels, members, invitations);
- staff: the producer's whole record (`Producer`), as programme staff manage it and as its
  people reach it through myProducer;
- finance: ledger, balance, payouts and payout runs, payee details only for those allowed.

A member or finance type is only ever reached from a root that scoped it (myProducer, or a
staff query with our permission).
"""
from .common import ProducerError, global_id, money
from .finance import (
    PayoutDetailFields,
    ProducerBalance,
    ProducerLedgerEntry,
    ProducerPayout,
    ProducerPayoutRun,
    may_see_payout_details,
)
from .member import (
    ProducerInvitationType,
    ProducerMemberType,
    ProducerProduct,
    ProducerSubOrder,
    ProducerSubOrderLine,
    ProducerVariant,
    SubOrderFulfillment,
    SubOrderFulfillmentLine,
)
from .shop import ProducerLocality, ProducerShop, ProfileFields, SubOrder
from .staff import Producer, ProducerOfficer

__all__ = [
    "PayoutDetailFields",
    "Producer",
    "ProducerBalance",
    "ProducerError",
    "ProducerInvitationType",
    "ProducerLedgerEntry",
    "ProducerLocality",
    "ProducerMemberType",
    "ProducerOfficer",
    "ProducerPayout",
    "ProducerPayoutRun",
    "ProducerProduct",
    "ProducerShop",
    "ProducerSubOrder",
    "ProducerSubOrderLine",
    "ProducerVariant",
    "ProfileFields",
    "SubOrder",
    "SubOrderFulfillment",
    "SubOrderFulfillmentLine",
    "global_id",
    "may_see_payout_details",
    "money",
]
