from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from otop_kernel.plugin_settings import PluginSettings, SettingsPlugin, parse_whole_number, setting


def parse_target(name: str):
    return lambda raw: parse_whole_number(
        raw, minimum=1, message=f"{name} must be a whole number of at least 1, got {{raw!r}}."
    )


def parse_star_level(name: str):
    return lambda raw: parse_whole_number(raw, minimum=1, maximum=5, message=f"{name} is a star level, 1 to 5; got {{raw}}.")


def parse_uplift_percent(raw) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value <= 0:
        raise ValueError(f"value_uplift_target_percent must be a number above 0, got {raw!r}.")
    return value


@dataclass(frozen=True)
class CurationConfiguration:
    """The programme's targets; numbers the programme may change live in configuration."""

    developed_producers_target: int = setting(
        label="Developed producers: target",
        help_text="How many producers the programme aims to develop in total (OTOP PLUS: 200).",
        default="200",
        parse=parse_target("developed_producers_target"),
    )
    developed_per_province_minimum: int = setting(
        label="Developed producers per province: minimum",
        help_text="Developed producers each province should have (OTOP PLUS plan: 2).",
        default="2",
        parse=parse_target("developed_per_province_minimum"),
    )
    developed_minimum_stars: int = setting(
        label="Developed producer: minimum stars",
        help_text=(
            "An approved producer counts as developed when one of its products holds at least "
            "this many official stars (1-5)."
        ),
        default="4",
        parse=parse_star_level("developed_minimum_stars"),
    )
    active_shops_target: int = setting(
        label="Producers with an active shop: target",
        help_text="Producers with their own active web shop the programme aims for (800).",
        default="800",
        parse=parse_target("active_shops_target"),
    )
    high_stars_minimum: int = setting(
        label="High star level: minimum",
        help_text="Star level from which a product counts in the share of high-star products (4 for 4-5 stars).",
        default="4",
        parse=parse_star_level("high_stars_minimum"),
    )
    value_uplift_target_percent: Decimal = setting(
        label="Value uplift: target (%)",
        help_text="Price increase over the recorded baseline a product should reach, in percent (20).",
        default="20",
        parse=parse_uplift_percent,
    )
    active: bool = True


class CurationPlugin(SettingsPlugin):
    PLUGIN_ID = "otop.curation"
    PLUGIN_NAME = "OTOP curation"
    DEFAULT_ACTIVE = True
    SETTINGS = PluginSettings(CurationConfiguration)
