"""What the buying pages say when Saleor or a plugin refuses a step: its error code, in words of
the page's language. Saleor's own English message is never shown (it may name internals)."""
from django.utils.translation import gettext_lazy as _

from .checkout_flow import FlowError

CODE_MESSAGES = {
    # Saleor's CheckoutErrorCode / PaymentErrorCode / AccountErrorCode
    "INSUFFICIENT_STOCK": _("There is not enough stock of this item for that quantity."),
    "QUANTITY_GREATER_THAN_LIMIT": _("That is more than can be ordered at once."),
    "ZERO_QUANTITY": _("The quantity must be at least 1."),
    "PRODUCT_NOT_PUBLISHED": _("This item is no longer for sale."),
    "NOT_FOUND": _("This item is no longer available."),
    "REQUIRED": _("This field is required."),
    "INVALID": _("This value is not valid."),
    "UNIQUE": _("This value is already in use."),
    "SHIPPING_ADDRESS_NOT_SET": _("Enter a delivery address first."),
    "BILLING_ADDRESS_NOT_SET": _("Enter a billing address first."),
    "SHIPPING_METHOD_NOT_SET": _("Choose a shipping method first."),
    "SHIPPING_METHOD_NOT_APPLICABLE": _("This shipping method does not deliver to that address."),
    "INVALID_SHIPPING_METHOD": _("This shipping method does not deliver to that address."),
    "CHECKOUT_NOT_FULLY_PAID": _("The payment does not cover the order total; please pay again."),
    "PARTIAL_PAYMENT_NOT_ALLOWED": _("The payment does not cover the order total; please pay again."),
    "PAYMENT_ERROR": _("The payment was refused. No money was taken; try another card or method."),
    "TAX_ERROR": _("Taxes could not be computed; please try again."),
    "INVALID_CREDENTIALS": _("The e-mail address or password is not right."),
    "INVALID_PASSWORD": _("This password is not right."),
    "PASSWORD_TOO_SHORT": _("This password is too short."),
    "PASSWORD_TOO_COMMON": _("This password is too common."),
    "PASSWORD_TOO_SIMILAR": _("This password is too similar to your e-mail address."),
    "PASSWORD_ENTIRELY_NUMERIC": _("A password cannot be only digits."),
    # otop_stars
    "NOT_PURCHASED": _("Only a shopper who bought this product can review it."),
    "ALREADY_REVIEWED": _("You have already reviewed this product."),
    "INVALID_STARS": _("Choose from 1 to 5 stars."),
    "TOO_LONG": _("This text is too long."),
}

# export_markets' refusals of a checkout abroad (checkoutComplete's exportCode)
EXPORT_MESSAGES = {
    "NO_MARKET": _("OTOP goods are not sold to this country yet."),
    "NOT_ELIGIBLE": _("This item cannot be sent to your country."),
    "SHIPPING_SERVICE_NOT_ALLOWED": _("This shipping method is not an export service allowed to your country."),
    "PARCEL_TOO_HEAVY": _("A parcel is heavier than this shipping service carries to your country."),
    "PARCEL_VALUE_TOO_HIGH": _("A parcel is worth more than this shipping service takes to your country."),
    "EXCHANGE_RATE_MISSING": _("Prices in your currency are not available right now; please try again later."),
}

# Why a line cannot go to a market (export_markets' eligibility reason codes)
REASON_MESSAGES = {
    "MARKET_DISABLED": _("OTOP goods are not sent to this country at the moment."),
    "NO_STARS": _("it has no current OTOP star rating"),
    "STARS_BELOW_MINIMUM": _("its OTOP star rating is below what this country requires"),
    "CATEGORY_UNKNOWN": _("its OTOP category is not known"),
    "CATEGORY_NOT_ALLOWED": _("goods of its category are not allowed into this country"),
    "PROFILE_MISSING": _("its export details are missing"),
    "HS_CODE_MISSING": _("its customs code is missing"),
    "WEIGHT_MISSING": _("its weight is missing"),
    "CERTIFICATE_MISSING": _("a certificate this country requires is missing"),
    "CERTIFICATE_EXPIRED": _("a certificate this country requires has expired"),
    "PRODUCER_UNKNOWN": _("its producer is not known"),
    "REGISTRATION_MISSING": _("its producer lacks a registration this country requires"),
    "REGISTRATION_EXPIRED": _("its producer’s registration for this country has expired"),
    "ALLERGENS_NOT_DECLARED": _("its allergens are not declared"),
    "NOT_ASSESSED": _("it has not been checked for export yet"),
}

FALLBACK = _("This step could not be completed. Please check the form and try again.")
UNAVAILABLE = _("The shop cannot complete this right now. Nothing was changed; please try again in a moment.")


def error_message(error: FlowError) -> str:
    if error.export_code and error.export_code in EXPORT_MESSAGES:
        return str(EXPORT_MESSAGES[error.export_code])
    return str(CODE_MESSAGES.get(error.code, FALLBACK))


def reason_message(reason: dict) -> str:
    return str(REASON_MESSAGES.get(reason["code"], reason["message"]))


def add_flow_errors(form, errors: list[FlowError]) -> None:
    """Put each refusal on its form field where the form has it, else on the form as a whole."""
    for error in errors:
        field = error.field if error.field in form.fields else None
        message = error_message(error)
        if field is None and error.field and error.code in {"REQUIRED", "INVALID"}:
            message = str(FALLBACK)
        form.add_error(field, message)
