"""One declaration per plugin setting gives Saleor's configuration, the typed configuration,
the validation and the reader (otop_kernel/plugin_settings.py)."""
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from saleor.plugins.base_plugin import ConfigurationTypeField
from saleor.plugins.manager import get_plugins_manager
from saleor.plugins.models import PluginConfiguration

from otop_kernel.plugin_settings import (
    PluginSettings,
    SettingsPlugin,
    parse_boolean,
    parse_whole_number,
    setting,
)
from plugins.curation.plugin import CurationPlugin


@dataclass(frozen=True)
class ParcelConfiguration:
    parcels_per_day: int = setting(
        label="Parcels per day",
        help_text="How many parcels a producer may send a day (1-50).",
        default="10",
        parse=lambda raw: parse_whole_number(raw, minimum=1, maximum=50, message="1 to 50 parcels, got {raw!r}."),
    )
    tracked: bool = setting(
        label="Tracked",
        help_text="Send every parcel tracked.",
        type=ConfigurationTypeField.BOOLEAN,
        default=True,
        parse=parse_boolean,
    )
    active: bool = True


class ParcelPlugin(SettingsPlugin):
    PLUGIN_ID = "otop.tests.parcels"
    SETTINGS = PluginSettings(ParcelConfiguration)


def test_the_declaration_gives_saleors_default_configuration_and_structure():
    assert ParcelPlugin.DEFAULT_CONFIGURATION == [
        {"name": "parcels_per_day", "value": "10"},
        {"name": "tracked", "value": True},
    ]
    assert ParcelPlugin.CONFIG_STRUCTURE == {
        "parcels_per_day": {
            "type": ConfigurationTypeField.STRING,
            "help_text": "How many parcels a producer may send a day (1-50).",
            "label": "Parcels per day",
        },
        "tracked": {"type": ConfigurationTypeField.BOOLEAN, "help_text": "Send every parcel tracked.", "label": "Tracked"},
    }


def test_stored_items_become_the_typed_configuration_of_the_plugin():
    plugin = ParcelPlugin(configuration=[{"name": "parcels_per_day", "value": "25"}], active=False)

    assert plugin.config == ParcelConfiguration(parcels_per_day=25, tracked=True, active=False)


def test_a_stored_value_that_does_not_parse_reads_as_the_default():
    plugin = ParcelPlugin(configuration=[{"name": "parcels_per_day", "value": "lots"}], active=True)

    assert plugin.config.parcels_per_day == 10


def test_validation_names_each_bad_field_with_its_message():
    stored = PluginConfiguration(
        identifier=ParcelPlugin.PLUGIN_ID,
        configuration=[{"name": "parcels_per_day", "value": "51"}, {"name": "tracked", "value": "maybe"}],
    )

    with pytest.raises(ValidationError) as refused:
        ParcelPlugin.validate_plugin_configuration(stored)

    assert sorted(refused.value.error_dict) == ["parcels_per_day", "tracked"]
    assert refused.value.error_dict["parcels_per_day"][0].messages == ["1 to 50 parcels, got '51'."]
    assert {errors[0].code for errors in refused.value.error_dict.values()} == {"invalid"}


def test_reader_without_a_stored_row_gives_the_defaults(db):
    assert CurationPlugin.settings_read() == CurationPlugin.SETTINGS.from_items(CurationPlugin.DEFAULT_CONFIGURATION)


def test_reader_reads_the_stored_row_and_its_active_flag(db):
    PluginConfiguration.objects.create(
        identifier=CurationPlugin.PLUGIN_ID, active=False, configuration=[{"name": "active_shops_target", "value": "900"}]
    )

    configuration = CurationPlugin.settings_read()

    assert (configuration.active_shops_target, configuration.active) == (900, False)


def test_reader_takes_the_configuration_of_a_request_plugins_manager(db):
    PluginConfiguration.objects.create(
        identifier=CurationPlugin.PLUGIN_ID, active=True, configuration=[{"name": "active_shops_target", "value": "900"}]
    )
    manager = get_plugins_manager()
    PluginConfiguration.objects.filter(identifier=CurationPlugin.PLUGIN_ID).update(
        configuration=[{"name": "active_shops_target", "value": "700"}]
    )

    assert CurationPlugin.settings_read(plugins=manager).active_shops_target == 900
    assert CurationPlugin.settings_read().active_shops_target == 700


def test_every_otop_plugin_with_settings_declares_them_with_the_helper():
    otop_plugins = [import_string(path) for path in settings.PLUGINS if path.startswith("plugins.")]
    configured = [plugin for plugin in otop_plugins if plugin.CONFIG_STRUCTURE]

    assert len(configured) == 6
    for plugin in configured:
        assert issubclass(plugin, SettingsPlugin), plugin
        assert [item["name"] for item in plugin.DEFAULT_CONFIGURATION] == list(plugin.CONFIG_STRUCTURE)
