"""Join (apply with the province → district → tambon choices, the application's checklist)
and Home (the to-do cards)."""
from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.producer_channels import services
from plugins.producer_channels.models import Producer, ProducerMember, ProducerStatus
from tests.factories import producer_channels as producer_factories
from tests.factories.places import SI_PHUM_CHIANG_MAI

from .conftest import page_text, signed_in_client

pytestmark = pytest.mark.django_db


def application(**overrides):
    data = {
        "name_th": "วิสาหกิจชุมชนผ้าทอบ้านใหม่", "name_en": "Ban Mai Weavers", "kind": "community_group",
        "registration_id": "5-50-01-01/1-0001", "province": "50", "district": "5001", "tambon": SI_PHUM_CHIANG_MAI,
        "address_line": "12 หมู่ 3", "contact_name": "สมศรี ใจดี", "contact_email": "somsri@banmai.example",
        "contact_phone": "0812345678", "payout_method": "promptpay", "promptpay_id": "0812345678",
        "bank_code": "", "bank_account_name": "", "bank_account_number": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def applicant(customer_user):
    return signed_in_client(customer_user)


def test_a_visitor_is_asked_to_sign_in_or_sign_up(client):
    html = page_text(client.get("/seller/join/"))
    assert "/th/account/sign-in/?next=/seller/join/" in html and "/th/account/sign-up/" in html


def test_the_application_form_lists_provinces_and_the_chosen_provinces_districts(applicant):
    html = page_text(applicant.get("/seller/join/"))
    assert "เชียงใหม่" in html and 'hx-get="/seller/places/districts/"' in html
    districts = page_text(applicant.get("/seller/places/districts/?province=50"))
    assert "เมืองเชียงใหม่" in districts and 'id="place-tambon" hx-swap-oob="true"' in districts
    tambons = page_text(applicant.get("/seller/places/tambons/?district=5001"))
    assert "ศรีภูมิ" in tambons and f'value="{SI_PHUM_CHIANG_MAI}"' in tambons


def test_without_javascript_the_form_reloads_with_the_next_list(applicant):
    response = applicant.post("/seller/join/", {**application(district="", tambon=""), "reload": "1"})
    html = page_text(response)
    assert "เมืองเชียงใหม่" in html and "field--error" not in html
    assert not Producer.objects.filter(name_en="Ban Mai Weavers").exists()


def test_an_application_makes_the_applicant_the_owner_and_shows_the_checklist(applicant, customer_user):
    response = applicant.post("/seller/join/", application())
    assert response.status_code == 302 and response["Location"] == "/seller/join/"
    producer = Producer.objects.get(name_en="Ban Mai Weavers")
    assert producer.status == ProducerStatus.APPLIED and producer.home_subdistrict_id == SI_PHUM_CHIANG_MAI
    assert ProducerMember.objects.get(producer=producer).user == customer_user
    html = page_text(applicant.get("/seller/join/"))
    assert 'data-application-status="applied"' in html
    assert '<li data-done="false">โครงการอนุมัติแล้ว</li>' in html
    assert '<li data-done="true">เลขทะเบียนวิสาหกิจชุมชน</li>' in html


def test_the_checklist_shows_what_is_missing(applicant):
    applicant.post("/seller/join/", application(registration_id="", address_line=""))
    html = page_text(applicant.get("/seller/join/"))
    assert '<li data-done="false">เลขทะเบียนวิสาหกิจชุมชน</li>' in html
    assert '<li data-done="false">ที่อยู่สถานที่ผลิต</li>' in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"contact_phone": "12"}, "กรุณากรอกเบอร์โทรศัพท์ไทยให้ถูกต้อง"),
        ({"promptpay_id": "123"}, "พร้อมเพย์คือเบอร์มือถือ"),
        ({"promptpay_id": ""}, "กรุณาระบุหมายเลขพร้อมเพย์สำหรับรับเงิน"),
        ({"payout_method": "bank_transfer"}, "กรุณาระบุบัญชีธนาคารสำหรับรับเงิน"),
        ({"tambon": "999999"}, "เลือกตัวเลือกที่ถูกต้อง"),
        ({"district": "1001", "tambon": SI_PHUM_CHIANG_MAI}, "เลือกตัวเลือกที่ถูกต้อง"),
        ({"name_th": ""}, "ช่องนี้"),
        ({"contact_email": "not-an-email"}, "อีเมล"),
    ],
    ids=["phone", "promptpay-id", "no-promptpay", "no-bank", "unknown-tambon", "district-of-another-province",
         "no-name", "email"],
)
def test_bad_input_is_shown_on_its_field_in_thai_and_nothing_is_created(applicant, overrides, message):
    response = applicant.post("/seller/join/", application(**overrides))
    assert response.status_code == 400
    html = page_text(response)
    assert "field--error" in html and message in html
    assert not Producer.objects.filter(name_en="Ban Mai Weavers").exists()


def test_an_approved_producer_sees_its_shop_open(owner_client):
    html = page_text(owner_client.get("/seller/join/"))
    assert 'data-application-status="approved"' in html and 'href="/seller/"' in html


def test_the_place_lists_need_a_signed_in_account(client):
    assert client.get("/seller/places/districts/?province=50").status_code == 302


# --- home ---------------------------------------------------------------------------------------


def test_home_counts_orders_to_pack_low_stock_balance_and_expiring_certifications(owner_client, producer):
    from tests.factories.otop_stars import grant

    product, variant = producer_factories.producer_product(producer, quantity=2)
    plenty, _ = producer_factories.producer_product(producer, quantity=50)
    producer_factories.placed_order([(variant, 1)])
    grant(plenty, stars=5, round_year=2025, valid_until=timezone.localdate() + timedelta(days=30))
    html = page_text(owner_client.get("/seller/"))

    def card(name):
        return html.split(f'data-card="{name}">', 1)[1].split("</section>", 1)[0]

    assert '<p class="card__figure">1</p>' in card("to-pack")
    assert '<p class="card__figure">1</p>' in card("low-stock")
    assert '<p class="card__figure">1</p>' in card("certifications") and plenty.name in card("certifications")
    assert "฿0.00" in card("balance")
    assert "รอบจ่ายเงินถัดไป: จันทร์ " in card("balance")  # the weekly run, Monday 02:00 Bangkok


def test_a_certification_expiring_later_is_not_on_home(owner_client, producer):
    from tests.factories.otop_stars import grant

    product, _ = producer_factories.producer_product(producer, quantity=50)
    grant(product, stars=5, round_year=2025, valid_until=timezone.localdate() + timedelta(days=200))
    html = page_text(owner_client.get("/seller/"))
    assert '<p class="card__figure">0</p>' in html.split('data-card="certifications">', 1)[1]


def test_a_suspended_owner_cannot_apply_again(owner_client, producer):
    services.producer_suspend(producer=producer, reason="")
    response = owner_client.post("/seller/join/", application())
    assert 'data-application-status="suspended"' in page_text(response)
    assert Producer.objects.count() == 1
