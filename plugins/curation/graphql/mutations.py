"""Curators' mutations: they turn GraphQL input into service calls and nothing more."""

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.utils import from_global_id_strict_type
from saleor.product.models import Product as ProductModel

from otop_kernel.graphql.enums import OtopCategoryEnum
from otop_kernel.graphql.mutations import OtopBaseMutation

from .. import services
from ..error_codes import CurationErrorCode
from ..models import FeaturedCollection as FeaturedCollectionModel
from ..models import RefreshTrigger, Selection
from ..permissions import CurationPermissions
from ..rules import RuleCriteria
from ..tasks import collection_refresh_task
from .enums import CollectionSelectionEnum, FeaturedCollectionKindEnum
from .types import (
    CurationError,
    FeaturedCollection,
    FeaturedCollectionRefresh,
    ProductBaselinePrice,
)

NEEDS_CURATION = "Requires one of the following permissions: MANAGE_OTOP_CURATION."


class CurationMutation(OtopBaseMutation):
    error_codes = CurationErrorCode
    meta_defaults = {"error_type_class": CurationError, "error_type_field": "curation_errors", "permissions": (CurationPermissions.MANAGE_OTOP_CURATION,)}

    class Meta:
        abstract = True


def _featured_collection(collection_id: str, field: str = "id") -> FeaturedCollectionModel:
    pk = from_global_id_strict_type(collection_id, "Collection", field=field)
    featured = FeaturedCollectionModel.objects.select_related("collection").filter(pk=pk).first()
    if featured is None:
        raise ValidationError(
            {field: ValidationError(f"No featured collection {collection_id}.", code=CurationErrorCode.NOT_FOUND.value)}
        )
    return featured


def _product_pks(product_ids: list[str], field: str = "products") -> list[int]:
    pks = [int(from_global_id_strict_type(global_id, "Product", field=field)) for global_id in product_ids]
    existing = set(ProductModel.objects.filter(pk__in=pks).values_list("pk", flat=True))
    missing = [global_id for global_id, pk in zip(product_ids, pks, strict=True) if pk not in existing]
    if missing:
        raise ValidationError(
            {field: ValidationError(f"No such products: {', '.join(missing)}.", code=CurationErrorCode.NOT_FOUND.value)}
        )
    return pks


def _rule(data) -> RuleCriteria:
    return RuleCriteria.build(
        min_stars=data.get("min_stars"),
        region_codes=data.get("regions"),
        province_codes=data.get("provinces"),
        categories=data.get("categories"),
        gi_slugs=data.get("geographical_indications"),
        producer_slugs=data.get("producers"),
        market_codes=data.get("markets"),
    )


class FeaturedCollectionRuleInput(graphene.InputObjectType):
    min_stars = graphene.Int(description="Lowest official star level (1-5).")
    regions = graphene.List(graphene.NonNull(graphene.String), description="Region codes, e.g. NORTHEAST.")
    provinces = graphene.List(graphene.NonNull(graphene.String), description="DOPA province codes, e.g. 46.")
    categories = graphene.List(graphene.NonNull(OtopCategoryEnum), description="OTOP categories.")
    geographical_indications = graphene.List(
        graphene.NonNull(graphene.String), description="Slugs of Geographical Indications."
    )
    producers = graphene.List(graphene.NonNull(graphene.String), description="Producer slugs.")
    markets = graphene.List(
        graphene.NonNull(graphene.String), description="Export market country codes; eligible for each."
    )

    class Meta:
        description = "A rule: every criterion given must hold; any listed value of a criterion matches."


class FeaturedCollectionWindowFields:
    visible_from = graphene.DateTime(description="Start of the publication window; now when not given.")
    visible_until = graphene.DateTime(description="End of the publication window; null for open-ended.")
    is_published = graphene.Boolean(description="The curator's switch (Saleor's isPublished).")
    position = graphene.Int(description="Order among featured collections, lowest first.")
    kind = FeaturedCollectionKindEnum(description="The programme's label.")
    description = graphene.String(description="Description of the collection.")


class FeaturedCollectionCreateInput(FeaturedCollectionWindowFields, graphene.InputObjectType):
    name = graphene.String(required=True, description="Name of the collection (unique).")
    slug = graphene.String(description="Slug; made from the name when not given.")
    kind = FeaturedCollectionKindEnum(required=True, description="The programme's label.")
    selection = CollectionSelectionEnum(required=True, description="Hand-picked or rule-based.")
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="Products of a hand-picked collection, in order."
    )
    rule = graphene.Field(FeaturedCollectionRuleInput, description="The rule of a rule-based collection.")

    class Meta:
        description = "A new featured collection."


class FeaturedCollectionUpdateInput(FeaturedCollectionWindowFields, graphene.InputObjectType):
    name = graphene.String(description="Name of the collection (unique).")
    rule = graphene.Field(
        FeaturedCollectionRuleInput, description="A new rule (rule-based only); applied at once."
    )

    class Meta:
        description = "Changes to a featured collection; fields not given stay as they are."


