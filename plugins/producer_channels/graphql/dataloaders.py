from otop_kernel.graphql.dataloaders import DataLoader

from .. import selectors


class FulfillmentsBySubOrderLoader(DataLoader):
    """[(Saleor Fulfillment, [(order line id, quantity)])] per sub-order id."""

    def batch_load(self, keys):
        found = selectors.fulfillments_by_sub_order_ids(sub_order_ids=keys)
        return [found.get(key, []) for key in keys]


class SubOrdersByOrderLoader(DataLoader):
    def batch_load(self, keys):
        found = selectors.sub_orders_by_order_ids(order_ids=keys)
        return [found.get(key, []) for key in keys]


class ProducerByProductLoader(DataLoader):
    """The producer of each product, whatever its status (the field hides unapproved ones)."""

    def batch_load(self, keys):
        found = selectors.shops_by_product_ids(product_ids=keys)
        return [found.get(key) for key in keys]


class CollectionsByProducerLoader(DataLoader):
    def batch_load(self, keys):
        found = selectors.collections_by_producer_ids(producer_ids=keys, user=self.context.user)
        return [found.get(key, []) for key in keys]
