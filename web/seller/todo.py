"""The to-do cards of the portal's home, read through the plugins' selectors."""
from plugins.otop_stars import selectors as stars_selectors
from plugins.producer_channels import selectors

CERTIFICATION_WARNING_DAYS = 90


def todo_cards(producer) -> dict:
    to_pack = selectors.producer_sub_orders_to_pack(producer=producer)
    oldest = to_pack.values_list("created_at", flat=True).first()
    return {
        "to_pack": to_pack.count(),
        "to_pack_oldest": oldest,
        "low_stock": selectors.producer_low_stock_count(producer=producer),
        "balance": selectors.producer_balance(producer_id=producer.pk),
        "expiring": list(stars_selectors.certifications_expiring(
            product_ids=selectors.product_ids_of_producer(producer_id=producer.pk),
            within_days=CERTIFICATION_WARNING_DAYS,
        )),
    }