class FeaturedCollectionCreate(CurationMutation):
    featured_collection = graphene.Field(FeaturedCollection, description="The collection created.")
    refresh = graphene.Field(
        FeaturedCollectionRefresh, description="The first application of the rule (rule-based only)."
    )

    class Arguments:
        input = FeaturedCollectionCreateInput(required=True, description="Fields of the collection.")

    class Meta:
        description = f"Create a featured collection (a Saleor collection the programme features). {NEEDS_CURATION}"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        data = data["input"]
        selection = data["selection"]
        product_pks = _product_pks(data.get("products") or [])
        rule = _rule(data["rule"]) if data.get("rule") is not None else None
        featured = services.featured_collection_create(
            name=data["name"],
            slug=data.get("slug") or "",
            description=data.get("description") or "",
            kind=data["kind"],
            selection=selection,
            visible_from=data.get("visible_from"),
            visible_until=data.get("visible_until"),
            is_published=data.get("is_published", True) is not False,
            position=data.get("position") or 0,
            product_ids=product_pks,
            rule=rule,
        )
        refresh = featured.refreshes.first() if selection == Selection.RULE_BASED else None
        return cls(featured_collection=featured, refresh=refresh)


class FeaturedCollectionUpdate(CurationMutation):
    featured_collection = graphene.Field(FeaturedCollection, description="The collection updated.")
    refresh = graphene.Field(FeaturedCollectionRefresh, description="The application of a new rule, if given.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the featured (Saleor) collection.")
        input = FeaturedCollectionUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = f"Update a featured collection, its window or its rule. {NEEDS_CURATION}"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        featured = _featured_collection(data["id"])
        changes = {}
        update = data["input"]
        for name in ("name", "description", "kind", "visible_from", "visible_until", "is_published", "position"):
            if name in update:
                changes[name] = update[name]
        for name in ("name", "kind", "visible_from", "is_published", "position"):
            if name in changes and changes[name] is None:
                raise ValidationError(
                    {_camel(name): ValidationError(f"{_camel(name)} cannot be null.", code=CurationErrorCode.REQUIRED.value)}
                )
        if update.get("rule") is not None:
            changes["rule"] = _rule(update["rule"])
        featured = services.featured_collection_update(featured_collection=featured, **changes)
        refresh = featured.refreshes.first() if "rule" in changes else None
        return cls(featured_collection=featured, refresh=refresh)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class _ProductsMutation(CurationMutation):
    featured_collection = graphene.Field(FeaturedCollection, description="The collection changed.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the featured (Saleor) collection.")
        products = graphene.List(graphene.NonNull(graphene.ID), required=True, description="Product IDs, in order.")

    class Meta:
        abstract = True

    service = None

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        featured = _featured_collection(data["id"])
        cls.service(featured_collection=featured, product_ids=_product_pks(data["products"]))
        return cls(featured_collection=featured)


class FeaturedCollectionProductsAdd(_ProductsMutation):
    class Meta:
        description = f"Append products to a hand-picked featured collection, in the given order. {NEEDS_CURATION}"

    service = staticmethod(services.featured_collection_products_add)


class FeaturedCollectionProductsRemove(_ProductsMutation):
    class Meta:
        description = f"Remove products from a hand-picked featured collection. {NEEDS_CURATION}"

    service = staticmethod(services.featured_collection_products_remove)


class FeaturedCollectionReorder(_ProductsMutation):
    class Meta:
        description = (
            "Put the given products first, in the given order; the others keep their order after them. "
            f"Works for both kinds of selection (a refresh appends new products at the end). {NEEDS_CURATION}"
        )

    service = staticmethod(services.featured_collection_reorder)


class FeaturedCollectionRefreshNow(CurationMutation):
    featured_collection = graphene.Field(FeaturedCollection, description="The collection refreshed.")
    refresh = graphene.Field(FeaturedCollectionRefresh, description="What the refresh did (null when queued).")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the rule-based featured (Saleor) collection.")
        background = graphene.Boolean(
            default_value=False, description="Queue the refresh for a Celery worker instead of running it now."
        )

    class Meta:
        description = f"Apply a rule-based collection's rule now. {NEEDS_CURATION}"

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        featured = _featured_collection(data["id"])
        if featured.selection != Selection.RULE_BASED:
            raise ValidationError(
                {"id": ValidationError("Only rule-based collections are refreshed.", code=CurationErrorCode.NOT_RULE_BASED.value)}
            )
        if data.get("background"):
            transaction.on_commit(lambda: collection_refresh_task.delay(featured.pk))
            return cls(featured_collection=featured, refresh=None)
        refresh = services.rule_collection_refresh(featured_collection_id=featured.pk, trigger=RefreshTrigger.MANUAL)
        return cls(featured_collection=featured, refresh=refresh)


class ProductBaselinePriceRecord(CurationMutation):
    baseline_price = graphene.Field(ProductBaselinePrice, description="The baseline recorded.")

    class Arguments:
        product = graphene.ID(required=True, description="ID of the product.")
        amount = Decimal(required=True, description="Price in the product's currency, above 0.")
        recorded_on = graphene.Date(required=True, description="Day the price applied (today or earlier).")
        note = graphene.String(description="Where the figure comes from.")

    class Meta:
        description = (
            "Record (or correct) a product's baseline price, against which value uplift is measured. "
            f"{NEEDS_CURATION}"
        )

    @classmethod
    def perform_mutation(cls, _root, info, **data):
        product_pk = _product_pks([data["product"]], field="product")[0]
        baseline = services.product_baseline_price_record(
            product=ProductModel.objects.get(pk=product_pk),
            amount=data["amount"],
            recorded_on=data["recorded_on"],
            note=data.get("note") or "",
            user=info.context.user,
        )
        return cls(baseline_price=baseline)
