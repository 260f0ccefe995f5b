"""The eligibility rule: may this product be sold to this market today, and if not, why not.

Pure computation over inputs loaded in bulk (see services.product_eligibility_recompute).
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from otop_kernel.otop_categories import OtopCategory

from .choices import (
    CertificateKind,
    EligibilityReason,
    RegistrationKind,
    RequirementKind,
)
from .models import ExportProfile, Market

DOCUMENT_NAMES = {
    CertificateKind.THAI_FDA: "Thai FDA food serial",
    CertificateKind.THAI_FDA_NOTIFICATION: "Thai FDA notification",
    CertificateKind.TISI: "TISI certificate",
    CertificateKind.COMMUNITY_STANDARD: "community product standard certificate",
    CertificateKind.HALAL: "Halal certificate",
    CertificateKind.ORGANIC_THAILAND: "Organic Thailand certificate",
    CertificateKind.ORGANIC_IFOAM: "ACT/IFOAM organic certificate",
    CertificateKind.GMP: "GMP certificate",
    CertificateKind.HACCP: "HACCP certificate",
    CertificateKind.GI: "GI logo certificate",
    RegistrationKind.US_FDA_FACILITY: "US FDA facility registration",
    RegistrationKind.GACC: "GACC registration",
}
REGISTRATION_KINDS = set(RegistrationKind.values)


@dataclass
class Document:
    kind: str
    valid_from: date
    valid_until: date | None


@dataclass
class ProductInputs:
    product_id: int
    stars: int | None
    category: str | None
    producer_id: int | None
    profile: ExportProfile | None
    certificates: list[Document] = field(default_factory=list)
    registrations: list[Document] = field(default_factory=list)


@dataclass
class Outcome:
    eligible: bool
    reasons: list[dict]
    valid_until: date | None


def _reason(code: EligibilityReason, message: str) -> dict:
    return {"code": code.value, "message": message}


def _document_check(kind: str, documents: Iterable[Document], day: date, *, registration: bool):
    """(reason or None, last valid day of the document relied on)."""
    name = DOCUMENT_NAMES[kind]
    of_kind = [document for document in documents if document.kind == kind]
    valid = [d for d in of_kind if d.valid_from <= day and (d.valid_until is None or day <= d.valid_until)]
    if valid:
        if any(document.valid_until is None for document in valid):
            return None, None
        return None, max(document.valid_until for document in valid)
    expired = [d.valid_until for d in of_kind if d.valid_until is not None and d.valid_until < day]
    if expired:
        code = EligibilityReason.REGISTRATION_EXPIRED if registration else EligibilityReason.CERTIFICATE_EXPIRED
        return _reason(code, f"{name} expired {max(expired).isoformat()}"), None
    code = EligibilityReason.REGISTRATION_MISSING if registration else EligibilityReason.CERTIFICATE_MISSING
    upcoming = [d.valid_from for d in of_kind if d.valid_from > day]
    if upcoming:
        return _reason(code, f"{name} valid only from {min(upcoming).isoformat()}"), None
    return _reason(code, f"{name} missing"), None


def evaluate(inputs: ProductInputs, market: Market, requirements: dict[str, list[str]], *, day: date, home: str) -> Outcome:
    """`requirements`: the market's required kinds by OTOP category."""
    if str(market.country) == home:
        # Domestic sales follow the listing rules of the stars plugin, not export rules.
        return Outcome(True, [], None)
    reasons: list[dict] = []
    valid_until: date | None = None
    if not market.enabled:
        reasons.append(_reason(EligibilityReason.MARKET_DISABLED, f"market {market} is closed"))
    if inputs.stars is None:
        reasons.append(_reason(EligibilityReason.NO_STARS, "no current OTOP star rating"))
    elif inputs.stars < market.minimum_stars:
        reasons.append(
            _reason(
                EligibilityReason.STARS_BELOW_MINIMUM,
                f"stars {inputs.stars} below market minimum {market.minimum_stars}",
            )
        )
    if inputs.category is None:
        reasons.append(_reason(EligibilityReason.CATEGORY_UNKNOWN, "OTOP category unknown"))
    elif inputs.category not in market.allowed_categories:
        label = OtopCategory(inputs.category).label.split(" / ")[0]
        reasons.append(
            _reason(EligibilityReason.CATEGORY_NOT_ALLOWED, f"category {label} not allowed in {market}")
        )
    profile = inputs.profile
    if profile is None:
        reasons.append(_reason(EligibilityReason.PROFILE_MISSING, "export profile missing"))
    else:
        if not profile.hs_code:
            reasons.append(_reason(EligibilityReason.HS_CODE_MISSING, "HS code missing"))
        if profile.net_weight_grams is None or profile.gross_weight_grams is None:
            reasons.append(_reason(EligibilityReason.WEIGHT_MISSING, "net or gross weight missing"))
    producer_reported = False
    for kind in requirements.get(inputs.category, []) if inputs.category else []:
        if kind == RequirementKind.ALLERGEN_DECLARATION:
            if profile is None or not profile.allergens_declared:
                reasons.append(_reason(EligibilityReason.ALLERGENS_NOT_DECLARED, "allergen information not declared"))
            continue
        registration = kind in REGISTRATION_KINDS
        if registration and inputs.producer_id is None:
            if not producer_reported:
                reasons.append(_reason(EligibilityReason.PRODUCER_UNKNOWN, "product has no producer"))
                producer_reported = True
            continue
        documents = inputs.registrations if registration else inputs.certificates
        reason, last_day = _document_check(kind, documents, day, registration=registration)
        if reason:
            reasons.append(reason)
        elif last_day is not None:
            valid_until = last_day if valid_until is None else min(valid_until, last_day)
    if reasons:
        return Outcome(False, reasons, None)
    return Outcome(True, [], valid_until)
