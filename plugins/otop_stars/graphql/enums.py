import graphene

from otop_kernel.graphql.enums import described_enum

from ..error_codes import OtopStarsErrorCode
from ..imports import MATCHED, REJECTED, UNMATCHED
from ..models import (
    CertificationAction,
    CertificationStatus,
    ImportJobStatus,
    ReviewStatus,
)

ERROR_CODE_DESCRIPTIONS = {
    OtopStarsErrorCode.GRAPHQL_ERROR: "An ID could not be read.",
    OtopStarsErrorCode.INVALID: "The value is not valid.",
    OtopStarsErrorCode.NOT_FOUND: "Nothing with that ID (that you may see).",
    OtopStarsErrorCode.REQUIRED: "The value is required.",
    OtopStarsErrorCode.INVALID_STARS: "Stars must be a whole number from 1 to 5.",
    OtopStarsErrorCode.INVALID_ROUND_YEAR: "The round year must be from 2003 to this year (Common Era).",
    OtopStarsErrorCode.INVALID_CATEGORY: "Not one of the five OTOP categories.",
    OtopStarsErrorCode.INVALID_SCORE: "The score must be a number from 0 to 100.",
    OtopStarsErrorCode.SCORE_OUTSIDE_BAND: "The score is outside the configured band of the star level.",
    OtopStarsErrorCode.INVALID_VALID_UNTIL: "The certification cannot end before its round year.",
    OtopStarsErrorCode.DUPLICATE_CERTIFICATE_NUMBER: "The certificate number is already recorded.",
    OtopStarsErrorCode.DUPLICATE_ROUND: "The product already has a certification of that round.",
    OtopStarsErrorCode.REASON_REQUIRED: "A reason must be given.",
    OtopStarsErrorCode.ALREADY_REVOKED: "The certification is revoked.",
    OtopStarsErrorCode.NOT_PURCHASED: "Only a shopper who bought the product may review it.",
    OtopStarsErrorCode.ALREADY_REVIEWED: "The shopper has already reviewed the product.",
    OtopStarsErrorCode.TOO_LONG: "The text is longer than allowed.",
    OtopStarsErrorCode.OUT_OF_RANGE: "The number is outside the range its field holds.",
    OtopStarsErrorCode.NOT_REVIEW_AUTHOR: "Only the review's author may edit it.",
    OtopStarsErrorCode.INVALID_MODERATION: "A review is either approved or rejected.",
    OtopStarsErrorCode.INVALID_FILE: "The file is not a readable CSV.",
    OtopStarsErrorCode.MISSING_COLUMNS: "The file lacks required columns.",
}

OtopStarsErrorCodeEnum = graphene.Enum.from_enum(
    OtopStarsErrorCode,
    description=lambda value: (
        "Why an OTOP stars mutation refused its input." if value is None else ERROR_CODE_DESCRIPTIONS[value]
    ),
)
OtopCertificationStatusEnum = described_enum(
    "OtopCertificationStatusEnum",
    CertificationStatus,
    "State of an official certification: active, expired (past its valid-until date) or revoked.",
)
OtopCertificationActionEnum = described_enum(
    "OtopCertificationActionEnum", CertificationAction, "What an audit trail entry records."
)
OtopReviewStatusEnum = described_enum(
    "OtopReviewStatusEnum", ReviewStatus, "Moderation state of a shopper review."
)
OtopReviewModerationEnum = graphene.Enum(
    "OtopReviewModerationEnum",
    [("APPROVED", ReviewStatus.APPROVED.value), ("REJECTED", ReviewStatus.REJECTED.value)],
    description=lambda value: (
        "A moderator's decision on a review."
        if value is None
        else {"approved": "Shown to everyone and counted.", "rejected": "Hidden and not counted."}[value.value]
    ),
)
OtopCertificationImportJobStatusEnum = described_enum(
    "OtopCertificationImportJobStatusEnum", ImportJobStatus, "Progress of a certification import."
)
OtopCertificationImportOutcomeEnum = graphene.Enum(
    "OtopCertificationImportOutcomeEnum",
    [("MATCHED", MATCHED), ("UNMATCHED", UNMATCHED), ("REJECTED", REJECTED)],
    description=lambda value: (
        "What became of an imported row."
        if value is None
        else {
            MATCHED: "A single product fits; its certification of the round is recorded.",
            UNMATCHED: "No product, or more than one, fits the row.",
            REJECTED: "A value is unusable or contradicts what is recorded.",
        }[value.value]
    ),
)
