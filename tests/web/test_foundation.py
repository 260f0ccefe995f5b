"""The shop's frame: languages in the path, the market, the 404 page, headers."""
import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_browsers_language_on_a_first_visit(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja-JP,ja;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/ja/"


def test_chinese_of_any_region_gets_simplified_chinese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response["Location"] == "/zh-hans/"


def test_a_language_the_shop_lacks_falls_to_the_next_preference(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,th;q=0.8")

    assert response["Location"] == "/th/"


def test_no_known_language_gets_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")

    assert response["Location"] == "/en/"


def test_root_remembers_the_language_last_used(client):
    client.get("/th/")

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")

    assert response["Location"] == "/th/"


def test_a_path_without_language_keeps_its_query(client):
    response = client.get("/?utm=1", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/en/?utm=1"


@pytest.mark.parametrize("language", ["th", "en", "ja", "zh-hans"])
def test_pages_are_served_in_their_language(client, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert response["Content-Language"] == language


def test_home_page_in_thai_is_translated(client):
    page = client.get("/th/").content.decode()

    assert "ตลาดโอทอป" in page
    assert "ข้ามไปที่เนื้อหา" in page


def test_language_switcher_links_the_same_page_in_each_language(client):
    page = client.get("/th/").content.decode()

    for code in ("th", "en", "ja", "zh-hans"):
        assert f'href="/{code}/" hreflang="{code}"' in page


def test_unknown_language_prefix_is_the_shops_404_in_the_shoppers_language(client):
    response = client.get("/de/", HTTP_ACCEPT_LANGUAGE="ja")

    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="ja">' in page
    assert "ページが見つかりません" in page


def test_unknown_page_is_the_shops_404_in_the_pages_language(client):
    response = client.get("/th/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="th">' in page
    assert "ไม่พบหน้านี้" in page


def test_the_api_keeps_answering_in_english(client):
    response = client.post("/graphql/", data={"query": "{ shop { name } }"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="th")

    assert response.status_code == 200
    assert "Content-Language" not in response


def test_pages_have_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/en/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_have_no_inline_script_or_style(client):
    page = client.get("/en/").content.decode()

    assert "<script>" not in page and "<style" not in page and " style=" not in page
    assert "<script src=" in page


def test_htmx_comes_from_the_installed_package(client):
    response = client.get("/static/unfold/js/htmx.js")

    assert response.status_code == 200
    assert b"htmx" in b"".join(response.streaming_content)[:200]


def test_market_defaults_to_the_one_speaking_the_pages_language(client):
    assert client.get("/ja/").context["market"].market == "JP"
    assert client.get("/th/").context["market"].market == "TH"


def test_english_without_a_choice_gets_the_home_market(client):
    assert client.get("/en/").context["market"].market == "TH"


def test_chosen_market_is_remembered_across_pages_and_languages(client):
    response = client.post("/en/market/", {"market": "JP", "next": "/en/?x=1"})

    assert response.status_code == 302
    assert response["Location"] == "/en/?x=1"
    assert client.get("/th/").context["market"].market == "JP"


def test_market_switcher_refuses_an_unknown_market_and_a_foreign_next(client):
    client.post("/en/market/", {"market": "JP"})

    response = client.post("/en/market/", {"market": "XX", "next": "https://evil.example/"})

    assert response["Location"] == "/en/"
    assert client.get("/en/").context["market"].market == "JP"


def test_market_switcher_needs_the_csrf_token(settings):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/en/market/", {"market": "JP"})

    assert response.status_code == 403


def test_market_switcher_lists_every_configured_market_with_its_currency(client):
    page = client.get("/en/").content.decode()

    assert '<option value="JP">Japan (JPY)</option>' in page
    assert '<option value="TH" selected>Thailand (THB)</option>' in page


def test_market_names_follow_the_pages_language(client):
    page = client.get("/ja/").content.decode()

    assert "日本 (JPY)" in page


def test_buying_pages_share_the_storefront_namespace():
    from web.storefront import buying_urls

    assert isinstance(buying_urls.urlpatterns, list)
    with translation.override("ja"):
        assert reverse("storefront:home") == "/ja/"
