"""What search adds to Saleor's product listing: results in order of relevance.

Saleor's `filter: {search:}` narrows the products through SEARCH_BACKEND; the connection
then orders them. With a search phrase and no `sortBy`, the order is RELEVANCE: products
whose name matches first, then those matched by producer, place, GI or category, then by
description; more official stars first within each; newest first among equals.
"""
from django.db.models import IntegerField, Value
from saleor.graphql.core.fields import FilterInputConnectionField

from otop_kernel.graphql.listing import SortField

from ..engine import RANK_ANNOTATION
from ..selectors import products_rank

RELEVANCE = "RELEVANCE"
RELEVANCE_FIELDS = [RANK_ANNOTATION, "pk"]


class ProductFields:
    """Search adds no field to Product.otop."""


class ProductFilter:
    """Search is Saleor's own `search` filter, served by plugins/search/backend.py."""


def _rank_when_not_searching(queryset):
    if RANK_ANNOTATION in queryset.query.annotations:
        return queryset
    return queryset.annotate(**{RANK_ANNOTATION: Value(0, output_field=IntegerField())})


PRODUCT_SORT_FIELDS = {
    RELEVANCE: SortField(
        fields=RELEVANCE_FIELDS,
        description=(
            "Sort by relevance to the search phrase (the default when `filter.search` is "
            "given): name matches first, then more official stars."
        ),
        annotate=_rank_when_not_searching,
    ),
}


def _search_phrase(args, filters_name="filter") -> str:
    return ((args.get(filters_name) or {}).get("search") or "").strip()


def _sorts_by_relevance(sort_by) -> bool:
    return bool(sort_by) and sort_by.get("field") == RELEVANCE_FIELDS


class RankedProductsConnectionField(FilterInputConnectionField):
    """Saleor's filtered connection (its `sort_by` argument our ProductOrder), ordered by
    relevance when searching."""

    def get_resolver(self, parent_resolver):
        resolve_connection = super().get_resolver(parent_resolver)
        sort_input = self.args["sort_by"].type

        def resolve_ranked(root, info, **args):
            if _search_phrase(args, self.filter_field_name) and not args.get("sort_by"):
                args["sort_by"] = sort_input._meta.container({"field": RELEVANCE_FIELDS, "direction": "-"})
            return resolve_connection(root, info, **args)

        return resolve_ranked

    @classmethod
    def resolve_connection(cls, connection, args, iterable):
        phrase = _search_phrase(args)
        if phrase and _sorts_by_relevance(args.get("sort_by")):
            iterable = products_rank(queryset=iterable, phrase=phrase)
        return super().resolve_connection(connection, args, iterable)
