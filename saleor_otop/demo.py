"""Loading the demo catalogue into Saleor, idempotently (see otop_kernel/demo_catalogue.py).

`demo_catalogue_load` creates what is missing and corrects what differs from the catalogue,
so a second run writes nothing; stock is only created, never reset (orders taken in the
demo keep their effect). `demo_plugins_load` then hands the catalogue to each plugin's
optional `plugins/<p>/devtools/demo.py: demo_load(*, catalogue, log)`.
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django_countries import countries
from measurement.measures import Weight
from saleor.account.models import Address, User
from saleor.product.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductTranslation,
    ProductType,
    ProductVariant,
)
from saleor.shipping import ShippingMethodType
from saleor.shipping.models import ShippingMethod, ShippingZone
from saleor.site.models import SiteSettings, SiteSettingsTranslation
from saleor.warehouse.models import Stock, Warehouse

from otop_kernel.demo_catalogue import DemoCatalogue
from otop_kernel.demo_catalogue import catalogue as demo_catalogue
from otop_kernel.otop_categories import OtopCategory
from saleor_otop.demo_translations import PRODUCT_TRANSLATIONS

PLUGIN_ORDER = ("provenance", "otop_stars", "producer_channels", "export_markets", "curation", "promptpay", "search")
CURRENCY = "THB"
SHOP_NAME = "OTOP Market"
STOCK_PER_PRODUCT = 100

CATEGORY_TEXT = {
    # slug, name EN, name TH, description EN, description TH
    OtopCategory.FOOD: (
        "otop-food", "Food", "อาหาร",
        "Rice, sweets, preserved fruit, sauces and snacks made in Thai tambons.",
        "ข้าว ขนม ผลไม้แปรรูป เครื่องปรุง และของว่างจากตำบลทั่วไทย",
    ),
    OtopCategory.BEVERAGE: (
        "otop-beverages", "Beverages", "เครื่องดื่ม",
        "Highland coffee and tea, juices and herbal drinks.",
        "กาแฟและชาจากดอยสูง น้ำผลไม้ และเครื่องดื่มสมุนไพร",
    ),
    OtopCategory.TEXTILE: (
        "otop-textiles", "Textiles and garments", "ผ้า เครื่องแต่งกาย",
        "Hand-woven silk and cotton, natural dyes and clothing.",
        "ผ้าไหมและผ้าฝ้ายทอมือ ผ้าย้อมสีธรรมชาติ และเครื่องแต่งกาย",
    ),
    OtopCategory.HOUSEHOLD: (
        "otop-household", "Household, decorative and souvenir goods", "ของใช้ ของตกแต่ง ของที่ระลึก",
        "Pottery, basketry, woodcraft, metalwork and keepsakes.",
        "เครื่องปั้นดินเผา เครื่องจักสาน งานไม้ งานโลหะ และของที่ระลึก",
    ),
    OtopCategory.HERBAL: (
        "otop-herbal", "Herbal products other than food", "สมุนไพรที่ไม่ใช่อาหาร",
        "Balms, oils, soaps and compresses from Thai herbal tradition.",
        "ยาหม่อง น้ำมัน สบู่ และลูกประคบตามภูมิปัญญาสมุนไพรไทย",
    ),
}

Log = Callable[[str], None]


def draftjs(text: str) -> dict:
    """Saleor 2.10 keeps rich descriptions as Draft.js content."""
    return {
        "blocks": [
            {"key": "otop", "data": {}, "text": text, "type": "unstyled", "depth": 0,
             "entityRanges": [], "inlineStyleRanges": []}
        ],
        "entityMap": {},
    }


def _upsert(model, *, lookup: dict, values: dict):
    """Get by `lookup`, create with `values` if missing, save only the fields that differ.

    Returns (instance, changed)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)
    return instance, bool(changed)


@transaction.atomic
def demo_catalogue_load(
    *, staff_email: str, staff_password: str, log: Log = print, site_domain: str = ""
) -> DemoCatalogue:
    """Create (or bring up to date) the Saleor objects of the demo catalogue."""
    if settings.DEFAULT_CURRENCY != CURRENCY:
        raise ValueError(f"the demo sells in {CURRENCY}; DEFAULT_CURRENCY is {settings.DEFAULT_CURRENCY}")
    catalogue = demo_catalogue()
    shop_basics_load(catalogue=catalogue, site_domain=site_domain)
    created = 0
    for item in catalogue.products:
        product, was_created = _product_load(item, catalogue)
        created += was_created
        catalogue.items.append((item, product))
    catalogue.staff_user = _staff_load(email=staff_email, password=staff_password)
    log(f"Demo catalogue: {len(catalogue.items)} products ({created} new) in "
        f"{len(catalogue.categories)} OTOP categories, {len(catalogue.producers)} producers")
    return catalogue


@transaction.atomic
def shop_basics_load(*, catalogue: DemoCatalogue, site_domain: str = "") -> DemoCatalogue:
    """What any OTOP shop needs before products (shared with the bench): site settings,
    the five OTOP categories, the product type, shipping zones and methods, a warehouse.
    Attaches them to `catalogue`."""
    _site_load(domain=site_domain)
    catalogue.categories = _categories_load()
    catalogue.product_type, _ = _upsert(
        ProductType,
        lookup={"slug": "otop-good"},
        values={"name": "OTOP good", "has_variants": False, "is_shipping_required": True,
                "is_digital": False},
    )
    _shipping_load(catalogue)
    catalogue.warehouse = _warehouse_load(catalogue)
    return catalogue


def demo_plugins_load(*, catalogue: DemoCatalogue, log: Log = print) -> list:
    """Call each plugin's `demo.demo_load(catalogue=, log=)` that exists; returns their names."""
    loaded = []
    for name in PLUGIN_ORDER:
        module_name = f"plugins.{name}.devtools.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        with transaction.atomic():
            module.demo_load(catalogue=catalogue, log=log)
        loaded.append(name)
    return loaded


