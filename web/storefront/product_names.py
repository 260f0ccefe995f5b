"""Product and variant names in the page's language for the buying pages.

The cart, checkout and order come from Saleor's GraphQL, whose `name` fields are the catalogue's
own (untranslated) names, and whose `translation(languageCode:)` costs a query per line. Here the
names of a whole cart or order are looked up in Saleor's translations (ProductTranslation,
ProductVariantTranslation) in two queries, whatever its number of lines; a name without a
translation in the page's language stays as Saleor gives it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from django.utils import translation
from graphene import Node
from saleor.product.models import ProductTranslation, ProductVariantTranslation


def _pk(global_id: Optional[str], node_type: str) -> Optional[int]:
    if not global_id:
        return None
    try:
        found_type, pk = Node.from_global_id(global_id)
    except Exception:  # noqa: BLE001 - not a global id: nothing to translate
        return None
    return int(pk) if found_type == node_type and str(pk).isdigit() else None


@dataclass
class TranslatedNames:
    """Names by Saleor global id, in one language."""

    products: dict[int, str] = field(default_factory=dict)
    variants: dict[int, str] = field(default_factory=dict)

    def product(self, global_id: Optional[str], default: str) -> str:
        return self.products.get(_pk(global_id, "Product")) or default

    def variant(self, global_id: Optional[str], default: str) -> str:
        return self.variants.get(_pk(global_id, "ProductVariant")) or default


def names_translated(*, product_ids: Iterable[Optional[str]], variant_ids: Iterable[Optional[str]] = (),
                     language: Optional[str] = None) -> TranslatedNames:
    """Translated names of these products and variants (global ids): at most two queries."""
    language = language or translation.get_language()
    product_pks = {pk for pk in (_pk(gid, "Product") for gid in product_ids) if pk}
    variant_pks = {pk for pk in (_pk(gid, "ProductVariant") for gid in variant_ids) if pk}
    names = TranslatedNames()
    if product_pks:
        names.products = dict(
            ProductTranslation.objects.filter(product_id__in=product_pks, language_code=language)
            .exclude(name="").values_list("product_id", "name")
        )
    if variant_pks:
        names.variants = dict(
            ProductVariantTranslation.objects.filter(product_variant_id__in=variant_pks, language_code=language)
            .exclude(name="").values_list("product_variant_id", "name")
        )
    return names


def cart_names_translate(cart: Optional[dict]) -> Optional[dict]:
    """The checkout's line names in the page's language, in place (checkout_flow's CART_QUERY shape)."""
    if not cart or not cart.get("lines"):
        return cart
    variants = [line["variant"] for line in cart["lines"]]
    names = names_translated(product_ids=[variant["product"]["id"] for variant in variants],
                             variant_ids=[variant["id"] for variant in variants])
    for variant in variants:
        variant["product"]["name"] = names.product(variant["product"]["id"], variant["product"]["name"])
        variant["name"] = names.variant(variant["id"], variant["name"])
    return cart


def order_names_translate(order: dict) -> dict:
    """The order's line names in the page's language, in place (checkout_flow's ORDER shape),
    parcels' lines included. Saleor keeps the names the order was placed with; a product or
    variant still in the catalogue is named in the page's language."""
    lines = order.get("lines") or []
    names = names_translated(
        product_ids=[((line.get("variant") or {}).get("product") or {}).get("id") for line in lines],
        variant_ids=[(line.get("variant") or {}).get("id") for line in lines],
    )
    by_line = {}
    for line in lines:
        variant = line.get("variant") or {}
        line["productName"] = names.product((variant.get("product") or {}).get("id"), line["productName"])
        line["variantName"] = names.variant(variant.get("id"), line.get("variantName") or "")
        by_line[line["id"]] = line["productName"]
    for sub_order in (order.get("otop") or {}).get("subOrders") or []:
        for line in sub_order.get("lines") or []:
            line["productName"] = by_line.get(line["id"], line["productName"])
    return order


def cart_product_names(cart: Optional[dict]) -> dict[str, str]:
    """{variant global id: product name} of a translated cart, for what names lines by variant
    (the export check)."""
    if not cart:
        return {}
    return {line["variant"]["id"]: line["variant"]["product"]["name"] for line in cart.get("lines") or []}
