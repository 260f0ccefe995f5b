from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from otop_kernel.plugin_settings import PluginSettings, SettingsPlugin, setting

from .models import MAX_STARS, MIN_STARS

MAX_VALIDITY_YEARS = 10
# Often quoted, not confirmed (DOMAIN.md): hence configuration.
DEFAULT_SCORE_BANDS = "5:90,4:80,3:70,2:60,1:50"


@dataclass(frozen=True)
class StarsConfiguration:
    minimum_listing_stars: int = setting(
        label="Minimum stars to be listed",
        help_text=(
            "Official stars (1-5) a certified product needs to stay in the shopper listing; "
            "a product whose certification expires or is revoked leaves it too."
        ),
        default="3",
        parse=lambda raw: parse_stars(raw, name="Minimum listing stars"),
    )
    minimum_export_stars: int = setting(
        label="Minimum stars for export",
        help_text="Official stars (1-5) a product needs to be offered for export.",
        default="4",
        parse=lambda raw: parse_stars(raw, name="Minimum export stars"),
    )
    validity_years: int = setting(
        label="Validity in years after the round",
        help_text=(
            "A certification is valid until 31 December of its round year plus this "
            "many years, unless staff give another date."
        ),
        default="2",
        parse=lambda raw: parse_validity_years(raw),
    )
    # Lowest score of each star level; levels left out are not checked.
    score_bands: dict[int, Decimal] = setting(
        label="Score bands per star level",
        help_text=(
            "Lowest score of each star level, e.g. '5:90,4:80,3:70,2:60,1:50'. A recorded "
            "score must fall in its star level's band. Empty: scores are not checked."
        ),
        default=DEFAULT_SCORE_BANDS,
        parse=lambda raw: parse_score_bands(raw),
    )
    active: bool = True

    def score_fits_stars(self, *, score: Decimal, stars: int) -> bool:
        lowest = self.score_bands.get(stars)
        next_level_lowest = self.score_bands.get(stars + 1)
        if lowest is not None and score < lowest:
            return False
        if next_level_lowest is not None and score >= next_level_lowest:
            return False
        return True

    def score_band_text(self, stars: int) -> str:
        lowest = self.score_bands.get(stars)
        next_level_lowest = self.score_bands.get(stars + 1)
        low = f"{lowest}" if lowest is not None else "0"
        high = f"below {next_level_lowest}" if next_level_lowest is not None else "up to 100"
        return f"{low} ({high})"


def parse_stars(raw, *, name: str) -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a whole number of stars, got {raw!r}.")
    if not MIN_STARS <= value <= MAX_STARS:
        raise ValueError(f"{name} must be between {MIN_STARS} and {MAX_STARS}, got {value}.")
    return value


def parse_validity_years(raw) -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValueError(f"Validity must be a whole number of years, got {raw!r}.")
    if not 1 <= value <= MAX_VALIDITY_YEARS:
        raise ValueError(f"Validity must be between 1 and {MAX_VALIDITY_YEARS} years, got {value}.")
    return value


def parse_score_bands(raw) -> dict[int, Decimal]:
    """"5:90,4:80,3:70,2:60,1:50" -> {5: 90, 4: 80, ...}; an empty text means no bands."""
    text = (raw or "").strip()
    if not text:
        return {}
    bands: dict[int, Decimal] = {}
    for part in text.split(","):
        level, separator, score = part.partition(":")
        if not separator:
            raise ValueError(f"Each band is 'stars:lowest score', got {part.strip()!r}.")
        stars = parse_stars(level, name="A band's star level")
        if stars in bands:
            raise ValueError(f"Star level {stars} has more than one band.")
        try:
            lowest = Decimal(score.strip())
        except InvalidOperation:
            raise ValueError(f"The lowest score of {stars} stars must be a number, got {score.strip()!r}.")
        if not 0 <= lowest <= 100:
            raise ValueError(f"The lowest score of {stars} stars must be between 0 and 100.")
        bands[stars] = lowest
    levels = sorted(bands)
    for lower, higher in zip(levels, levels[1:]):
        if bands[higher] <= bands[lower]:
            raise ValueError(
                f"{higher} stars must need a higher score than {lower} stars "
                f"({bands[higher]} <= {bands[lower]})."
            )
    return bands


class OtopStarsPlugin(SettingsPlugin):
    PLUGIN_ID = "otop.stars"
    PLUGIN_NAME = "OTOP star ratings"
    PLUGIN_DESCRIPTION = (
        "Official OTOP Product Champion star certifications and moderated shopper reviews."
    )
    DEFAULT_ACTIVE = True
    SETTINGS = PluginSettings(StarsConfiguration)
