"""Per-request batch loaders: a listing asks them once for all its products."""
from otop_kernel.graphql.dataloaders import DataLoader

from .. import selectors


class ProductStarsByProductIdLoader(DataLoader):
    context_key = "otop_stars_product_stars_by_product_id"

    def batch_load(self, keys):
        rows = selectors.product_stars_by_product_ids(product_ids=keys)
        return [rows.get(key) for key in keys]
