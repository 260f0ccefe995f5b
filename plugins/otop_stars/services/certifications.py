"""Official OTOP certifications: grant, correct, revoke, expire, each with its audit entry,
and the per-product summary (ProductStars) listings filter and sort by."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from saleor.product.models import Product

from otop_kernel.otop_categories import OtopCategory
from otop_kernel.product_facts import product_facts_changed

from ..error_codes import OtopStarsErrorCode
from ..errors import field_error, raise_errors
from ..models import (
    FIRST_ROUND_YEAR,
    MAX_STARS,
    MIN_STARS,
    Certification,
    CertificationAction,
    CertificationAuditEntry,
    CertificationImportJob,
    CertificationStatus,
    ProductStars,
)
from ..plugin import StarsConfiguration
from ..selectors import (
    CURRENT_FIRST,
    product_stars_is_listed,
    stars_configuration,
)
from .notifications import stars_delisting_notify_on_commit

CERTIFICATE_NUMBER_MAX_LENGTH = Certification._meta.get_field("certificate_number").max_length
REASON_MAX_LENGTH = 2000

# Marks an argument of certification_correct that is to stay as it is.
UNCHANGED: Any = type("Unchanged", (), {"__repr__": lambda self: "UNCHANGED"})()


def certification_default_valid_until(*, round_year: int, validity_years: int) -> date:
    return date(round_year + validity_years, 12, 31)


def certification_snapshot(certification: Certification) -> dict[str, Any]:
    """The audited values of a certification, as JSON."""
    return {
        "product_id": certification.product_id,
        "stars": certification.stars,
        "round_year": certification.round_year,
        "certificate_number": certification.certificate_number,
        "category": certification.category,
        "score": None if certification.score is None else str(certification.score),
        "valid_until": certification.valid_until.isoformat(),
        "status": certification.status,
        "status_reason": certification.status_reason,
    }


@dataclass
class ListingChange:
    product_id: int
    was_listed: bool
    is_listed: bool
    had_certification_history: bool

    @property
    def left_listing(self) -> bool:
        return self.had_certification_history and self.was_listed and not self.is_listed


def _clean_certification_values(
    *,
    product_id: int,
    stars,
    round_year,
    certificate_number: str,
    category: str,
    score,
    valid_until: date | None,
    configuration: StarsConfiguration,
    certification_id: int | None = None,
) -> dict[str, Any]:
    """Check every value, raising all problems at once; returns the cleaned values."""
    errors: dict[str, Any] = {}
    today = timezone.localdate()
    if not isinstance(stars, int) or not MIN_STARS <= stars <= MAX_STARS:
        errors["stars"] = field_error(
            f"Stars must be a whole number from {MIN_STARS} to {MAX_STARS}.",
            OtopStarsErrorCode.INVALID_STARS,
        )
    if not isinstance(round_year, int) or not FIRST_ROUND_YEAR <= round_year <= today.year:
        errors["round_year"] = field_error(
            f"The round year (Common Era) must be from {FIRST_ROUND_YEAR}, the first OTOP "
            f"Product Champion round, to {today.year}.",
            OtopStarsErrorCode.INVALID_ROUND_YEAR,
        )
    certificate_number = (certificate_number or "").strip()
    if not certificate_number:
        errors["certificate_number"] = field_error(
            "A certificate number is required.", OtopStarsErrorCode.REQUIRED
        )
    elif len(certificate_number) > CERTIFICATE_NUMBER_MAX_LENGTH:
        errors["certificate_number"] = field_error(
            f"A certificate number has at most {CERTIFICATE_NUMBER_MAX_LENGTH} characters.",
            OtopStarsErrorCode.TOO_LONG,
        )
    elif (
        Certification.objects.filter(certificate_number__iexact=certificate_number)
        .exclude(pk=certification_id)
        .exists()
    ):
        errors["certificate_number"] = field_error(
            f"Certificate number {certificate_number} is already recorded.",
            OtopStarsErrorCode.DUPLICATE_CERTIFICATE_NUMBER,
        )
    if category not in OtopCategory.values:
        errors["category"] = field_error(
            f"Unknown OTOP category {category!r}.", OtopStarsErrorCode.INVALID_CATEGORY
        )
    if score is not None:
        try:
            score = Decimal(str(score)).quantize(Decimal("0.01"))
        except InvalidOperation:
            score = None
            errors["score"] = field_error("The score must be a number.", OtopStarsErrorCode.INVALID_SCORE)
        else:
            if not Decimal(0) <= score <= Decimal(100):
                errors["score"] = field_error(
                    "The score must be between 0 and 100.", OtopStarsErrorCode.INVALID_SCORE
                )
            elif "stars" not in errors and not configuration.score_fits_stars(score=score, stars=stars):
                errors["score"] = field_error(
                    f"A score of {score} does not fit {stars} stars: the band of {stars} stars "
                    f"is {configuration.score_band_text(stars)}.",
                    OtopStarsErrorCode.SCORE_OUTSIDE_BAND,
                )
    if "round_year" not in errors:
        if valid_until is None:
            valid_until = certification_default_valid_until(
                round_year=round_year, validity_years=configuration.validity_years
            )
        elif valid_until < date(round_year, 1, 1):
            errors["valid_until"] = field_error(
                "A certification cannot end before its round year.",
                OtopStarsErrorCode.INVALID_VALID_UNTIL,
            )
        if (
            Certification.objects.filter(product_id=product_id, round_year=round_year)
            .exclude(status=CertificationStatus.REVOKED)
            .exclude(pk=certification_id)
            .exists()
        ):
            errors["round_year"] = field_error(
                f"The product already has a certification of the {round_year} round; "
                "correct that one instead.",
                OtopStarsErrorCode.DUPLICATE_ROUND,
            )
    raise_errors(errors)
    return {
        "stars": stars,
        "round_year": round_year,
        "certificate_number": certificate_number,
        "category": category,
        "score": score,
        "valid_until": valid_until,
    }


def _status_for(valid_until: date) -> str:
    if valid_until < timezone.localdate():
        return CertificationStatus.EXPIRED
    return CertificationStatus.ACTIVE


def _save_certification(certification: Certification) -> None:
    """Save, turning a lost race on a unique rule into the same error the checks give."""
    try:
        with transaction.atomic():
            certification.save()
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        if "certificate_number" in constraint:
            raise_errors(
                {
                    "certificate_number": field_error(
                        f"Certificate number {certification.certificate_number} is already recorded.",
                        OtopStarsErrorCode.DUPLICATE_CERTIFICATE_NUMBER,
                    )
                }
            )
        if "per_round" in constraint:
            raise_errors(
                {
                    "round_year": field_error(
                        f"The product already has a certification of the {certification.round_year} round.",
                        OtopStarsErrorCode.DUPLICATE_ROUND,
                    )
                }
            )
        raise


def _audit(
    certification: Certification,
    *,
    action: str,
    actor,
    before: dict | None,
    note: str = "",
) -> CertificationAuditEntry:
    return CertificationAuditEntry.objects.create(
        certification=certification,
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        before=before,
        after=certification_snapshot(certification),
        note=note,
    )


def lock_product_stars(product_id: int) -> ProductStars:
    ProductStars.objects.get_or_create(product_id=product_id)
    return ProductStars.objects.select_for_update().get(product_id=product_id)


def product_stars_recompute_certification(
    *, product_id: int, configuration: StarsConfiguration | None = None
) -> ListingChange:
    """Point the product's summary at its newest active certification."""
    configuration = configuration or stars_configuration()
    with transaction.atomic():
        product_stars = lock_product_stars(product_id)
        had_history = product_stars.has_certification_history
        was_listed = product_stars_is_listed(product_stars, configuration=configuration)
        certifications = Certification.objects.filter(product_id=product_id)
        current = (
            certifications.filter(status=CertificationStatus.ACTIVE).order_by(*CURRENT_FIRST).first()
        )
        product_stars.current_certification = current
        product_stars.current_stars = current.stars if current else None
        product_stars.has_certification_history = current is not None or certifications.exists()
        product_stars.save(
            update_fields=[
                "current_certification",
                "current_stars",
                "has_certification_history",
                "updated_at",
            ]
        )
        return ListingChange(
            product_id=product_id,
            was_listed=was_listed,
            is_listed=product_stars_is_listed(product_stars, configuration=configuration),
            had_certification_history=had_history,
        )


