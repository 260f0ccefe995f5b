from dataclasses import dataclass

from django.core.exceptions import ValidationError
from saleor.plugins.base_plugin import BasePlugin, ConfigurationTypeField
from saleor.plugins.error_codes import PluginErrorCode

REQUIRE_PROVENANCE_TO_PUBLISH = "require_provenance_to_publish"


@dataclass(frozen=True)
class ProvenanceConfiguration:
    require_provenance_to_publish: bool = True


def _as_bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


class ProvenancePlugin(BasePlugin):
    """Places every OTOP product in its tambon; refuses to publish products without it."""

    PLUGIN_ID = "otop.provenance"
    PLUGIN_NAME = "OTOP provenance"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = [{"name": REQUIRE_PROVENANCE_TO_PUBLISH, "value": True}]
    CONFIG_STRUCTURE = {
        REQUIRE_PROVENANCE_TO_PUBLISH: {
            "type": ConfigurationTypeField.BOOLEAN,
            "help_text": (
                "Refuse to publish a product (productCreate, productUpdate, productBulkPublish) "
                "until its provenance (tambon, OTOP category) is set."
            ),
            "label": "Require provenance to publish",
        }
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        configuration = {item["name"]: item["value"] for item in self.configuration}
        self.config = ProvenanceConfiguration(
            require_provenance_to_publish=_as_bool(configuration.get(REQUIRE_PROVENANCE_TO_PUBLISH, True))
        )

    @classmethod
    def validate_plugin_configuration(cls, plugin_configuration):
        configuration = {item["name"]: item["value"] for item in plugin_configuration.configuration or []}
        value = configuration.get(REQUIRE_PROVENANCE_TO_PUBLISH)
        if not isinstance(value, bool):
            raise ValidationError(
                {
                    REQUIRE_PROVENANCE_TO_PUBLISH: ValidationError(
                        "Must be true or false.", code=PluginErrorCode.INVALID.value
                    )
                }
            )
