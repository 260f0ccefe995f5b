import graphene

from otop_kernel.graphql.enums import described_enum

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

CertificateKindEnum = described_enum("ExportCertificateKind", CertificateKind, "Kinds of certificates a product holds.")
RegistrationKindEnum = described_enum(
    "ExportRegistrationKind", RegistrationKind, "Registrations a destination asks of the producer's facility."
)
RequirementKindEnum = described_enum(
    "ExportRequirementKind", RequirementKind, "What a market may require of an OTOP category."
)
AllergenEnum = described_enum("EuAllergen", Allergen, "The 14 allergens of EU Regulation 1169/2011, Annex II.")
ShippingServiceEnum = described_enum("ExportShippingService", ShippingService, "Thailand Post's international services.")
DutyTermsEnum = described_enum("ExportDutyTerms", DutyTerms, "Whether duties are collected at checkout or only shown.")
EligibilityReasonEnum = graphene.Enum(
    "ExportEligibilityReasonCode",
    [(code, code) for code in [*EligibilityReason.values, "NOT_ASSESSED"]],
    description=lambda value: "Why a product may not be sold to a market." if value is None else None,
)
ExportMarketsErrorCodeEnum = graphene.Enum.from_enum(ExportMarketsErrorCode)
