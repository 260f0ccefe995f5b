"""The programme report: the OTOP PLUS targets measured on live data.

Every figure is one or two SQL queries whatever the catalogue's size: aggregates and
grouped counts run in PostgreSQL, Python only merges small keyed lists (77 provinces,
6 regions, the export markets). Targets come from the plugin configuration.

Definitions (the programme's own words leave room; these are the project's):
- a *developed* producer is approved and has a product holding at least
  `developed_minimum_stars` official stars; its province is that of its home tambon;
- a producer has an *active shop* when approved with at least one published product;
- the *high-star share* is the share of published products with at least
  `high_stars_minimum` stars among all published products;
- *value uplift* compares a product's current price (its lowest variant price, else its
  base price) with its recorded baseline, in the same currency;
- *sales* are goods sold (order lines: unit gross price x quantity, shipping and duties
  excluded) in orders placed in the period, drafts and cancelled orders left out; an order
  counts once per region (or market) it has lines from.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_countries.fields import Country
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine
from saleor.product.models import Product

from plugins.export_markets import selectors as export_selectors
from plugins.otop_stars import selectors as star_selectors
from plugins.producer_channels import selectors as producer_selectors
from plugins.provenance import selectors as provenance_selectors

from .models import ProductBaselinePrice
from .plugin import CurationConfiguration

HUNDRED = Decimal(100)
ZERO_MONEY = Decimal("0.00")
MONEY = DecimalField(max_digits=16, decimal_places=2)


@dataclass(frozen=True)
class Period:
    """Days in the market's time zone, both ends included; an open end is unbounded."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def orders(self, orders):
        tz = timezone.get_current_timezone()
        if self.start is not None:
            start = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min), tz)
            orders = orders.filter(created__gte=start)
        if self.end is not None:
            next_day = self.end + datetime.timedelta(days=1)
            orders = orders.filter(created__lt=timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min), tz))
        return orders


@dataclass(frozen=True)
class ProvinceFigure:
    code: str
    name_th: str
    name_en: str
    region_code: str
    developed_producers: int
    minimum: int

    @property
    def meets_minimum(self) -> bool:
        return self.developed_producers >= self.minimum


@dataclass(frozen=True)
class ProductUplift:
    product: Product
    baseline_amount: Decimal
    current_amount: Decimal
    currency: str
    recorded_on: datetime.date
    uplift_percent: Decimal
    meets_target: bool


@dataclass(frozen=True)
class SalesFigure:
    key: str  # region code or country code; "" when unknown
    name: str
    orders: int
    units: int
    sales: Decimal
    currency: str


