"""Writes of the curation plugin: featured collections, their rules and refreshes, baselines."""
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from saleor.product.models import Collection, CollectionProduct, Product

from otop_kernel.input_limits import values_check
from plugins.otop_stars import selectors as star_selectors

from .error_codes import CurationErrorCode
from .models import (
    CollectionRefresh,
    CollectionRule,
    FeaturedCollection,
    FeaturedCollectionKind,
    ProductBaselinePrice,
    RefreshTrigger,
    Selection,
)
from .rules import RuleCriteria, rule_criteria_validate, rule_products


class _Unchanged:
    def __repr__(self):
        return "UNCHANGED"


UNCHANGED = _Unchanged()


def _error(field: str, message: str, code: CurationErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def _window_validate(visible_from: datetime.datetime, visible_until: datetime.datetime | None) -> None:
    if visible_until is not None and visible_until <= visible_from:
        raise _error(
            "visibleUntil",
            f"The window ends ({visible_until.isoformat()}) before it starts ({visible_from.isoformat()}).",
            CurationErrorCode.WINDOW_ENDS_BEFORE_START,
        )


def _kind_validate(kind: str) -> None:
    if kind not in FeaturedCollectionKind.values:
        raise _error("kind", f"Unknown kind {kind!r}.", CurationErrorCode.INVALID)


def _publication_date(visible_from: datetime.datetime) -> datetime.date:
    return timezone.localtime(visible_from).date()


def _unique_slug(name: str, slug: str) -> str:
    slug = slugify(slug or name, allow_unicode=False)
    if not slug:
        raise _error("slug", "A slug needs latin letters or digits; give one explicitly.", CurationErrorCode.REQUIRED)
    return slug


def _names_validate(*, name: str, slug: str, exclude_pk: int | None = None) -> None:
    collections = Collection.objects.all()
    if exclude_pk is not None:
        collections = collections.exclude(pk=exclude_pk)
    if not name.strip():
        raise _error("name", "A name is required.", CurationErrorCode.REQUIRED)
    if collections.filter(name=name).exists():
        raise _error("name", f"A collection named {name!r} already exists.", CurationErrorCode.UNIQUE)
    if collections.filter(slug=slug).exists():
        raise _error("slug", f"A collection with slug {slug!r} already exists.", CurationErrorCode.UNIQUE)


def _distinct_products(product_ids: Sequence[int], field: str = "products") -> list[int]:
    seen = set()
    for product_id in product_ids:
        if product_id in seen:
            raise _error(field, f"Product {product_id} is listed twice.", CurationErrorCode.DUPLICATED_PRODUCT)
        seen.add(product_id)
    return list(product_ids)


def featured_collection_create(
    *,
    name: str,
    kind: str,
    selection: str,
    slug: str = "",
    description: str = "",
    visible_from: datetime.datetime | None = None,
    visible_until: datetime.datetime | None = None,
    is_published: bool = True,
    position: int = 0,
    product_ids: Sequence[int] = (),
    rule: RuleCriteria | None = None,
) -> FeaturedCollection:
    """A new Saleor collection, featured: hand-picked with `product_ids` in order, or rule-based."""
    visible_from = visible_from or timezone.now()
    values_check(Collection, {"name": name, "slug": slug, "description": description}, codes=CurationErrorCode)
    values_check(FeaturedCollection, {"position": position}, codes=CurationErrorCode)
    _kind_validate(kind)
    _window_validate(visible_from, visible_until)
    slug = _unique_slug(name, slug)
    _names_validate(name=name, slug=slug)
    if selection == Selection.RULE_BASED:
        if rule is None:
            raise _error("rule", "A rule-based collection needs a rule.", CurationErrorCode.RULE_REQUIRED)
        if product_ids:
            raise _error(
                "products", "A rule-based collection's products come from its rule.", CurationErrorCode.NOT_HAND_PICKED
            )
        rule_criteria_validate(rule)
    elif selection == Selection.HAND_PICKED:
        if rule is not None:
            raise _error("rule", "A hand-picked collection has no rule.", CurationErrorCode.NOT_RULE_BASED)
        product_ids = _distinct_products(product_ids)
    else:
        raise _error("selection", f"Unknown selection {selection!r}.", CurationErrorCode.INVALID)

    with transaction.atomic():
        collection = Collection.objects.create(
            name=name,
            slug=slug,
            description=description,
            is_published=is_published,
            publication_date=_publication_date(visible_from),
        )
        featured = FeaturedCollection.objects.create(
            collection=collection,
            kind=kind,
            selection=selection,
            visible_from=visible_from,
            visible_until=visible_until,
            position=position,
        )
        if selection == Selection.RULE_BASED:
            CollectionRule.objects.create(featured_collection=featured, **rule.as_model_values())
            rule_collection_refresh(featured_collection_id=featured.pk, trigger=RefreshTrigger.CREATED)
        else:
            CollectionProduct.objects.bulk_create(
                CollectionProduct(collection=collection, product_id=product_id, sort_order=index)
                for index, product_id in enumerate(product_ids)
            )
    return featured


def featured_collection_update(
    *,
    featured_collection: FeaturedCollection,
    name=UNCHANGED,
    description=UNCHANGED,
    kind=UNCHANGED,
    visible_from=UNCHANGED,
    visible_until=UNCHANGED,
    is_published=UNCHANGED,
    position=UNCHANGED,
    rule=UNCHANGED,
) -> FeaturedCollection:
    """Change what is given; a new rule is applied at once (the refresh is logged)."""
    collection = featured_collection.collection
    given = {"name": name, "description": description}
    values_check(Collection, {key: value for key, value in given.items() if value is not UNCHANGED}, codes=CurationErrorCode)
    if position is not UNCHANGED:
        values_check(FeaturedCollection, {"position": position}, codes=CurationErrorCode)
    new_from = featured_collection.visible_from if visible_from is UNCHANGED else visible_from
    new_until = featured_collection.visible_until if visible_until is UNCHANGED else visible_until
    if new_from is None:
        raise _error("visibleFrom", "A window needs a start.", CurationErrorCode.REQUIRED)
    _window_validate(new_from, new_until)
    if kind is not UNCHANGED:
        _kind_validate(kind)
    if name is not UNCHANGED:
        _names_validate(name=name, slug=collection.slug, exclude_pk=collection.pk)
    if rule is not UNCHANGED:
        if featured_collection.selection != Selection.RULE_BASED:
            raise _error("rule", "A hand-picked collection has no rule.", CurationErrorCode.NOT_RULE_BASED)
        rule_criteria_validate(rule)

    with transaction.atomic():
        if name is not UNCHANGED:
            collection.name = name
        if description is not UNCHANGED:
            collection.description = description
        if is_published is not UNCHANGED:
            collection.is_published = is_published
        collection.publication_date = _publication_date(new_from)
        if is_published is UNCHANGED and _window_open_again(featured_collection, new_until):
            collection.is_published = True
        collection.save()
        featured_collection.visible_from = new_from
        featured_collection.visible_until = new_until
        if kind is not UNCHANGED:
            featured_collection.kind = kind
        if position is not UNCHANGED:
            featured_collection.position = position
        featured_collection.save()
        if rule is not UNCHANGED:
            CollectionRule.objects.update_or_create(
                featured_collection=featured_collection, defaults=rule.as_model_values()
            )
            rule_collection_refresh(featured_collection_id=featured_collection.pk, trigger=RefreshTrigger.RULE_CHANGED)
    return featured_collection


def _window_open_again(featured_collection: FeaturedCollection, new_until) -> bool:
    """A collection the nightly task closed is published again when its end moves past now."""
    was_closed_by_window = (
        featured_collection.visible_until is not None and featured_collection.visible_until <= timezone.now()
    )
    reopened = new_until is None or new_until > timezone.now()
    return was_closed_by_window and reopened


def _hand_picked(featured_collection: FeaturedCollection) -> None:
    if featured_collection.selection != Selection.HAND_PICKED:
        raise _error(
            "collection",
            "The products of a rule-based collection come from its rule; change the rule instead.",
            CurationErrorCode.NOT_HAND_PICKED,
        )


def featured_collection_products_add(*, featured_collection: FeaturedCollection, product_ids: Sequence[int]) -> None:
    """Append products to a hand-picked collection, in the given order."""
    _hand_picked(featured_collection)
    product_ids = _distinct_products(product_ids)
    collection_id = featured_collection.pk
    with transaction.atomic():
        FeaturedCollection.objects.select_for_update().filter(pk=collection_id).first()
        present = set(
            CollectionProduct.objects.filter(collection_id=collection_id, product_id__in=product_ids).values_list(
                "product_id", flat=True
            )
        )
        if present:
            raise _error(
                "products",
                f"Already in the collection: products {', '.join(map(str, sorted(present)))}.",
                CurationErrorCode.DUPLICATED_PRODUCT,
            )
        start = _next_sort_order(collection_id)
        CollectionProduct.objects.bulk_create(
            CollectionProduct(collection_id=collection_id, product_id=product_id, sort_order=start + index)
            for index, product_id in enumerate(product_ids)
        )


def featured_collection_products_remove(
    *, featured_collection: FeaturedCollection, product_ids: Sequence[int]
) -> None:
    _hand_picked(featured_collection)
    product_ids = _distinct_products(product_ids)
    with transaction.atomic():
        _require_members(featured_collection.pk, product_ids)
        CollectionProduct.objects.filter(collection_id=featured_collection.pk, product_id__in=product_ids).delete()


def _require_members(collection_id: int, product_ids: Sequence[int]) -> None:
    present = set(
        CollectionProduct.objects.filter(collection_id=collection_id, product_id__in=product_ids).values_list(
            "product_id", flat=True
        )
    )
    missing = [product_id for product_id in product_ids if product_id not in present]
    if missing:
        raise _error(
            "products",
            f"Not in the collection: products {', '.join(map(str, missing))}.",
            CurationErrorCode.PRODUCT_NOT_IN_COLLECTION,
        )


def featured_collection_reorder(*, featured_collection: FeaturedCollection, product_ids: Sequence[int]) -> None:
    """Put the listed products first, in the given order; the others follow in their order."""
    product_ids = _distinct_products(product_ids)
    collection_id = featured_collection.pk
    with transaction.atomic():
        FeaturedCollection.objects.select_for_update().filter(pk=collection_id).first()
        _require_members(collection_id, product_ids)
        rows = list(
            CollectionProduct.objects.filter(collection_id=collection_id).order_by(
                F("sort_order").asc(nulls_last=True), "pk"
            )
        )
        by_product = {row.product_id: row for row in rows}
        listed = [by_product[product_id] for product_id in product_ids]
        ordered = listed + [row for row in rows if row.product_id not in set(product_ids)]
        for index, row in enumerate(ordered):
            row.sort_order = index
        CollectionProduct.objects.bulk_update(ordered, ["sort_order"])


def _next_sort_order(collection_id: int) -> int:
    current = CollectionProduct.objects.filter(collection_id=collection_id).aggregate(top=Max("sort_order"))["top"]
    return 0 if current is None else current + 1


def rule_collection_refresh(*, featured_collection_id: int, trigger: str) -> CollectionRefresh:
    """Make a rule-based collection hold exactly what its rule matches now; log the change.

    Kept products keep their place (curators may have reordered them); new ones are appended,
    highest stars first.
    """
    with transaction.atomic():
        featured = (
            FeaturedCollection.objects.select_for_update(of=("self",)).select_related("rule").get(pk=featured_collection_id)
        )
        if featured.selection != Selection.RULE_BASED:
            raise _error("collection", "Only rule-based collections are refreshed.", CurationErrorCode.NOT_RULE_BASED)
        matched = _ordered_matches(RuleCriteria.of_rule(featured.rule))
        return _apply(featured, matched=matched, scope=None, trigger=trigger, log_unchanged=True)


def _ordered_matches(criteria: RuleCriteria, product_ids: Iterable[int] | None = None) -> list[int]:
    products = rule_products(criteria, product_ids=product_ids).order_by(
        star_selectors.product_stars_descending(), "name", "pk"
    )
    return list(products.values_list("pk", flat=True))


def _apply(
    featured: FeaturedCollection,
    *,
    matched: list[int],
    scope: list[int] | None,
    trigger: str,
    log_unchanged: bool,
) -> CollectionRefresh | None:
    members = CollectionProduct.objects.filter(collection_id=featured.pk)
    if scope is not None:
        members = members.filter(product_id__in=scope)
    current = set(members.values_list("product_id", flat=True))
    matched_set = set(matched)
    removed = current - matched_set
    added = [product_id for product_id in matched if product_id not in current]
    if removed:
        CollectionProduct.objects.filter(collection_id=featured.pk, product_id__in=removed).delete()
    if added:
        start = _next_sort_order(featured.pk)
        CollectionProduct.objects.bulk_create(
            CollectionProduct(collection_id=featured.pk, product_id=product_id, sort_order=start + index)
            for index, product_id in enumerate(added)
        )
    if not (added or removed or log_unchanged):
        return None
    return CollectionRefresh.objects.create(
        featured_collection=featured,
        trigger=trigger,
        scope_size=None if scope is None else len(scope),
        matched_count=len(matched_set),
        added_count=len(added),
        removed_count=len(removed),
        product_count=CollectionProduct.objects.filter(collection_id=featured.pk).count(),
    )


def rule_collections_refresh_all(*, trigger: str = RefreshTrigger.NIGHTLY) -> list[CollectionRefresh]:
    """Refresh every rule-based collection, each in its own transaction."""
    ids = FeaturedCollection.objects.filter(selection=Selection.RULE_BASED).values_list("pk", flat=True)
    return [rule_collection_refresh(featured_collection_id=pk, trigger=trigger) for pk in list(ids)]


def rule_collections_apply_for_products(*, product_ids: Iterable[int]) -> list[CollectionRefresh]:
    """Re-evaluate only these products against every rule; logs the collections that changed."""
    scope = sorted(set(product_ids))
    if not scope:
        return []
    refreshes = []
    rule_based = FeaturedCollection.objects.filter(selection=Selection.RULE_BASED)
    for featured_id in list(rule_based.values_list("pk", flat=True)):
        with transaction.atomic():
            featured = FeaturedCollection.objects.select_for_update(of=("self",)).select_related("rule").get(pk=featured_id)
            matched = _ordered_matches(RuleCriteria.of_rule(featured.rule), product_ids=scope)
            refresh = _apply(
                featured, matched=matched, scope=scope, trigger=RefreshTrigger.INPUTS_CHANGED, log_unchanged=False
            )
        if refresh is not None:
            refreshes.append(refresh)
    return refreshes


def rule_collections_refresh_for_products(*, product_ids: Iterable[int]) -> None:
    """Call when facts a rule reads changed for these products (stars, provenance, producer,
    export eligibility, publication). Safe inside a transaction: the refresh is queued on
    commit and runs in a Celery worker, so the caller's write does not wait for it."""
    from .tasks import rule_collections_refresh_for_products_task

    ids = sorted({int(product_id) for product_id in product_ids})
    if ids:
        transaction.on_commit(lambda: rule_collections_refresh_for_products_task.delay(ids))


def featured_collections_close_ended(*, now: datetime.datetime | None = None) -> int:
    """Unpublish (in Saleor) the collections whose window has ended; Saleor has no end date."""
    now = now or timezone.now()
    ended = FeaturedCollection.objects.filter(visible_until__lte=now).values("pk")
    return Collection.objects.filter(pk__in=ended, is_published=True).update(is_published=False)


def product_baseline_price_record(
    *,
    product: Product,
    amount: Decimal,
    recorded_on: datetime.date,
    note: str = "",
    user=None,
) -> ProductBaselinePrice:
    """Record (or correct) the price a product had when it entered the programme."""
    amount = Decimal(str(amount)) if amount is not None else Decimal(0)
    if amount <= 0:
        raise _error("amount", f"A baseline price must be above 0, got {amount}.", CurationErrorCode.INVALID_PRICE)
    if recorded_on > timezone.localdate():
        raise _error("recordedOn", "A baseline is recorded on or before today.", CurationErrorCode.INVALID)
    values_check(ProductBaselinePrice, {"amount": amount, "note": note}, codes=CurationErrorCode)
    baseline, _created = ProductBaselinePrice.objects.update_or_create(
        product=product,
        defaults={
            "amount": amount.quantize(Decimal("0.01")),
            "currency": product.currency,
            "recorded_on": recorded_on,
            "note": note,
            "recorded_by": user,
        },
    )
    return baseline
