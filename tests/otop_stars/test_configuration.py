from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from saleor.plugins.models import PluginConfiguration

from plugins.otop_stars.plugin import OtopStarsPlugin, StarsConfiguration
from plugins.otop_stars.selectors import stars_configuration


def plugin_with(**values):
    configuration = [{"name": name, "value": value} for name, value in values.items()]
    return OtopStarsPlugin(configuration=configuration, active=True)


def test_defaults_are_three_to_list_four_to_export_two_years_and_bands():
    config = plugin_with().config

    assert (config.minimum_listing_stars, config.minimum_export_stars, config.validity_years) == (3, 4, 2)
    assert config.score_bands == {5: 90, 4: 80, 3: 70, 2: 60, 1: 50}


def test_stored_values_become_a_typed_configuration():
    config = plugin_with(minimum_listing_stars="4", validity_years="3", score_bands="5:85,4:75").config

    assert (config.minimum_listing_stars, config.validity_years) == (4, 3)
    assert config.score_bands == {5: Decimal(85), 4: Decimal(75)}


@pytest.mark.parametrize(
    "name, value",
    [
        ("minimum_listing_stars", "0"),
        ("minimum_listing_stars", "6"),
        ("minimum_export_stars", "four"),
        ("validity_years", "0"),
        ("score_bands", "5:90,4:95"),
        ("score_bands", "5=90"),
        ("score_bands", "7:90"),
        ("score_bands", "5:90,5:80"),
    ],
)
def test_bad_configuration_is_refused_naming_the_field(name, value):
    stored = PluginConfiguration(identifier=OtopStarsPlugin.PLUGIN_ID, configuration=[{"name": name, "value": value}])

    with pytest.raises(ValidationError) as raised:
        OtopStarsPlugin.validate_plugin_configuration(stored)

    assert list(raised.value.error_dict) == [name]
    assert raised.value.error_dict[name][0].code == "invalid"


def test_an_empty_band_text_turns_the_score_check_off():
    assert StarsConfiguration(score_bands={}).score_fits_stars(score=Decimal(10), stars=5)


def test_a_score_fits_its_star_level_band_only():
    config = plugin_with().config

    assert config.score_fits_stars(score=Decimal(85), stars=4)
    assert not config.score_fits_stars(score=Decimal(91), stars=4)
    assert not config.score_fits_stars(score=Decimal(79), stars=4)


@pytest.mark.django_db
def test_other_plugins_read_the_stored_configuration():
    PluginConfiguration.objects.create(
        identifier=OtopStarsPlugin.PLUGIN_ID,
        name=OtopStarsPlugin.PLUGIN_NAME,
        configuration=[{"name": "minimum_export_stars", "value": "5"}],
    )

    config = stars_configuration()

    assert (config.minimum_export_stars, config.minimum_listing_stars) == (5, 3)


@pytest.mark.django_db
def test_staff_change_the_configuration_through_saleor(staff_api_client):
    mutation = """
    mutation {
      pluginUpdate(id: "otop.stars", input: {configuration: [{name: "minimum_listing_stars", value: "9"}]}) {
        pluginsErrors { field code }
      }
    }"""

    data = staff_api_client.data(mutation, permissions=["plugins.manage_plugins"])

    assert data["pluginUpdate"]["pluginsErrors"] == [{"field": "minimumListingStars", "code": "INVALID"}]
    assert stars_configuration().minimum_listing_stars == 3
