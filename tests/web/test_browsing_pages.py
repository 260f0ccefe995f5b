"""The browsing pages as the server answers them: what they show, their 404s, their queries."""
import json
import re

import pytest
from saleor.product.models import ProductTranslation

from otop_kernel.otop_categories import OtopCategory
from tests.factories.otop_stars import approved_review
from tests.factories.places import SI_PHUM_CHIANG_MAI
from tests.factories.web import japan_market, otop_good, praewa_gi, producer_shop, verdicts_recompute

pytestmark = pytest.mark.django_db


def _names(page: str) -> list[str]:
    return re.findall(r'<h3 class="product-card__name">([^<]+)</h3>', page)


@pytest.fixture
def goods():
    weavers = producer_shop(slug="ban-phon-praewa")
    silk = otop_good(name="Praewa silk shawl", gi=praewa_gi(), producer=weavers, name_ja="プレーワー・シルクのショール")
    runner = otop_good(name="Praewa silk table runner", stars=4, price="1200.00", producer=weavers)
    chilli = otop_good(name="Chiang Mai chilli paste", stars=3, price="120.00", category=OtopCategory.FOOD,
                       subdistrict_code=SI_PHUM_CHIANG_MAI, hs_code="210390",
                       producer=producer_shop(name_en="Si Phum Kitchen", subdistrict_code=SI_PHUM_CHIANG_MAI))
    return {"silk": silk, "runner": runner, "chilli": chilli, "weavers": weavers}


def test_catalogue_lists_every_good_most_stars_first(client, goods):
    page = client.get("/en/products/").content.decode()

    assert _names(page) == ["Praewa silk shawl", "Praewa silk table runner", "Chiang Mai chilli paste"]


def test_catalogue_shows_thai_names_on_thai_pages(client, goods):
    page = client.get("/th/products/").content.decode()

    assert "ผ้าสไบไหมแพรวา" in _names(page)


def test_star_filter_and_its_counts(client, goods):
    page = client.get("/en/products/?min_stars=5").content.decode()

    assert _names(page) == ["Praewa silk shawl"]
    assert re.search(r'value="4"[^>]*> 4 stars and more <span class="facet__count">\(2\)', page)
    assert re.search(r'value="3"[^>]*> 3 stars and more <span class="facet__count">\(3\)', page)


def test_region_and_category_facets_count_within_the_other_filters(client, goods):
    page = client.get("/en/products/?category=TEXTILE").content.decode()

    assert re.search(r'value="NORTHEAST"[^>]*> Northeast <span class="facet__count">\(2\)', page)
    assert re.search(r'value="NORTH"[^>]*disabled> North <span class="facet__count">\(0\)', page)
    assert re.search(r'value="FOOD"[^>]*> Food <span class="facet__count">\(1\)', page)


def test_province_and_gi_filters(client, goods):
    gi = goods["silk"].otop_provenance.gi

    assert _names(client.get("/en/products/?province=50").content.decode()) == ["Chiang Mai chilli paste"]
    assert _names(client.get(f"/en/products/?gi={gi.pk}").content.decode()) == ["Praewa silk shawl"]


def test_price_bands_and_sorts(client, goods):
    assert _names(client.get("/en/products/?price=1000-2000").content.decode()) == ["Praewa silk table runner"]
    assert _names(client.get("/en/products/?sort=price").content.decode()) == [
        "Chiang Mai chilli paste", "Praewa silk table runner", "Praewa silk shawl"]
    assert _names(client.get("/en/products/?sort=price-desc").content.decode())[0] == "Praewa silk shawl"


def test_sort_by_review_average(client, goods):
    approved_review(goods["chilli"], stars=5)

    assert _names(client.get("/en/products/?sort=reviews").content.decode())[0] == "Chiang Mai chilli paste"


def test_shipping_facet_keeps_goods_japan_takes(client, goods):
    japan_market()
    verdicts_recompute()
    client.post("/en/market/", {"market": "JP"})

    page = client.get("/en/products/?ships=on").content.decode()

    assert _names(page) == ["Praewa silk shawl", "Praewa silk table runner"]
    assert "Can be shipped to Japan" in page


def test_an_unknown_filter_value_is_dropped_and_said(client, goods):
    response = client.get("/en/products/?sort=cheapest&min_stars=9")

    assert response.status_code == 200
    page = response.content.decode()
    assert len(_names(page)) == 3
    assert "were not understood" in page


def test_htmx_request_gets_the_results_only(client, goods):
    partial = client.get("/en/products/?min_stars=4", HTTP_HX_REQUEST="true").content.decode()

    assert "<html" not in partial
    assert _names(partial) == ["Praewa silk shawl", "Praewa silk table runner"]


def test_pagination_links_keep_the_filters(client, goods, settings):
    settings.STOREFRONT_CATALOGUE_PAGE_SIZE = 2
    page = client.get("/en/products/?category=TEXTILE&min_stars=3").content.decode()
    assert "page=2" not in page  # two textiles fit one page

    page = client.get("/en/products/?min_stars=3").content.decode()
    assert 'href="?min_stars=3&amp;page=2"' in page
    assert _names(client.get("/en/products/?min_stars=3&page=2").content.decode()) == ["Chiang Mai chilli paste"]


