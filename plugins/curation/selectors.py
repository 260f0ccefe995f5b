"""Reads of the curation plugin (the programme report is in report.py)."""
import datetime
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from saleor.product.models import CollectionProduct, Product

from .models import CollectionRefresh, CollectionRule, FeaturedCollection
from .plugin import CurationConfiguration, CurationPlugin


def curation_configuration(*, plugins=None) -> CurationConfiguration:
    """The plugin's typed configuration (targets); pass a request's `plugins` manager to reuse it."""
    return CurationPlugin.settings_read(plugins=plugins)


def in_window_condition(*, at: datetime.datetime) -> Q:
    return Q(visible_from__lte=at) & (Q(visible_until__isnull=True) | Q(visible_until__gt=at))


def featured_collections_visible(*, at: datetime.datetime | None = None, kind: str | None = None) -> QuerySet:
    """What shoppers see: published collections inside their window, in curated order."""
    at = at or timezone.now()
    featured = FeaturedCollection.objects.filter(in_window_condition(at=at), collection__is_published=True)
    if kind:
        featured = featured.filter(kind=kind)
    return featured.select_related("collection").order_by("position", "collection__slug")


def featured_collections_all(*, kind: str | None = None, selection: str | None = None) -> QuerySet:
    featured = FeaturedCollection.objects.all()
    if kind:
        featured = featured.filter(kind=kind)
    if selection:
        featured = featured.filter(selection=selection)
    return featured.select_related("collection", "rule").order_by("position", "collection__slug")


def featured_collection_by_slug(*, slug: str, visible_only: bool = True) -> FeaturedCollection | None:
    featured = featured_collections_visible() if visible_only else featured_collections_all()
    return featured.filter(collection__slug=slug).first()


def products_by_collection_ids(
    *, collection_ids: Iterable[int], first: int, visible_only: bool = True
) -> dict[int, list[Product]]:
    """The first `first` products of each collection in curated order; two queries for all.

    A window function ranks each collection's products so the limit applies per collection.
    """
    collection_ids = list(collection_ids)
    if not collection_ids:
        return {}
    members = CollectionProduct.objects.filter(collection_id__in=collection_ids)
    if visible_only:
        members = members.filter(product__in=Product.objects.published())
    ranked = members.annotate(
        rank=Window(
            expression=RowNumber(),
            partition_by=[F("collection_id")],
            order_by=[F("sort_order").asc(nulls_last=True), F("pk").asc()],
        )
    ).values("pk", "rank")
    sql, params = ranked.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ranked.id FROM ({sql}) AS ranked WHERE ranked.rank <= %s", [*params, first])
        ids = [row[0] for row in cursor.fetchall()]
    found: dict[int, list[Product]] = {collection_id: [] for collection_id in collection_ids}
    links = (
        CollectionProduct.objects.filter(pk__in=ids)
        .select_related("product")
        .order_by("collection_id", F("sort_order").asc(nulls_last=True), "pk")
    )
    for link in links:
        found[link.collection_id].append(link.product)
    return found


def product_counts_by_collection_ids(*, collection_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        CollectionProduct.objects.filter(collection_id__in=list(collection_ids))
        .values("collection_id")
        .annotate(count=Count("id"))
    )
    return {row["collection_id"]: row["count"] for row in rows}


def latest_refresh_by_collection_ids(*, collection_ids: Iterable[int]) -> dict[int, CollectionRefresh]:
    refreshes = (
        CollectionRefresh.objects.filter(featured_collection_id__in=list(collection_ids))
        .order_by("featured_collection_id", "-refreshed_at", "-id")
        .distinct("featured_collection_id")
    )
    return {refresh.featured_collection_id: refresh for refresh in refreshes}


def refreshes_of_collection(*, collection_id: int, first: int) -> list[CollectionRefresh]:
    return list(CollectionRefresh.objects.filter(featured_collection_id=collection_id)[:first])


def rules_by_collection_ids(*, collection_ids: Iterable[int]) -> dict[int, CollectionRule]:
    rules = CollectionRule.objects.filter(featured_collection_id__in=list(collection_ids))
    return {rule.featured_collection_id: rule for rule in rules}
