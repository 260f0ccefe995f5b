"""Per-request batch loaders: a listing asks them once for all its products."""
from otop_kernel.graphql.dataloaders import DataLoader

from ..models import ExportProfile, Market
from ..selectors import exchange_rates_by_currency, verdicts_by_product_ids


class ExportVerdictsByProductIdLoader(DataLoader):
    context_key = "otop_export_verdicts_by_product_id"

    def batch_load(self, keys):
        found = verdicts_by_product_ids(product_ids=keys)
        return [found.get(key, []) for key in keys]


class ExportProfileByProductIdLoader(DataLoader):
    context_key = "otop_export_profile_by_product_id"

    def batch_load(self, keys):
        profiles = {
            profile.product_id: profile
            for profile in ExportProfile.objects.filter(product_id__in=keys)
            .select_related("product")
            .prefetch_related("product__otop_export_certificates")
        }
        return [profiles.get(key) for key in keys]


class MarketByCountryLoader(DataLoader):
    context_key = "otop_export_market_by_country"

    def batch_load(self, keys):
        markets = {str(market.country): market for market in Market.objects.filter(country__in=keys)}
        return [markets.get(key) for key in keys]


class ExchangeRateByCurrencyLoader(DataLoader):
    context_key = "otop_export_rate_by_currency"

    def batch_load(self, keys):
        rates = exchange_rates_by_currency(currencies=keys)
        return [rates.get(key) for key in keys]
