"""Fast seeding of the bench catalogue: PostgreSQL COPY of unsaved model instances."""
from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models.fields import AutoFieldMixin
from measurement.measures import Weight
from PIL import Image
from saleor.account.models import User
from saleor.product.models import Product, ProductImage, ProductTranslation, ProductVariant
from saleor.warehouse.models import Stock

from otop_kernel.bench import BenchContext, SeededProduct
from otop_kernel.demo_catalogue import PRODUCTS
from otop_kernel.demo_catalogue import catalogue as demo_catalogue
from saleor_otop.demo import CURRENCY, draftjs, shop_basics_load

COPY_CHUNK_ROWS = 20_000
BENCH_SLUG_PREFIX = "bench-"
BENCH_STOCK = 1_000_000  # every checkout allocates: enough for any number of runs
CUSTOMER_EMAIL = "bench-customer@example.com"
STAFF_EMAIL = "bench-staff@example.com"
# One picture per demo template, shared by its copies: thumbnails are real files, as in a shop.
BENCH_IMAGE_DIR = "products/bench"
BENCH_IMAGE_PIXELS = 600


def copy_objects(objects: Iterable, *, model=None) -> list:
    """Insert unsaved instances with COPY, ids from the table's sequence; returns them."""
    objects = list(objects)
    if not objects:
        return objects
    model = model or type(objects[0])
    meta = model._meta
    fields = [field for field in meta.concrete_fields]
    pk = meta.pk
    if isinstance(pk, AutoFieldMixin):
        missing = [obj for obj in objects if obj.pk is None]
        if missing:
            ids = _reserve_ids(meta.db_table, pk.column, len(missing))
            for obj, new_id in zip(missing, ids):
                obj.pk = new_id
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), COPY_CHUNK_ROWS):
            buffer = io.StringIO()
            for obj in objects[start:start + COPY_CHUNK_ROWS]:
                buffer.write("\t".join(_copy_text(field, obj) for field in fields))
                buffer.write("\n")
            buffer.seek(0)
            cursor.cursor.copy_expert(sql, buffer)
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects


def _reserve_ids(table: str, column: str, count: int) -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_text(field, obj) -> str:
    value = field.get_db_prep_save(field.pre_save(obj, True), connection)
    if value is None:
        return "\\N"
    if isinstance(field, ArrayField):
        value = "{" + ",".join(json.dumps(str(item)) for item in value) + "}"
    elif isinstance(value, bool):
        return "t" if value else "f"
    elif isinstance(value, (int, float, Decimal, UUID)):
        return str(value)
    elif isinstance(value, (datetime, date, time)):
        return value.isoformat()
    elif hasattr(value, "adapted"):  # psycopg2 Json adapter
        value = json.dumps(value.adapted)
    elif isinstance(value, (dict, list)):
        value = json.dumps(value)
    return str(value).translate(_ESCAPES)


def catalogue_seed(*, product_count: int, log=print) -> BenchContext:
    """Seed `product_count` published products (one variant, stock, Thai translation each),
    derived in turn from the demo catalogue's goods, plus the shop basics and bench users."""
    basics = shop_basics_load(catalogue=demo_catalogue())
    templates = PRODUCTS
    products = []
    for index in range(product_count):
        template = templates[index % len(templates)]
        products.append(Product(
            name=f"{template.name_en} #{index + 1}",
            slug=f"{BENCH_SLUG_PREFIX}{index + 1:06d}-{template.key}"[:255],
            description=template.description_en,
            description_json=draftjs(template.description_en),
            product_type=basics.product_type,
            category=basics.categories[template.category.value],
            currency=CURRENCY,
            price_amount=template.price,
            minimal_variant_price_amount=template.price,
            weight=Weight(g=template.weight_grams),
            is_published=True,
            charge_taxes=False,
        ))
    copy_objects(products)
    log(f"  {len(products):,} products")
    variants = copy_objects(
        ProductVariant(
            product_id=product.pk, sku=f"BENCH-{index + 1:06d}", name="", currency=CURRENCY,
            track_inventory=True, weight=Weight(g=templates[index % len(templates)].weight_grams),
        )
        for index, product in enumerate(products)
    )
    log(f"  {len(variants):,} variants")
    copy_objects(
        Stock(warehouse_id=basics.warehouse.pk, product_variant_id=variant.pk, quantity=BENCH_STOCK)
        for variant in variants
    )
    copy_objects(
        ProductTranslation(
            product_id=product.pk, language_code="th",
            name=f"{templates[index % len(templates)].name_th} #{index + 1}",
            description=templates[index % len(templates)].description_th,
        )
        for index, product in enumerate(products)
    )
    log(f"  {len(products):,} stock rows and Thai translations")
    image_names = _bench_image_files(templates[:product_count])
    copy_objects(
        ProductImage(product_id=product.pk, image=image_names[index % len(image_names)],
                     alt=templates[index % len(templates)].name_en[:128], sort_order=0)
        for index, product in enumerate(products)
    )
    log(f"  {len(products):,} product images ({len(image_names)} files)")
    _bench_users()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return bench_context()


