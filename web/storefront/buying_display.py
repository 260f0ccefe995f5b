"""GraphQL answers shaped for the buying templates: Money objects for the `money` filter, the
producer's name in the page's language, lines grouped into one parcel per producer."""
from decimal import Decimal
from typing import Any, Optional

from django.utils import translation
from prices import Money

SESSION_CART_QUANTITY = "otop_cart_quantity"


def to_money(value: Optional[dict]) -> Optional[Money]:
    if not value:
        return None
    return Money(Decimal(str(value["amount"])), value["currency"])


def gross(taxed: Optional[dict]) -> Optional[Money]:
    return to_money(taxed["gross"]) if taxed else None


def producer_name(producer: Optional[dict]) -> str:
    if not producer:
        return ""
    if translation.get_language() == "th":
        return producer.get("nameTh") or producer.get("nameEn") or ""
    return producer.get("nameEn") or producer.get("nameTh") or ""


def cart_remember_quantity(request, cart: Optional[dict]) -> None:
    """The header's cart count, kept in the session so other pages need no query for it."""
    quantity = cart["quantity"] if cart else 0
    # Assigning marks the session changed, and a changed session is written back.
    if request.session.get(SESSION_CART_QUANTITY) != quantity:
        request.session[SESSION_CART_QUANTITY] = quantity


def cart_lines_by_producer(cart: dict) -> list[dict[str, Any]]:
    """The cart's lines as parcels: one per producer, in the order they were added."""
    groups: dict[str, dict[str, Any]] = {}
    for line in cart["lines"]:
        product = line["variant"]["product"]
        producer = (product.get("otop") or {}).get("producer")
        key = producer["slug"] if producer else ""
        group = groups.setdefault(key, {"producer": producer, "producer_name": producer_name(producer), "lines": []})
        # Saleor's per-line totals cost a query per line; the unit price does not.
        unit_price = to_money(((line["variant"].get("pricing") or {}).get("price") or {}).get("gross"))
        group["lines"].append({
            "id": line["id"],
            "quantity": line["quantity"],
            "variant_id": line["variant"]["id"],
            "name": product["name"],
            "variant_name": line["variant"]["name"],
            "slug": product["slug"],
            "thumbnail": product.get("thumbnail"),
            "unit_price": unit_price,
            "total": unit_price * line["quantity"] if unit_price else None,
        })
    return list(groups.values())


def cart_totals(cart: dict) -> dict[str, Optional[Money]]:
    return {
        "subtotal": gross(cart["subtotalPrice"]),
        "shipping": gross(cart["shippingPrice"]) if cart.get("shippingMethod") else None,
        "total": gross(cart["totalPrice"]),
    }
