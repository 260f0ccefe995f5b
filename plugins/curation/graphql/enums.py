import graphene

from otop_kernel.graphql.enums import described_enum

from ..error_codes import CurationErrorCode
from ..models import FeaturedCollectionKind, RefreshTrigger, Selection

FeaturedCollectionKindEnum = described_enum(
    "FeaturedCollectionKindEnum",
    FeaturedCollectionKind,
    "The programme's label of a featured collection.",
)
CollectionSelectionEnum = described_enum(
    "CollectionSelectionEnum", Selection, "How a featured collection's products are chosen."
)
CollectionRefreshTriggerEnum = described_enum(
    "CollectionRefreshTriggerEnum", RefreshTrigger, "What made a rule-based collection refresh."
)
CurationErrorCodeEnum = graphene.Enum.from_enum(CurationErrorCode)
