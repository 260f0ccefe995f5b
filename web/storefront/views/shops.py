"""Producer shops: the directory by province and each producer's own shop page."""
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from plugins.otop_stars import selectors as star_selectors
from plugins.producer_channels import selectors as producer_selectors
from plugins.provenance import selectors as provenance_selectors

from .. import catalogue
from ..markets import market_for_request

SHOP_PRODUCTS_SHOWN = 24
SHOP_REVIEWS_SHOWN = 6
DIRECTORY_PAGE_SIZE = 60


def shop_directory(request):
    province_code = request.GET.get("province", "")
    if province_code and provenance_selectors.province_get(code=province_code) is None:
        province_code = ""
    shops = producer_selectors.shops(province_code=province_code).order_by(
        "home_subdistrict__district__province__name_en", "name_en"
    )
    page = Paginator(shops, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    groups: dict = {}
    for shop in page.object_list:
        province = shop.home_subdistrict.district.province
        groups.setdefault(province.code, {"name": catalogue.place_name(province), "code": province.code, "shops": []})
        groups[province.code]["shops"].append({
            "slug": shop.slug,
            "name": catalogue.place_name(shop),
            "district": catalogue.place_name(shop.home_subdistrict.district),
            "count": shop.published_product_count,
        })
    provinces = sorted(
        ({"code": p.code, "name": catalogue.place_name(p)} for p in provenance_selectors.provinces()),
        key=lambda item: item["name"],
    )
    return TemplateResponse(request, "storefront/shops/directory.html", {
        "groups": list(groups.values()), "page": page, "provinces": provinces, "province_code": province_code,
        "query": f"province={province_code}" if province_code else "",
    })


def shop_detail(request, slug: str):
    shop = producer_selectors.shop_by_slug(slug=slug)
    if shop is None:
        raise Http404("no such shop")
    market = market_for_request(request)
    rate = catalogue.market_rate(market=market)
    product_ids = producer_selectors.product_ids_of_producer(producer_id=shop.pk)
    listing = catalogue.products_sorted(
        catalogue.products_selected(request, selection=catalogue.Selection(), market=market).filter(pk__in=product_ids),
        sort="stars",
    )
    products = list(catalogue.with_page_data(listing)[:SHOP_PRODUCTS_SHOWN])
    collections = producer_selectors.collections_by_producer_ids(producer_ids=[shop.pk], user=request.user).get(shop.pk, [])
    reviews = list(
        star_selectors.reviews_visible_to(user=request.user).filter(product_id__in=product_ids)
        .select_related("product")[:SHOP_REVIEWS_SHOWN]
    )
    place = shop.home_subdistrict
    return TemplateResponse(request, "storefront/shops/detail.html", {
        "shop": shop,
        "name": catalogue.place_name(shop),
        "story": catalogue.story_of(shop),
        "locality": {
            "subdistrict": catalogue.place_name(place),
            "district": catalogue.place_name(place.district),
            "province": catalogue.place_name(place.district.province),
            "province_code": place.district.province.code,
        },
        "cards": catalogue.product_cards(products, market=market, rate=rate),
        "collections": [{"slug": c.slug, "name": c.translated.name} for c in collections],
        "reviews": reviews,
    })
