"""Notifications in the portal: the list, the unread count in the header, marking read."""
import pytest

from plugins.producer_channels import services
from plugins.producer_channels.models import ProducerNotification

from .conftest import page_text, signed_in_client
from .sales import sale

pytestmark = pytest.mark.django_db


def test_a_new_order_shows_in_the_list_and_the_header_count(owner_client, producer):
    bought = sale(producer, quantity=1)
    services.sub_order_notify_producer(sub_order_id=bought["sub_order"].pk)

    home = page_text(owner_client.get("/seller/"))
    listing = page_text(owner_client.get("/seller/notifications/"))

    assert 'data-unread="1"' in home
    assert f"คำสั่งซื้อใหม่ #{bought['order'].pk}" in listing
    assert f'href="/seller/orders/{bought["sub_order"].pk}/"' in listing


def test_marking_read_clears_the_count(owner_client, producer):
    bought = sale(producer, quantity=1)
    services.sub_order_notify_producer(sub_order_id=bought["sub_order"].pk)

    assert owner_client.post("/seller/notifications/read/").status_code == 302

    assert 'data-unread="0"' in page_text(owner_client.get("/seller/"))
    assert not ProducerNotification.objects.filter(producer=producer, read_at__isnull=True).exists()


def test_every_kind_reads_in_thai(owner_client, producer):
    facts = {"payout_id": 1, "reference": "R", "amount": "90.00", "currency": "THB"}
    for kind in ("payout_batched", "payout_paid", "payout_failed"):
        services.producer_notify(producer_id=producer.pk, kind=kind, dedupe_key=kind, facts=facts, send="no")
    services.producer_notify(producer_id=producer.pk, kind="low_stock", dedupe_key="low", send="no",
                             facts={"name": "ผ้าไหม", "sku": "S-1", "available": 2, "variant_id": 1, "product_id": 1})
    services.producer_notify(producer_id=producer.pk, kind="certificate_expiring", dedupe_key="cert", send="no",
                             facts={"title": "OTOP 5 ดาว", "product": "ผ้าไหม", "valid_until": "2027-01-31"})

    html = page_text(owner_client.get("/seller/notifications/"))

    for text in ("กำลังโอนเงิน ฿90.00", "โอนเงิน ฿90.00 แล้ว", "การโอนเงิน ฿90.00 ไม่สำเร็จ",
                 "สินค้าใกล้หมด: ผ้าไหม (S-1) เหลือขาย 2 ชิ้น", "หมดอายุวันที่ 2027-01-31"):
        assert text in html


@pytest.mark.parametrize("size", [2, 12], ids=["two", "twelve"])
def test_the_list_takes_the_same_queries_whatever_its_length(producer, owner, size, django_assert_num_queries):
    for number in range(size):
        services.producer_notify(producer_id=producer.pk, kind="payout_paid", dedupe_key=f"n{number}", send="no",
                                 facts={"payout_id": number, "reference": "R", "amount": "1.00", "currency": "THB"})
    client = signed_in_client(owner)
    client.get("/seller/notifications/")

    with django_assert_num_queries(NOTIFICATION_LIST_QUERIES):
        assert client.get("/seller/notifications/").status_code == 200


NOTIFICATION_LIST_QUERIES = 6
