"""Writes of the star ratings plugin, one module per seam: certifications (with their audit
trail and the per-product summary listings filter and sort by), reviews, and the notices to
producers. Import from here: `from plugins.otop_stars.services import certification_grant`."""
from .certifications import (
    CERTIFICATE_NUMBER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    UNCHANGED,
    ExpiryResult,
    ListingChange,
    certification_correct,
    certification_default_valid_until,
    certification_expire_due,
    certification_grant,
    certification_revoke,
    certification_snapshot,
    product_stars_recompute_certification,
)
from .notifications import (
    certifications_expiring_notify,
    stars_delisting_notify,
    stars_delisting_notify_on_commit,
)
from .reviews import product_stars_recompute_reviews, review_create, review_moderate, review_update

__all__ = [
    "CERTIFICATE_NUMBER_MAX_LENGTH",
    "REASON_MAX_LENGTH",
    "UNCHANGED",
    "ExpiryResult",
    "ListingChange",
    "certification_correct",
    "certification_default_valid_until",
    "certification_expire_due",
    "certification_grant",
    "certification_revoke",
    "certification_snapshot",
    "product_stars_recompute_certification",
    "product_stars_recompute_reviews",
    "review_create",
    "review_moderate",
    "review_update",
    "certifications_expiring_notify",
    "stars_delisting_notify",
    "stars_delisting_notify_on_commit",
]
