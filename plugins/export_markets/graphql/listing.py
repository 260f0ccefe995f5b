"""What this plugin adds to Saleor's product listing and Product.otop."""
import django_filters
import graphene
from saleor.graphql.core.types.money import Money

from ..selectors import convert_from_thb, products_exportable_to
from ..validation import clean_country
from .dataloaders import (
    ExchangeRateByCurrencyLoader,
    ExportProfileByProductIdLoader,
    ExportVerdictsByProductIdLoader,
    MarketByCountryLoader,
)
from .types import ExportProfile, ProductExportMarket


class ProductFields:
    """Fields of Product.otop; the root is Saleor's Product."""

    export_markets = graphene.List(
        graphene.NonNull(ProductExportMarket),
        required=True,
        description="Whether the product may be sold to each export market, and why not.",
    )
    export_profile = graphene.Field(
        ExportProfile, description="Customs data of the product: HS code, weights, EU allergens, certificates."
    )
    price_in_market = graphene.Field(
        Money,
        country=graphene.String(required=True, description="Destination country code (ISO 3166-1 alpha-2)."),
        description=(
            "Lowest variant price in the display currency of the country's market, from the stored exchange "
            "rate; null when the country has no market or no rate. The charge stays in the shop currency."
        ),
    )

    def resolve_export_markets(root, info):
        return ExportVerdictsByProductIdLoader(info.context).load(root.pk)

    def resolve_export_profile(root, info):
        return ExportProfileByProductIdLoader(info.context).load(root.pk)

    def resolve_price_in_market(root, info, country):
        price = root.minimal_variant_price or root.price
        if price is None:
            return None

        def with_market(market):
            if market is None:
                return None
            currency = market.display_currency
            return ExchangeRateByCurrencyLoader(info.context).load(currency).then(
                lambda rate: None if rate is None else convert_from_thb(price.amount, currency=currency, units_per_thb=rate)
            )

        return MarketByCountryLoader(info.context).load(country.strip().upper()).then(with_market)


def filter_exportable_to(queryset, _name, value):
    if not value:
        return queryset
    return products_exportable_to(queryset=queryset, country=clean_country(value, field="exportable_to"))


class ProductFilter(django_filters.FilterSet):
    exportable_to = django_filters.CharFilter(
        method=filter_exportable_to,
        help_text="Products that may be sold to this country today (ISO 3166-1 alpha-2 code).",
    )


PRODUCT_SORT_FIELDS = {}
