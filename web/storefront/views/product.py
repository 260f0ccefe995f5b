"""A product's page: what it is, where and by whom it is made, its official rating, whether
it can be sent to the shopper's market, and the reviews of people who bought it."""
import json

import graphene
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from saleor.product.models import Product
from saleor.product.templatetags.product_images import get_thumbnail

from plugins.otop_stars import selectors as star_selectors
from plugins.producer_channels import selectors as producer_selectors
from plugins.provenance import selectors as provenance_selectors

from .. import account_flow, catalogue, exports
from ..markets import market_for_request

REVIEWS_SHOWN = 10


def _json_ld(data: dict) -> str:
    """JSON-LD for a data block: `<` `>` `&` escaped so no text closes the element."""
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _provenance_view(provenance) -> dict | None:
    if provenance is None:
        return None
    district = provenance.subdistrict.district
    province = district.province
    return {
        "subdistrict": catalogue.place_name(provenance.subdistrict),
        "district": catalogue.place_name(district),
        "province": catalogue.place_name(province),
        "province_url": reverse("storefront:province", kwargs={"code": province.code}),
        "region": catalogue.place_name(province.region),
        "region_url": reverse("storefront:region", kwargs={"region_slug": province.region.code.lower()}),
        "gi": catalogue.place_name(provenance.gi) if provenance.gi else "",
        "story": catalogue.story_of(provenance),
        "category": str(catalogue.CATEGORY_NAMES.get(provenance.category, "")),
    }


def product_detail(request, slug: str):
    product = (
        catalogue.with_page_data(Product.objects.visible_to_user(request.user).filter(slug=slug))
        .prefetch_related("variants")
        .first()
    )
    if product is None:
        raise Http404("no such product")
    market = market_for_request(request)
    rate = catalogue.market_rate(market=market)
    translated = product.translated
    price, charge = catalogue.display_price(
        product.minimal_variant_price_amount or product.price_amount, market=market, rate=rate
    )
    variants = []
    for variant in product.variants.all():
        amount = variant.price_override_amount if variant.price_override_amount is not None else product.price_amount
        variant_price, variant_charge = catalogue.display_price(amount, market=market, rate=rate)
        variants.append({"pk": variant.pk, "name": variant.name or variant.sku, "sku": variant.sku,
                         "price": variant_price, "charge": variant_charge})
    images = [
        {
            "url": get_thumbnail(image.image, catalogue.GALLERY_IMAGE_SIZE, "thumbnail"),
            "thumb_url": get_thumbnail(image.image, catalogue.CARD_IMAGE_SIZE, "thumbnail"),
            "alt": image.alt or translated.name,
        }
        for image in product.images.all()
    ]
    star_row = star_selectors.product_stars_by_product_ids(product_ids=[product.pk]).get(product.pk)
    certification = star_row.current_certification if star_row else None
    review_count = star_row.review_count if star_row else 0
    histogram = (star_row.review_histogram if star_row else {}) or {}
    histogram_rows = [
        {"stars": level, "count": int(histogram.get(str(level), 0)),
         "percent": round(100 * int(histogram.get(str(level), 0)) / review_count) if review_count else 0}
        for level in range(5, 0, -1)
    ]
    reviews = list(star_selectors.reviews_visible_to(user=request.user, product_id=product.pk)[:REVIEWS_SHOWN])
    provenance = provenance_selectors.provenances_by_product_ids(product_ids=[product.pk]).get(product.pk)
    producer = producer_selectors.shops_by_product_ids(product_ids=[product.pk]).get(product.pk)
    shipping = exports.shipping_to_market(product_id=product.pk, market=market,
                                          stars=star_row.current_stars if star_row else None)
    absolute_url = request.build_absolute_uri(request.path)
    description = translated.description or product.description or ""
    json_ld = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": translated.name,
        "description": description[:500],
        "sku": variants[0]["sku"] if variants else product.slug,
        "url": absolute_url,
        "image": [request.build_absolute_uri(image["url"]) for image in images],
        "offers": {
            "@type": "Offer",
            "price": str(charge.amount) if charge else None,
            "priceCurrency": "THB",
            "availability": "https://schema.org/InStock",
            "url": absolute_url,
        },
    }
    if producer is not None:
        json_ld["brand"] = {"@type": "Brand", "name": catalogue.place_name(producer)}
    if review_count:
        json_ld["aggregateRating"] = {
            "@type": "AggregateRating", "ratingValue": str(star_row.review_average), "reviewCount": review_count,
        }
    context = {
        "product": product,
        "name": translated.name,
        "description": description,
        "meta_description": description[:160],
        "price": price,
        "charge": charge,
        "variants": variants,
        "images": images,
        "star_row": star_row,
        "certification": certification,
        "review_count": review_count,
        "histogram": histogram_rows,
        "reviews": reviews,
        "provenance": _provenance_view(provenance),
        "producer": producer,
        "producer_name": catalogue.place_name(producer) if producer else "",
        "producer_place": catalogue.place_name(producer.home_subdistrict.district.province) if producer else "",
        "shipping": shipping,
        "json_ld": _json_ld(json_ld),
        "og_image": json_ld["image"][0] if images else "",
        "absolute_url": absolute_url,
        "product_global_id": graphene.Node.to_global_id("Product", product.pk),
        "in_wishlist": account_flow.wishlist_has_product(user=request.user, product_pk=product.pk),
    }
    return TemplateResponse(request, "storefront/product.html", context)
