"""The producer's catalogue: products, variants, prices and stock in its own warehouse."""
from typing import Optional

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from saleor.plugins.manager import get_plugins_manager
from saleor.product.models import Category, Product, ProductType, ProductVariant
from saleor.product.utils.variant_prices import update_product_minimal_variant_price
from saleor.warehouse.models import Allocation, Stock

from otop_kernel.input_limits import values_check
from otop_kernel.product_facts import product_facts_changed
from otop_kernel.stock_reservations import reserved_by_stock
from plugins.provenance.selectors import provenance_configuration
from plugins.provenance.services import product_publication_check

from .. import access
from ..error_codes import ProducerErrorCode
from ..models import (
    Producer,
    ProducerProduct,
)
from .rules import clean_price, error, require_shop_open, unique_slug


def _clean_sku(sku: str, *, exclude_pk=None) -> str:
    sku = (sku or "").strip()
    if not sku:
        raise error("sku", "The SKU is required.", ProducerErrorCode.REQUIRED)
    if ProductVariant.objects.filter(sku=sku).exclude(pk=exclude_pk).exists():
        raise error("sku", "This SKU is taken.", ProducerErrorCode.UNIQUE)
    return sku


def _open_shop_of(product: Product) -> Producer:
    """The product's producer, whose shop must take writes (no query when it was selected)."""
    producer = access.product_producer(product)
    if producer is None:
        raise error("product", "The product belongs to no producer.", ProducerErrorCode.NOT_FOUND)
    require_shop_open(producer)
    return producer


def _publication_check(product: Product) -> None:
    """The OTOP market's rule for publishing (provenance first) holds on this path too."""
    try:
        product_publication_check(product=product, configuration=provenance_configuration())
    except ValidationError as refused:
        message = refused.message_dict["is_published"][0]
        raise error("is_published", message, ProducerErrorCode.PROVENANCE_REQUIRED)


@transaction.atomic
def producer_product_create(
    *,
    producer: Producer,
    name: str,
    product_type: ProductType,
    category: Category,
    base_price,
    description: str = "",
    is_published: bool = False,
    sku: str = "",
    weight=None,
) -> Product:
    """A product of the producer; for a product type without variants, `sku` makes its one
    variant (Saleor's productCreate does the same)."""
    require_shop_open(producer)
    name = (name or "").strip()
    if not name:
        raise error("name", "The name is required.", ProducerErrorCode.REQUIRED)
    values_check(Product, {"name": name, "description": description}, codes=ProducerErrorCode)
    values_check(ProductVariant, {"sku": sku}, codes=ProducerErrorCode)
    price = clean_price(base_price, field="base_price")
    if not product_type.has_variants:
        if not sku:
            raise error("sku", "A product of this type needs a SKU.", ProducerErrorCode.VARIANT_REQUIRES_SKU)
        sku = _clean_sku(sku)
    product = Product.objects.create(
        name=name,
        slug=unique_slug(Product, name, fallback=f"{producer.slug}-product"),
        description=description or "",
        product_type=product_type,
        category=category,
        currency=settings.DEFAULT_CURRENCY,
        price_amount=price,
        minimal_variant_price_amount=price,
        is_published=is_published,
        weight=weight,
    )
    ProducerProduct.objects.create(product=product, producer=producer)
    if is_published:
        _publication_check(product)
    product_facts_changed(product_ids=[product.pk])
    if not product_type.has_variants:
        ProductVariant.objects.create(product=product, sku=sku, currency=settings.DEFAULT_CURRENCY)
    update_product_minimal_variant_price(product)
    get_plugins_manager().product_created(product)
    return product


