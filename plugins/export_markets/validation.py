"""Checks of export input; each raises a ValidationError keyed by field with an ExportMarketsErrorCode."""
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from babel import localedata
from babel.numbers import get_currency_name
from django.core.exceptions import ValidationError
from django_countries import countries

from otop_kernel.otop_categories import OtopCategory

from .choices import SERVICE_MAX_WEIGHT_GRAMS, CertificateKind, ShippingService
from .errors import ExportMarketsErrorCode

HS_CODE_PATTERN = re.compile(r"^\d{6}(\d{2}|\d{4})?$")
HS_CODE_SEPARATORS = re.compile(r"[.\s-]")
# The Harmonized System's chapters: 01 to 97, chapter 77 being reserved (never used).
HS_CHAPTERS = frozenset(f"{chapter:02d}" for chapter in range(1, 98) if chapter != 77)
HS_CHAPTERS_TEXT = "01 to 97, without the reserved 77"
THAI_FDA_NUMBER_PATTERN = re.compile(r"^(\d{2})-?(\d)-?(\d{5})-?(\d)-?(\d{4})$")


def error(field: str, message: str, code: ExportMarketsErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def clean_country(value: str, *, field: str = "country") -> str:
    code = (value or "").strip().upper()
    if code not in dict(countries):
        raise error(field, f"{value!r} is not an ISO 3166-1 country code.", ExportMarketsErrorCode.INVALID_COUNTRY)
    return code


def clean_currency(value: str, *, field: str = "display_currency") -> str:
    code = (value or "").strip().upper()
    # babel answers an unknown code with the code itself.
    if len(code) != 3 or get_currency_name(code, locale="en") == code:
        raise error(field, f"{value!r} is not an ISO 4217 currency code.", ExportMarketsErrorCode.INVALID_CURRENCY)
    return code


def clean_categories(values: Iterable[str], *, field: str = "allowed_categories") -> list[str]:
    cleaned = []
    for value in values:
        if value not in OtopCategory.values:
            raise error(field, f"{value!r} is not an OTOP category.", ExportMarketsErrorCode.INVALID_CATEGORY)
        if value not in cleaned:
            cleaned.append(value)
    return cleaned


def clean_languages(values: Iterable[str], *, field: str = "label_languages") -> list[str]:
    cleaned = []
    for value in values:
        code = (value or "").strip().lower()
        if not re.fullmatch(r"[a-z]{2,3}", code) or not localedata.exists(code):
            raise error(field, f"{value!r} is not a language code.", ExportMarketsErrorCode.INVALID_LANGUAGE)
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def clean_percent(value: Decimal, *, field: str) -> Decimal:
    if value is None or value < 0 or value > 100:
        raise error(field, f"A rate is a percentage from 0 to 100, not {value}.", ExportMarketsErrorCode.INVALID_RATE)
    return Decimal(value)


def clean_stars(value: int, *, field: str = "minimum_stars") -> int:
    if value is None or not 1 <= value <= 5:
        raise error(field, f"Stars go from 1 to 5, not {value}.", ExportMarketsErrorCode.INVALID_STARS)
    return value


def clean_hs_code(value: str, *, field: str = "hs_code") -> str:
    """HS code digits: 6, or 6 plus a 2- or 4-digit national extension; dots and spaces are ignored."""
    digits = HS_CODE_SEPARATORS.sub("", value or "")
    if not HS_CODE_PATTERN.match(digits):
        raise error(
            field,
            f"{value!r} is not an HS code: 6 digits, optionally followed by a 2- or 4-digit national extension.",
            ExportMarketsErrorCode.INVALID_HS_CODE,
        )
    if digits[:2] not in HS_CHAPTERS:
        raise error(
            field, f"{value!r}: chapter {digits[:2]} is not an HS chapter ({HS_CHAPTERS_TEXT}).",
            ExportMarketsErrorCode.INVALID_HS_CODE,
        )
    return digits


def clean_hs_chapter(value: str, *, field: str = "hs_chapter") -> str:
    if value not in HS_CHAPTERS:
        raise error(
            field, f"{value!r} is not an HS chapter ({HS_CHAPTERS_TEXT}).", ExportMarketsErrorCode.INVALID_HS_CHAPTER
        )
    return value


def clean_weights(net: int | None, gross: int | None) -> None:
    for field, value in (("net_weight_grams", net), ("gross_weight_grams", gross)):
        if value is not None and value <= 0:
            raise error(field, "A weight is a positive number of grams.", ExportMarketsErrorCode.INVALID_WEIGHT)
    if net is not None and gross is not None and gross < net:
        raise error(
            "gross_weight_grams",
            f"Gross weight {gross} g is below net weight {net} g.",
            ExportMarketsErrorCode.INVALID_WEIGHT,
        )


def clean_validity(valid_from: date, valid_until: date | None) -> None:
    if valid_until is not None and valid_until < valid_from:
        raise error(
            "valid_until",
            f"Valid until {valid_until} is before valid from {valid_from}.",
            ExportMarketsErrorCode.INVALID_DATE_RANGE,
        )


def clean_certificate_number(kind: str, number: str, *, field: str = "number") -> str:
    number = (number or "").strip()
    if not number:
        raise error(field, "A certificate number is required.", ExportMarketsErrorCode.REQUIRED)
    if kind == CertificateKind.THAI_FDA:
        match = THAI_FDA_NUMBER_PATTERN.match(number)
        if not match:
            raise error(
                field,
                f"{number!r} is not a Thai FDA food serial number: 13 digits, XX-X-XXXXX-X-XXXX.",
                ExportMarketsErrorCode.INVALID_CERTIFICATE_NUMBER,
            )
        return "-".join(match.groups())
    return number


def clean_service_limit(service: str, max_weight_grams: int, max_value: Decimal | None, *, field: str) -> None:
    ceiling = SERVICE_MAX_WEIGHT_GRAMS[ShippingService(service)]
    if max_weight_grams is None or not 0 < max_weight_grams <= ceiling:
        raise error(
            field,
            f"{ShippingService(service).label} carries up to {ceiling} g; {max_weight_grams} g is out of range.",
            ExportMarketsErrorCode.INVALID_SERVICE_LIMIT,
        )
    if max_value is not None and max_value <= 0:
        raise error(field, "A parcel value limit is a positive amount.", ExportMarketsErrorCode.INVALID_SERVICE_LIMIT)
