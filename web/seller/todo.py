"""The to-do cards of the portal's home, read through the plugins' selectors."""
from plugins.producer_channels import selectors


def todo_cards(producer) -> dict:
    return {
        "to_pack": selectors.producer_sub_orders_to_pack(producer=producer).count(),
        "low_stock": selectors.producer_low_stock_count(producer=producer),
        "balance": selectors.producer_balance(producer_id=producer.pk),
    }
