"""What the shop's pages show of products, read through the same listing the GraphQL API
serves (saleor_otop/graphql/products.py: Saleor's visibility, each plugin's restriction,
filters and sort orders) and through the plugins' selectors, a fixed number of queries per
page whatever its size. No rule of the catalogue is decided here."""
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import graphene
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from prices import Money
from saleor.graphql.product.resolvers import resolve_products
from saleor.graphql.utils.sorting import sort_queryset
from saleor.product.models import Product, ProductImage, ProductTranslation
from saleor.product.templatetags.product_images import get_thumbnail

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets import selectors as export_selectors
from plugins.otop_stars import selectors as star_selectors
from plugins.provenance import selectors as provenance_selectors
from saleor_otop.graphql.products import (
    PLUGIN_LISTINGS,
    OtopProductFilter,
    OtopProductOrder,
    OtopProductOrderField,
)
from storefront_config.loader import MarketConfig

from .templatetags.storefront import money

CARD_IMAGE_SIZE = 255
GALLERY_IMAGE_SIZE = 540
STAR_LEVELS = (3, 4, 5)

# (key, label, Saleor/plugin sort field, descending)
SORTS = (
    ("stars", _("Most stars"), OtopProductOrderField.STARS, True),
    ("price", _("Price: low to high"), OtopProductOrderField.MINIMAL_PRICE, False),
    ("price-desc", _("Price: high to low"), OtopProductOrderField.MINIMAL_PRICE, True),
    ("newest", _("Newest"), OtopProductOrderField.DATE, True),
    ("reviews", _("Best reviewed"), OtopProductOrderField.REVIEW_AVERAGE, True),
)
# Price bands in baht, the charge currency: (key, at least, below).
PRICE_BANDS = (
    ("under-500", None, Decimal(500)),
    ("500-1000", Decimal(500), Decimal(1000)),
    ("1000-2000", Decimal(1000), Decimal(2000)),
    ("2000-up", Decimal(2000), None),
)
CATEGORY_NAMES = {
    OtopCategory.FOOD: _("Food"),
    OtopCategory.BEVERAGE: _("Beverages"),
    OtopCategory.TEXTILE: _("Textiles and garments"),
    OtopCategory.HOUSEHOLD: _("Household, decorative and souvenir goods"),
    OtopCategory.HERBAL: _("Herbal products other than food"),
}


def in_thai() -> bool:
    return translation.get_language() == "th"


def place_name(place) -> str:
    """A region, province, district, tambon, GI or producer in the page's script: Thai on
    Thai pages, else the English name (the gazetteer has no other)."""
    if place is None:
        return ""
    return place.name_th if in_thai() or not place.name_en else place.name_en


def story_of(item) -> str:
    return (item.story_th if in_thai() else item.story_en) or item.story_en or item.story_th


# --- listing -------------------------------------------------------------------------------


def _shopper_listing(request) -> QuerySet:
    """Saleor's `products` root as the API resolves it for this request's user."""
    if not hasattr(request, "app"):
        request.app = None  # a page is never an API app's call; Saleor's resolvers ask
    info = SimpleNamespace(context=request)
    queryset = resolve_products(info)
    for listing in PLUGIN_LISTINGS:
        restrict_products = getattr(listing, "restrict_products", None)
        if restrict_products is not None:
            queryset = restrict_products(queryset, info)
    return queryset


def gi_global_id(pk: int) -> str:
    return graphene.Node.to_global_id("GeographicalIndication", pk)


def collection_global_id(pk: int) -> str:
    return graphene.Node.to_global_id("Collection", pk)


