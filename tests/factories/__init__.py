"""The test factories, one module per plugin (and `saleor` for Saleor's own models):

    tests.factories.saleor             users, catalogue, stock, shipping, orders (re-exported here)
    tests.factories.places             the subdistrict codes tests use
    tests.factories.provenance         geographical indications, product provenance
    tests.factories.otop_stars         certifications, reviews, purchases
    tests.factories.producer_channels  producers, members, their products, placed and paid orders
    tests.factories.export_markets     markets, export profiles, certificates, registrations
    tests.factories.curation           featured collections, products with rule facts, orders of lines
    tests.factories.web                OTOP goods as shoppers meet them (through the services)
"""
from .saleor import (  # noqa: F401
    CategoryFactory,
    FulfillmentFactory,
    FulfillmentLineFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ProductTypeFactory,
    ProductVariantFactory,
    ShippingMethodFactory,
    ShippingZoneFactory,
    StaffFactory,
    StockFactory,
    ThaiAddressFactory,
    UserFactory,
    WarehouseFactory,
    permissions_by_name,
)
