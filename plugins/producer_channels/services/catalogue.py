"""The producer's catalogue: products, variants, prices and stock in its own warehouse."""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import List, Optional

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from saleor.plugins.manager import get_plugins_manager
from saleor.product.models import (
    Category,
    Product,
    ProductImage,
    ProductTranslation,
    ProductType,
    ProductVariant,
)
from saleor.product.thumbnails import create_product_thumbnails
from saleor.product.utils.variant_prices import update_product_minimal_variant_price
from saleor.warehouse.models import Allocation, Stock

from otop_kernel.input_limits import values_check
from otop_kernel.product_facts import product_facts_changed
from otop_kernel.stock_reservations import reserved_by_stock
from plugins.provenance.selectors import provenance_configuration
from plugins.provenance.services import product_provenance_set, product_publication_check

from .. import access
from ..error_codes import ProducerErrorCode
from ..models import (
    Producer,
    ProducerProduct,
)
from .images import image_reencoded
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


# --- the producer portal: translations, photos, stock and prices from a file ----------------

TRANSLATION_LANGUAGES = ("en", "ja", "zh-hans")  # the product's own name and description are Thai
PHOTO_MAX_SIDE = 1600


@transaction.atomic
def producer_product_translations_set(*, product: Product, translations: dict) -> None:
    """`translations`: {language: {"name": …, "description": …}} for English, Japanese and
    Chinese; a language given an empty name loses its translation."""
    _open_shop_of(product)
    unknown = set(translations) - set(TRANSLATION_LANGUAGES)
    if unknown:
        raise error("language_code", f"Unknown language {sorted(unknown)[0]!r}.", ProducerErrorCode.INVALID)
    for language, texts in translations.items():
        name = (texts.get("name") or "").strip()
        description = (texts.get("description") or "").strip()
        if not name:
            ProductTranslation.objects.filter(product=product, language_code=language).delete()
            continue
        values_check(ProductTranslation, {"name": name, "description": description}, codes=ProducerErrorCode)
        ProductTranslation.objects.update_or_create(
            product=product, language_code=language, defaults={"name": name, "description": description}
        )
    product_facts_changed(product_ids=[product.pk])


@transaction.atomic
def producer_product_photo_add(*, product: Product, upload, alt: str = "") -> ProductImage:
    """A photo of the product (from the phone's camera), re-encoded and resized."""
    _open_shop_of(product)
    picture = image_reencoded(upload, field="photo", max_side=PHOTO_MAX_SIDE, name_prefix=f"product-{product.pk}")
    values_check(ProductImage, {"alt": alt}, codes=ProducerErrorCode)
    image = ProductImage.objects.create(product=product, image=picture, alt=(alt or product.name)[:128])
    # The shop's pages show Saleor's sized copies, which its own task makes (as productImageCreate does).
    transaction.on_commit(lambda: create_product_thumbnails.delay(image.pk))
    return image


@transaction.atomic
def producer_product_photo_delete(*, image: ProductImage) -> None:
    _open_shop_of(image.product)
    image.delete()


@dataclass
class BulkRow:
    """One row of a stock and price file, as checked: what changes, or why it cannot."""

    line: int
    sku: str
    variant: Optional[ProductVariant] = None
    quantity_before: Optional[int] = None
    quantity: Optional[int] = None
    price_before: Optional[Decimal] = None
    price: Optional[Decimal] = None
    errors: List[tuple] = field(default_factory=list)  # (field, code)

    @property
    def changes(self) -> bool:
        return not self.errors and (
            (self.quantity is not None and self.quantity != self.quantity_before)
            or (self.price is not None and self.price != self.price_before)
        )


def _bulk_quantity(text: str, row: BulkRow) -> Optional[int]:
    text = (text or "").strip()
    if not text:
        return None
    try:
        quantity = int(text)
    except ValueError:
        row.errors.append(("quantity", ProducerErrorCode.INVALID.value))
        return None
    if quantity < 0:
        row.errors.append(("quantity", ProducerErrorCode.NEGATIVE_QUANTITY.value))
        return None
    if quantity > 2_147_483_647:
        row.errors.append(("quantity", ProducerErrorCode.OUT_OF_RANGE.value))
        return None
    return quantity


def _bulk_price(text: str, row: BulkRow, currency: str) -> Optional[Decimal]:
    text = (text or "").strip().replace(",", "")
    if not text:
        return None
    try:
        return clean_price(text, field="price", currency=currency)
    except ValidationError as refused:
        row.errors.append(("price", refused.error_dict["price"][0].code))
        return None


