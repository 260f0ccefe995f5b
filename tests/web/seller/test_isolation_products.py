"""Isolation of the portal's products, team and shop pages: another producer's ids in any
address or form field answer exactly as a missing id does (404, the same page) and write
nothing. Each case is tried by the owner and by a staff member of a producer that also has
products of its own (ATTEMPTS counts the tries with the other producer's ids: 28)."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from saleor.product.models import Product, ProductImage, ProductTranslation, ProductVariant
from saleor.warehouse.models import Stock

from plugins.export_markets.models import ExportProfile
from plugins.producer_channels import services
from plugins.producer_channels.models import ProducerInvitation, ProducerMember
from tests.factories import producer_channels as producer_factories
from tests.factories.places import SI_PHUM_CHIANG_MAI

from .conftest import photo_upload

pytestmark = pytest.mark.django_db
MISSING_ID = 987654321
CSRF_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture
def world(producer, owner, staff_member, other_producer, other_owner, catalogue):
    own_product, own_variant = producer_factories.producer_product(producer, sku="OWN-1")
    product, variant = producer_factories.producer_product(other_producer, sku="OTHER-1", quantity=9)
    other_staff = producer_factories.MemberFactory(producer=other_producer, role="staff", user__email="s@other.example")
    invitation = services.producer_member_invite(producer=other_producer, email="new@other.example", role="staff")
    to_someone_else = services.producer_member_invite(producer=producer, email="someone@else.example", role="staff")
    return {
        "product": product.pk, "variant": variant.pk, "member": other_staff.pk, "invitation": invitation.pk,
        "received": to_someone_else.pk, "own_variant": own_variant.pk, "category": catalogue["category"].pk,
    }


def state():
    """Everything a write by the wrong producer could change."""
    return (
        sorted(Product.objects.values_list("pk", "name", "is_published", "price_amount", "description")),
        sorted(ProductVariant.objects.values_list("pk", "sku", "name", "price_override_amount")),
        sorted(Stock.objects.values_list("pk", "quantity")),
        ProductImage.objects.count(), ProductTranslation.objects.count(), ExportProfile.objects.count(),
        sorted(ProducerMember.objects.values_list("pk", "role")),
        sorted(ProducerInvitation.objects.values_list("pk", "status")),
    )


def product_form(world):
    return {
        "name": "ชื่อใหม่", "description": "", "category": world["category"], "price": "1.00",
        "otop_category": "FOOD", "province": "50", "district": "5001", "tambon": SI_PHUM_CHIANG_MAI,
        f"stock_{world['variant']}": "0",
    }


# (name, method, address with {id}, which id of the other producer, form data)
CASES = [
    ("product-page", "get", "/seller/products/{id}/", "product", None),
    ("product-save", "post", "/seller/products/{id}/", "product", product_form),
    ("product-publish", "post", "/seller/products/{id}/publish/", "product", lambda world: {"action": "publish"}),
    ("product-unpublish", "post", "/seller/products/{id}/publish/", "product", lambda world: {"action": "unpublish"}),
    ("variant-add", "post", "/seller/products/{id}/variants/", "product", lambda world: {"sku": "NEW-SKU", "quantity": "1"}),
    ("photo-add", "post", "/seller/products/{id}/photos/", "product", lambda world: {"photo": photo_upload(size=(50, 50))}),
    ("export-profile", "post", "/seller/products/{id}/export/", "product", lambda world: {"hs_code": "500720"}),
    ("member-remove", "post", "/seller/team/members/{id}/remove/", "member", lambda world: {}),
    ("invitation-cancel", "post", "/seller/team/invitations/{id}/cancel/", "invitation", lambda world: {}),
    ("invitation-accept", "post", "/seller/invitations/{id}/accept/", "received", lambda world: {}),
    ("invitation-decline", "post", "/seller/invitations/{id}/decline/", "received", lambda world: {}),
]
WHO = ["owner", "staff"]
# The tries with the other producer's ids: every case by owner and staff, the product form's
# foreign variant, the stock file's foreign SKU and the search (both), the foreign session rows.
ATTEMPTS = len(CASES) * len(WHO) + 1 + len(WHO) + len(WHO) + 1


def _ask(client, method, path, data):
    return client.get(path) if method == "get" else client.post(path, data or {})


def _page(response, id_text):
    """The page without what differs between any two responses (the masked CSRF token)."""
    return CSRF_TOKEN.sub("<csrf>", response.content.decode()).replace(id_text, "<id>")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name, method, address, id_of, data", CASES, ids=[case[0] for case in CASES])
def test_another_producers_id_answers_as_a_missing_one_and_writes_nothing(
    world, owner_client, staff_client, who, name, method, address, id_of, data, media_root, settings
):
    client = owner_client if who == "owner" else staff_client
    before = state()
    theirs = _ask(client, method, address.format(id=world[id_of]), data(world) if data else None)
    missing = _ask(client, method, address.format(id=MISSING_ID), data(world) if data else None)
    assert theirs.status_code == missing.status_code == 404
    assert _page(theirs, str(world[id_of])) == _page(missing, str(MISSING_ID))
    assert "ไม่พบข้อมูล" in theirs.content.decode()
    assert state() == before


def test_another_producers_variant_in_the_product_form_is_ignored(world, owner_client, producer):
    own = Product.objects.get(otop_producer__producer=producer)
    before = Stock.objects.get(product_variant_id=world["variant"]).quantity
    data = {**product_form(world), f"stock_{world['own_variant']}": "3"}
    assert owner_client.post(f"/seller/products/{own.pk}/", data).status_code == 302
    assert Stock.objects.get(product_variant_id=world["variant"]).quantity == before
    assert Stock.objects.get(product_variant_id=world["own_variant"]).quantity == 3


@pytest.mark.parametrize("who", WHO)
def test_another_producers_sku_in_a_stock_file_is_unknown_as_a_missing_one(world, owner_client, staff_client, who):
    client = owner_client if who == "owner" else staff_client
    before = state()

    def preview(sku):
        upload = SimpleUploadedFile("stock.csv", f"sku,quantity,price\n{sku},0,1.00\n".encode(), content_type="text/csv")
        return _page(client.post("/seller/products/bulk/", {"file": upload}), sku)

    assert preview("OTHER-1") == preview("NO-SUCH-SKU")
    assert "ไม่มีสินค้าของคุณที่ใช้รหัสนี้" in preview("OTHER-1")
    client.post("/seller/products/bulk/", {"file": SimpleUploadedFile(
        "stock.csv", b"sku,quantity\nOTHER-1,0\n", content_type="text/csv")})
    client.post("/seller/products/bulk/", {"action": "apply"})
    assert state() == before


@pytest.mark.parametrize("who", WHO)
def test_searching_finds_nothing_of_another_producer(world, owner_client, staff_client, who):
    client = owner_client if who == "owner" else staff_client
    html = client.get("/seller/products/?q=OTHER-1").content.decode()
    assert f'data-product="{world["product"]}"' not in html and "data-product=" not in html


def test_a_stock_file_checked_for_one_producer_is_not_applied_for_another(world, owner_client, other_client):
    owner_client.post("/seller/products/bulk/", {"file": SimpleUploadedFile(
        "stock.csv", b"sku,quantity\nOWN-1,77\n", content_type="text/csv")})
    session = owner_client.session
    saved = session["seller_bulk_rows"]
    other_session = other_client.session
    other_session["seller_bulk_rows"] = saved  # the other producer's session carrying this one's rows
    other_session.save()
    before = state()
    assert other_client.post("/seller/products/bulk/", {"action": "apply"}).status_code == 302
    assert state() == before


def test_there_are_at_least_25_attempts():
    assert ATTEMPTS >= 25, ATTEMPTS
