"""Fixtures of the producer portal's tests: a producer (approved, with its warehouse) with an
owner and a staff member, another producer with its owner, signed-in clients, and a phone-sized
Playwright page (tests/web/conftest.py's `shop_page`, 360 px, Thai).

    def test_a_page(owner_client, producer):
        response = owner_client.get("/seller/")
"""
import re

import pytest
from django.test import Client

from plugins.producer_channels.models import MemberRole
from tests.factories import producer_channels as producer_factories

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user, backend=SESSION_BACKEND)
    return client


def page_text(response) -> str:
    """The response's HTML with whitespace runs made single spaces."""
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def producer(db):
    return producer_factories.approved_producer(name_th="วิสาหกิจชุมชนผ้าทอบ้านดอน", name_en="Ban Don Weavers")


@pytest.fixture
def owner(producer):
    return producer_factories.MemberFactory(producer=producer, role=MemberRole.OWNER, user__email="owner@bandon.example").user


@pytest.fixture
def staff_member(producer):
    return producer_factories.MemberFactory(producer=producer, role=MemberRole.STAFF, user__email="staff@bandon.example").user


@pytest.fixture
def other_producer(db):
    return producer_factories.approved_producer(name_th="กลุ่มแม่บ้านเกษตรกร", name_en="Farmers' Wives Group")


@pytest.fixture
def other_owner(other_producer):
    return producer_factories.MemberFactory(producer=other_producer, role=MemberRole.OWNER, user__email="owner@other.example").user


@pytest.fixture
def owner_client(owner):
    return signed_in_client(owner)


@pytest.fixture
def staff_client(staff_member):
    return signed_in_client(staff_member)


@pytest.fixture
def other_client(other_owner):
    return signed_in_client(other_owner)


@pytest.fixture
def seller_page(shop_page):
    """A 360 px Chromium page in Thai (the portal's default language needs no choice)."""
    return shop_page


def photo_upload(name="photo.jpg", size=(2400, 1800), image_format="JPEG"):
    """A picture as a phone's camera sends it (larger than the portal keeps)."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (180, 90, 30)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def catalogue(db):
    """A Saleor category and two product types (one with variants, one without)."""
    from tests.factories import CategoryFactory, ProductTypeFactory

    return {
        "category": CategoryFactory(name="ผ้าและเครื่องแต่งกาย", slug="textiles"),
        "with_variants": ProductTypeFactory(name="สินค้าหลายแบบ", slug="with-variants", has_variants=True),
        "single": ProductTypeFactory(name="สินค้าแบบเดียว", slug="single", has_variants=False),
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT
