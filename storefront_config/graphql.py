"""`storefrontConfig(market, language)`: a market's storefront with its references resolved."""
from dataclasses import dataclass

import graphene
from graphql.error import GraphQLError
from saleor.graphql.product.types import Collection
from saleor.graphql.translations.enums import LanguageCodeEnum

from plugins.provenance.graphql.types import OtopProvince

from . import loader, selectors

THAI = "th"


@dataclass(frozen=True)
class Served:
    """What the resolvers below read: one market's config in one language, references fetched."""

    config: loader.MarketConfig
    language: str
    references: selectors.References

    def text(self, texts: loader.LocalizedText) -> str:
        return texts.get(self.language, "")


@dataclass(frozen=True)
class ServedItem:
    served: Served
    item: object


def _language_code(value: str) -> str:
    return value.replace("_", "-").lower()


class StorefrontProducer(graphene.ObjectType):
    slug = graphene.String(required=True, description="Slug of the producer.")
    name = graphene.String(required=True, description="Name in the requested language (Thai or English).")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")

    class Meta:
        description = "A producer as the storefront shows it."

    @staticmethod
    def resolve_slug(root: ServedItem, _info):
        return root.item.slug

    @staticmethod
    def resolve_name(root: ServedItem, _info):
        producer = root.item
        return producer.name_th if root.served.language == THAI else (producer.name_en or producer.name_th)

    @staticmethod
    def resolve_name_th(root: ServedItem, _info):
        return root.item.name_th

    @staticmethod
    def resolve_name_en(root: ServedItem, _info):
        return root.item.name_en


class StorefrontLink(graphene.ObjectType):
    path = graphene.String(required=True, description="Storefront path the entry leads to.")
    collection = graphene.Field(Collection, description="The collection linked to, if any.")
    province = graphene.Field(OtopProvince, description="The province linked to, if any.")
    producer = graphene.Field(StorefrontProducer, description="The producer linked to, if any.")

    class Meta:
        description = "Where a banner or navigation entry leads."

    @staticmethod
    def resolve_path(root: ServedItem, _info):
        link = root.item
        if link.collection:
            return f"/collections/{link.collection}/"
        if link.province:
            return f"/provinces/{link.province}/"
        if link.producer:
            return f"/producers/{link.producer}/"
        return link.path

    @staticmethod
    def resolve_collection(root: ServedItem, _info):
        return root.served.references.collections.get(root.item.collection) if root.item.collection else None

    @staticmethod
    def resolve_province(root: ServedItem, _info):
        return root.served.references.provinces.get(root.item.province) if root.item.province else None

    @staticmethod
    def resolve_producer(root: ServedItem, _info):
        producer = root.served.references.producers.get(root.item.producer) if root.item.producer else None
        return ServedItem(root.served, producer) if producer else None


class StorefrontHeroSection(graphene.ObjectType):
    title = graphene.String(required=True, description="Title in the requested language.")
    subtitle = graphene.String(required=True, description="Subtitle in the requested language; may be empty.")
    collection_slug = graphene.String(required=True, description="Slug of the collection configured.")
    collection = graphene.Field(Collection, description="The hero collection; null if missing or unpublished.")

    class Meta:
        description = "The big collection at the top of the homepage."

    @staticmethod
    def resolve_title(root: ServedItem, _info):
        return root.served.text(root.item.title)

    @staticmethod
    def resolve_subtitle(root: ServedItem, _info):
        return root.served.text(root.item.subtitle)

    @staticmethod
    def resolve_collection_slug(root: ServedItem, _info):
        return root.item.collection

    @staticmethod
    def resolve_collection(root: ServedItem, _info):
        return root.served.references.collections.get(root.item.collection)


class StorefrontProvincesSection(graphene.ObjectType):
    title = graphene.String(required=True, description="Title in the requested language.")
    provinces = graphene.List(
        graphene.NonNull(OtopProvince), required=True, description="The provinces, in configured order."
    )

    class Meta:
        description = "Provinces the homepage features."

    @staticmethod
    def resolve_title(root: ServedItem, _info):
        return root.served.text(root.item.title)

    @staticmethod
    def resolve_provinces(root: ServedItem, _info):
        found = root.served.references.provinces
        return [found[code] for code in root.item.provinces if code in found]


class StorefrontProducersSection(graphene.ObjectType):
    title = graphene.String(required=True, description="Title in the requested language.")
    producers = graphene.List(
        graphene.NonNull(StorefrontProducer),
        required=True,
        description="The producers, in configured order; producers not approved are left out.",
    )

    class Meta:
        description = "Producers the homepage features."

    @staticmethod
    def resolve_title(root: ServedItem, _info):
        return root.served.text(root.item.title)

    @staticmethod
    def resolve_producers(root: ServedItem, _info):
        found = root.served.references.producers
        return [ServedItem(root.served, found[slug]) for slug in root.item.producers if slug in found]


