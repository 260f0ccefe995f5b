"""PromptPay QR payloads against published known-good payloads (the promptpay-qr library's
test vectors, built to the Bank of Thailand's Thai QR / EMVCo merchant-presented spec)."""
from decimal import Decimal

import pytest

from plugins.promptpay import emvco

# (PromptPay ID, amount, payload) as published.
KNOWN_GOOD = [
    ("0801234567", None, "00020101021129370016A000000677010111011300668012345675802TH530376463046197"),
    ("+66-89-123-4567", None, "00020101021129370016A000000677010111011300668912345675802TH5303764630429C1"),
    ("1111111111111", None, "00020101021129370016A000000677010111021311111111111115802TH530376463047B5A"),
    ("0123456789012", None, "00020101021129370016A000000677010111021301234567890125802TH530376463040CBD"),
    ("000-000-0000", Decimal("4.22"),
     "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469"),
]


@pytest.mark.parametrize("promptpay_id, amount, payload", KNOWN_GOOD)
def test_builds_the_published_payload(promptpay_id, amount, payload):
    assert emvco.credit_transfer_payload(promptpay_id=promptpay_id, amount=amount) == payload


@pytest.mark.parametrize("_id, _amount, payload", KNOWN_GOOD)
def test_published_crc_is_crc16_ccitt_of_the_rest(_id, _amount, payload):
    assert emvco.crc16(payload[:-4]) == payload[-4:]


def test_dynamic_payload_field_by_field():
    payload = "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469"
    assert emvco.parse_fields(payload) == [
        ("00", "01"),  # payload format indicator
        ("01", "12"),  # dynamic: one payment
        ("29", "0016A00000067701011101130066000000000"),  # PromptPay credit transfer
        ("58", "TH"),
        ("53", "764"),  # THB
        ("54", "4.22"),
        ("63", "E469"),
    ]
    assert emvco.parse_fields("0016A00000067701011101130066000000000") == [
        ("00", "A000000677010111"), ("01", "0066000000000"),
    ]


def test_our_payload_carries_amount_and_reference_with_a_valid_crc():
    payload = emvco.credit_transfer_payload(promptpay_id="081-234-5678", amount=Decimal("550.00"),
                                            reference="OTOP00000042")
    assert payload.startswith("000201010212")
    assert "62160512OTOP00000042" in payload
    assert emvco.crc16(payload[:-4]) == payload[-4:]
    parsed = emvco.parse_credit_transfer(payload)
    assert parsed == emvco.CreditTransfer(
        dynamic=True, target_type=emvco.MOBILE, target="0066812345678", currency="764", country="TH",
        amount=Decimal("550.00"), reference="OTOP00000042",
    )


def test_a_changed_character_fails_the_crc():
    payload = emvco.credit_transfer_payload(promptpay_id="0812345678", amount=Decimal("550.00"), reference="R1")
    with pytest.raises(emvco.PayloadError, match="CRC"):
        emvco.parse_credit_transfer(payload.replace("550.00", "559.00"))


@pytest.mark.parametrize("promptpay_id", ["", "12345", "08123456789x", "2812345678"])
def test_bad_promptpay_ids_are_refused(promptpay_id):
    with pytest.raises(emvco.PayloadError):
        emvco.credit_transfer_payload(promptpay_id=promptpay_id, amount=Decimal("1.00"))


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), Decimal("1.005")])
def test_bad_amounts_are_refused(amount):
    with pytest.raises(emvco.PayloadError):
        emvco.credit_transfer_payload(promptpay_id="0812345678", amount=amount)


def test_ewallet_id_uses_subtag_03():
    payload = emvco.credit_transfer_payload(promptpay_id="004999000281286", amount=Decimal("0.49"))
    assert emvco.parse_credit_transfer(payload).target_type == emvco.EWALLET
