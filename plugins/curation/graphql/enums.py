import graphene

from ..error_codes import CurationErrorCode
from ..models import FeaturedCollectionKind, RefreshTrigger, Selection


def _described_enum(name: str, enum, description: str):
    """A graphene enum of a Django TextChoices whose values carry their labels."""

    def describe(value):
        if value is None:
            return description
        return getattr(value, "label", None)

    meta = type("Meta", (), {"enum": enum, "description": describe})
    return type(name, (graphene.Enum,), {"Meta": meta})


FeaturedCollectionKindEnum = _described_enum(
    "FeaturedCollectionKindEnum",
    FeaturedCollectionKind,
    "The programme's label of a featured collection.",
)
CollectionSelectionEnum = _described_enum(
    "CollectionSelectionEnum", Selection, "How a featured collection's products are chosen."
)
CollectionRefreshTriggerEnum = _described_enum(
    "CollectionRefreshTriggerEnum", RefreshTrigger, "What made a rule-based collection refresh."
)
CurationErrorCodeEnum = graphene.Enum.from_enum(CurationErrorCode)
