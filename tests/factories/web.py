"""OTOP goods as shoppers meet them: a product with its provenance, official rating, producer
shop and export verdicts, made through the plugins' own services where they have one."""
import itertools
from decimal import Decimal

from saleor.product.models import ProductTranslation

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets import services as export_services
from plugins.otop_stars import services as star_services
from plugins.producer_channels.models import Producer, ProducerProduct
from plugins.provenance.models import (
    GeographicalIndication,
    GeographicalIndicationKind,
    ProductProvenance,
    Province,
)

from .export_markets import ExportProfileFactory, MarketFactory, set_rate
from .places import PHON_KALASIN
from .producer_channels import ProducerFactory
from .saleor import ProductFactory, ProductVariantFactory

_numbers = itertools.count(1)


def producer_shop(*, slug=None, name_en="Ban Phon Praewa Silk Weavers", name_th="กลุ่มทอผ้าไหมแพรวาบ้านโพน",
                  subdistrict_code=PHON_KALASIN, story_en="We weave Praewa silk as our grandmothers did.",
                  story_th="เราทอผ้าไหมแพรวาแบบที่ยายสอน") -> Producer:
    number = next(_numbers)
    return ProducerFactory(
        slug=slug or f"shop-{number}", name_en=name_en, name_th=name_th, home_subdistrict_id=subdistrict_code,
        story_en=story_en, story_th=story_th,
    )


def praewa_gi() -> GeographicalIndication:
    gi, _created = GeographicalIndication.objects.get_or_create(
        slug="praewa-kalasin-silk",
        defaults={"name_th": "ผ้าไหมแพรวากาฬสินธุ์", "name_en": "Praewa Kalasin silk",
                  "kind": GeographicalIndicationKind.HANDICRAFT},
    )
    gi.provinces.set(Province.objects.filter(code="46"))
    return gi


def otop_good(*, name="Praewa silk shawl", name_th="ผ้าสไบไหมแพรวา", name_ja="", price="3500.00", stars=5,
              round_year=2024, category=OtopCategory.TEXTILE, subdistrict_code=PHON_KALASIN, gi=None,
              producer=None, hs_code="621410", story_en="Hand-woven on the loom.", story_th="ทอมือ"):
    number = next(_numbers)
    product = ProductFactory(name=name, slug=f"good-{number}", price_amount=Decimal(price),
                             minimal_variant_price_amount=Decimal(price), description=f"{name}, made in Thailand.")
    ProductVariantFactory(product=product, sku=f"GOOD-{number:05d}")
    ProductTranslation.objects.create(product=product, language_code="th", name=name_th)
    if name_ja:
        ProductTranslation.objects.create(product=product, language_code="ja", name=name_ja)
    ProductProvenance.objects.create(product=product, subdistrict_id=subdistrict_code, category=category, gi=gi,
                                     story_en=story_en, story_th=story_th)
    if stars:
        star_services.certification_grant(product=product, stars=stars, round_year=round_year,
                                          certificate_number=f"OPC-{round_year}-{number:05d}", category=category)
    ProducerProduct.objects.create(product=product, producer=producer or producer_shop())
    ExportProfileFactory(product=product, hs_code=hs_code)
    return product


def japan_market(*, allowed=(OtopCategory.TEXTILE, OtopCategory.HOUSEHOLD), minimum_stars=4, rate="4.30"):
    """Japan open to textiles and household goods of 4 stars or more, yen at `rate` per baht."""
    market = MarketFactory(country="JP", display_currency="JPY", minimum_stars=minimum_stars,
                           allowed_categories=list(allowed), de_minimis_value=Decimal("10000"))
    set_rate("JPY", Decimal(rate))
    return market


def verdicts_recompute():
    export_services.product_eligibility_recompute()
