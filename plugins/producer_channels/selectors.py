"""Reads of producer data. Access rules start here: every producer-facing read is scoped
by `member_producer_ids` (members and assigned programme officers)."""
from decimal import Decimal
from typing import Dict, Iterable, Optional, Set

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from .models import (
    LedgerEntry,
    Payout,
    PayoutStatus,
    Producer,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
)


def producer_of_product(*, product_id: int) -> Optional[Producer]:
    return Producer.objects.filter(product_links__product_id=product_id).first()


def producers_by_product_ids(*, product_ids: Iterable[int]) -> Dict[int, Producer]:
    links = ProducerProduct.objects.filter(product_id__in=list(product_ids)).select_related("producer")
    return {link.product_id: link.producer for link in links}


def member_producer_ids(*, user, for_write: bool = False) -> Set[int]:
    """Producers the user acts for: as a member or as an assigned programme officer.

    `for_write` leaves out suspended producers, whose people may read but not write.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    producers = Producer.objects.filter(Q(members__user=user) | Q(officer_assignments__officer=user))
    if for_write:
        producers = producers.exclude(status=ProducerStatus.SUSPENDED)
    return set(producers.values_list("pk", flat=True).distinct())


def user_can_manage_product(*, user, product_id: int) -> bool:
    return ProducerProduct.objects.filter(
        product_id=product_id, producer_id__in=member_producer_ids(user=user, for_write=True)
    ).exists()


def user_can_read_product(*, user, product_id: int) -> bool:
    return ProducerProduct.objects.filter(
        product_id=product_id, producer_id__in=member_producer_ids(user=user)
    ).exists()


def product_ids_of_producer(*, producer_id: int) -> QuerySet:
    return ProducerProduct.objects.filter(producer_id=producer_id).values_list("product_id", flat=True)


def member_role(*, user, producer_id: int) -> Optional[str]:
    """The user's role in the producer (None for officers and strangers)."""
    if not user.is_authenticated:
        return None
    return (
        ProducerMember.objects.filter(producer_id=producer_id, user=user)
        .values_list("role", flat=True)
        .first()
    )


def producer_balance(*, producer_id: int) -> Dict[str, Decimal]:
    """What the ledger holds for a producer: total = paid + due, with due = pending + unbatched."""
    zero = Decimal("0.00")
    entries = LedgerEntry.objects.filter(producer_id=producer_id)
    total = entries.aggregate(total=Coalesce(Sum("net_amount"), zero))["total"]
    unbatched = entries.filter(payout__isnull=True).aggregate(total=Coalesce(Sum("net_amount"), zero))["total"]
    payouts = Payout.objects.filter(producer_id=producer_id)
    pending = payouts.filter(status=PayoutStatus.PENDING).aggregate(total=Coalesce(Sum("amount"), zero))["total"]
    paid = payouts.filter(status=PayoutStatus.PAID).aggregate(total=Coalesce(Sum("amount"), zero))["total"]
    return {"total": total, "paid": paid, "due": unbatched + pending, "pending": pending, "unbatched": unbatched}


def producer_channels_configuration(*, plugins=None):
    """The plugin's typed configuration; pass a request's `plugins` manager to reuse it."""
    from saleor.plugins.models import PluginConfiguration

    from .plugin import ProducerChannelsPlugin, configuration_from_items

    if plugins is not None:
        plugin = plugins.get_plugin(ProducerChannelsPlugin.PLUGIN_ID)
        if isinstance(plugin, ProducerChannelsPlugin):
            return plugin.config
    stored = PluginConfiguration.objects.filter(identifier=ProducerChannelsPlugin.PLUGIN_ID).first()
    if stored is None:
        return configuration_from_items(
            ProducerChannelsPlugin.DEFAULT_CONFIGURATION, active=ProducerChannelsPlugin.DEFAULT_ACTIVE
        )
    return ProducerChannelsPlugin(configuration=stored.configuration, active=stored.active).config
