"""The one GraphQL schema: Saleor's queries and mutations plus the OTOP plugins'."""
from graphene_federation import build_schema
from saleor.graphql.api import Mutation as SaleorMutation
from saleor.graphql.api import Query as SaleorQuery

from plugins.curation.graphql.schema import CurationMutations, CurationQueries
from plugins.export_markets.graphql.schema import ExportMarketsMutations, ExportMarketsQueries
from plugins.otop_stars.graphql.schema import OtopStarsMutations, OtopStarsQueries
from plugins.producer_channels.graphql.orders import install_order_otop_field
from plugins.producer_channels.graphql.schema import (
    ProducerChannelsMutations,
    ProducerChannelsQueries,
)
from plugins.promptpay.graphql.schema import PromptPayMutations, PromptPayQueries
from plugins.provenance.graphql.schema import ProvenanceMutations, ProvenanceQueries
from plugins.search.graphql.schema import SearchQueries
from saleor_otop import compat
from storefront_config.graphql import StorefrontConfigQueries

from .products import OtopProductQueries, install_product_otop_field

install_product_otop_field()
install_order_otop_field()
compat.apply_graphql_patches()


class Query(
    ProvenanceQueries,
    OtopStarsQueries,
    ProducerChannelsQueries,
    ExportMarketsQueries,
    CurationQueries,
    SearchQueries,
    StorefrontConfigQueries,
    PromptPayQueries,
    OtopProductQueries,
    SaleorQuery,
):
    pass


class Mutation(
    ProvenanceMutations,
    OtopStarsMutations,
    ProducerChannelsMutations,
    ExportMarketsMutations,
    CurationMutations,
    PromptPayMutations,
    SaleorMutation,
):
    pass


schema = build_schema(Query, mutation=Mutation)