def _after_certification_change(product_id: int, configuration: StarsConfiguration) -> ListingChange:
    change = product_stars_recompute_certification(product_id=product_id, configuration=configuration)
    product_facts_changed(product_ids=[product_id])
    if change.left_listing:
        stars_delisting_notify_on_commit(product_ids=[product_id])
    return change


def certification_grant(
    *,
    product: Product,
    stars: int,
    round_year: int,
    certificate_number: str,
    category: str,
    score: Decimal | None = None,
    valid_until: date | None = None,
    actor=None,
    import_job: CertificationImportJob | None = None,
    note: str = "",
    configuration: StarsConfiguration | None = None,
) -> Certification:
    """Record an official rating of a product; `valid_until` defaults from the round year."""
    configuration = configuration or stars_configuration()
    values = _clean_certification_values(
        product_id=product.pk,
        stars=stars,
        round_year=round_year,
        certificate_number=certificate_number,
        category=category,
        score=score,
        valid_until=valid_until,
        configuration=configuration,
    )
    with transaction.atomic():
        lock_product_stars(product.pk)
        certification = Certification(
            product=product,
            status=_status_for(values["valid_until"]),
            recorded_by=actor if actor is not None and actor.is_authenticated else None,
            recorded_at=timezone.now(),
            import_job=import_job,
            **values,
        )
        _save_certification(certification)
        _audit(certification, action=CertificationAction.GRANTED, actor=actor, before=None, note=note)
        _after_certification_change(product.pk, configuration)
    return certification


