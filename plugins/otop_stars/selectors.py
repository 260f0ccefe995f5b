"""Reads of the star ratings plugin (other plugins use these, see CONTRACTS.md)."""
from collections.abc import Iterable

from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import OrderBy
from saleor.order import OrderStatus
from saleor.order.models import OrderLine

from otop_kernel.producer_access import producer_access

from .models import (
    Certification,
    CertificationStatus,
    ProductStars,
    Review,
    ReviewStatus,
)
from .permissions import OtopStarsPermissions
from .plugin import OtopStarsPlugin, StarsConfiguration

# The newest active certification is the current one.
CURRENT_FIRST = ("-round_year", "-recorded_at", "-pk")


def stars_configuration(*, plugins=None) -> StarsConfiguration:
    """The plugin's typed configuration; pass a request's `plugins` manager to reuse it."""
    return OtopStarsPlugin.settings_read(plugins=plugins)


def current_stars_by_product_ids(*, product_ids: Iterable[int]) -> dict[int, int | None]:
    """Official stars of each product's current certification (None: none active). One query."""
    product_ids = list(product_ids)
    found = dict(
        ProductStars.objects.filter(product_id__in=product_ids).values_list(
            "product_id", "current_stars"
        )
    )
    return {product_id: found.get(product_id) for product_id in product_ids}


def product_stars_by_product_ids(*, product_ids: Iterable[int]) -> dict[int, ProductStars]:
    rows = ProductStars.objects.filter(product_id__in=list(product_ids)).select_related(
        "current_certification"
    )
    return {row.product_id: row for row in rows}


def certification_current(*, product_id: int) -> Certification | None:
    return (
        Certification.objects.filter(product_id=product_id, status=CertificationStatus.ACTIVE)
        .order_by(*CURRENT_FIRST)
        .first()
    )


def certifications_of_product(*, product_id: int) -> QuerySet:
    return Certification.objects.filter(product_id=product_id).order_by(*CURRENT_FIRST)


def below_listing_minimum_q(*, minimum_listing_stars: int) -> Q:
    """Products the star rule keeps out of the listing: certified once, and now without an
    active certification or below the minimum. Never-certified products are not judged here."""
    return Q(otop_stars__has_certification_history=True) & (
        Q(otop_stars__current_stars__isnull=True)
        | Q(otop_stars__current_stars__lt=minimum_listing_stars)
    )


def product_stars_at_least_q(*, stars: int, via: str = "") -> Q:
    """Products whose current official stars are at least `stars` (a condition on Saleor's
    Product; `via`: the path to Product from another model)."""
    path = "otop_stars__current_stars__gte"
    return Q(**{f"{via}__{path}" if via else path: stars})


def product_stars_descending() -> OrderBy:
    """Orders Saleor's products by their current official stars, most first, unrated last."""
    return F("otop_stars__current_stars").desc(nulls_last=True)


def products_exclude_below_listing_minimum(
    queryset: QuerySet, *, configuration: StarsConfiguration
) -> QuerySet:
    if not configuration.active:
        return queryset
    return queryset.exclude(
        below_listing_minimum_q(minimum_listing_stars=configuration.minimum_listing_stars)
    )


def product_stars_is_listed(
    product_stars: ProductStars | None, *, configuration: StarsConfiguration
) -> bool:
    """The same rule as `below_listing_minimum_q`, for one loaded row."""
    if product_stars is None or not product_stars.has_certification_history:
        return True
    return (product_stars.current_stars or 0) >= configuration.minimum_listing_stars


def user_can_manage_certifications(*, user) -> bool:
    return bool(user and user.is_active and user.has_perm(OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION))


def user_can_moderate_reviews(*, user) -> bool:
    return bool(user and user.is_active and user.has_perm(OtopStarsPermissions.MODERATE_OTOP_REVIEWS))


def user_reads_product_as_producer(*, user, product_id: int) -> bool:
    return producer_access().can_read_product(user=user, product_id=product_id)


def user_can_read_certifications(*, user, product_id: int) -> bool:
    """Programme staff read every history; a producer's people read their own products'."""
    return user_can_manage_certifications(user=user) or user_reads_product_as_producer(
        user=user, product_id=product_id
    )


def user_has_bought_product(*, user, product_id: int) -> bool:
    """An order of the user's (neither draft nor cancelled) has a line of one of the
    product's variants."""
    if not (user and user.is_authenticated):
        return False
    return (
        OrderLine.objects.filter(order__user=user, variant__product_id=product_id)
        .exclude(order__status__in=[OrderStatus.DRAFT, OrderStatus.CANCELED])
        .exists()
    )


def reviews_visible_to(*, user, product_id: int | None = None) -> QuerySet:
    """Approved reviews for everyone; also a shopper's own, every review for moderators, and
    every review of their producers' products for a producer's people."""
    reviews = Review.objects.all()
    if product_id is not None:
        reviews = reviews.filter(product_id=product_id)
    if user_can_moderate_reviews(user=user):
        return reviews
    visible = Q(status=ReviewStatus.APPROVED)
    if user and user.is_authenticated:
        visible |= Q(user=user)
        visible |= Q(product_id__in=producer_access().readable_product_ids(user=user))
    return reviews.filter(visible)


def product_counts_by_min_stars(*, products: QuerySet, levels: Iterable[int]) -> dict[int, int]:
    """How many of `products` hold at least each star level (facet counts); one query."""
    rows = ProductStars.objects.filter(product_id__in=products.order_by().values("pk"))
    counts = rows.aggregate(**{f"at_least_{level}": Count("pk", filter=Q(current_stars__gte=level)) for level in levels})
    return {level: counts[f"at_least_{level}"] for level in levels}


def certifications_expiring(*, product_ids, within_days: int = 90) -> QuerySet:
    """Active certifications of these products that run out within `within_days` days."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return Certification.objects.filter(
        product_id__in=product_ids, status=CertificationStatus.ACTIVE,
        valid_until__gte=today, valid_until__lte=today + timedelta(days=within_days),
    ).select_related("product").order_by("valid_until")
