from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from saleor.plugins.base_plugin import BasePlugin, ConfigurationTypeField

# pluginUpdate answers with Saleor's PluginError, whose code enum these values belong to.
from saleor.plugins.error_codes import PluginErrorCode

DEVELOPED_PRODUCERS_TARGET = "developed_producers_target"
DEVELOPED_PER_PROVINCE_MINIMUM = "developed_per_province_minimum"
DEVELOPED_MINIMUM_STARS = "developed_minimum_stars"
ACTIVE_SHOPS_TARGET = "active_shops_target"
HIGH_STARS_MINIMUM = "high_stars_minimum"
VALUE_UPLIFT_TARGET_PERCENT = "value_uplift_target_percent"


@dataclass(frozen=True)
class CurationConfiguration:
    """The programme's targets; numbers the programme may change live in configuration."""

    developed_producers_target: int = 200
    developed_per_province_minimum: int = 2
    developed_minimum_stars: int = 4
    active_shops_target: int = 800
    high_stars_minimum: int = 4
    value_uplift_target_percent: Decimal = Decimal(20)

    @classmethod
    def from_items(cls, items) -> "CurationConfiguration":
        values = {item["name"]: item["value"] for item in items or []}
        defaults = cls()
        return cls(
            developed_producers_target=_whole(values, DEVELOPED_PRODUCERS_TARGET, defaults),
            developed_per_province_minimum=_whole(values, DEVELOPED_PER_PROVINCE_MINIMUM, defaults),
            developed_minimum_stars=_whole(values, DEVELOPED_MINIMUM_STARS, defaults),
            active_shops_target=_whole(values, ACTIVE_SHOPS_TARGET, defaults),
            high_stars_minimum=_whole(values, HIGH_STARS_MINIMUM, defaults),
            value_uplift_target_percent=_decimal(values, VALUE_UPLIFT_TARGET_PERCENT, defaults),
        )


def _whole(values: dict, name: str, defaults: CurationConfiguration) -> int:
    raw = values.get(name)
    if raw in (None, ""):
        return getattr(defaults, name)
    return int(str(raw).strip())


def _decimal(values: dict, name: str, defaults: CurationConfiguration) -> Decimal:
    raw = values.get(name)
    if raw in (None, ""):
        return getattr(defaults, name)
    return Decimal(str(raw).strip())


def _field(label: str, help_text: str) -> dict:
    return {"type": ConfigurationTypeField.STRING, "label": label, "help_text": help_text}


STAR_FIELDS = (DEVELOPED_MINIMUM_STARS, HIGH_STARS_MINIMUM)


class CurationPlugin(BasePlugin):
    PLUGIN_ID = "otop.curation"
    PLUGIN_NAME = "OTOP curation"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = [
        {"name": DEVELOPED_PRODUCERS_TARGET, "value": "200"},
        {"name": DEVELOPED_PER_PROVINCE_MINIMUM, "value": "2"},
        {"name": DEVELOPED_MINIMUM_STARS, "value": "4"},
        {"name": ACTIVE_SHOPS_TARGET, "value": "800"},
        {"name": HIGH_STARS_MINIMUM, "value": "4"},
        {"name": VALUE_UPLIFT_TARGET_PERCENT, "value": "20"},
    ]
    CONFIG_STRUCTURE = {
        DEVELOPED_PRODUCERS_TARGET: _field(
            "Developed producers: target",
            "How many producers the programme aims to develop in total (OTOP PLUS: 200).",
        ),
        DEVELOPED_PER_PROVINCE_MINIMUM: _field(
            "Developed producers per province: minimum",
            "Developed producers each province should have (OTOP PLUS plan: 2).",
        ),
        DEVELOPED_MINIMUM_STARS: _field(
            "Developed producer: minimum stars",
            "An approved producer counts as developed when one of its products holds at least "
            "this many official stars (1-5).",
        ),
        ACTIVE_SHOPS_TARGET: _field(
            "Producers with an active shop: target",
            "Producers with their own active web shop the programme aims for (800).",
        ),
        HIGH_STARS_MINIMUM: _field(
            "High star level: minimum",
            "Star level from which a product counts in the share of high-star products (4 for 4-5 stars).",
        ),
        VALUE_UPLIFT_TARGET_PERCENT: _field(
            "Value uplift: target (%)",
            "Price increase over the recorded baseline a product should reach, in percent (20).",
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = CurationConfiguration.from_items(self.configuration)

    @classmethod
    def validate_plugin_configuration(cls, plugin_configuration):
        values = {item["name"]: item["value"] for item in plugin_configuration.configuration or []}
        errors = {}
        for name in CONFIG_INTEGER_FIELDS:
            raw = str(values.get(name, "")).strip()
            if not raw.isdigit() or int(raw) < 1:
                errors[name] = ValidationError(
                    f"{name} must be a whole number of at least 1, got {raw!r}.",
                    code=PluginErrorCode.INVALID.value,
                )
            elif name in STAR_FIELDS and int(raw) > 5:
                errors[name] = ValidationError(
                    f"{name} is a star level, 1 to 5; got {raw}.", code=PluginErrorCode.INVALID.value
                )
        raw = str(values.get(VALUE_UPLIFT_TARGET_PERCENT, "")).strip()
        try:
            if Decimal(raw) <= 0:
                raise InvalidOperation
        except InvalidOperation:
            errors[VALUE_UPLIFT_TARGET_PERCENT] = ValidationError(
                f"{VALUE_UPLIFT_TARGET_PERCENT} must be a number above 0, got {raw!r}.",
                code=PluginErrorCode.INVALID.value,
            )
        if errors:
            raise ValidationError(errors)


CONFIG_INTEGER_FIELDS = (
    DEVELOPED_PRODUCERS_TARGET,
    DEVELOPED_PER_PROVINCE_MINIMUM,
    DEVELOPED_MINIMUM_STARS,
    ACTIVE_SHOPS_TARGET,
    HIGH_STARS_MINIMUM,
)