@dataclass
class Selection:
    """The shopper's filters, as the API's filter input spells them."""

    min_stars: int | None = None
    region: str = ""
    province: str = ""
    category: str = ""
    gi: int | None = None
    ships: bool = False
    price: str = ""
    sort: str = SORTS[0][0]
    collection_id: int | None = None

    def filter_input(self, *, market: MarketConfig, without: tuple = ()) -> dict:
        data = {}
        if self.collection_id:
            data["collections"] = [collection_global_id(self.collection_id)]
        if self.min_stars and "min_stars" not in without:
            data["min_stars"] = self.min_stars
        if self.region and "region" not in without:
            data["regions"] = [self.region]
        if self.province and "province" not in without:
            data["provinces"] = [self.province]
        if self.category and "category" not in without:
            data["otop_categories"] = [self.category]
        if self.gi and "gi" not in without:
            data["geographical_indications"] = [gi_global_id(self.gi)]
        if self.ships and "ships" not in without:
            data["exportable_to"] = market.market
        band = dict((key, (low, high)) for key, low, high in PRICE_BANDS).get(self.price)
        if band and "price" not in without:
            low, high = band
            # Saleor's range is inclusive; a band's upper bound is the next band's start.
            data["minimal_price"] = {"gte": low, "lte": high - Decimal("0.01") if high else None}
        return data

    FACETS = ("min_stars", "region", "province", "category", "gi", "ships", "price")

    def active(self, *, fixed=()) -> bool:
        """Whether the shopper chose a filter (beyond what the page itself fixes)."""
        return any(getattr(self, name) for name in self.FACETS if name not in fixed)


def products_selected(request, *, selection: Selection, market: MarketConfig, without: tuple = ()) -> QuerySet:
    """The shopper listing narrowed by the selection, through the API's own filter set."""
    filterset = OtopProductFilter(
        data=selection.filter_input(market=market, without=without), queryset=_shopper_listing(request), request=request
    )
    if not filterset.is_valid():
        return Product.objects.none()
    return filterset.qs


def products_sorted(queryset: QuerySet, *, sort: str) -> QuerySet:
    _key, _label, field_, descending = next((s for s in SORTS if s[0] == sort), SORTS[0])
    order = OtopProductOrder._meta.container({"field": field_.value, "direction": "-" if descending else ""})
    return sort_queryset(queryset, order, reversed=False)


# --- facets --------------------------------------------------------------------------------


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facets:
    stars: list[FacetOption] = field(default_factory=list)
    regions: list[FacetOption] = field(default_factory=list)
    provinces: list[FacetOption] = field(default_factory=list)
    categories: list[FacetOption] = field(default_factory=list)
    gis: list[FacetOption] = field(default_factory=list)
    ships_count: int = 0
    prices: list[FacetOption] = field(default_factory=list)


def _price_band_label(low, high, *, rate: Decimal | None, currency: str):
    def shown(amount):
        if rate is None:
            return money(Money(amount, "THB"))
        return money(export_selectors.convert_from_thb(amount, currency=currency, units_per_thb=rate))

    if low is None:
        return _("under %(amount)s") % {"amount": shown(high)}
    if high is None:
        return _("%(amount)s and more") % {"amount": shown(low)}
    return f"{shown(low)} – {shown(high)}"


def facets_count(request, *, selection: Selection, market: MarketConfig, rate: Decimal | None, fixed: tuple = ()) -> Facets:
    """Each facet's counts over the products the other facets select; a query per facet.
    `fixed`: facets the page itself fixes (a region page's region), not offered."""

    def others(*names):
        return products_selected(request, selection=selection, market=market, without=names)

    facets = Facets()
    star_counts = star_selectors.product_counts_by_min_stars(products=others("min_stars"), levels=STAR_LEVELS)
    facets.stars = [
        FacetOption(str(level), _("%(stars)s stars and more") % {"stars": level}, star_counts[level], selection.min_stars == level)
        for level in STAR_LEVELS
    ]
    if "region" not in fixed:
        region_counts = provenance_selectors.product_counts_by_region(products=others("region", "province"))
        facets.regions = [
            FacetOption(region.code, place_name(region), region_counts.get(region.code, 0), selection.region == region.code)
            for region in provenance_selectors.regions()
        ]
    if "province" not in fixed and (selection.region or selection.province):  # region, then its provinces
        province_counts = provenance_selectors.product_counts_by_province(products=others("province"))
        provinces = provenance_selectors.provinces(region_code=selection.region or None)
        facets.provinces = [
            FacetOption(province.code, place_name(province), province_counts[province.code], selection.province == province.code)
            for province in provinces
            if province_counts.get(province.code) or selection.province == province.code
        ]
        facets.provinces.sort(key=lambda option: option.label)
    category_counts = provenance_selectors.product_counts_by_category(products=others("category"))
    facets.categories = [
        FacetOption(value, str(CATEGORY_NAMES[value]), category_counts.get(value, 0), selection.category == value)
        for value in OtopCategory.values
    ]
    gi_counts = provenance_selectors.product_counts_by_geographical_indication(products=others("gi"))
    if gi_counts:
        facets.gis = [
            FacetOption(str(gi.pk), place_name(gi), gi_counts.get(gi.pk, 0), selection.gi == gi.pk)
            for gi in provenance_selectors.geographical_indications().filter(pk__in=list(gi_counts)).order_by("name_en")
        ]
    facets.ships_count = export_selectors.products_exportable_to(queryset=others("ships"), country=market.market).count()
    price_products = others("price")
    bands = Product.objects.filter(pk__in=price_products.order_by().values("pk")).aggregate(
        **{
            key: Count("pk", filter=Q(**({"minimal_variant_price_amount__gte": low} if low else {}),
                                     **({"minimal_variant_price_amount__lt": high} if high else {})))
            for key, low, high in PRICE_BANDS
        }
    )
    facets.prices = [
        FacetOption(key, _price_band_label(low, high, rate=rate, currency=market.currency), bands[key], selection.price == key)
        for key, low, high in PRICE_BANDS
    ]
    return facets