def _site_load(*, domain: str) -> None:
    values = {"name": SHOP_NAME}
    if domain:
        values["domain"] = domain
    site, _ = _upsert(Site, lookup={"pk": settings.SITE_ID}, values=values)
    Site.objects.clear_cache()
    site_settings, _ = _upsert(
        SiteSettings,
        lookup={"site": site},
        values={
            "header_text": SHOP_NAME,
            "description": "Goods of Thailand's One Tambon One Product programme, from the producers.",
            "default_weight_unit": "g",
            "default_mail_sender_name": SHOP_NAME,
        },
    )
    _upsert(
        SiteSettingsTranslation,
        lookup={"site_settings": site_settings, "language_code": "th"},
        values={"header_text": "ตลาดโอทอป",
                "description": "สินค้าหนึ่งตำบลหนึ่งผลิตภัณฑ์ จากผู้ผลิตโดยตรง"},
    )


def _categories_load() -> dict:
    categories = {}
    for category, (slug, name_en, name_th, description_en, description_th) in CATEGORY_TEXT.items():
        instance, _ = _upsert(
            Category,
            lookup={"slug": slug},
            values={"name": name_en, "description": description_en,
                    "description_json": draftjs(description_en)},
        )
        _upsert(
            CategoryTranslation,
            lookup={"category": instance, "language_code": "th"},
            values={"name": name_th, "description": description_th},
        )
        categories[category.value] = instance
    return categories


def _shipping_load(catalogue: DemoCatalogue) -> None:
    catalogue.domestic_zone, _ = _upsert(
        ShippingZone, lookup={"name": "Thailand"}, values={"countries": ["TH"], "default": False}
    )
    abroad = sorted(code for code, _name in countries if code != "TH")
    catalogue.international_zone, _ = _upsert(
        ShippingZone, lookup={"name": "International"}, values={"countries": abroad, "default": True}
    )
    catalogue.domestic_shipping_method, _ = _upsert(
        ShippingMethod,
        lookup={"shipping_zone": catalogue.domestic_zone, "name": "Thailand Post EMS"},
        values={"type": ShippingMethodType.PRICE_BASED, "currency": CURRENCY,
                "price_amount": Decimal("60.00"), "minimum_order_price_amount": Decimal("0.00"),
                "maximum_order_price_amount": None},
    )
    catalogue.international_shipping_method, _ = _upsert(
        ShippingMethod,
        lookup={"shipping_zone": catalogue.international_zone, "name": "EMS World"},
        values={"type": ShippingMethodType.WEIGHT_BASED, "currency": CURRENCY,
                "price_amount": Decimal("1200.00"), "minimum_order_weight": Weight(kg=0),
                "maximum_order_weight": Weight(kg=30)},
    )


def _warehouse_load(catalogue: DemoCatalogue) -> Warehouse:
    warehouse = Warehouse.objects.filter(slug="otop-market-bangkok").first()
    if warehouse is None:
        address = Address.objects.create(
            company_name=SHOP_NAME, street_address_1="120 Chaeng Watthana Road",
            city_area="Thung Song Hong", city="Lak Si", country_area="Bangkok",
            postal_code="10210", country="TH", phone="+6621430000",
        )
        warehouse = Warehouse.objects.create(
            slug="otop-market-bangkok", name="OTOP Market Bangkok", company_name=SHOP_NAME,
            address=address, email="warehouse@otop-market.example",
        )
    warehouse.shipping_zones.add(catalogue.domestic_zone, catalogue.international_zone)
    return warehouse


def _product_load(item, catalogue: DemoCatalogue):
    product = Product.objects.filter(slug=item.key).first()
    created = product is None
    product, _ = _upsert(
        Product,
        lookup={"slug": item.key},
        values={
            "name": item.name_en,
            "description": item.description_en,
            "description_json": draftjs(item.description_en),
            "product_type": catalogue.product_type,
            "category": catalogue.categories[item.category.value],
            "currency": CURRENCY,
            "price_amount": item.price,
            "minimal_variant_price_amount": item.price,
            "weight": Weight(g=item.weight_grams),
            "is_published": True,
            "charge_taxes": False,
        },
    )
    _upsert(
        ProductTranslation,
        lookup={"product": product, "language_code": "th"},
        values={"name": item.name_th, "description": item.description_th,
                "description_json": draftjs(item.description_th)},
    )
    name_ja, description_ja, name_zh, description_zh = PRODUCT_TRANSLATIONS[item.key]
    for language_code, name, description in (("ja", name_ja, description_ja), ("zh-hans", name_zh, description_zh)):
        _upsert(
            ProductTranslation,
            lookup={"product": product, "language_code": language_code},
            values={"name": name, "description": description, "description_json": draftjs(description)},
        )
    variant, _ = _upsert(
        ProductVariant,
        lookup={"sku": item.sku},
        values={"product": product, "currency": CURRENCY, "track_inventory": True,
                "weight": Weight(g=item.weight_grams)},
    )
    # Only a variant stocked nowhere gets stock: a producer's demo may have moved it to
    # the producer's own warehouse.
    if not variant.stocks.exists():
        Stock.objects.create(warehouse=catalogue.warehouse, product_variant=variant, quantity=STOCK_PER_PRODUCT)
    return product, created


def _staff_load(*, email: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        return User.objects.create_superuser(email, password, first_name="OTOP", last_name="Staff")
    if not (user.is_staff and user.is_superuser and user.is_active and user.check_password(password)):
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save(update_fields=["is_staff", "is_superuser", "is_active", "password"])
    return user
