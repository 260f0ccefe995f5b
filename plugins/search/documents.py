"""The search document of a product, gathered from where each fact lives.

Saleor holds names, descriptions and SKUs (with translations in every language); the other
plugins are read through their selectors: provenance (places, GI, OTOP category, producer
group), producer channels (the producer's names), stars (the official rating, for ranking).
"""
from dataclasses import dataclass, field
from typing import Iterable

from saleor.product.models import Product, ProductTranslation, ProductVariant

from otop_kernel.otop_categories import OtopCategory
from plugins.otop_stars.selectors import current_stars_by_product_ids
from plugins.producer_channels.selectors import producers_by_product_ids
from plugins.provenance.selectors import provenances_by_product_ids

from .models import SuggestionKind

# The language of Saleor's own product fields (the catalogue's base language).
BASE_LANGUAGE = "en"
# Every product of the market is an OTOP product: the programme's name finds them all.
PROGRAMME_NAMES = ("OTOP", "โอทอป")


@dataclass(frozen=True)
class Place:
    kind: str  # a SuggestionKind of a place
    code: str
    name_th: str
    name_en: str


@dataclass
class DocumentSource:
    """Every text a product is found by, grouped by how much a match counts."""

    product_id: int
    names: dict[str, str] = field(default_factory=dict)  # language → name
    names_weight: list[str] = field(default_factory=list)  # A: the product's names
    context_weight: list[str] = field(default_factory=list)  # B: producer, places, GI, category
    description_weight: list[str] = field(default_factory=list)  # C: descriptions, stories
    code_weight: list[str] = field(default_factory=list)  # D: SKUs, slug
    places: list[Place] = field(default_factory=list)
    stars: int | None = None


def draftjs_text(description_json) -> str:
    blocks = (description_json or {}).get("blocks") or []
    return "\n".join(block.get("text", "") for block in blocks if isinstance(block, dict))


def _description(description: str, description_json) -> str:
    return description or draftjs_text(description_json)


def category_labels(value: str) -> list[str]:
    """'Food / อาหาร' → ['Food', 'อาหาร']"""
    try:
        label = OtopCategory(value).label
    except ValueError:
        return []
    return [part.strip() for part in str(label).split(" / ")]


def document_sources(*, product_ids: Iterable[int]) -> list[DocumentSource]:
    """The sources of the documents of these products (those that exist), in a constant
    number of queries."""
    products = list(Product.objects.filter(pk__in=list(product_ids)).select_related("category"))
    ids = [product.pk for product in products]
    translations: dict[int, list] = {}
    for translation in ProductTranslation.objects.filter(product_id__in=ids).order_by("language_code"):
        translations.setdefault(translation.product_id, []).append(translation)
    skus: dict[int, list] = {}
    for product_id, sku in ProductVariant.objects.filter(product_id__in=ids).values_list("product_id", "sku"):
        skus.setdefault(product_id, []).append(sku)
    provenances = provenances_by_product_ids(product_ids=ids)
    producers = producers_by_product_ids(product_ids=ids)
    stars = current_stars_by_product_ids(product_ids=ids)

    sources = []
    for product in products:
        source = DocumentSource(product_id=product.pk, stars=stars.get(product.pk))
        source.names[BASE_LANGUAGE] = product.name
        source.names_weight.append(product.name)
        source.description_weight.append(_description(product.description, product.description_json))
        for translation in translations.get(product.pk, []):
            if translation.name:
                source.names[translation.language_code] = translation.name
                source.names_weight.append(translation.name)
            source.description_weight.append(_description(translation.description, translation.description_json))
        if product.category is not None:
            source.context_weight.append(product.category.name)
        producer = producers.get(product.pk)
        if producer is not None:
            source.context_weight += [producer.name_th, producer.name_en]
        provenance = provenances.get(product.pk)
        if provenance is not None:
            _add_provenance(source, provenance)
        source.code_weight += [*skus.get(product.pk, []), product.slug, *PROGRAMME_NAMES]
        sources.append(source)
    return sources


def _add_provenance(source: DocumentSource, provenance) -> None:
    subdistrict = provenance.subdistrict
    district = subdistrict.district
    province = district.province
    region = province.region
    source.places = [
        Place(SuggestionKind.PROVINCE, province.code, province.name_th, province.name_en),
        Place(SuggestionKind.DISTRICT, district.code, district.name_th, district.name_en),
        Place(SuggestionKind.SUBDISTRICT, subdistrict.code, subdistrict.name_th, subdistrict.name_en),
    ]
    for place in source.places:
        source.context_weight += [place.name_th, place.name_en]
    source.context_weight += [region.name_th, region.name_en, provenance.producer_group_name]
    source.context_weight += category_labels(provenance.category)
    if provenance.gi is not None:
        source.context_weight += [provenance.gi.name_th, provenance.gi.name_en]
    source.description_weight += [provenance.story_th, provenance.story_en]
