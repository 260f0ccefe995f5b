from dataclasses import dataclass

from saleor.plugins.base_plugin import ConfigurationTypeField

from otop_kernel.plugin_settings import PluginSettings, SettingsPlugin, parse_boolean, setting


@dataclass(frozen=True)
class ProvenanceConfiguration:
    require_provenance_to_publish: bool = setting(
        label="Require provenance to publish",
        help_text=(
            "Refuse to publish a product (productCreate, productUpdate, productBulkPublish) "
            "until its provenance (tambon, OTOP category) is set."
        ),
        type=ConfigurationTypeField.BOOLEAN,
        default=True,
        parse=parse_boolean,
    )
    active: bool = True


class ProvenancePlugin(SettingsPlugin):
    """Places every OTOP product in its tambon; refuses to publish products without it."""

    PLUGIN_ID = "otop.provenance"
    PLUGIN_NAME = "OTOP provenance"
    DEFAULT_ACTIVE = True
    SETTINGS = PluginSettings(ProvenanceConfiguration)
