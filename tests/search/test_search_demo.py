"""What a shopper finds on the demo catalogue through products(filter: {search:})."""
import pytest
from saleor.product.models import Product, ProductTranslation

from plugins.search.evaluation import MUDMEE, QUERIES, UMBRELLA, search_precision

SEARCH = """
query($search: String!, $first: Int!) {
  products(first: $first, filter: {search: $search}) {
    totalCount
    edges { node { slug otop { stars { stars } } } }
  }
}"""


def found(api_client, phrase: str, first: int = 10) -> tuple[list, int]:
    data = api_client.data(SEARCH, {"search": phrase, "first": first})["products"]
    return [edge["node"]["slug"] for edge in data["edges"]], data["totalCount"]


@pytest.mark.parametrize(
    "phrase, expected_first",
    [
        ("ผ้าไหม", {MUDMEE, "praewa-silk-fabric-2m", "lamphun-brocade-silk-2m", "surin-hol-silk"}),
        ("ร่ม", {UMBRELLA}),
        ("น้ำพริก", {"bang-pla-ma-grilled-fish-chili-paste"}),
        ("กาแฟ", {"doi-tung-drip-bags", "doi-tung-arabica-beans"}),
        ("กระดาษสา", {UMBRELLA}),
    ],
)
def test_thai_word_finds_its_goods_first(demo, api_client, phrase, expected_first):
    slugs, _count = found(api_client, phrase)
    assert slugs and slugs[0] in expected_first


@pytest.mark.parametrize(
    "phrase, expected_first",
    [
        ("ม่อฮ่อม", "phrae-mo-hom-shirt"),
        ("โอ่งมังกร", "ratchaburi-dragon-jar-small"),
        # Sara am typed as nikhahit + sara aa, the tone mark between them.
        ("น\u0e4d\u0e49\u0e32พริก", "bang-pla-ma-grilled-fish-chili-paste"),
    ],
)
def test_thai_words_with_tone_marks_find_their_goods(demo, api_client, phrase, expected_first):
    assert found(api_client, phrase)[0][0] == expected_first


def test_otop_terms_stay_whole(demo, api_client):
    assert found(api_client, "มัดหมี่")[0][0] == MUDMEE
    slugs, count = found(api_client, "บ่อสร้าง")
    assert slugs[0] == UMBRELLA
    # Only Bo Sang's goods: not every product with "บ่อ" or "สร้าง" somewhere.
    assert set(slugs) == {UMBRELLA, "bo-sang-saa-paper-fan", "bo-sang-saa-paper-notebook"} and count == 3


def test_thai_word_inside_a_longer_compound_is_found(demo, api_client):
    # "กระดาษ" (paper) is written inside "กระดาษสา" (saa paper); "ไหม" inside "ผ้าไหม".
    assert found(api_client, "กระดาษ")[0][0] == UMBRELLA
    silk_slugs, _count = found(api_client, "ไหม", first=5)
    assert all("silk" in slug for slug in silk_slugs)


def test_english_name_finds_the_product_first(demo, api_client):
    assert found(api_client, "umbrella")[0][0] == UMBRELLA
    assert found(api_client, "silk scarf")[0][0] == "lamphun-brocade-silk-scarf"


@pytest.mark.parametrize(
    "product_slug, language", [(UMBRELLA, "ja"), ("mae-salong-oolong", "ja"), ("doi-tung-drip-bags", "zh-hans"),
                               (MUDMEE, "zh-hans")]
)
def test_japanese_and_chinese_names_find_the_product_first(demo, api_client, product_slug, language):
    name = ProductTranslation.objects.get(product__slug=product_slug, language_code=language).name
    assert found(api_client, name)[0][0] == product_slug


def test_japanese_substring_finds_the_product(demo, api_client):
    name = ProductTranslation.objects.get(product__slug=UMBRELLA, language_code="ja").name
    word = next(part for part in name.split() if len(part) >= 3)
    assert UMBRELLA in found(api_client, word[1:])[0]


def test_misspelt_english_word_finds_the_product_first(demo, api_client):
    assert found(api_client, "umbrela")[0][0] == UMBRELLA
    assert found(api_client, "pinapple")[0][0] == "phuket-pineapple-pair"


def test_producer_name_finds_its_products_first(demo, api_client):
    assert found(api_client, "Somjit")[0][0] == MUDMEE
    assert found(api_client, "กลุ่มทำร่มบ่อสร้าง")[0][0] == UMBRELLA


def test_province_name_finds_its_products_first(demo, api_client):
    slugs, _count = found(api_client, "ขอนแก่น")
    assert set(slugs) == {MUDMEE, "chonnabot-silk-cushion-cover"} and slugs[0] == MUDMEE
    assert found(api_client, "Kalasin")[0][0] in {"praewa-silk-shawl", "praewa-silk-fabric-2m"}


@pytest.mark.parametrize("phrase", ["าไห", "้าไหมมั", "ngumb", "ilksc"])
def test_substring_across_a_word_boundary_does_not_flood_the_results(demo, api_client, phrase):
    # "าไห" sits across ผ้า|ไหม in every silk name; "ngumb" across "Sang umbrella".
    assert found(api_client, phrase)[1] <= 2


def test_name_matches_rank_above_description_matches(demo, api_client):
    # "ร่ม" is the umbrella's name, and only shade ("ใต้ร่มไม้") in the coffee's description.
    slugs, _count = found(api_client, "ร่ม", first=20)
    assert slugs[0] == UMBRELLA and slugs[-1] == "doi-tung-arabica-beans"


