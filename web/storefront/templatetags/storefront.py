"""Display filters of the shop's templates: money and dates in the page's locale."""
from babel.numbers import format_currency
from django import template
from django.utils import translation
from django.utils.translation import to_locale

register = template.Library()

BUDDHIST_ERA_OFFSET = 543


def _locale() -> str:
    return to_locale(translation.get_language() or "en")


@register.filter
def money(value) -> str:
    """A prices.Money in the page's locale, with its currency: ฿1,250.00, ¥5,400, US$34.00."""
    if value is None:
        return ""
    return format_currency(value.amount, value.currency, locale=_locale())


@register.filter
def buddhist_year(year) -> int | str:
    """The Buddhist-era year of a Common-era year (2024 → 2567)."""
    try:
        return int(year) + BUDDHIST_ERA_OFFSET
    except (TypeError, ValueError):
        return ""
