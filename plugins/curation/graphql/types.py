import graphene
from django.utils import timezone
from prices import Money as PricesMoney
from saleor.core.permissions import ProductPermissions
from saleor.graphql.core.scalars import Decimal
from saleor.graphql.core.types.common import Error
from saleor.graphql.core.types.money import Money
from saleor.graphql.product.types import Collection, Product

from otop_kernel.graphql.enums import OtopCategoryEnum

from ..models import FeaturedCollection as FeaturedCollectionModel
from ..permissions import CurationPermissions
from .dataloaders import (
    LatestRefreshByCollectionLoader,
    ProductCountByCollectionLoader,
    ProductsByCollectionLoader,
    RuleByCollectionLoader,
)
from .enums import (
    CollectionRefreshTriggerEnum,
    CollectionSelectionEnum,
    CurationErrorCodeEnum,
    FeaturedCollectionKindEnum,
)

PRODUCTS_FIRST_DEFAULT = 20
PRODUCTS_FIRST_MAX = 100


class CurationError(Error):
    code = CurationErrorCodeEnum(description="The error code.", required=True)


def sees_unpublished(user) -> bool:
    return bool(user and user.is_active) and (
        user.has_perm(ProductPermissions.MANAGE_PRODUCTS) or user.has_perm(CurationPermissions.MANAGE_OTOP_CURATION)
    )


class FeaturedCollectionRule(graphene.ObjectType):
    min_stars = graphene.Int(description="Lowest official star level a product must hold (1-5).")
    regions = graphene.List(
        graphene.NonNull(graphene.String), required=True, source="region_codes", description="Region codes (any of them)."
    )
    provinces = graphene.List(
        graphene.NonNull(graphene.String), required=True, source="province_codes", description="DOPA province codes (any of them)."
    )
    categories = graphene.List(
        graphene.NonNull(OtopCategoryEnum), required=True, description="OTOP categories (any of them)."
    )
    geographical_indications = graphene.List(
        graphene.NonNull(graphene.String), required=True, source="gi_slugs", description="Slugs of Geographical Indications (any)."
    )
    producers = graphene.List(
        graphene.NonNull(graphene.String), required=True, source="producer_slugs", description="Producer slugs (any of them)."
    )
    markets = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        source="market_codes",
        description="Export market country codes; a product must be eligible for each.",
    )

    class Meta:
        description = (
            "What a rule-based collection holds: published products meeting every criterion given. "
            "Regions and provinces together form one place criterion."
        )


class FeaturedCollectionRefresh(graphene.ObjectType):
    trigger = CollectionRefreshTriggerEnum(required=True, description="What made the collection refresh.")
    refreshed_at = graphene.DateTime(required=True, description="When the refresh ran.")
    scope_size = graphene.Int(
        description="Products looked at when only changed products were re-evaluated; null for all."
    )
    matched_count = graphene.Int(required=True, description="Products the rule matched (within the scope).")
    added_count = graphene.Int(required=True, description="Products added to the collection.")
    removed_count = graphene.Int(required=True, description="Products removed from the collection.")
    product_count = graphene.Int(required=True, description="Products in the collection afterwards.")
    matches_nothing = graphene.Boolean(
        required=True, description="True when a whole refresh found no product: the rule may be too narrow."
    )

    class Meta:
        description = "One application of a collection's rule."

    @staticmethod
    def resolve_matches_nothing(root, _info):
        return root.scope_size is None and root.matched_count == 0


