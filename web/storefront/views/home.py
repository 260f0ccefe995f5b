"""The home page: the market's own sections (storefront_config), then the ways into the
catalogue: featured collections, regions and star levels."""
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from plugins.curation import selectors as curation_selectors
from plugins.otop_stars import selectors as star_selectors
from plugins.provenance import selectors as provenance_selectors
from storefront_config import loader
from storefront_config.selectors import references_resolve, usable_references

from .. import catalogue
from ..markets import link_url, localized, market_for_request

HERO_PRODUCTS = 8
FEATURED_COLLECTIONS = 6


def _sections(request, market, references, rate) -> list[dict]:
    language = translation.get_language()
    hero_ids = [
        references.collections[s.collection].pk
        for s in market.homepage
        if isinstance(s, loader.HeroSection) and s.collection in references.collections
    ]
    hero_products = curation_selectors.products_by_collection_ids(collection_ids=hero_ids, first=HERO_PRODUCTS)
    all_products = [p for products in hero_products.values() for p in products]
    cards = {card.product_id: card for card in catalogue.product_cards(
        list(catalogue.with_page_data(catalogue.products_selected(
            request, selection=catalogue.Selection(), market=market
        ).filter(pk__in=[p.pk for p in all_products]))), market=market, rate=rate)}
    province_codes = [c for s in market.homepage if isinstance(s, loader.FeaturedProvincesSection) for c in s.provinces]
    province_counts = provenance_selectors.published_product_counts_by_province(province_codes=province_codes)
    sections = []
    for section in market.homepage:
        if isinstance(section, loader.HeroSection):
            collection = references.collections.get(section.collection)
            if collection is None:
                continue
            sections.append({
                "kind": "hero",
                "title": localized(section.title, language=language, market=market),
                "subtitle": localized(section.subtitle, language=language, market=market) if section.subtitle else "",
                "url": link_url(loader.Link(collection=section.collection)),
                "cards": [cards[p.pk] for p in hero_products.get(collection.pk, []) if p.pk in cards],
            })
        elif isinstance(section, loader.FeaturedProvincesSection):
            sections.append({
                "kind": "provinces",
                "title": localized(section.title, language=language, market=market),
                "provinces": [
                    {"name": catalogue.place_name(references.provinces[code]), "count": province_counts.get(code, 0),
                     "url": reverse("storefront:province", kwargs={"code": code})}
                    for code in section.provinces if code in references.provinces
                ],
            })
        elif isinstance(section, loader.FeaturedProducersSection):
            sections.append({
                "kind": "producers",
                "title": localized(section.title, language=language, market=market),
                "producers": [
                    {"name": catalogue.place_name(references.producers[slug]),
                     "url": reverse("storefront:shop", kwargs={"slug": slug})}
                    for slug in section.producers if slug in references.producers
                ],
            })
        else:
            sections.append({
                "kind": "banner",
                "text": localized(section.text, language=language, market=market),
                "url": link_url(section.link),
            })
    return sections


def home(request):
    market = market_for_request(request)
    rate = catalogue.market_rate(market=market)
    references = usable_references(market, references_resolve(market))
    shopper_products = catalogue.products_selected(request, selection=catalogue.Selection(), market=market)
    star_counts = star_selectors.product_counts_by_min_stars(products=shopper_products, levels=catalogue.STAR_LEVELS)
    region_counts = provenance_selectors.published_product_counts_by_region()
    featured = list(curation_selectors.featured_collections_visible()[:FEATURED_COLLECTIONS])
    context = {
        "sections": _sections(request, market, references, rate),
        "featured_collections": [
            {"name": f.collection.translated.name, "url": reverse("storefront:collection", kwargs={"slug": f.collection.slug})}
            for f in featured
        ],
        "regions": [
            {"name": catalogue.place_name(region), "count": region_counts.get(region.code, 0),
             "url": reverse("storefront:region", kwargs={"region_slug": region.code.lower()})}
            for region in provenance_selectors.regions()
        ],
        "star_levels": [
            {"stars": level, "count": star_counts[level], "url": f"{reverse('storefront:catalogue')}?min_stars={level}"}
            for level in reversed(catalogue.STAR_LEVELS)
        ],
    }
    return TemplateResponse(request, "storefront/home.html", context)
