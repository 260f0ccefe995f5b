"""The Thai QR Code (EMVCo merchant-presented mode) payload of a PromptPay credit transfer.

A payload is a string of fields, each `ID` (2 digits) + `length` (2 digits) + value; a
template field's value is itself such fields. The Bank of Thailand's Thai QR standard puts
PromptPay in merchant-account template 29 (application ID A000000677010111) with the
receiver as a phone number (01, 0066 + 9 digits), a national or tax ID (02, 13 digits) or an
e-wallet ID (03, 15 digits). Tag 63 closes it: CRC-16/CCITT-FALSE (polynomial 0x1021, start
0xFFFF) over the whole payload up to and including "6304", as 4 upper-case hex digits.
"""
import binascii
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Dict, List, Optional, Tuple

PAYLOAD_FORMAT = "00"
POINT_OF_INITIATION = "01"
PROMPTPAY_CREDIT_TRANSFER = "29"
TRANSACTION_CURRENCY = "53"
TRANSACTION_AMOUNT = "54"
COUNTRY_CODE = "58"
ADDITIONAL_DATA = "62"
CRC = "63"

PAYLOAD_FORMAT_VERSION = "01"
STATIC = "11"  # the payer types the amount; the QR may be used again
DYNAMIC = "12"  # one payment: amount (and here a reference) fixed
PROMPTPAY_AID = "A000000677010111"
AID = "00"
MOBILE = "01"
NATIONAL_ID = "02"
EWALLET = "03"
THB_NUMERIC = "764"
REFERENCE_LABEL = "05"  # sub-field of template 62

REFERENCE_PATTERN = re.compile(r"^[A-Za-z0-9]{1,25}$")


class PayloadError(ValueError):
    pass


def crc16(data: str) -> str:
    return f"{binascii.crc_hqx(data.encode('ascii'), 0xFFFF):04X}"


def field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise PayloadError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def promptpay_target(promptpay_id: str) -> Tuple[str, str]:
    """(sub-tag, value) of a PromptPay ID: a Thai mobile number, a 13-digit national or tax
    ID, or a 15-digit e-wallet ID; dashes, spaces and a leading +66 are allowed."""
    digits = re.sub(r"[\s\-]", "", promptpay_id or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit():
        raise PayloadError("a PromptPay ID has only digits")
    if len(digits) == 15:
        return EWALLET, digits
    if len(digits) == 13:
        return NATIONAL_ID, digits
    if len(digits) == 10 and digits.startswith("0"):
        return MOBILE, "0066" + digits[1:]
    if len(digits) == 11 and digits.startswith("66"):
        return MOBILE, "00" + digits
    raise PayloadError("a PromptPay ID is a Thai mobile number, a 13-digit national or tax ID or a 15-digit e-wallet ID")


def format_amount(amount: Decimal) -> str:
    amount = Decimal(amount)
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise PayloadError("the amount is positive, in baht with at most 2 decimals (satang)")
    text = f"{amount:.2f}"
    if len(text) > 13:
        raise PayloadError("the amount has at most 13 characters")
    return text


def credit_transfer_payload(*, promptpay_id: str, amount: Optional[Decimal] = None, reference: str = "") -> str:
    """A PromptPay credit-transfer payload: dynamic (one payment) when an amount is given.

    Fields follow the order of the published Thai QR examples (00, 01, 29, 58, 53, 54),
    then the additional data (62) and the CRC (63).
    """
    tag, target = promptpay_target(promptpay_id)
    if reference and not REFERENCE_PATTERN.match(reference):
        raise PayloadError("a reference has 1 to 25 letters and digits")
    fields = [
        field(PAYLOAD_FORMAT, PAYLOAD_FORMAT_VERSION),
        field(POINT_OF_INITIATION, DYNAMIC if amount is not None else STATIC),
        field(PROMPTPAY_CREDIT_TRANSFER, field(AID, PROMPTPAY_AID) + field(tag, target)),
        field(COUNTRY_CODE, "TH"),
        field(TRANSACTION_CURRENCY, THB_NUMERIC),
    ]
    if amount is not None:
        fields.append(field(TRANSACTION_AMOUNT, format_amount(amount)))
    if reference:
        fields.append(field(ADDITIONAL_DATA, field(REFERENCE_LABEL, reference)))
    body = "".join(fields) + CRC + "04"
    return body + crc16(body)


def parse_fields(data: str) -> List[Tuple[str, str]]:
    """The (tag, value) pairs of a payload or template, in order."""
    fields, position = [], 0
    while position < len(data):
        tag, length = data[position:position + 2], data[position + 2:position + 4]
        if len(tag) < 2 or not length.isdigit():
            raise PayloadError(f"malformed field at position {position}")
        value = data[position + 4:position + 4 + int(length)]
        if len(value) != int(length):
            raise PayloadError(f"field {tag} is cut short")
        fields.append((tag, value))
        position += 4 + int(length)
    return fields


@dataclass(frozen=True)
class CreditTransfer:
    dynamic: bool
    target_type: str
    target: str
    currency: str
    country: str
    amount: Optional[Decimal]
    reference: str


def parse_credit_transfer(payload: str) -> CreditTransfer:
    """Read a PromptPay credit-transfer payload, checking its CRC."""
    if len(payload) < 8 or payload[-8:-4] != CRC + "04":
        raise PayloadError("the payload does not end with its CRC field")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise PayloadError("the CRC does not match")
    fields: Dict[str, str] = dict(parse_fields(payload))
    if fields.get(PAYLOAD_FORMAT) != PAYLOAD_FORMAT_VERSION:
        raise PayloadError("not an EMVCo merchant-presented payload")
    merchant = dict(parse_fields(fields.get(PROMPTPAY_CREDIT_TRANSFER, "")))
    if merchant.get(AID) != PROMPTPAY_AID:
        raise PayloadError("not a PromptPay credit transfer")
    ((target_type, target),) = [(tag, value) for tag, value in merchant.items() if tag != AID]
    additional = dict(parse_fields(fields.get(ADDITIONAL_DATA, "")))
    amount = fields.get(TRANSACTION_AMOUNT)
    return CreditTransfer(
        dynamic=fields.get(POINT_OF_INITIATION) == DYNAMIC,
        target_type=target_type,
        target=target,
        currency=fields.get(TRANSACTION_CURRENCY, ""),
        country=fields.get(COUNTRY_CODE, ""),
        amount=Decimal(amount) if amount is not None else None,
        reference=additional.get(REFERENCE_LABEL, ""),
    )
