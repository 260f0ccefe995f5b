"""Money in the portal: balance, ledger, payouts with their files' state, monthly statements
kept privately, payout details for owners only, with the password again."""
import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from plugins.producer_channels import services
from plugins.producer_channels.models import Producer, ProducerStatement
from tests.factories import StaffFactory
from tests.factories.producer_channels import CONFIGURATION

from .conftest import page_text, signed_in_client
from .sales import sale

pytestmark = pytest.mark.django_db
PASSWORD = "owner-password-1"


def paid_out(producer):
    run = services.payout_run_create(configuration=CONFIGURATION, as_of=timezone.now() + timedelta(days=30))
    return run.payouts.get(producer=producer)


def test_the_balance_shows_total_paid_and_due(owner_client, producer):
    sale(producer, price="500.00", quantity=2)  # 1000 less 10 % commission
    html = page_text(owner_client.get("/seller/money/"))
    assert "data-balance-total>฿900.00" in html and "data-balance-due>฿900.00" in html
    assert "data-balance-paid>฿0.00" in html


def test_a_payout_moves_the_money_from_due_to_paid_and_shows_its_file(owner_client, producer):
    sale(producer, price="500.00", quantity=2)
    payout = paid_out(producer)
    pending = page_text(owner_client.get("/seller/money/payouts/"))
    services.payout_confirm(payout=payout, user=None)

    html = page_text(owner_client.get("/seller/money/"))

    assert "กำลังโอน" in pending and "ส่งไฟล์ธนาคารแล้ว" in pending
    assert "data-balance-paid>฿900.00" in html and "data-balance-due>฿0.00" in html
    assert "0812345678" not in html  # payout details are not shown on the money pages


def test_the_monthly_statement_is_a_private_csv_and_a_pdf(owner_client, producer, settings):
    bought = sale(producer, price="500.00", quantity=2)
    month = timezone.localtime(bought["sub_order"].ledger_entries.get().created_at)

    response = owner_client.get(f"/seller/money/statements/{month:%Y-%m}.csv")
    pdf = owner_client.get(f"/seller/money/statements/{month:%Y-%m}.pdf")

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][:3] == ["วันที่", "ประเภท", "คำสั่งซื้อ"]
    assert rows[2][1:6] == ["ยอดขาย", str(bought["order"].pk), "1000.00", "100.00", "900.00"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    stored = ProducerStatement.objects.filter(producer=producer).values_list("file_format", "file_name")
    assert sorted(file_format for file_format, _name in stored) == ["csv", "pdf"]
    assert all(name.startswith("otop-statements/") for _format, name in stored)
    assert settings.MEDIA_ROOT not in settings.OTOP_PRIVATE_ROOT


@pytest.mark.parametrize("address", ["2026-13.csv", "2026-11.xlsx", "1999-01.csv"], ids=["month", "format", "year"])
def test_a_statement_of_no_month_is_not_found(owner_client, address):
    assert owner_client.get(f"/seller/money/statements/{address}").status_code == 404


@pytest.fixture
def finance(db):
    staff = StaffFactory(email="finance@otop.example")
    staff.user_permissions.add(Permission.objects.get(codename="manage_otop_payouts"))
    return staff


def test_the_owner_changes_payout_details_with_the_password_and_the_programme_is_told(
    owner, producer, finance, django_capture_on_commit_callbacks
):
    owner.set_password(PASSWORD)
    owner.save()
    client = signed_in_client(owner)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/seller/money/payout-details/", {
            "payout_method": "promptpay", "promptpay_id": "0899999999", "password": PASSWORD,
        })

    assert response.status_code == 302
    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0899999999"
    assert [message.to for message in mail.outbox] == [["finance@otop.example"]]


def test_a_wrong_password_is_said_on_its_field_and_changes_nothing(owner, producer, finance):
    owner.set_password(PASSWORD)
    owner.save()

    response = signed_in_client(owner).post("/seller/money/payout-details/", {
        "payout_method": "promptpay", "promptpay_id": "0899999999", "password": "not-it",
    })

    assert response.status_code == 400
    assert "field__error" in page_text(response)
    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0812345678"


def test_staff_members_see_no_payout_details(staff_client, producer):
    assert staff_client.get("/seller/money/payout-details/").status_code == 404
    assert staff_client.post("/seller/money/payout-details/", {"payout_method": "promptpay", "promptpay_id": "0890000000", "password": "x"}).status_code == 404
    money = page_text(staff_client.get("/seller/money/"))
    assert "payout-details" not in money and producer.promptpay_id not in money
    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0812345678"


@pytest.mark.parametrize("size", [2, 10], ids=["two", "ten"])
def test_the_ledger_and_payouts_take_the_same_queries_whatever_their_length(producer, owner, size, django_assert_num_queries):
    for number in range(size):
        sale(producer, sku=f"L-{number}")
    paid_out(producer)
    client = signed_in_client(owner)
    client.get("/seller/money/ledger/")

    with django_assert_num_queries(LEDGER_QUERIES):
        assert client.get("/seller/money/ledger/").status_code == 200
    with django_assert_num_queries(PAYOUTS_QUERIES):
        assert client.get("/seller/money/payouts/").status_code == 200
    with django_assert_num_queries(MONEY_HOME_QUERIES):
        assert client.get("/seller/money/").status_code == 200


LEDGER_QUERIES = 6
PAYOUTS_QUERIES = 6
MONEY_HOME_QUERIES = 11
