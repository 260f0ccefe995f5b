"""The demo catalogue: OTOP goods, their producers and the Saleor objects built from them.

`manage.py otop_demo` (and `make demo`) builds Saleor objects from `PRODUCTS`/`PRODUCERS`
(see saleor_otop/demo.py), attaches them to a `DemoCatalogue`, then calls each plugin's
optional `plugins/<p>/demo.py: demo_load(*, catalogue: DemoCatalogue, log)` in the order
provenance, otop_stars, producer_channels, export_markets, curation. A plugin reads what it
needs from the catalogue, e.g.

    for demo_product, product in catalogue.items:          # (DemoProduct, saleor Product)
        provenance_set(product=product, subdistrict_code=demo_product.subdistrict_code, ...)
    for producer in catalogue.producers:                   # DemoProducer
        products = catalogue.products_of_producer(producer.key)

`demo_load` must be idempotent (the demo runs at every `make demo`): get_or_create / update
by natural keys. `log(message)` prints a line to the demo's output.

Codes are real: `subdistrict_code` is a 6-digit DOPA code (geothai), `hs_code` a 6-digit
HS code of the right chapter, `gi_key` a key of `GEOGRAPHICAL_INDICATIONS` (registered Thai GIs,
each in its own province), `stars`/`star_year` an official OTOP Product Champion rating round.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Optional

from saleor_otop.otop_categories import OtopCategory

COMMUNITY_GROUP = "community_group"
INDIVIDUAL = "individual"
SMALL_FIRM = "small_firm"
PRODUCER_KINDS = (COMMUNITY_GROUP, INDIVIDUAL, SMALL_FIRM)


@dataclass(frozen=True)
class DemoGeographicalIndication:
    key: str
    name_th: str
    name_en: str
    province_code: str
    kind: str  # "agricultural" or "handicraft"


@dataclass(frozen=True)
class DemoProducer:
    key: str
    name_th: str
    name_en: str
    kind: str  # one of PRODUCER_KINDS
    subdistrict_code: str  # home tambon, 6-digit DOPA code
    contact_email: str


@dataclass(frozen=True)
class DemoProduct:
    key: str  # also the Saleor product slug
    name_en: str
    name_th: str
    description_en: str
    description_th: str
    category: OtopCategory
    price: Decimal  # THB, 2 decimals
    weight_grams: int
    subdistrict_code: str  # where it is made, 6-digit DOPA code
    producer_key: str
    stars: int  # official OTOP star level, 1-5
    star_year: int  # the rating round (2019, 2022, 2024)
    hs_code: str  # 6 digits
    gi_key: Optional[str] = None

    @property
    def province_code(self) -> str:
        return self.subdistrict_code[:2]

    @property
    def sku(self) -> str:
        return f"OTOP-{self.key.upper()}"


@dataclass
class DemoCatalogue:
    """The demo data plus the Saleor objects the demo built from it.

    `items`: (DemoProduct, saleor Product) pairs, in PRODUCTS order; each product has one
    variant (`product.variants.first()`, sku `DemoProduct.sku`) stocked in `warehouse`.
    `categories`: {OtopCategory value: saleor Category}. `staff_user`: the demo superuser.
    """

    products: tuple = ()
    producers: tuple = ()
    geographical_indications: tuple = ()
    items: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)
    product_type: Any = None
    warehouse: Any = None
    domestic_zone: Any = None
    international_zone: Any = None
    domestic_shipping_method: Any = None
    international_shipping_method: Any = None
    staff_user: Any = None

    def producer(self, key: str) -> DemoProducer:
        for producer in self.producers:
            if producer.key == key:
                return producer
        raise KeyError(key)

    def products_of_producer(self, key: str) -> list:
        """The (DemoProduct, saleor Product) pairs made by one producer."""
        return [(item, product) for item, product in self.items if item.producer_key == key]

    def saleor_product(self, key: str):
        for item, product in self.items:
            if item.key == key:
                return product
        raise KeyError(key)


def catalogue() -> DemoCatalogue:
    """The demo data, without Saleor objects yet."""
    return DemoCatalogue(
        products=PRODUCTS, producers=PRODUCERS, geographical_indications=GEOGRAPHICAL_INDICATIONS
    )


GEOGRAPHICAL_INDICATIONS: tuple = ()
PRODUCERS: tuple = ()
PRODUCTS: tuple = ()
