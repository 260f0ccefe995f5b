import graphene

from ..error_codes import OtopStarsErrorCode
from ..imports import MATCHED, REJECTED, UNMATCHED
from ..models import (
    CertificationAction,
    CertificationStatus,
    ImportJobStatus,
    ReviewStatus,
)


def _choices_enum(name: str, choices, description: str):
    """A graphene enum of a Django TextChoices whose members carry their labels."""

    def describe(value):
        if value is None:
            return description
        return getattr(value, "label", None)

    meta = type("Meta", (), {"enum": choices, "description": describe})
    return type(name, (graphene.Enum,), {"Meta": meta})


OtopStarsErrorCodeEnum = graphene.Enum.from_enum(OtopStarsErrorCode)
OtopCertificationStatusEnum = _choices_enum(
    "OtopCertificationStatusEnum",
    CertificationStatus,
    "State of an official certification: active, expired (past its valid-until date) or revoked.",
)
OtopCertificationActionEnum = _choices_enum(
    "OtopCertificationActionEnum", CertificationAction, "What an audit trail entry records."
)
OtopReviewStatusEnum = _choices_enum(
    "OtopReviewStatusEnum", ReviewStatus, "Moderation state of a shopper review."
)
OtopReviewModerationEnum = graphene.Enum(
    "OtopReviewModerationEnum",
    [("APPROVED", ReviewStatus.APPROVED.value), ("REJECTED", ReviewStatus.REJECTED.value)],
    description=lambda value: "A moderator's decision on a review." if value is None else None,
)
OtopCertificationImportJobStatusEnum = _choices_enum(
    "OtopCertificationImportJobStatusEnum", ImportJobStatus, "Progress of a certification import."
)
OtopCertificationImportOutcomeEnum = graphene.Enum(
    "OtopCertificationImportOutcomeEnum",
    [("MATCHED", MATCHED), ("UNMATCHED", UNMATCHED), ("REJECTED", REJECTED)],
    description=lambda value: (
        "What became of an imported row: matched (a product was found; its certification is "
        "recorded), unmatched (no single product fits) or rejected (unusable values)."
        if value is None
        else None
    ),
)
