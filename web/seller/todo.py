"""The to-do cards of the portal's home, read through the plugins' selectors."""
from django.conf import settings
from django.utils import timezone

from plugins.otop_stars import selectors as stars_selectors
from plugins.producer_channels import selectors

CERTIFICATION_WARNING_DAYS = 90
PAYOUT_RUN_TASK = "otop-producer-payout-run"


def next_payout_run():
    """When the periodic payout run next starts (Celery beat's schedule), or None without one."""
    entry = settings.CELERY_BEAT_SCHEDULE.get(PAYOUT_RUN_TASK)
    if entry is None:
        return None
    now = timezone.localtime()
    return now + entry["schedule"].remaining_estimate(now)


def todo_cards(producer) -> dict:
    to_pack = selectors.producer_sub_orders_to_pack(producer=producer)
    oldest = to_pack.values_list("created_at", flat=True).first()
    return {
        "to_pack": to_pack.count(),
        "to_pack_oldest": oldest,
        "low_stock": selectors.producer_low_stock_count(producer=producer),
        "balance": selectors.producer_balance(producer_id=producer.pk),
        "next_payout": next_payout_run(),
        "expiring": list(stars_selectors.certifications_expiring(
            product_ids=selectors.product_ids_of_producer(producer_id=producer.pk),
            within_days=CERTIFICATION_WARNING_DAYS,
        )),
    }