def _bench_image_files(templates) -> list:
    """A plain picture per template under MEDIA_ROOT (written once); returns their storage names."""
    directory = Path(settings.MEDIA_ROOT) / BENCH_IMAGE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    names = []
    for number, template in enumerate(templates):
        name = f"{BENCH_IMAGE_DIR}/{template.key}.jpg"
        path = Path(settings.MEDIA_ROOT) / name
        if not path.exists():
            colour = ((number * 53) % 256, (number * 97) % 256, (number * 191) % 256)
            Image.new("RGB", (BENCH_IMAGE_PIXELS, BENCH_IMAGE_PIXELS), colour).save(path, "JPEG", quality=80)
        names.append(name)
    return names


def _bench_users() -> None:
    if not User.objects.filter(email=CUSTOMER_EMAIL).exists():
        User.objects.create_user(CUSTOMER_EMAIL, "bench-password")
    if not User.objects.filter(email=STAFF_EMAIL).exists():
        User.objects.create_superuser(STAFF_EMAIL, "bench-password")


def bench_context() -> BenchContext:
    """The context of an already seeded catalogue (also when a bench database is reused)."""
    basics = demo_catalogue()
    basics = shop_basics_load(catalogue=basics)
    rows = list(
        ProductVariant.objects.filter(product__slug__startswith=BENCH_SLUG_PREFIX)
        .order_by("product_id")
        .values_list("product_id", "id")
    )
    templates = PRODUCTS
    seeded = [
        SeededProduct(index=index, product_id=product_id, variant_id=variant_id,
                      template=templates[index % len(templates)])
        for index, (product_id, variant_id) in enumerate(rows)
    ]
    return BenchContext(
        product_count=len(seeded),
        products=seeded,
        product_ids=[row.product_id for row in seeded],
        variant_ids=[row.variant_id for row in seeded],
        category_ids={key: category.pk for key, category in basics.categories.items()},
        product_type_id=basics.product_type.pk,
        warehouse_id=basics.warehouse.pk,
        domestic_shipping_method_id=basics.domestic_shipping_method.pk,
        international_shipping_method_id=basics.international_shipping_method.pk,
        customer_user=User.objects.get(email=CUSTOMER_EMAIL),
        staff_user=User.objects.get(email=STAFF_EMAIL),
        harness=BenchHarness(),
    )


class BenchHarness:
    """The work behind BenchContext's methods (see otop_kernel/bench.py)."""

    copy_objects = staticmethod(copy_objects)

    @staticmethod
    def post_graphql(ctx, query, variables, *, user, api="otop"):
        from saleor_otop.bench.client import post_graphql

        return post_graphql(ctx, query, variables, user=user, api=api)

    @staticmethod
    def checkout_prepare(ctx, **kwargs):
        from saleor_otop.bench.client import checkout_prepare

        return checkout_prepare(ctx, **kwargs)

    @staticmethod
    def checkout_complete(ctx, checkout_id):
        from saleor_otop.bench.client import checkout_complete

        return checkout_complete(ctx, checkout_id)
