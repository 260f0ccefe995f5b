"""Who reaches /staff/: active staff only; producer members (customers) never."""
import pytest

from tests.factories import StaffFactory, UserFactory
from tests.factories.producer_channels import MemberFactory
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_the_sign_in_page(client):
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_a_producer_member_never_reaches_the_back_office(client):
    owner = MemberFactory(user=UserFactory(email="owner@shop.example")).user
    sign_in(client, owner)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
    signed_in = client.post("/staff/login/?next=/staff/", {"username": "owner@shop.example", "password": "password"})
    assert signed_in.status_code == 200  # the form again, with its error
    assert client.get("/staff/otop_producers/producer/").status_code == 302


def test_a_staff_member_signs_in_and_sees_the_dashboard(client):
    StaffFactory(email="officer@otop.example")
    response = client.post("/staff/login/?next=/staff/", {"username": "officer@otop.example", "password": "password"})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "script-src 'self' 'unsafe-eval'" in page["Content-Security-Policy"]
    assert "'unsafe-inline'" not in page["Content-Security-Policy"].split("script-src", 1)[1].split(";", 1)[0]


def test_staff_without_a_producer_permission_does_not_see_producers(client):
    sign_in(client, StaffFactory())
    assert client.get("/staff/otop_producers/producer/").status_code == 403


def test_the_back_office_speaks_thai_or_english_as_chosen(client):
    sign_in(client, StaffFactory())
    response = client.get("/staff/back-office/language/th/?next=/staff/")
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/")["Content-Language"] == "th"
    client.get("/staff/back-office/language/en/?next=https://elsewhere.example/")
    assert client.get("/staff/")["Content-Language"] == "en"
