"""The vocabularies of export markets: certificates, allergens, shipping services, duties."""
from django.db import models


class CertificateKind(models.TextChoices):
    """Certificates a product itself may hold (DOMAIN.md, "Certificates")."""

    THAI_FDA = "THAI_FDA", "Thai FDA food serial number"
    THAI_FDA_NOTIFICATION = "THAI_FDA_NOTIFICATION", "Thai FDA notification (cosmetics, herbal)"
    TISI = "TISI", "TISI industrial standard (มอก.)"
    COMMUNITY_STANDARD = "COMMUNITY_STANDARD", "Community product standard (มผช.)"
    HALAL = "HALAL", "Halal (CICOT)"
    ORGANIC_THAILAND = "ORGANIC_THAILAND", "Organic Thailand (TAS 9000)"
    ORGANIC_IFOAM = "ORGANIC_IFOAM", "Organic ACT/IFOAM"
    GMP = "GMP", "GMP"
    HACCP = "HACCP", "HACCP"
    GI = "GI", "Geographical Indication logo"


class RegistrationKind(models.TextChoices):
    """Registrations a destination asks of the producer's facility, not of one product."""

    US_FDA_FACILITY = "US_FDA_FACILITY", "US FDA food facility registration"
    GACC = "GACC", "China GACC overseas food manufacturer registration"


class RequirementKind(models.TextChoices):
    """What a market may require of a category: a certificate, a registration or allergen information."""

    THAI_FDA = CertificateKind.THAI_FDA.value, CertificateKind.THAI_FDA.label
    THAI_FDA_NOTIFICATION = CertificateKind.THAI_FDA_NOTIFICATION.value, CertificateKind.THAI_FDA_NOTIFICATION.label
    TISI = CertificateKind.TISI.value, CertificateKind.TISI.label
    COMMUNITY_STANDARD = CertificateKind.COMMUNITY_STANDARD.value, CertificateKind.COMMUNITY_STANDARD.label
    HALAL = CertificateKind.HALAL.value, CertificateKind.HALAL.label
    ORGANIC_THAILAND = CertificateKind.ORGANIC_THAILAND.value, CertificateKind.ORGANIC_THAILAND.label
    ORGANIC_IFOAM = CertificateKind.ORGANIC_IFOAM.value, CertificateKind.ORGANIC_IFOAM.label
    GMP = CertificateKind.GMP.value, CertificateKind.GMP.label
    HACCP = CertificateKind.HACCP.value, CertificateKind.HACCP.label
    GI = CertificateKind.GI.value, CertificateKind.GI.label
    US_FDA_FACILITY = RegistrationKind.US_FDA_FACILITY.value, RegistrationKind.US_FDA_FACILITY.label
    GACC = RegistrationKind.GACC.value, RegistrationKind.GACC.label
    ALLERGEN_DECLARATION = "ALLERGEN_DECLARATION", "Allergen information declared (EU Reg. 1169/2011)"


class Allergen(models.TextChoices):
    """The 14 allergens of Annex II of EU Regulation 1169/2011."""

    GLUTEN = "GLUTEN", "Cereals containing gluten"
    CRUSTACEANS = "CRUSTACEANS", "Crustaceans"
    EGGS = "EGGS", "Eggs"
    FISH = "FISH", "Fish"
    PEANUTS = "PEANUTS", "Peanuts"
    SOYBEANS = "SOYBEANS", "Soybeans"
    MILK = "MILK", "Milk"
    NUTS = "NUTS", "Tree nuts"
    CELERY = "CELERY", "Celery"
    MUSTARD = "MUSTARD", "Mustard"
    SESAME = "SESAME", "Sesame seeds"
    SULPHITES = "SULPHITES", "Sulphur dioxide and sulphites"
    LUPIN = "LUPIN", "Lupin"
    MOLLUSCS = "MOLLUSCS", "Molluscs"


class ShippingService(models.TextChoices):
    """Thailand Post's international services used for OTOP parcels."""

    EMS_WORLD = "EMS_WORLD", "EMS World"
    EPACKET = "EPACKET", "ePacket"


# The carrier's own ceiling per service; a market may set a lower one.
SERVICE_MAX_WEIGHT_GRAMS = {
    ShippingService.EMS_WORLD: 30_000,
    ShippingService.EPACKET: 2_000,
}


class DutyTerms(models.TextChoices):
    DDP = "DDP", "Delivered duty paid: duties and taxes collected at checkout"
    DAP = "DAP", "Delivered at place: duties and taxes shown, paid by the recipient"


class EligibilityReason(models.TextChoices):
    MARKET_DISABLED = "MARKET_DISABLED", "The market is not open"
    NO_STARS = "NO_STARS", "No current OTOP star rating"
    STARS_BELOW_MINIMUM = "STARS_BELOW_MINIMUM", "Stars below the market minimum"
    CATEGORY_UNKNOWN = "CATEGORY_UNKNOWN", "OTOP category unknown"
    CATEGORY_NOT_ALLOWED = "CATEGORY_NOT_ALLOWED", "OTOP category not allowed in the market"
    PROFILE_MISSING = "PROFILE_MISSING", "No export profile"
    HS_CODE_MISSING = "HS_CODE_MISSING", "No HS code"
    WEIGHT_MISSING = "WEIGHT_MISSING", "No net or gross weight"
    CERTIFICATE_MISSING = "CERTIFICATE_MISSING", "A required certificate is missing"
    CERTIFICATE_EXPIRED = "CERTIFICATE_EXPIRED", "A required certificate has expired"
    PRODUCER_UNKNOWN = "PRODUCER_UNKNOWN", "The product has no producer"
    REGISTRATION_MISSING = "REGISTRATION_MISSING", "A required producer registration is missing"
    REGISTRATION_EXPIRED = "REGISTRATION_EXPIRED", "A required producer registration has expired"
    ALLERGENS_NOT_DECLARED = "ALLERGENS_NOT_DECLARED", "Allergen information not declared"