@transaction.atomic
def producer_product_update(
    *,
    product: Product,
    name: Optional[str] = None,
    description: Optional[str] = None,
    category: Optional[Category] = None,
    base_price=None,
    is_published: Optional[bool] = None,
) -> Product:
    _open_shop_of(product)
    values_check(Product, {"name": name, "description": description}, codes=ProducerErrorCode)
    changed = []
    if name is not None:
        name = name.strip()
        if not name:
            raise error("name", "The name is required.", ProducerErrorCode.REQUIRED)
        product.name = name
        changed.append("name")
    if description is not None:
        product.description = description
        changed.append("description")
    if category is not None:
        product.category = category
        changed.append("category")
    if base_price is not None:
        product.price_amount = clean_price(base_price, field="base_price", currency=product.currency)
        changed.append("price_amount")
    if is_published is not None:
        if is_published and not product.is_published:
            _publication_check(product)
        product.is_published = is_published
        changed.append("is_published")
    if changed:
        product.save(update_fields=changed + ["updated_at"])
        product_facts_changed(product_ids=[product.pk])
    if base_price is not None:
        update_product_minimal_variant_price(product)
    return product


@transaction.atomic
def producer_variant_create(
    *,
    product: Product,
    sku: str,
    name: str = "",
    price=None,
    track_inventory: bool = True,
    quantity: Optional[int] = None,
) -> ProductVariant:
    _open_shop_of(product)
    if not product.product_type.has_variants and product.variants.exists():
        raise error("product", "Products of this type have a single variant.", ProducerErrorCode.INVALID)
    values_check(ProductVariant, {"sku": sku, "name": name}, codes=ProducerErrorCode)
    sku = _clean_sku(sku)
    price = clean_price(price, field="price", currency=product.currency) if price is not None else None
    variant = ProductVariant.objects.create(
        product=product,
        sku=sku,
        name=(name or "").strip(),
        currency=product.currency,
        price_override_amount=price,
        track_inventory=track_inventory,
    )
    if quantity is not None:
        producer_stock_set(variant=variant, quantity=quantity)
    update_product_minimal_variant_price(product)
    return variant


@transaction.atomic
def producer_variant_update(
    *, variant: ProductVariant, sku: Optional[str] = None, name: Optional[str] = None,
    track_inventory: Optional[bool] = None,
) -> ProductVariant:
    _open_shop_of(variant.product)
    values_check(ProductVariant, {"sku": sku, "name": name}, codes=ProducerErrorCode)
    changed = []
    if sku is not None:
        variant.sku = _clean_sku(sku, exclude_pk=variant.pk)
        changed.append("sku")
    if name is not None:
        variant.name = name.strip()
        changed.append("name")
    if track_inventory is not None:
        variant.track_inventory = track_inventory
        changed.append("track_inventory")
    if changed:
        variant.save(update_fields=changed)
    return variant


@transaction.atomic
def producer_variant_price_set(*, variant: ProductVariant, price) -> ProductVariant:
    _open_shop_of(variant.product)
    variant.price_override_amount = clean_price(price, field="price", currency=variant.currency)
    variant.save(update_fields=["price_override_amount"])
    update_product_minimal_variant_price(variant.product)
    return variant


@transaction.atomic
def producer_stock_set(*, variant: ProductVariant, quantity: int) -> Stock:
    """Stock of a variant in its producer's own warehouse (the only one it may stock)."""
    producer = _open_shop_of(variant.product)
    if quantity is None or quantity < 0:
        raise error("quantity", "The quantity cannot be negative.", ProducerErrorCode.NEGATIVE_QUANTITY)
    values_check(Stock, {"quantity": quantity}, codes=ProducerErrorCode)
    # The row lock orders this write with checkouts, which lock the same row before they
    # count free units (saleor_otop/checkout_completion.py): the allocated sum read after it
    # is current, and no checkout can allocate in between.
    stock = Stock.objects.select_for_update(of=("self",)).filter(
        warehouse_id=producer.warehouse_id, product_variant=variant
    ).first()
    if stock is None:
        return Stock.objects.create(warehouse_id=producer.warehouse_id, product_variant=variant, quantity=quantity)
    allocated = Allocation.objects.filter(stock=stock).aggregate(total=Coalesce(Sum("quantity_allocated"), 0))["total"]
    # Units held for checkouts being paid count too (their order allocates them next).
    allocated += reserved_by_stock(stock_ids=[stock.pk]).get(stock.pk, 0)
    if quantity < allocated:
        raise error(
            "quantity",
            f"{allocated} units are in orders not yet shipped; the stock cannot go below that.",
            ProducerErrorCode.BELOW_ALLOCATED,
        )
    stock.quantity = quantity
    stock.save(update_fields=["quantity"])
    return stock
