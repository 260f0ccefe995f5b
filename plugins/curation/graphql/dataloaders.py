"""Per-request batch loaders: a list of featured collections asks each once for all of them."""
from collections import defaultdict

from otop_kernel.graphql.dataloaders import DataLoader

from .. import selectors


class ProductsByCollectionLoader(DataLoader):
    """Keys are (collection id, first, visible only)."""

    context_key = "otop_curation_products_by_collection"

    def batch_load(self, keys):
        groups = defaultdict(set)
        for collection_id, first, visible_only in keys:
            groups[(first, visible_only)].add(collection_id)
        found = {}
        for (first, visible_only), collection_ids in groups.items():
            products = selectors.products_by_collection_ids(
                collection_ids=collection_ids, first=first, visible_only=visible_only
            )
            for collection_id, items in products.items():
                found[(collection_id, first, visible_only)] = items
        return [found[key] for key in keys]


class ProductCountByCollectionLoader(DataLoader):
    context_key = "otop_curation_product_count_by_collection"

    def batch_load(self, keys):
        counts = selectors.product_counts_by_collection_ids(collection_ids=keys)
        return [counts.get(key, 0) for key in keys]


class LatestRefreshByCollectionLoader(DataLoader):
    context_key = "otop_curation_latest_refresh_by_collection"

    def batch_load(self, keys):
        refreshes = selectors.latest_refresh_by_collection_ids(collection_ids=keys)
        return [refreshes.get(key) for key in keys]


class RuleByCollectionLoader(DataLoader):
    context_key = "otop_curation_rule_by_collection"

    def batch_load(self, keys):
        rules = selectors.rules_by_collection_ids(collection_ids=keys)
        return [rules.get(key) for key in keys]