def producer_stock_bulk_check(*, producer: Producer, rows: List[dict]) -> List[BulkRow]:
    """Check rows of {"line", "sku", "quantity", "price"} (texts) against the producer's own
    variants (a SKU of another producer is unknown, as a missing one); nothing is written."""
    skus = [(row.get("sku") or "").strip() for row in rows]
    own = {
        variant.sku: variant
        for variant in ProductVariant.objects.filter(
            product__otop_producer__producer=producer, sku__in=[sku for sku in skus if sku]
        ).select_related("product")
    }
    stocks = dict(
        Stock.objects.filter(warehouse_id=producer.warehouse_id, product_variant__in=list(own.values()))
        .values_list("product_variant_id", "quantity")
    )
    checked, seen = [], set()
    for given, sku in zip(rows, skus):
        row = BulkRow(line=given.get("line", len(checked) + 1), sku=sku)
        variant = own.get(sku)
        if not sku:
            row.errors.append(("sku", ProducerErrorCode.REQUIRED.value))
        elif sku in seen:
            row.errors.append(("sku", ProducerErrorCode.DUPLICATED_INPUT_ITEM.value))
        elif variant is None:
            row.errors.append(("sku", ProducerErrorCode.NOT_FOUND.value))
        seen.add(sku)
        if variant is not None:
            row.variant = variant
            row.quantity_before = stocks.get(variant.pk, 0)
            row.price_before = (
                variant.price_override_amount if variant.price_override_amount is not None else variant.product.price_amount
            )
        row.quantity = _bulk_quantity(given.get("quantity"), row)
        row.price = _bulk_price(given.get("price"), row, currency=settings.DEFAULT_CURRENCY)
        if not row.errors and row.quantity is None and row.price is None:
            row.errors.append(("quantity", ProducerErrorCode.REQUIRED.value))
        checked.append(row)
    return checked


@transaction.atomic
def producer_stock_bulk_apply(*, producer: Producer, rows: List[dict]) -> List[BulkRow]:
    """Apply the rows without errors, all together or none: a row refused while writing (its
    stock went below the units in open orders meanwhile) undoes every row, and the refusal
    names its line."""
    require_shop_open(producer)
    checked = producer_stock_bulk_check(producer=producer, rows=rows)
    applied = []
    for row in checked:
        if not row.changes:
            continue
        try:
            if row.quantity is not None and row.quantity != row.quantity_before:
                producer_stock_set(variant=row.variant, quantity=row.quantity)
            if row.price is not None and row.price != row.price_before:
                producer_variant_price_set(variant=row.variant, price=row.price)
        except ValidationError as refused:
            detail = refused.error_dict if hasattr(refused, "error_dict") else {"quantity": refused.error_list}
            field_name, errors = next(iter(detail.items()))
            raise ValidationError({"line": ValidationError(
                f"Line {row.line}: {errors[0].messages[0]}", code=errors[0].code, params={"line": row.line, "field": field_name},
            )}) from None
        applied.append(row)
    return applied


@transaction.atomic
def producer_product_save(
    *,
    producer: Producer,
    product: Optional[Product] = None,
    name: str,
    description: str = "",
    category: Category,
    base_price,
    product_type: Optional[ProductType] = None,
    sku: str = "",
    quantity: Optional[int] = None,
    stock: Optional[dict] = None,
    translations: Optional[dict] = None,
    provenance: Optional[dict] = None,
    photo=None,
) -> Product:
    """The portal's product page saved at once, or not at all: the product (created as a draft
    when `product` is None, with its first variant `sku` and `quantity`), the stock of its
    variants ({variant id: quantity}), its translations, its provenance ({"subdistrict_code",
    "category"}) and a new photo. Publishing is a step of its own (producer_product_update)."""
    require_shop_open(producer)
    if product is None:
        if product_type is None:
            raise error("product_type", "The product type is required.", ProducerErrorCode.REQUIRED)
        product = producer_product_create(
            producer=producer, name=name, product_type=product_type, category=category, base_price=base_price,
            description=description, sku=sku if not product_type.has_variants else "",
        )
        if product_type.has_variants and sku:
            producer_variant_create(product=product, sku=sku, quantity=quantity)
        elif quantity is not None:
            producer_stock_set(variant=product.variants.get(), quantity=quantity)
    else:
        if access.product_producer(product) != producer:
            raise error("product", "Couldn't resolve to a product.", ProducerErrorCode.NOT_FOUND)
        producer_product_update(
            product=product, name=name, description=description, category=category, base_price=base_price
        )
        variants = {variant.pk: variant for variant in product.variants.all()}
        for variant_id, variant_quantity in (stock or {}).items():
            if variant_id not in variants:
                raise error("stock", "Couldn't resolve to a variant.", ProducerErrorCode.NOT_FOUND)
            if variant_quantity is not None:
                producer_stock_set(variant=variants[variant_id], quantity=variant_quantity)
    if translations is not None:
        producer_product_translations_set(product=product, translations=translations)
    if provenance:
        try:
            product_provenance_set(
                product=product, subdistrict_code=provenance["subdistrict_code"], category=provenance["category"]
            )
        except ValidationError as refused:
            fields = {"subdistrict_code": "tambon", "category": "otop_category"}
            raise ValidationError({
                fields.get(key, key): errors for key, errors in refused.error_dict.items()
            }) from None
    if photo is not None:
        producer_product_photo_add(product=product, upload=photo)
    return product
