from pathlib import Path

import pytest

from storefront_config.loader import (
    DEFAULT_MARKETS_DIR,
    StorefrontConfigError,
    market_config_load,
    market_configs_load,
)
from tests.storefront_config.helpers import market_data, write_market


def problems(path: Path) -> list:
    with pytest.raises(StorefrontConfigError) as refused:
        market_config_load(path)
    return [(problem.file, problem.path, problem.message) for problem in refused.value.problems]


def test_shipped_markets_are_valid_and_cover_the_languages():
    loaded = market_configs_load(DEFAULT_MARKETS_DIR)

    assert loaded.problems == []
    assert set(loaded.configs) >= {"TH", "JP", "CN", "US", "DE", "MY", "SG"}
    languages = {language for config in loaded.configs.values() for language in config.languages}
    assert languages >= {"th", "en", "zh-hans", "ja"}


def test_valid_file_loads_its_sections_in_order(tmp_path):
    config = market_config_load(write_market(tmp_path, market_data()))

    assert (config.market, config.version, config.currency) == ("JP", 3, "JPY")
    assert [type(section).__name__ for section in config.homepage] == [
        "HeroSection", "FeaturedProvincesSection", "FeaturedProducersSection", "BannerSection"
    ]


def test_unknown_section_names_file_and_path(tmp_path):
    path = write_market(tmp_path, market_data(promotions=[{"text": "sale"}]))

    [(file, where, message)] = problems(path)

    assert (file, where) == ("jp.yaml", "$.promotions")
    assert message.startswith("unknown section 'promotions'")


def test_unknown_homepage_section_type(tmp_path):
    data = market_data()
    data["homepage"].append({"section": "carousel", "title": {"ja": "x", "en": "x"}})

    [(_file, where, message)] = problems(write_market(tmp_path, data))

    assert where == "$.homepage[4].section"
    assert message.startswith("unknown section type 'carousel'")


def test_missing_translation_names_the_language(tmp_path):
    data = market_data()
    del data["homepage"][3]["text"]["en"]

    [(_file, where, message)] = problems(write_market(tmp_path, data))

    assert where == "$.homepage[3].text.en"
    assert message.startswith("missing translation for language 'en'")


def test_text_in_a_language_the_market_does_not_offer(tmp_path):
    data = market_data()
    data["navigation"][0]["label"]["fr"] = "Sélection"

    [(_file, where, message)] = problems(write_market(tmp_path, data))

    assert where == "$.navigation[0].label.fr"
    assert "not one of the market's languages" in message


def test_unsupported_language_code(tmp_path):
    [(_file, where, _message), *_rest] = problems(write_market(tmp_path, market_data(languages=["ja", "xx"])))

    assert where == "$.languages[1]"


def test_default_language_must_be_offered(tmp_path):
    [(_file, where, _message)] = problems(write_market(tmp_path, market_data(default_language="th")))

    assert where == "$.default_language"


def test_market_must_match_the_file_name(tmp_path):
    [(file, where, message)] = problems(write_market(tmp_path, market_data(), name="cn"))

    assert (file, where) == ("cn.yaml", "$.market")
    assert "does not match the file name" in message


def test_unknown_currency(tmp_path):
    [(_file, where, _message)] = problems(write_market(tmp_path, market_data(currency="XYZ")))

    assert where == "$.currency"


def test_province_code_written_as_a_number(tmp_path):
    data = market_data()
    data["homepage"][1]["provinces"] = ["46", 50]

    [(_file, where, message)] = problems(write_market(tmp_path, data))

    assert where == "$.homepage[1].provinces[1]"
    assert "is not of type 'string'" in message


def test_link_naming_two_targets(tmp_path):
    data = market_data()
    data["navigation"][1]["link"] = {"province": "46", "path": "/kalasin/"}

    [(_file, where, message)] = problems(write_market(tmp_path, data))

    assert where == "$.navigation[1].link"
    assert "exactly one" in message


def test_second_hero_section(tmp_path):
    data = market_data()
    data["homepage"].append(dict(data["homepage"][0]))

    [(_file, where, _message)] = problems(write_market(tmp_path, data))

    assert where == "$.homepage[4]"


def test_duplicate_yaml_key_names_the_line(tmp_path):
    path = tmp_path / "jp.yaml"
    path.write_text("market: JP\nversion: 1\nversion: 2\n", encoding="utf-8")

    [(_file, where, message)] = problems(path)

    assert where == "line 3, column 1"
    assert "duplicate key 'version'" in message


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "jp.yaml"
    path.write_text("market: JP\nhomepage: [\n", encoding="utf-8")

    [(_file, where, message)] = problems(path)

    assert where.startswith("line ")
    assert message.startswith("not valid YAML")


def test_one_bad_file_does_not_hide_the_others(tmp_path):
    write_market(tmp_path, market_data())
    write_market(tmp_path, market_data(market="SG", currency="SGD", extra=1), name="sg")

    loaded = market_configs_load(tmp_path)

    assert list(loaded.configs) == ["JP"]
    assert [problem.path for problem in loaded.problems] == ["$.extra"]