def test_more_stars_rank_first_among_name_matches(demo, api_client):
    data = api_client.data(SEARCH, {"search": "silk", "first": 20})["products"]
    stars = [edge["node"]["otop"]["stars"]["stars"] for edge in data["edges"][:4]]
    assert stars == sorted(stars, reverse=True)


def test_search_pages_follow_on_without_repeats(demo, api_client):
    query = """query($after: String) { products(first: 3, after: $after, filter: {search: "silk"}) {
        edges { node { slug } } pageInfo { hasNextPage endCursor } } }"""
    slugs, after = [], None
    while True:
        page = api_client.data(query, {"after": after})["products"]
        slugs += [edge["node"]["slug"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert slugs == found(api_client, "silk", first=50)[0]
    assert len(slugs) == len(set(slugs)) > 3


def test_explicit_sort_is_kept_when_searching(demo, api_client):
    query = """{ products(first: 20, filter: {search: "silk"}, sortBy: {field: PRICE, direction: ASC}) {
        edges { node { slug pricing { priceRange { start { gross { amount } } } } } } } }"""
    edges = api_client.data(query)["products"]["edges"]
    prices = [edge["node"]["pricing"]["priceRange"]["start"]["gross"]["amount"] for edge in edges]
    assert prices == sorted(prices) and len(prices) > 3


def test_search_query_count_does_not_grow_with_page_size(demo, api_client, django_assert_num_queries):
    query = """query($first: Int!) { products(first: $first, filter: {search: "ไหม"}) { edges { node {
        slug name otop { stars { stars } provenance { province { nameTh } } } } } } }"""
    api_client.data(query, {"first": 2})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        small_page = api_client.data(query, {"first": 2})["products"]["edges"]
    with django_assert_num_queries(len(small.captured_queries)):
        large_page = api_client.data(query, {"first": 10})["products"]["edges"]
    assert len(small_page) == 2 and len(large_page) == 10


def test_precision_on_the_evaluation_queries(demo):
    precision, results = search_precision()
    misses = [(result.query, result.first) for result in results if not result.hit]
    print(f"search precision at 1: {precision:.1%} of {len(results)} queries; misses: {misses}")
    assert len(QUERIES) >= 30
    assert precision >= 0.9, misses


def test_unpublished_products_are_not_found_by_shoppers(demo, api_client):
    Product.objects.filter(slug=UMBRELLA).update(is_published=False)
    assert UMBRELLA not in found(api_client, "umbrella")[0]


SUGGESTIONS = """
query($text: String!, $language: LanguageCodeEnum, $first: Int) {
  searchSuggestions(text: $text, language: $language, first: $first) {
    suggestions { kind text language placeCode product { slug } }
    didYouMean
  }
}"""


def suggest(api_client, text, language="TH", first=8) -> dict:
    return api_client.data(SUGGESTIONS, {"text": text, "language": language, "first": first})["searchSuggestions"]


def test_half_typed_thai_word_suggests_product_names(demo, api_client):
    suggestions = suggest(api_client, "ผ้าไ")["suggestions"]
    assert suggestions and all(s["kind"] == "PRODUCT" and s["text"].startswith("ผ้าไหม") for s in suggestions)
    assert {s["product"]["slug"] for s in suggestions} >= {MUDMEE, "praewa-silk-fabric-2m"}


def test_typed_place_name_suggests_the_place_with_its_code(demo, api_client):
    suggestions = suggest(api_client, "เชียงใ")["suggestions"]
    assert {"kind": "PROVINCE", "text": "เชียงใหม่", "language": "th", "placeCode": "50", "product": None} in suggestions
    english = suggest(api_client, "Kalas", language="EN")["suggestions"]
    assert english[0]["kind"] == "PROVINCE" and english[0]["placeCode"] == "46"


def test_suggestions_prefer_the_shoppers_language(demo, api_client):
    name = ProductTranslation.objects.get(product__slug=UMBRELLA, language_code="ja").name
    suggestions = suggest(api_client, name[:3], language="JA")["suggestions"]
    assert suggestions[0] == {"kind": "PRODUCT", "text": name, "language": "ja", "placeCode": None,
                              "product": {"slug": UMBRELLA}}


def test_suggestions_leave_out_unpublished_products(demo, api_client):
    Product.objects.filter(slug=UMBRELLA).update(is_published=False)
    assert UMBRELLA not in {s["product"]["slug"] for s in suggest(api_client, "Bo Sang", "EN")["suggestions"]
                            if s["product"]}


def test_misspelt_word_gets_did_you_mean(demo, api_client):
    assert suggest(api_client, "umbrela", "EN")["didYouMean"] == "umbrella"
    assert suggest(api_client, "bo sang umbrela", "EN")["didYouMean"] == "bo sang umbrella"
    assert suggest(api_client, "umbrella", "EN")["didYouMean"] is None


@pytest.mark.parametrize("variables, message", [
    ({"text": "x" * 101}, "text: at most 100 characters."),
    ({"text": "silk", "first": 0}, "first: from 1 to 20."),
    ({"text": "silk", "first": 21}, "first: from 1 to 20."),
])
def test_bad_suggestion_input_is_refused_with_the_field_named(demo, api_client, variables, message):
    content = api_client.post(SUGGESTIONS, variables)
    assert content["errors"][0]["message"] == message


def test_suggestion_query_count_does_not_grow_with_their_number(demo, api_client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    suggest(api_client, "ผ้า", first=2)
    with CaptureQueriesContext(connection) as few:
        assert len(suggest(api_client, "ผ้า", first=2)["suggestions"]) == 2
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(suggest(api_client, "ผ้า", first=8)["suggestions"]) == 8