class FeaturedCollection(graphene.ObjectType):
    id = graphene.ID(required=True, description="ID of the Saleor collection (Collection:<pk>).")
    collection = graphene.Field(Collection, required=True, description="The Saleor collection featured.")
    name = graphene.String(required=True, description="Name of the collection.")
    slug = graphene.String(required=True, description="Slug of the collection.")
    kind = FeaturedCollectionKindEnum(required=True, description="The programme's label.")
    selection = CollectionSelectionEnum(required=True, description="Hand-picked or rule-based.")
    visible_from = graphene.DateTime(required=True, description="Start of the publication window.")
    visible_until = graphene.DateTime(description="End of the publication window; null when open-ended.")
    is_published = graphene.Boolean(required=True, description="The curator's switch (Saleor's isPublished).")
    is_visible = graphene.Boolean(required=True, description="Published and inside its window now.")
    position = graphene.Int(required=True, description="Order among featured collections, lowest first.")
    rule = graphene.Field(FeaturedCollectionRule, description="The rule of a rule-based collection.")
    last_refresh = graphene.Field(
        FeaturedCollectionRefresh, description="The latest refresh of a rule-based collection."
    )
    product_count = graphene.Int(required=True, description="Products in the collection, published or not.")
    products = graphene.List(
        graphene.NonNull(Product),
        required=True,
        first=graphene.Int(
            default_value=PRODUCTS_FIRST_DEFAULT, description=f"How many products, at most {PRODUCTS_FIRST_MAX}."
        ),
        description="Products in curated order; shoppers see published ones only.",
    )

    class Meta:
        description = "A Saleor collection featured by the OTOP programme, with its window and label."

    @staticmethod
    def resolve_id(root: FeaturedCollectionModel, _info):
        return graphene.Node.to_global_id("Collection", root.pk)

    @staticmethod
    def resolve_name(root, _info):
        return root.collection.name

    @staticmethod
    def resolve_slug(root, _info):
        return root.collection.slug

    @staticmethod
    def resolve_is_published(root, _info):
        return root.collection.is_published

    @staticmethod
    def resolve_is_visible(root, _info):
        now = timezone.now()
        in_window = root.visible_from <= now and (root.visible_until is None or root.visible_until > now)
        return root.collection.is_published and in_window

    @staticmethod
    def resolve_rule(root, info):
        return RuleByCollectionLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_last_refresh(root, info):
        return LatestRefreshByCollectionLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_product_count(root, info):
        return ProductCountByCollectionLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_products(root, info, first=PRODUCTS_FIRST_DEFAULT):
        first = max(0, min(first, PRODUCTS_FIRST_MAX))
        visible_only = not sees_unpublished(info.context.user)
        return ProductsByCollectionLoader(info.context).load((root.pk, first, visible_only))


class ProductBaselinePrice(graphene.ObjectType):
    price = graphene.Field(Money, required=True, description="The baseline price.")
    recorded_on = graphene.Date(required=True, description="When the price was the product's price.")
    note = graphene.String(required=True, description="Where the figure comes from.")

    class Meta:
        description = "The price a product had when it entered the programme."

    @staticmethod
    def resolve_price(root, _info):
        return PricesMoney(root.amount, root.currency)


class ProgrammeTargets(graphene.ObjectType):
    developed_producers = graphene.Int(required=True, source="developed_producers_target", description="Developed producers aimed for in total.")
    developed_per_province = graphene.Int(required=True, source="developed_per_province_minimum", description="Developed producers each province should have.")
    developed_minimum_stars = graphene.Int(
        required=True, description="Stars a product needs for its producer to count as developed."
    )
    active_shops = graphene.Int(required=True, source="active_shops_target", description="Producers with an active shop aimed for.")
    high_stars_minimum = graphene.Int(required=True, description="Star level counted as high (4 = 4-5 stars).")
    value_uplift_percent = Decimal(required=True, source="value_uplift_target_percent", description="Price uplift over the baseline aimed for, in %.")

    class Meta:
        description = "The programme's targets, from the otop.curation plugin configuration."


