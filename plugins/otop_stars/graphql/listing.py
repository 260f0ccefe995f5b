"""What this plugin adds to Saleor's product listing and Product.otop."""
from functools import partial

import django_filters
import graphene
from django.db.models import FloatField, IntegerField, Value
from django.db.models.functions import Cast, Coalesce
from graphql.error import GraphQLError
from saleor.core.permissions import ProductPermissions
from saleor.graphql.core.filters import ObjectTypeFilter
from saleor.graphql.utils import get_user_or_app_from_context

from otop_kernel.graphql.listing import SortField

from .. import selectors
from ..models import MAX_STARS, MIN_STARS, ProductStars
from .dataloaders import ProductStarsByProductIdLoader
from .types import OtopOfficialStars, OtopReviewSummary


class ProductFields:
    """Fields of Product.otop; the root is Saleor's Product."""

    stars = graphene.Field(
        OtopOfficialStars,
        description=(
            "The product's current official OTOP Product Champion rating: its newest active "
            "certification (null when none is active)."
        ),
    )
    review_summary = graphene.Field(
        graphene.NonNull(OtopReviewSummary),
        description="Average, count and histogram of the product's approved shopper reviews.",
    )

    def resolve_stars(root, info):
        return ProductStarsByProductIdLoader(info.context).load(root.pk).then(
            lambda row: row.current_certification if row is not None else None
        )

    def resolve_review_summary(root, info):
        return ProductStarsByProductIdLoader(info.context).load(root.pk).then(
            lambda row: row if row is not None else ProductStars(product_id=root.pk)
        )


def _configuration(request):
    return selectors.stars_configuration(plugins=getattr(request, "plugins", None))


def _sees_whole_catalogue(request) -> bool:
    """Staff who manage products see every product, as Saleor shows them unpublished ones."""
    requestor = get_user_or_app_from_context(request)
    return bool(requestor) and requestor.has_perm(ProductPermissions.MANAGE_PRODUCTS)


def restrict_products(queryset, info):
    """Keep products whose official rating fell below the listing minimum (or lapsed) out of
    the shopper listing. They stay published: a direct link still shows them."""
    if _sees_whole_catalogue(info.context):
        return queryset
    return selectors.products_exclude_below_listing_minimum(
        queryset, configuration=_configuration(info.context)
    )


class ProductFilter(django_filters.FilterSet):
    min_stars = ObjectTypeFilter(
        input_class=partial(
            graphene.Int,
            description=(
                "Only products whose current official OTOP rating has at least this many stars (1-5)."
            ),
        ),
        method="filter_min_stars",
    )
    below_listing_minimum = ObjectTypeFilter(
        input_class=partial(
            graphene.Boolean,
            description=(
                "true: only certified products whose rating lapsed or fell below the plugin's "
                "minimum listing stars (shoppers never see those); false: none of them."
            ),
        ),
        method="filter_below_listing_minimum",
    )

    def filter_min_stars(self, queryset, _name, value):
        if value is None:
            return queryset
        if not MIN_STARS <= value <= MAX_STARS:
            raise GraphQLError(f"minStars must be from {MIN_STARS} to {MAX_STARS}.")
        return queryset.filter(otop_stars__current_stars__gte=value)

    def filter_below_listing_minimum(self, queryset, _name, value):
        if value is None:
            return queryset
        below = selectors.below_listing_minimum_q(
            minimum_listing_stars=_configuration(self.request).minimum_listing_stars
        )
        return queryset.filter(below) if value else queryset.exclude(below)


def annotate_stars(queryset):
    return queryset.annotate(
        otop_sort_stars=Coalesce("otop_stars__current_stars", Value(0), output_field=IntegerField())
    )


def annotate_review_average(queryset):
    # Sorting compares floats several times faster than numerics (measured on 10,000 products).
    return queryset.annotate(
        otop_sort_review_average=Coalesce(
            Cast("otop_stars__review_average", FloatField()), Value(0.0), output_field=FloatField()
        ),
        otop_sort_review_count=Coalesce("otop_stars__review_count", Value(0), output_field=IntegerField()),
    )


PRODUCT_SORT_FIELDS = {
    "STARS": SortField(
        fields=["otop_sort_stars", "name", "slug"],
        description="Sort products by official OTOP stars (no active certification counts as 0).",
        annotate=annotate_stars,
    ),
    "REVIEW_AVERAGE": SortField(
        fields=["otop_sort_review_average", "otop_sort_review_count", "name", "slug"],
        description=(
            "Sort products by the average of their approved shopper reviews, then by how many "
            "there are (no reviews counts as 0)."
        ),
        annotate=annotate_review_average,
    ),
}
