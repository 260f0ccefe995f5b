"""Shoppers' reviews: write, edit, moderate, and the review summary of a product."""
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from saleor.product.models import Product

from ..error_codes import OtopStarsErrorCode
from ..errors import field_error, raise_errors
from ..models import (
    MAX_STARS,
    MIN_STARS,
    REVIEW_TEXT_MAX_LENGTH,
    REVIEW_TITLE_MAX_LENGTH,
    ProductStars,
    Review,
    ReviewStatus,
)
from ..selectors import (
    user_has_bought_product,
)
from .certifications import REASON_MAX_LENGTH, lock_product_stars


def _clean_review_values(*, stars, title: str, text: str) -> dict[str, Any]:
    errors = {}
    title = (title or "").strip()
    text = (text or "").strip()
    if not isinstance(stars, int) or not MIN_STARS <= stars <= MAX_STARS:
        errors["stars"] = field_error(
            f"Stars must be a whole number from {MIN_STARS} to {MAX_STARS}.",
            OtopStarsErrorCode.INVALID_STARS,
        )
    if not title:
        errors["title"] = field_error("A review needs a title.", OtopStarsErrorCode.REQUIRED)
    elif len(title) > REVIEW_TITLE_MAX_LENGTH:
        errors["title"] = field_error(
            f"A title has at most {REVIEW_TITLE_MAX_LENGTH} characters.", OtopStarsErrorCode.TOO_LONG
        )
    if len(text) > REVIEW_TEXT_MAX_LENGTH:
        errors["text"] = field_error(
            f"A review has at most {REVIEW_TEXT_MAX_LENGTH} characters; this one has {len(text)}.",
            OtopStarsErrorCode.TOO_LONG,
        )
    raise_errors(errors)
    return {"stars": stars, "title": title, "text": text}


def review_create(*, product: Product, user, stars: int, title: str, text: str = "") -> Review:
    """A shopper reviews a product they bought; the review waits for moderation."""
    values = _clean_review_values(stars=stars, title=title, text=text)
    errors = {}
    if not user_has_bought_product(user=user, product_id=product.pk):
        errors["product"] = field_error(
            "Only a shopper who bought the product can review it.", OtopStarsErrorCode.NOT_PURCHASED
        )
    elif Review.objects.filter(product=product, user=user).exists():
        errors["product"] = field_error(
            "You have already reviewed this product; edit that review instead.",
            OtopStarsErrorCode.ALREADY_REVIEWED,
        )
    raise_errors(errors)
    try:
        with transaction.atomic():
            return Review.objects.create(product=product, user=user, **values)
    except IntegrityError:
        raise_errors(
            {
                "product": field_error(
                    "You have already reviewed this product; edit that review instead.",
                    OtopStarsErrorCode.ALREADY_REVIEWED,
                )
            }
        )


def review_update(
    *,
    review: Review,
    user,
    stars: int | None = None,
    title: str | None = None,
    text: str | None = None,
) -> Review:
    """The author edits their review; the edited review waits for moderation again."""
    if review.user_id is None or user is None or review.user_id != user.pk:
        raise_errors(
            {"id": field_error("Only the author can edit a review.", OtopStarsErrorCode.NOT_REVIEW_AUTHOR)}
        )
    values = _clean_review_values(
        stars=review.stars if stars is None else stars,
        title=review.title if title is None else title,
        text=review.text if text is None else text,
    )
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        was_approved = review.status == ReviewStatus.APPROVED
        for name, value in values.items():
            setattr(review, name, value)
        review.status = ReviewStatus.PENDING
        review.moderated_by = None
        review.moderated_at = None
        review.moderation_note = ""
        review.save()
        if was_approved:
            product_stars_recompute_reviews(product_id=review.product_id)
    return review


def review_moderate(*, review: Review, moderator, status: str, note: str = "") -> Review:
    if status not in (ReviewStatus.APPROVED, ReviewStatus.REJECTED):
        raise_errors(
            {
                "status": field_error(
                    "A review is either approved or rejected.", OtopStarsErrorCode.INVALID_MODERATION
                )
            }
        )
    note = (note or "").strip()
    if len(note) > REASON_MAX_LENGTH:
        raise_errors(
            {"note": field_error(f"A note has at most {REASON_MAX_LENGTH} characters.", OtopStarsErrorCode.TOO_LONG)}
        )
    with transaction.atomic():
        review = Review.objects.select_for_update().get(pk=review.pk)
        review.status = status
        review.moderated_by = moderator if moderator is not None and moderator.is_authenticated else None
        review.moderated_at = timezone.now()
        review.moderation_note = note
        review.save(update_fields=["status", "moderated_by", "moderated_at", "moderation_note", "updated_at"])
        product_stars_recompute_reviews(product_id=review.product_id)
    return review


def product_stars_recompute_reviews(*, product_id: int) -> ProductStars:
    """Average, count and histogram of the product's approved reviews."""
    with transaction.atomic():
        product_stars = lock_product_stars(product_id)
        approved = Review.objects.filter(product_id=product_id, status=ReviewStatus.APPROVED)
        counts = dict(
            approved.order_by().values("stars").annotate(count=Count("pk")).values_list("stars", "count")
        )
        average = approved.aggregate(average=Avg("stars"))["average"]
        product_stars.review_histogram = {str(level): counts.get(level, 0) for level in range(MIN_STARS, MAX_STARS + 1)}
        product_stars.review_count = sum(counts.values())
        product_stars.review_average = (
            None if average is None else Decimal(average).quantize(Decimal("0.01"))
        )
        product_stars.save(
            update_fields=["review_histogram", "review_count", "review_average", "updated_at"]
        )
    return product_stars
