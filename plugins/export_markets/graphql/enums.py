import graphene

from ..choices import (
    Allergen,
    CertificateKind,
    DutyTerms,
    EligibilityReason,
    RegistrationKind,
    RequirementKind,
    ShippingService,
)
from ..errors import ExportMarketsErrorCode


def _described_enum(name: str, enum, description: str):
    """A graphene enum of a Django TextChoices whose values carry their labels."""

    def describe(value):
        if value is None:
            return description
        return getattr(value, "label", None)

    meta = type("Meta", (), {"enum": enum, "description": describe})
    return type(name, (graphene.Enum,), {"Meta": meta})


CertificateKindEnum = _described_enum("ExportCertificateKind", CertificateKind, "Kinds of certificates a product holds.")
RegistrationKindEnum = _described_enum(
    "ExportRegistrationKind", RegistrationKind, "Registrations a destination asks of the producer's facility."
)
RequirementKindEnum = _described_enum(
    "ExportRequirementKind", RequirementKind, "What a market may require of an OTOP category."
)
AllergenEnum = _described_enum("EuAllergen", Allergen, "The 14 allergens of EU Regulation 1169/2011, Annex II.")
ShippingServiceEnum = _described_enum("ExportShippingService", ShippingService, "Thailand Post's international services.")
DutyTermsEnum = _described_enum("ExportDutyTerms", DutyTerms, "Whether duties are collected at checkout or only shown.")
EligibilityReasonEnum = graphene.Enum(
    "ExportEligibilityReasonCode",
    [(code, code) for code in [*EligibilityReason.values, "NOT_ASSESSED"]],
    description=lambda value: "Why a product may not be sold to a market." if value is None else None,
)
ExportMarketsErrorCodeEnum = graphene.Enum.from_enum(ExportMarketsErrorCode)
