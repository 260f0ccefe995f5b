import graphene

from saleor_otop.otop_categories import OtopCategory

from ..error_codes import ProvenanceErrorCode
from ..models import GeographicalIndicationKind
from ..regions import REGIONS


def _described_enum(name: str, enum, description: str):
    """A graphene enum of a Django TextChoices (or Enum) whose values carry their labels."""

    def describe(value):
        if value is None:
            return description
        return getattr(value, "label", None)

    meta = type("Meta", (), {"enum": enum, "description": describe})
    return type(name, (graphene.Enum,), {"Meta": meta})


OtopCategoryEnum = _described_enum(
    "OtopCategoryEnum", OtopCategory, "The five official OTOP Product Champion categories."
)
GeographicalIndicationKindEnum = _described_enum(
    "GeographicalIndicationKindEnum",
    GeographicalIndicationKind,
    "Kind of a Geographical Indication, as the Department of Intellectual Property registers it.",
)
OtopRegionCodeEnum = graphene.Enum(
    "OtopRegionCodeEnum",
    [(region.code, region.code) for region in REGIONS],
    description=lambda value: (
        "The six regions of Thailand in common use." if value is None else f"{value.value.title()} region."
    ),
)
ProvenanceErrorCodeEnum = graphene.Enum.from_enum(ProvenanceErrorCode)
