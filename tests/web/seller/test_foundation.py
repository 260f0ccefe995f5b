"""The portal's foundation: sign-in first, the member's producer, Thai by default, English on
choice, suspended producers read but do not write, the pages' security headers."""
import pytest

from plugins.producer_channels import services
from tests.factories import producer_channels as producer_factories

from .conftest import page_text, signed_in_client

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_the_shops_sign_in_page_in_thai(client):
    response = client.get("/seller/products/")
    assert response.status_code == 302
    assert response["Location"] == "/th/account/sign-in/?next=/seller/products/"


def test_an_account_without_a_producer_is_sent_to_join(customer_user):
    response = signed_in_client(customer_user).get("/seller/")
    assert response.status_code == 302 and response["Location"] == "/seller/join/"


def test_home_is_in_thai_by_default_with_the_six_sections(owner_client, producer):
    response = owner_client.get("/seller/")
    html = page_text(response)
    assert response.status_code == 200
    assert '<html lang="th">' in html and response["Content-Language"] == "th"
    for label in ("หน้าแรก", "สินค้า", "คำสั่งซื้อ", "การเงิน", "ทีมงาน", "หน้าร้าน"):
        assert f">{label}</a>" in html
    assert producer.name_th in html


def test_english_is_chosen_and_remembered(owner_client):
    response = owner_client.post("/seller/language/", {"language": "en", "next": "/seller/products/"})
    assert response.status_code == 302 and response["Location"] == "/seller/products/"
    html = page_text(owner_client.get("/seller/"))
    assert '<html lang="en">' in html and ">Products</a>" in html


@pytest.mark.parametrize("target", ["https://evil.example/", "/th/", "//evil.example/seller/"])
def test_the_language_choice_returns_only_to_a_portal_page(owner_client, target):
    response = owner_client.post("/seller/language/", {"language": "en", "next": target})
    assert response["Location"] == "/seller/"


def test_an_unknown_language_keeps_thai(owner_client):
    owner_client.post("/seller/language/", {"language": "fr", "next": "/seller/"})
    assert '<html lang="th">' in page_text(owner_client.get("/seller/"))


def test_pages_have_a_policy_without_inline_scripts(owner_client):
    response = owner_client.get("/seller/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in response.content.decode()


def test_a_suspended_producer_reads_and_is_told_why_but_any_write_is_refused(owner_client, producer):
    services.producer_suspend(producer=producer, reason="เอกสารหมดอายุ")
    html = page_text(owner_client.get("/seller/"))
    assert "data-suspended" in html and "เอกสารหมดอายุ" in html
    response = owner_client.post("/seller/shop/", {"story_th": "ใหม่"})
    assert response.status_code == 403
    assert "เอกสารหมดอายุ" in page_text(response)
    producer.refresh_from_db()
    assert producer.story_th == ""


def test_a_form_without_its_csrf_token_is_refused(owner, producer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post("/seller/language/", {"language": "en"}).status_code == 403


def test_the_applied_producer_sees_its_application_instead_of_home(db):
    producer = producer_factories.ProducerFactory(status="applied")
    member = producer_factories.MemberFactory(producer=producer)
    response = signed_in_client(member.user).get("/seller/")
    assert response.status_code == 302 and response["Location"] == "/seller/join/"