def certification_correct(
    *,
    certification: Certification,
    actor,
    stars: int = UNCHANGED,
    round_year: int = UNCHANGED,
    certificate_number: str = UNCHANGED,
    category: str = UNCHANGED,
    score: Decimal | None = UNCHANGED,
    valid_until: date | None = UNCHANGED,
    note: str = "",
    configuration: StarsConfiguration | None = None,
) -> Certification:
    """Change recorded values (staff fixing a mistake). A revoked certification stays as it is;
    the status follows the new valid-until date. A new round year with no new date moves the
    date with it."""
    configuration = configuration or stars_configuration()
    if certification.status == CertificationStatus.REVOKED:
        raise_errors(
            {
                "id": field_error(
                    "A revoked certification cannot be corrected; grant a new one.",
                    OtopStarsErrorCode.ALREADY_REVOKED,
                )
            }
        )

    def given(value, current):
        return current if value is UNCHANGED else value

    new_round_year = given(round_year, certification.round_year)
    if valid_until is UNCHANGED and new_round_year != certification.round_year:
        valid_until = None
    values = _clean_certification_values(
        product_id=certification.product_id,
        stars=given(stars, certification.stars),
        round_year=new_round_year,
        certificate_number=given(certificate_number, certification.certificate_number),
        category=given(category, certification.category),
        score=given(score, certification.score),
        valid_until=given(valid_until, certification.valid_until),
        configuration=configuration,
        certification_id=certification.pk,
    )
    with transaction.atomic():
        lock_product_stars(certification.product_id)
        certification = Certification.objects.select_for_update().get(pk=certification.pk)
        before = certification_snapshot(certification)
        for name, value in values.items():
            setattr(certification, name, value)
        certification.status = _status_for(certification.valid_until)
        if certification_snapshot(certification) == before:
            return certification
        _save_certification(certification)
        _audit(certification, action=CertificationAction.CORRECTED, actor=actor, before=before, note=note)
        _after_certification_change(certification.product_id, configuration)
    return certification


def certification_revoke(*, certification: Certification, actor, reason: str) -> Certification:
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = field_error(
            "Say why the certification is revoked.", OtopStarsErrorCode.REASON_REQUIRED
        )
    elif len(reason) > REASON_MAX_LENGTH:
        errors["reason"] = field_error(
            f"A reason has at most {REASON_MAX_LENGTH} characters.", OtopStarsErrorCode.TOO_LONG
        )
    if certification.status == CertificationStatus.REVOKED:
        errors["id"] = field_error(
            "The certification is already revoked.", OtopStarsErrorCode.ALREADY_REVOKED
        )
    raise_errors(errors)
    configuration = stars_configuration()
    with transaction.atomic():
        lock_product_stars(certification.product_id)
        certification = Certification.objects.select_for_update().get(pk=certification.pk)
        before = certification_snapshot(certification)
        certification.status = CertificationStatus.REVOKED
        certification.status_reason = reason
        certification.save(update_fields=["status", "status_reason", "updated_at"])
        _audit(certification, action=CertificationAction.REVOKED, actor=actor, before=before, note=reason)
        _after_certification_change(certification.product_id, configuration)
    return certification


@dataclass
class ExpiryResult:
    expired_certification_ids: list[int] = field(default_factory=list)
    delisted_product_ids: list[int] = field(default_factory=list)


def certification_expire_due(*, today: date | None = None, batch_size: int = 500) -> ExpiryResult:
    """Mark active certifications whose valid-until date has passed as expired; products that
    thereby leave the listing are reported and their producers told (after commit)."""
    today = today or timezone.localdate()
    configuration = stars_configuration()
    result = ExpiryResult()
    due = Certification.objects.filter(status=CertificationStatus.ACTIVE, valid_until__lt=today)
    while True:
        with transaction.atomic():
            batch = list(
                due.select_for_update(skip_locked=True).order_by("pk")[:batch_size]
            )
            if not batch:
                break
            now = timezone.now()
            entries = []
            for certification in batch:
                before = certification_snapshot(certification)
                certification.status = CertificationStatus.EXPIRED
                certification.updated_at = now
                entries.append(
                    CertificationAuditEntry(
                        certification=certification,
                        action=CertificationAction.EXPIRED,
                        created_at=now,
                        before=before,
                        after=certification_snapshot(certification),
                        note=f"Valid until {certification.valid_until.isoformat()}.",
                    )
                )
            Certification.objects.bulk_update(batch, ["status", "updated_at"])
            CertificationAuditEntry.objects.bulk_create(entries)
            delisted = []
            for product_id in sorted({certification.product_id for certification in batch}):
                change = product_stars_recompute_certification(
                    product_id=product_id, configuration=configuration
                )
                if change.left_listing:
                    delisted.append(product_id)
            product_facts_changed(product_ids=[certification.product_id for certification in batch])
            if delisted:
                stars_delisting_notify_on_commit(product_ids=delisted)
        result.expired_certification_ids.extend(certification.pk for certification in batch)
        result.delisted_product_ids.extend(delisted)
    return result
