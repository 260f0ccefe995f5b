import pytest
from django.core.management import call_command

from saleor_otop.demo import demo_catalogue_load, demo_plugins_load
from storefront_config.loader import market_configs_clear_cache

HOME = """
query Home($market: String!) {
  storefrontConfig(market: $market) {
    language
    homepage {
      ... on StorefrontHeroSection { collection { slug products(first: 3) { edges { node { name } } } } }
      ... on StorefrontProvincesSection { provinces { nameTh } }
      ... on StorefrontProducersSection { producers { slug name } }
    }
  }
}
"""


@pytest.fixture
def demo(db):
    market_configs_clear_cache()
    catalogue = demo_catalogue_load(staff_email="staff@otop-market.example", staff_password="demo-password-1", log=lambda _: None)
    demo_plugins_load(catalogue=catalogue, log=lambda _: None)
    return catalogue


def test_shipped_storefronts_reference_only_what_the_demo_creates(demo, capsys):
    call_command("otop_check_storefront_config")

    assert "7 market file(s) OK" in capsys.readouterr().out


def test_japanese_homepage_on_the_demo_data(api_client, demo):
    config = api_client.data(HOME, {"market": "JP"})["storefrontConfig"]

    hero, producers, provinces, _banner = config["homepage"]
    assert config["language"] == "JA"
    assert hero["collection"]["slug"] == "export-showcase-japan"
    assert len(hero["collection"]["products"]["edges"]) == 3
    assert [p["slug"] for p in producers["producers"]] == ["doi-tung-highland", "ban-phon-praewa", "lampang-ceramics"]
    assert [p["nameTh"] for p in provinces["provinces"]] == ["เชียงราย", "กาฬสินธุ์", "ลำปาง"]
