import graphene

from otop_kernel.graphql.enums import described_enum

from ..error_codes import ProvenanceErrorCode
from ..models import GeographicalIndicationKind
from ..regions import REGIONS

GeographicalIndicationKindEnum = described_enum(
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
