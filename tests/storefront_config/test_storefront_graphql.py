import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.product.models import Collection

from storefront_config.loader import market_configs_clear_cache
from tests.factories.producer_channels import ProducerFactory
from tests.storefront_config.helpers import market_data, write_market

pytestmark = pytest.mark.django_db

STOREFRONT = """
query Storefront($market: String!, $language: LanguageCodeEnum) {
  storefrontConfig(market: $market, language: $language) {
    market version currency language languages defaultLanguage
    homepage {
      __typename
      ... on StorefrontHeroSection { title collectionSlug collection { slug } }
      ... on StorefrontProvincesSection { title provinces { code nameEn region { code } } }
      ... on StorefrontProducersSection { title producers { slug name } }
      ... on StorefrontBannerSection { key text link { path } }
    }
    navigation { label link { path collection { name } province { code } } }
  }
}
"""


@pytest.fixture
def markets_dir(tmp_path, settings):
    settings.OTOP_STOREFRONT_CONFIG_DIR = str(tmp_path)
    market_configs_clear_cache()
    yield tmp_path
    market_configs_clear_cache()


@pytest.fixture
def japan(markets_dir):
    Collection.objects.create(name="Japan picks", slug="japan-picks", is_published=True)
    ProducerFactory(slug="weavers", name_en="Ban Phon Weavers", name_th="กลุ่มทอผ้าบ้านโพน")
    write_market(markets_dir, market_data())


def storefront(client, market="JP", language=None):
    return client.data(STOREFRONT, {"market": market, "language": language})["storefrontConfig"]


def test_storefront_resolves_collections_provinces_and_producers(api_client, japan):
    config = storefront(api_client)

    assert (config["market"], config["version"], config["currency"], config["language"]) == ("JP", 3, "JPY", "JA")
    hero, provinces, producers, banner = config["homepage"]
    assert hero == {"__typename": "StorefrontHeroSection", "title": "日本向け",
                    "collectionSlug": "japan-picks", "collection": {"slug": "japan-picks"}}
    assert [(p["code"], p["region"]["code"]) for p in provinces["provinces"]] == [("46", "NORTHEAST"), ("50", "NORTH")]
    assert producers["producers"] == [{"slug": "weavers", "name": "Ban Phon Weavers"}]
    assert banner == {"__typename": "StorefrontBannerSection", "key": "ems", "text": "EMSで配送", "link": {"path": "/shipping/"}}
    assert config["navigation"][0] == {
        "label": "セレクション", "link": {"path": "/collections/japan-picks/", "collection": {"name": "Japan picks"}, "province": None}
    }


def test_texts_come_in_the_requested_language(api_client, japan):
    config = storefront(api_client, language="EN")

    assert config["homepage"][0]["title"] == "For Japan"
    assert config["navigation"][1]["label"] == "Kalasin"


def test_language_the_market_does_not_offer_is_refused(api_client, japan):
    content = api_client.post(STOREFRONT, {"market": "JP", "language": "DE"})

    assert "'de' is not offered in market JP" in content["errors"][0]["message"]


def test_unknown_market_is_refused_naming_the_configured_ones(api_client, japan):
    content = api_client.post(STOREFRONT, {"market": "FR"})

    assert "no storefront configuration for market 'FR'; configured: JP" in content["errors"][0]["message"]


def test_invalid_file_is_refused_naming_file_and_path(api_client, markets_dir):
    write_market(markets_dir, market_data(promotions=[]))

    content = api_client.post(STOREFRONT, {"market": "JP"})

    assert f"{markets_dir.name}/jp.yaml: $.promotions: unknown section 'promotions'" in content["errors"][0]["message"]


def test_unpublished_collection_is_left_out(api_client, japan):
    Collection.objects.filter(slug="japan-picks").update(is_published=False)

    assert storefront(api_client)["homepage"][0]["collection"] is None


def test_query_count_does_not_grow_with_references(api_client, markets_dir):
    counts = []
    for market, size in (("JP", 1), ("SG", 8)):
        slugs = [f"{market.lower()}-maker-{index}" for index in range(size)]
        for slug in slugs:
            ProducerFactory(slug=slug)
            Collection.objects.create(name=slug, slug=slug, is_published=True)
        data = market_data(market=market, currency="SGD" if market == "SG" else "JPY")
        data["homepage"][2]["producers"] = slugs
        data["homepage"][1]["provinces"] = ["10", "46", "50", "57", "70", "80", "90", "94"][:size]
        data["navigation"] = [{"label": {"ja": s, "en": s}, "link": {"collection": s}} for s in slugs]
        data["homepage"][0]["collection"] = slugs[0]
        write_market(markets_dir, data)
        market_configs_clear_cache()
        with CaptureQueriesContext(connection) as queries:
            storefront(api_client, market=market)
        counts.append(len(queries))

    # collections, provinces with their regions, producers
    assert counts == [3, 3]


def test_check_command_names_missing_references(markets_dir, capsys):
    write_market(markets_dir, market_data())

    with pytest.raises(CommandError, match="3 problem"):
        call_command("otop_check_storefront_config", directory=str(markets_dir))

    reported = capsys.readouterr().err
    assert f"{markets_dir.name}/jp.yaml: $.homepage[0].collection: no collection 'japan-picks' exists" in reported
    assert "$.homepage[2].producers[0]: no producer 'weavers' exists" in reported
    assert "$.navigation[0].link.collection: no collection 'japan-picks' exists" in reported


def test_check_command_names_schema_problems(markets_dir, capsys):
    data = market_data()
    del data["homepage"][0]["title"]["en"]
    write_market(markets_dir, data)

    with pytest.raises(CommandError):
        call_command("otop_check_storefront_config", directory=str(markets_dir))

    assert "jp.yaml: $.homepage[0].title.en: missing translation for language 'en'" in capsys.readouterr().err


def test_check_command_passes_a_clean_folder(japan, markets_dir, capsys):
    call_command("otop_check_storefront_config", directory=str(markets_dir))

    assert "1 market file(s) OK: JP" in capsys.readouterr().out