def test_region_page_lists_its_goods_and_provinces(client, goods):
    response = client.get("/th/regions/northeast/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>ภาคตะวันออกเฉียงเหนือ</h1>" in page
    assert "ผ้าสไบไหมแพรวา" in _names(page)
    assert 'href="/th/provinces/46/"' in page
    assert "Chiang Mai chilli paste" not in page


def test_province_page(client, goods):
    page = client.get("/en/provinces/50/").content.decode()

    assert "<h1>Chiang Mai</h1>" in page
    assert _names(page) == ["Chiang Mai chilli paste"]


@pytest.mark.parametrize("path", [
    "/th/provinces/99/", "/en/regions/atlantis/", "/ja/products/no-such-good/", "/en/shops/no-such-shop/",
    "/en/collections/no-such-collection/",
])
def test_unknown_things_are_the_shops_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert 'class="not-found"' in response.content.decode()


def test_product_page_in_japanese_with_yen_and_the_baht_charge(client, goods):
    japan_market()
    verdicts_recompute()

    page = client.get(f"/ja/products/{goods['silk'].slug}/").content.decode()

    assert "<h1 class=\"product__name\">プレーワー・シルクのショール</h1>" in page
    assert "￥15,050" in page  # 3,500 baht at 4.30 yen
    assert "請求額 THB3,500.00" in page
    assert "日本 に発送できます。" in page


def test_product_page_shows_the_official_rating_and_provenance(client, goods):
    page = client.get(f"/th/products/{goods['silk'].slug}/").content.decode()

    assert "รอบปี พ.ศ. 2567" in page
    assert "OPC-2024-" in page
    assert "ผ้าไหมแพรวากาฬสินธุ์" in page
    assert "กาฬสินธุ์" in page and "ภาคตะวันออกเฉียงเหนือ" in page
    assert 'href="/th/shops/ban-phon-praewa/"' in page
    assert "เราทอผ้าไหมแพรวาแบบที่ยายสอน" not in page  # the producer's story is on its shop page
    assert "ทอมือ" in page  # the product's own story


def test_product_that_cannot_go_to_japan_says_why(client, goods):
    japan_market()
    verdicts_recompute()
    client.post("/ja/market/", {"market": "JP"})

    page = client.get(f"/ja/products/{goods['chilli'].slug}/").content.decode()

    assert "に発送できません" in page
    assert "この国には発送できないOTOPカテゴリーの商品です。" in page
    assert "4 つ星以上の商品です。この商品は 3 つ星です。" in page
    assert re.search(r'<button type="submit" class="button" disabled>', page)


def test_product_page_has_json_ld_and_open_graph(client, goods):
    approved_review(goods["silk"], stars=4, title="Beautiful")

    page = client.get(f"/en/products/{goods['silk'].slug}/").content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Product"
    assert data["offers"] == {"@type": "Offer", "price": "3500.00", "priceCurrency": "THB",
                              "availability": "https://schema.org/InStock", "url": data["url"]}
    assert data["aggregateRating"] == {"@type": "AggregateRating", "ratingValue": "4.00", "reviewCount": 1}
    assert '<meta property="og:title" content="Praewa silk shawl">' in page
    assert '<meta name="description" content="Praewa silk shawl, made in Thailand.">' in page
    assert "Verified purchase" in page
    assert "4.00 out of 5, from 1 review" in page


def test_json_ld_cannot_close_its_script_element(client, goods):
    ProductTranslation.objects.filter(product=goods["silk"], language_code="th").update(
        name="</script><b>x", description="Silk & cotton")

    page = client.get(f"/th/products/{goods['silk'].slug}/").content.decode()

    assert "</script><b>" not in page
    assert '<meta name="description" content="Silk &amp; cotton">' in page


def test_add_to_cart_form_posts_the_variant_to_the_cart(client, goods):
    page = client.get(f"/en/products/{goods['silk'].slug}/").content.decode()

    form = re.search(r'<form class="add-to-cart" method="post" action="([^"]*)">(.*?)</form>', page, re.S)
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert f'name="variant" value="{goods["silk"].variants.first().pk}"' in form.group(2)
    assert 'name="quantity"' in form.group(2)


def test_shop_page_shows_story_locality_products_and_reviews(client, goods):
    approved_review(goods["runner"], stars=5, title="Fine weaving")

    page = client.get("/en/shops/ban-phon-praewa/").content.decode()

    assert "<h1>Ban Phon Praewa Silk Weavers</h1>" in page
    assert "We weave Praewa silk as our grandmothers did." in page
    assert "Kalasin" in page
    assert _names(page) == ["Praewa silk shawl", "Praewa silk table runner"]
    assert "Fine weaving" in page


def test_shop_directory_groups_shops_by_province(client, goods):
    page = client.get("/en/shops/?province=46").content.decode()

    assert "Ban Phon Praewa Silk Weavers" in page
    assert "Si Phum Kitchen" not in page


def test_home_page_links_regions_and_star_levels(client, goods):
    page = client.get("/en/").content.decode()

    assert 'href="/en/regions/northeast/"' in page
    assert 'href="/en/products/?min_stars=5"' in page


# --- query counts: a list page's queries do not grow with its size ------------------------


def _goods(count, producer):
    return [otop_good(name=f"Good {n}", stars=3 + n % 3, producer=producer, gi=praewa_gi()) for n in range(count)]


@pytest.mark.parametrize("path", ["/en/products/", "/en/regions/northeast/", "/en/provinces/46/",
                                  "/en/shops/ban-phon-praewa/", "/en/shops/", "/en/"])
def test_list_pages_run_as_many_queries_for_two_goods_as_for_twelve(client, django_assert_num_queries, path):
    japan_market()
    client.post("/en/market/", {"market": "JP"})
    weavers = producer_shop(slug="ban-phon-praewa")
    _goods(2, weavers)
    verdicts_recompute()
    client.get(path)  # warm caches (content types, site)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    _goods(10, weavers)
    producer_shop(slug="second-shop")
    verdicts_recompute()

    with django_assert_num_queries(len(small)):
        assert client.get(path).status_code == 200


def _catalogue_queries(client, path) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(path)
    assert page.status_code == 200
    return len(captured.captured_queries), _names(page.content.decode())


# Every facet chosen: stars, region, province, OTOP category, GI, "can be shipped to Japan", price.
EVERY_FACET = "/en/products/?min_stars=4&region=NORTHEAST&province=46&category=TEXTILE&gi={gi}&ships=on&price=2000-up"


def test_catalogue_queries_do_not_grow_with_the_page_size_with_every_facet_chosen(client, settings):
    japan_market()
    client.post("/en/market/", {"market": "JP"})
    weavers = producer_shop(slug="ban-phon-praewa")
    _goods(30, weavers)
    verdicts_recompute()
    path = EVERY_FACET.format(gi=praewa_gi().pk)
    settings.STOREFRONT_CATALOGUE_PAGE_SIZE = 2
    small, names = _catalogue_queries(client, path)
    assert len(names) == 2

    settings.STOREFRONT_CATALOGUE_PAGE_SIZE = 50
    large, names = _catalogue_queries(client, path)

    assert len(names) == 20  # the 4- and 5-star goods, which Japan takes
    assert large == small


def test_catalogue_queries_do_not_grow_with_the_catalogue_with_every_facet_chosen(client, settings):
    japan_market()
    client.post("/en/market/", {"market": "JP"})
    weavers = producer_shop(slug="ban-phon-praewa")
    _goods(6, weavers)
    verdicts_recompute()
    settings.STOREFRONT_CATALOGUE_PAGE_SIZE = 5
    path = EVERY_FACET.format(gi=praewa_gi().pk)
    small, _names_shown = _catalogue_queries(client, path)

    _goods(40, weavers)
    _goods(5, producer_shop(slug="si-phum-kitchen", subdistrict_code=SI_PHUM_CHIANG_MAI))
    verdicts_recompute()

    assert _catalogue_queries(client, path)[0] == small


def test_product_page_queries_do_not_grow_with_its_reviews_and_variants(client, django_assert_num_queries, goods):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ProductVariantFactory

    path = f"/en/products/{goods['silk'].slug}/"
    approved_review(goods["silk"], stars=5)
    client.get(path)
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _ in range(4):
        approved_review(goods["silk"], stars=4)
        ProductVariantFactory(product=goods["silk"])

    with django_assert_num_queries(len(small)):
        client.get(path)


def test_a_full_catalogue_page_with_its_css_and_js_weighs_at_most_150_kb(client):
    weavers = producer_shop(slug="ban-phon-praewa")
    _goods(30, weavers)

    page = client.get("/en/products/")
    html = page.content
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html.decode())
    asset_bytes = sum(len(b"".join(client.get(path).streaming_content)) for path in assets)

    assert len(page.context["cards"]) == 24
    assert {path.rsplit("/", 1)[1] for path in assets} == {"storefront.css", "htmx.js", "storefront.js"}
    total = len(html) + asset_bytes
    print(f"catalogue page: HTML {len(html)} B + CSS/JS {asset_bytes} B = {total} B")
    assert total <= 150 * 1024


def test_collection_page_lists_its_goods_in_as_many_queries_for_two_as_for_twelve(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plugins.curation import services as curation_services
    from tests.factories.curation import hand_picked_collection

    weavers = producer_shop(slug="ban-phon-praewa")
    featured = hand_picked_collection(products=_goods(2, weavers), name="Northeast textiles", slug="northeast-textiles")
    outsider = otop_good(name="Not in the collection", producer=weavers)
    path = "/en/collections/northeast-textiles/"
    client.get(path)
    with CaptureQueriesContext(connection) as small:
        page = client.get(path).content.decode()
    assert "<h1>Northeast textiles</h1>" in page
    assert len(_names(page)) == 2 and outsider.name not in _names(page)
    curation_services.featured_collection_products_add(
        featured_collection=featured, product_ids=[p.pk for p in _goods(10, weavers)])

    with django_assert_num_queries(len(small)):
        assert len(_names(client.get(path).content.decode())) == 12