# --- what a page shows of each product -----------------------------------------------------


def market_rate(*, market: MarketConfig) -> Decimal | None:
    """Units of the market's display currency per baht; None without a stored rate."""
    return export_selectors.exchange_rates_by_currency(currencies=[market.currency]).get(market.currency)


def display_price(amount_thb: Decimal | None, *, market: MarketConfig, rate: Decimal | None) -> tuple:
    """(price in the market's currency, charge in baht): the same Money twice at home or without a rate."""
    if amount_thb is None:
        return None, None
    charge = Money(amount_thb, "THB")
    if rate is None or market.currency == "THB":
        return charge, charge
    return export_selectors.convert_from_thb(amount_thb, currency=market.currency, units_per_thb=rate), charge


def with_page_data(queryset: QuerySet) -> QuerySet:
    """Images and the page language's translation, fetched with the page (two queries)."""
    language = translation.get_language()
    return queryset.prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("sort_order", "pk")),
        Prefetch("translations", queryset=ProductTranslation.objects.filter(language_code=language)),
    )


@dataclass
class ProductCard:
    product_id: int
    slug: str
    url: str
    name: str
    image_url: str
    image_alt: str
    image_width: int
    image_height: int
    price: Money | None
    charge: Money | None
    stars: int | None
    star_year: int | None
    place: str
    not_shippable: bool


def _shippable(verdicts: list, *, market: MarketConfig) -> bool:
    if market.market == export_selectors.home_country():
        return True
    return any(verdict.eligible for verdict in verdicts if str(verdict.market.country) == market.market)


def product_cards(products: list, *, market: MarketConfig, rate: Decimal | None) -> list[ProductCard]:
    """Cards of a page of products: three queries for the whole page."""
    ids = [product.pk for product in products]
    provenances = provenance_selectors.provenances_by_product_ids(product_ids=ids)
    stars = star_selectors.product_stars_by_product_ids(product_ids=ids)
    verdicts = export_selectors.verdicts_by_product_ids(product_ids=ids, country=market.market)
    cards = []
    for product in products:
        images = list(product.images.all())
        translated = product.translated
        price_thb = product.minimal_variant_price_amount or product.price_amount
        price, charge = display_price(price_thb, market=market, rate=rate)
        star_row = stars.get(product.pk)
        certification = star_row.current_certification if star_row else None
        provenance = provenances.get(product.pk)
        cards.append(
            ProductCard(
                product_id=product.pk,
                slug=product.slug,
                url=reverse("storefront:product", kwargs={"slug": product.slug}),
                name=translated.name,
                image_url=get_thumbnail(images[0].image if images else None, CARD_IMAGE_SIZE, "thumbnail"),
                image_alt=(images[0].alt if images else "") or translated.name,
                image_width=CARD_IMAGE_SIZE,
                image_height=CARD_IMAGE_SIZE,
                price=price,
                charge=charge,
                stars=star_row.current_stars if star_row else None,
                star_year=certification.round_year if certification else None,
                place=place_name(provenance.subdistrict.district.province) if provenance else "",
                not_shippable=not _shippable(verdicts.get(product.pk, []), market=market),
            )
        )
    return cards