def _percent(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"))


def _current_price():
    return Coalesce(F("product__minimal_variant_price_amount"), F("product__price_amount"))


def _uplift_expression():
    return ExpressionWrapper(
        (_current_price() - F("amount")) * Value(HUNDRED) / F("amount"),
        output_field=DecimalField(max_digits=12, decimal_places=4),
    )


class ProgrammeReport:
    """Figures are computed when first read, so a GraphQL query pays only for what it asks."""

    def __init__(self, *, config: CurationConfiguration, period: Period | None = None):
        self.config = config
        self.period = period
        self.currency = settings.DEFAULT_CURRENCY

    # producers developed -------------------------------------------------------------
    def _developed_producers(self):
        starred = Product.objects.filter(
            star_selectors.product_stars_at_least_q(stars=self.config.developed_minimum_stars)
        )
        return producer_selectors.producers_approved(selling=starred)

    @cached_property
    def provinces(self) -> list[ProvinceFigure]:
        """All provinces with their developed producers; one query."""
        rows = provenance_selectors.provinces_annotated(
            developed=producer_selectors.producer_count_in_home_province(
                producers=self._developed_producers(), province_code=OuterRef("code")
            )
        )
        minimum = self.config.developed_per_province_minimum
        return [
            ProvinceFigure(row.code, row.name_th, row.name_en, row.region_id, row.developed, minimum)
            for row in rows
        ]

    @property
    def developed_producers_total(self) -> int:
        return sum(province.developed_producers for province in self.provinces)

    @property
    def provinces_meeting_minimum(self) -> int:
        return sum(1 for province in self.provinces if province.meets_minimum)

    # active shops ----------------------------------------------------------------------
    @cached_property
    def active_shops(self) -> int:
        """One query."""
        return producer_selectors.producers_approved(selling=Product.objects.published()).count()

    # star levels -----------------------------------------------------------------------
    @cached_property
    def _star_counts(self) -> dict:
        """One query."""
        return Product.objects.published().aggregate(
            total=Count("pk"),
            high=Count("pk", filter=star_selectors.product_stars_at_least_q(stars=self.config.high_stars_minimum)),
        )

    @property
    def published_products(self) -> int:
        return self._star_counts["total"]

    @property
    def high_star_products(self) -> int:
        return self._star_counts["high"]

    @property
    def high_star_share_percent(self) -> Decimal | None:
        return _percent(self.high_star_products, self.published_products)

    # value uplift ----------------------------------------------------------------------
    def _baselines(self):
        return ProductBaselinePrice.objects.filter(currency=F("product__currency")).annotate(
            current_amount=_current_price(), uplift=_uplift_expression()
        )

    @cached_property
    def _uplift_summary(self) -> dict:
        """One query."""
        target = self.config.value_uplift_target_percent
        return self._baselines().aggregate(
            products=Count("pk"),
            baseline_total=Coalesce(Sum("amount"), Value(ZERO_MONEY), output_field=MONEY),
            current_total=Coalesce(Sum(_current_price()), Value(ZERO_MONEY), output_field=MONEY),
            at_target=Count("pk", filter=Q(uplift__gte=target)),
        )

    @property
    def products_with_baseline(self) -> int:
        return self._uplift_summary["products"]

    @property
    def products_at_target(self) -> int:
        return self._uplift_summary["at_target"]

    @property
    def average_uplift_percent(self) -> Decimal | None:
        """Uplift of the summed current prices over the summed baselines (a value-weighted mean)."""
        summary = self._uplift_summary
        if not summary["baseline_total"]:
            return None
        change = summary["current_total"] - summary["baseline_total"]
        return _percent(change, summary["baseline_total"])

    def product_uplifts(self, *, first: int) -> list[ProductUplift]:
        """The products with a baseline, largest uplift first; one query."""
        target = self.config.value_uplift_target_percent
        rows = self._baselines().select_related("product").order_by("-uplift", "product_id")[:first]
        return [
            ProductUplift(
                product=row.product,
                baseline_amount=row.amount,
                current_amount=row.current_amount,
                currency=row.currency,
                recorded_on=row.recorded_on,
                uplift_percent=row.uplift.quantize(Decimal("0.01")),
                meets_target=row.uplift >= target,
            )
            for row in rows
        ]

    # sales -----------------------------------------------------------------------------
    def _lines(self):
        orders = Order.objects.exclude(status__in=[OrderStatus.DRAFT, OrderStatus.CANCELED])
        if self.period is not None:
            orders = self.period.orders(orders)
        return OrderLine.objects.filter(order__in=orders)

    def _grouped_sales(self, key: str) -> dict:
        rows = (
            self._lines()
            .values(key=F(key))
            .annotate(
                orders=Count("order_id", distinct=True),
                units=Coalesce(Sum("quantity"), 0),
                sales=Coalesce(
                    Sum(ExpressionWrapper(F("unit_price_gross_amount") * F("quantity"), output_field=MONEY)),
                    Value(ZERO_MONEY),
                    output_field=MONEY,
                ),
            )
            .order_by()
        )
        return {row["key"]: row for row in rows}

    def _figure(self, key, name, row) -> SalesFigure:
        if row is None:
            return SalesFigure(key or "", name, 0, 0, ZERO_MONEY, self.currency)
        return SalesFigure(key or "", name, row["orders"], row["units"], row["sales"], self.currency)

    @cached_property
    def sales_by_region(self) -> list[SalesFigure]:
        """Every region, then goods of unknown origin if any; two queries."""
        grouped = self._grouped_sales(provenance_selectors.product_region_code_field(via="variant__product"))
        figures = [
            self._figure(region.code, region.name_en, grouped.pop(region.code, None))
            for region in provenance_selectors.regions()
        ]
        unknown = grouped.pop(None, None)
        if unknown is not None:
            figures.append(self._figure("", "Origin not recorded", unknown))
        return figures

    @cached_property
    def sales_by_market(self) -> list[SalesFigure]:
        """Every open export market, plus any other foreign destination ordered to; two queries.

        Orders to the home country are domestic and not listed here.
        """
        grouped = self._grouped_sales("order__shipping_address__country")
        grouped.pop(export_selectors.home_country(), None)
        grouped.pop(None, None)  # no shipping address: nothing was exported
        figures = [
            self._figure(str(market.country), str(market), grouped.pop(str(market.country), None))
            for market in export_selectors.markets_open_abroad()
        ]
        for country, row in sorted(grouped.items()):
            figures.append(self._figure(country, str(Country(country).name), row))
        return figures