class StorefrontBannerSection(graphene.ObjectType):
    key = graphene.String(required=True, description="Stable key of the banner (for images and analytics).")
    text = graphene.String(required=True, description="Text in the requested language.")
    link = graphene.Field(StorefrontLink, description="Where the banner leads, if anywhere.")

    class Meta:
        description = "A banner with a text per language."

    @staticmethod
    def resolve_key(root: ServedItem, _info):
        return root.item.key

    @staticmethod
    def resolve_text(root: ServedItem, _info):
        return root.served.text(root.item.text)

    @staticmethod
    def resolve_link(root: ServedItem, _info):
        return ServedItem(root.served, root.item.link) if root.item.link else None


SECTION_TYPES = {
    loader.HeroSection: StorefrontHeroSection,
    loader.FeaturedProvincesSection: StorefrontProvincesSection,
    loader.FeaturedProducersSection: StorefrontProducersSection,
    loader.BannerSection: StorefrontBannerSection,
}


class StorefrontSection(graphene.Union):
    class Meta:
        types = tuple(SECTION_TYPES.values())
        description = "A homepage section."

    @classmethod
    def resolve_type(cls, instance: ServedItem, _info):
        return SECTION_TYPES[type(instance.item)]


class StorefrontNavigationItem(graphene.ObjectType):
    label = graphene.String(required=True, description="Label in the requested language.")
    link = graphene.Field(StorefrontLink, required=True, description="Where the entry leads.")

    class Meta:
        description = "An entry of the main navigation."

    @staticmethod
    def resolve_label(root: ServedItem, _info):
        return root.served.text(root.item.label)

    @staticmethod
    def resolve_link(root: ServedItem, _info):
        return ServedItem(root.served, root.item.link)


class StorefrontConfig(graphene.ObjectType):
    market = graphene.String(required=True, description="Country code of the market.")
    version = graphene.Int(required=True, description="Version of the market's configuration file.")
    currency = graphene.String(required=True, description="Currency prices are shown in.")
    language = LanguageCodeEnum(required=True, description="Language of the texts served.")
    languages = graphene.List(
        graphene.NonNull(LanguageCodeEnum), required=True, description="Languages the market is offered in."
    )
    default_language = LanguageCodeEnum(required=True, description="Language used when none is asked for.")
    homepage = graphene.List(
        graphene.NonNull(StorefrontSection), required=True, description="Homepage sections, top to bottom."
    )
    navigation = graphene.List(
        graphene.NonNull(StorefrontNavigationItem), required=True, description="Main navigation, in order."
    )

    class Meta:
        description = "A market's storefront: languages, currency, homepage and navigation."

    @staticmethod
    def resolve_market(root: Served, _info):
        return root.config.market

    @staticmethod
    def resolve_version(root: Served, _info):
        return root.config.version

    @staticmethod
    def resolve_currency(root: Served, _info):
        return root.config.currency

    @staticmethod
    def resolve_language(root: Served, _info):
        return root.language

    @staticmethod
    def resolve_languages(root: Served, _info):
        return list(root.config.languages)

    @staticmethod
    def resolve_default_language(root: Served, _info):
        return root.config.default_language

    @staticmethod
    def resolve_homepage(root: Served, _info):
        return [ServedItem(root, section) for section in root.config.homepage]

    @staticmethod
    def resolve_navigation(root: Served, _info):
        return [ServedItem(root, item) for item in root.config.navigation]


class StorefrontConfigQueries(graphene.ObjectType):
    storefront_config = graphene.Field(
        StorefrontConfig,
        required=True,
        market=graphene.String(required=True, description="Country code of the market, e.g. JP."),
        language=graphene.Argument(
            LanguageCodeEnum, description="Language of the texts; the market's default when not given."
        ),
        description=(
            "The storefront of one market, from its versioned configuration file, with the collections, "
            "provinces and producers it names fetched (one query per kind). Unpublished collections and "
            "producers not approved are left out; `manage.py otop_check_storefront_config` reports them."
        ),
    )

    @staticmethod
    def resolve_storefront_config(_root, _info, market, language: str | None = None):
        try:
            config = selectors.market_config(market=market)
        except loader.StorefrontConfigError as error:
            raise GraphQLError(str(error))
        language = _language_code(language) if language else config.default_language
        if language not in config.languages:
            raise GraphQLError(
                f"language: {language!r} is not offered in market {config.market} "
                f"(languages: {', '.join(config.languages)})."
            )
        references = selectors.usable_references(config, selectors.references_resolve(config))
        return Served(config=config, language=language, references=references)
