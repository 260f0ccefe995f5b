"""Rules the service modules share: field errors, money rounding, prices, commission rates,
slugs, and when a producer's shop takes writes."""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional

from babel.numbers import get_currency_precision
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from saleor.product.models import ProductVariant

from otop_kernel.input_limits import values_check

from .. import access
from ..error_codes import ProducerErrorCode
from ..models import (
    PayoutMethod,
    Producer,
    ProducerStatus,
    SubOrderStatus,
)

CENT = Decimal("0.01")
CLOSED_SUB_ORDER_STATUSES = (SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED)


def error(field: str, message: str, code: ProducerErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def clean_price(value, *, field: str, currency: Optional[str] = None) -> Decimal:
    """A selling price: positive, in the currency's smallest unit (satang for THB)."""
    currency = currency or settings.DEFAULT_CURRENCY
    try:
        price = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise error(field, "The price must be a number.", ProducerErrorCode.INVALID) from None
    if not price.is_finite() or price <= 0:
        raise error(field, "The price must be greater than 0.", ProducerErrorCode.PRICE_NOT_POSITIVE)
    precision = get_currency_precision(currency)
    if price.as_tuple().exponent < -precision:
        raise error(
            field,
            f"{currency} prices have at most {precision} decimals.",
            ProducerErrorCode.PRICE_PRECISION,
        )
    values_check(
        ProductVariant, {"price_override_amount": price}, codes=ProducerErrorCode,
        input_names={"price_override_amount": field},
    )
    return price


def clean_commission_rate(value, *, field: str = "commission_rate") -> Decimal:
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise error(field, "The commission must be a number of percent.", ProducerErrorCode.INVALID) from None
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(100):
        raise error(
            field, "The commission must be between 0 and 100 %.", ProducerErrorCode.COMMISSION_OUT_OF_RANGE
        )
    if rate.as_tuple().exponent < -2:
        raise error(field, "The commission takes at most 2 decimals.", ProducerErrorCode.INVALID)
    return rate


def unique_slug(model, text: str, fallback: str) -> str:
    base = slugify(text)[:80] or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def require_shop_open(producer: Producer) -> None:
    access.require_writable(producer)
    if producer.status != ProducerStatus.APPROVED or producer.warehouse_id is None:
        raise error(
            "producer", "The producer's shop opens when the programme approves it.", ProducerErrorCode.PRODUCER_NOT_APPROVED
        )


def payout_details_missing(producer: Producer) -> bool:
    if producer.payout_method == PayoutMethod.PROMPTPAY:
        return not producer.promptpay_id
    return not (producer.bank_code and producer.bank_account_number and producer.bank_account_name)

# Carriers a producer ships with in Thailand, and where a parcel's carrier is kept (the
# fulfilment's public metadata: the shopper may see it).
CARRIERS = ("thailand_post_ems", "thailand_post_registered", "kerry_express", "flash_express", "jt_express", "other")
CARRIER_METADATA_KEY = "otop.carrier"