class ProvinceDevelopment(graphene.ObjectType):
    code = graphene.String(required=True, description="DOPA province code.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    region = graphene.String(required=True, source="region_code", description="Region code.")
    developed_producers = graphene.Int(required=True, description="Developed producers at home in the province.")
    meets_minimum = graphene.Boolean(required=True, description="At least the configured minimum per province.")

    class Meta:
        description = "Developed producers of one province."


class DevelopedProducersFigure(graphene.ObjectType):
    total = graphene.Int(required=True, source="developed_producers_total", description="Developed producers in all provinces.")
    target = graphene.Int(required=True, description="Target for the total.")
    meets_target = graphene.Boolean(required=True, description="Total reaches the target.")
    provinces_meeting_minimum = graphene.Int(
        required=True, description="Provinces with at least the minimum of developed producers."
    )
    province_count = graphene.Int(required=True, description="Provinces listed (all 77).")
    provinces = graphene.List(
        graphene.NonNull(ProvinceDevelopment), required=True, description="Every province, by code."
    )

    class Meta:
        description = (
            "Producers developed by the programme: approved producers with a product holding the "
            "configured minimum of stars, counted in their home province."
        )

    @staticmethod
    def resolve_target(root, _info):
        return root.config.developed_producers_target

    @staticmethod
    def resolve_meets_target(root, _info):
        return root.developed_producers_total >= root.config.developed_producers_target

    @staticmethod
    def resolve_province_count(root, _info):
        return len(root.provinces)


class ActiveShopsFigure(graphene.ObjectType):
    producers = graphene.Int(required=True, source="active_shops", description="Approved producers with at least one published product.")
    target = graphene.Int(required=True, description="Target.")
    meets_target = graphene.Boolean(required=True, description="The target is reached.")

    class Meta:
        description = "Producers with an active shop of their own."

    @staticmethod
    def resolve_target(root, _info):
        return root.config.active_shops_target

    @staticmethod
    def resolve_meets_target(root, _info):
        return root.active_shops >= root.config.active_shops_target


class HighStarShareFigure(graphene.ObjectType):
    published_products = graphene.Int(required=True, description="Published products.")
    high_star_products = graphene.Int(required=True, description="Of them, with at least `minimumStars` stars.")
    minimum_stars = graphene.Int(required=True, description="Star level counted as high.")
    share_percent = Decimal(source="high_star_share_percent", description="High-star products among published ones, in %; null without products.")

    class Meta:
        description = "Share of 4-5 star products (the minimum is configurable)."

    @staticmethod
    def resolve_minimum_stars(root, _info):
        return root.config.high_stars_minimum


class ProductValueUplift(graphene.ObjectType):
    product = graphene.Field(Product, required=True, description="The product.")
    baseline_price = graphene.Field(Money, required=True, description="Price recorded as the baseline.")
    recorded_on = graphene.Date(required=True, description="When the baseline was recorded.")
    current_price = graphene.Field(Money, required=True, description="Lowest variant price now.")
    uplift_percent = Decimal(required=True, description="Change from the baseline, in %.")
    meets_target = graphene.Boolean(required=True, description="Uplift reaches the target.")

    class Meta:
        description = "One product's price against its baseline."

    @staticmethod
    def resolve_baseline_price(root, _info):
        return PricesMoney(root.baseline_amount, root.currency)

    @staticmethod
    def resolve_current_price(root, _info):
        return PricesMoney(root.current_amount, root.currency)


class ValueUpliftFigure(graphene.ObjectType):
    products_with_baseline = graphene.Int(required=True, description="Products with a recorded baseline.")
    products_at_target = graphene.Int(required=True, description="Of them, with an uplift reaching the target.")
    average_uplift_percent = Decimal(
        description="Uplift of all their current prices together over their baselines together, in %."
    )
    target_percent = Decimal(required=True, description="Target uplift, in %.")
    products = graphene.List(
        graphene.NonNull(ProductValueUplift),
        required=True,
        first=graphene.Int(default_value=50, description="How many products, at most 200."),
        description="Products with a baseline, largest uplift first.",
    )

    class Meta:
        description = "Product value against recorded baseline prices (OTOP PLUS target: +20 %)."

    @staticmethod
    def resolve_target_percent(root, _info):
        return root.config.value_uplift_target_percent

    @staticmethod
    def resolve_products(root, _info, first=50):
        return root.product_uplifts(first=max(0, min(first, 200)))


class SalesFigure(graphene.ObjectType):
    code = graphene.String(required=True, source="key", description="Region code or country code; empty when not recorded.")
    name = graphene.String(required=True, description="Name of the region or market.")
    orders = graphene.Int(required=True, description="Orders with goods from the region (to the market).")
    units = graphene.Int(required=True, description="Units sold.")
    sales = graphene.Field(Money, required=True, description="Goods sold: unit gross price x quantity.")

    class Meta:
        description = "Orders and goods sold in the period, for one region or export market."

    @staticmethod
    def resolve_sales(root, _info):
        return PricesMoney(root.sales, root.currency)


class ProgrammeReport(graphene.ObjectType):
    period_start = graphene.Date(description="First day of the sales period; null for since the start.")
    period_end = graphene.Date(description="Last day of the sales period; null for up to now.")
    targets = graphene.Field(ProgrammeTargets, required=True, source="config", description="The configured targets.")
    developed_producers = graphene.Field(
        DevelopedProducersFigure, required=True, description="Developed producers, per province."
    )
    active_shops = graphene.Field(ActiveShopsFigure, required=True, description="Producers with an active shop.")
    high_star_share = graphene.Field(HighStarShareFigure, required=True, description="Share of 4-5 star products.")
    value_uplift = graphene.Field(ValueUpliftFigure, required=True, description="Value uplift over baselines.")
    sales_by_region = graphene.List(
        graphene.NonNull(SalesFigure),
        required=True,
        description="Orders and sales in the period per region of origin (all six, then unknown origin).",
    )
    sales_by_market = graphene.List(
        graphene.NonNull(SalesFigure),
        required=True,
        description="Orders and sales in the period per export market (destination country).",
    )

    class Meta:
        description = "The OTOP programme's targets measured on live data."

    @staticmethod
    def resolve_period_start(root, _info):
        return root.period.start if root.period else None

    @staticmethod
    def resolve_period_end(root, _info):
        return root.period.end if root.period else None

    @staticmethod
    def resolve_developed_producers(root, _info):
        return root

    @staticmethod
    def resolve_active_shops(root, _info):
        return root

    @staticmethod
    def resolve_high_star_share(root, _info):
        return root

    @staticmethod
    def resolve_value_uplift(root, _info):
        return root

