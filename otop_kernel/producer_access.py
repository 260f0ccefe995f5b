"""Who may act for a producer's things, as the plugins below producer_channels ask it.

Provenance and stars must not import producer_channels (it sits above them), yet a
producer's people may set the provenance of their own products or read their products'
certification history. They ask this module; producer_channels registers the answers
(plugins/producer_channels/access.py) in its AppConfig.ready. Until something is
registered nobody acts for any producer: every answer is "no" or empty.
"""
from dataclasses import dataclass
from typing import Dict, Iterable, Optional, Protocol


@dataclass(frozen=True)
class ProducerContact:
    """What a lower plugin may know of a product's producer: who it is and where to write."""

    pk: int
    slug: str
    name_th: str
    name_en: str
    contact_email: str
    home_subdistrict_id: Optional[str]


class ProducerAccess(Protocol):
    def can_read_product(self, *, user, product_id: int) -> bool:
        """The user acts for the product's producer (whatever its status)."""

    def can_write_product(self, *, user, product_id: int) -> bool:
        """The user acts for the product's producer, and that producer is not suspended."""

    def readable_product_ids(self, *, user):
        """Ids of the products the user may read as a producer's person, as a queryset of
        ids (to be used inside another query, as `product_id__in=`)."""

    def producers_of_products(self, *, product_ids: Iterable[int]) -> Dict[int, ProducerContact]:
        """{product id: its producer}; products of no producer are left out."""


class NoProducerAccess:
    """The answers while no producer plugin is registered."""

    def can_read_product(self, *, user, product_id: int) -> bool:
        return False

    def can_write_product(self, *, user, product_id: int) -> bool:
        return False

    def readable_product_ids(self, *, user):
        return []

    def producers_of_products(self, *, product_ids: Iterable[int]) -> Dict[int, ProducerContact]:
        return {}


_registered: ProducerAccess = NoProducerAccess()


def register_producer_access(provider: ProducerAccess) -> None:
    global _registered
    _registered = provider


def producer_access() -> ProducerAccess:
    return _registered
