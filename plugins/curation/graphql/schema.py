import graphene
from graphql.error import GraphQLError
from saleor.graphql.core.types.common import DateRangeInput
from saleor.graphql.core.utils import from_global_id_strict_type
from saleor.graphql.decorators import permission_required

from .. import selectors
from ..permissions import CurationPermissions
from ..report import Period
from ..report import ProgrammeReport as ProgrammeReportData
from .enums import CollectionSelectionEnum, FeaturedCollectionKindEnum
from .mutations import (
    FeaturedCollectionCreate,
    FeaturedCollectionProductsAdd,
    FeaturedCollectionProductsRemove,
    FeaturedCollectionRefreshNow,
    FeaturedCollectionReorder,
    FeaturedCollectionUpdate,
    ProductBaselinePriceRecord,
)
from .types import FeaturedCollection, FeaturedCollectionRefresh, ProgrammeReport

REFRESHES_FIRST_MAX = 100


class CurationQueries(graphene.ObjectType):
    featured_collections = graphene.List(
        graphene.NonNull(FeaturedCollection),
        required=True,
        kind=FeaturedCollectionKindEnum(description="Only collections of this kind."),
        description="Featured collections shoppers see now: published and inside their window, in curated order.",
    )
    featured_collection = graphene.Field(
        FeaturedCollection,
        slug=graphene.String(required=True, description="Slug of the collection."),
        description="One featured collection shoppers see now, by slug; null outside its window.",
    )
    curated_collections = graphene.List(
        graphene.NonNull(FeaturedCollection),
        required=True,
        kind=FeaturedCollectionKindEnum(description="Only collections of this kind."),
        selection=CollectionSelectionEnum(description="Only hand-picked or only rule-based collections."),
        description=(
            "Every featured collection, in or out of its window, for curators. "
            "Requires one of the following permissions: MANAGE_OTOP_CURATION."
        ),
    )
    featured_collection_refreshes = graphene.List(
        graphene.NonNull(FeaturedCollectionRefresh),
        required=True,
        id=graphene.ID(required=True, description="ID of the featured (Saleor) collection."),
        first=graphene.Int(default_value=20, description=f"How many, newest first; at most {REFRESHES_FIRST_MAX}."),
        description=(
            "Refresh log of a rule-based collection, newest first. "
            "Requires one of the following permissions: MANAGE_OTOP_CURATION."
        ),
    )
    programme_report = graphene.Field(
        ProgrammeReport,
        required=True,
        period=DateRangeInput(description="Days of the sales figures (both included); open ends are unbounded."),
        description=(
            "The OTOP programme's targets measured on live data. "
            "Requires one of the following permissions: VIEW_OTOP_PROGRAMME_REPORT."
        ),
    )

    @staticmethod
    def resolve_featured_collections(_root, _info, kind=None):
        return selectors.featured_collections_visible(kind=kind)

    @staticmethod
    def resolve_featured_collection(_root, _info, slug):
        return selectors.featured_collection_by_slug(slug=slug)

    @staticmethod
    @permission_required(CurationPermissions.MANAGE_OTOP_CURATION)
    def resolve_curated_collections(_root, _info, kind=None, selection=None):
        return selectors.featured_collections_all(kind=kind, selection=selection)

    @staticmethod
    @permission_required(CurationPermissions.MANAGE_OTOP_CURATION)
    def resolve_featured_collection_refreshes(_root, _info, id, first=20):
        pk = from_global_id_strict_type(id, "Collection", field="id")
        return selectors.refreshes_of_collection(collection_id=pk, first=max(0, min(first, REFRESHES_FIRST_MAX)))

    @staticmethod
    @permission_required(CurationPermissions.VIEW_OTOP_PROGRAMME_REPORT)
    def resolve_programme_report(_root, _info, period=None):
        report_period = None
        if period:
            start, end = period.get("gte"), period.get("lte")
            if start and end and end < start:
                raise GraphQLError(f"period: lte ({end.isoformat()}) is before gte ({start.isoformat()}).")
            report_period = Period(start=start, end=end)
        return ProgrammeReportData(config=selectors.curation_configuration(), period=report_period)


class CurationMutations(graphene.ObjectType):
    featured_collection_create = FeaturedCollectionCreate.Field()
    featured_collection_update = FeaturedCollectionUpdate.Field()
    featured_collection_products_add = FeaturedCollectionProductsAdd.Field()
    featured_collection_products_remove = FeaturedCollectionProductsRemove.Field()
    featured_collection_reorder = FeaturedCollectionReorder.Field()
    featured_collection_refresh = FeaturedCollectionRefreshNow.Field()
    product_baseline_price_record = ProductBaselinePriceRecord.Field()
