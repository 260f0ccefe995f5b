"""Orders in the portal: the list by status, details, shipping through the fulfil service,
packing slip, CN23, CSV."""
import csv
import io

import pytest
from saleor.order.models import Fulfillment
from saleor.warehouse.models import Stock

from plugins.producer_channels.models import SubOrder, SubOrderStatus

from .conftest import page_text, signed_in_client
from .sales import sale

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_producers_sub_orders_by_status(owner_client, producer, other_producer):
    mine = sale(producer, sku="MINE-1")
    theirs = sale(other_producer, sku="THEIRS-1")

    html = page_text(owner_client.get("/seller/orders/"))

    assert f'data-sub-order="{mine["sub_order"].pk}"' in html
    assert f'data-sub-order="{theirs["sub_order"].pk}"' not in html
    assert "รอแพ็ก <span class=\"tabs__count\">1</span>" in html
    shipped = page_text(owner_client.get("/seller/orders/?status=fulfilled"))
    assert f'data-sub-order="{mine["sub_order"].pk}"' not in shipped


def test_details_show_what_to_pack_where_how_and_the_shoppers_note(owner_client, producer):
    bought = sale(producer, sku="SCARF-9", quantity=3, note="ฝากไว้ที่ป้อมยามค่ะ")

    html = page_text(owner_client.get(f"/seller/orders/{bought['sub_order'].pk}/"))

    assert "SCARF-9" in html and ">3</td>" in html
    assert bought["order"].shipping_address.city in html
    assert "Thailand Post EMS" in html
    assert "ฝากไว้ที่ป้อมยามค่ะ" in html
    assert "data-cn23" not in html  # ships in Thailand: no customs form


def test_shipping_with_a_carrier_and_tracking_number_fulfils_through_the_service(owner_client, producer):
    bought = sale(producer, quantity=2, stock=10)
    line = bought["line"]

    response = owner_client.post(
        f"/seller/orders/{bought['sub_order'].pk}/ship/",
        {"carrier": "kerry_express", "tracking_number": " KEX0001TH ", f"line_{line.pk}": "2"},
    )

    assert response.status_code == 302
    fulfillment = Fulfillment.objects.get(order=bought["order"])
    assert fulfillment.tracking_number == "KEX0001TH"
    assert fulfillment.metadata["otop.carrier"] == "kerry_express"
    assert SubOrder.objects.get(pk=bought["sub_order"].pk).status == SubOrderStatus.FULFILLED
    assert Stock.objects.get(product_variant=bought["variant"]).quantity == 8
    html = page_text(owner_client.get(f"/seller/orders/{bought['sub_order'].pk}/"))
    assert 'data-tracking="KEX0001TH"' in html and "Kerry Express" in html


def test_shipping_more_than_ordered_is_refused_on_the_field_and_nothing_ships(owner_client, producer):
    bought = sale(producer, quantity=2)
    line = bought["line"]

    response = owner_client.post(
        f"/seller/orders/{bought['sub_order'].pk}/ship/",
        {"carrier": "kerry_express", "tracking_number": "X", f"line_{line.pk}": "5"},
    )

    assert response.status_code == 400
    assert "field__error" in page_text(response)
    assert not Fulfillment.objects.filter(order=bought["order"]).exists()


def test_an_unknown_carrier_or_an_empty_parcel_is_refused(owner_client, producer):
    bought = sale(producer, quantity=1)
    url = f"/seller/orders/{bought['sub_order'].pk}/ship/"
    line = bought["line"]

    assert owner_client.post(url, {"carrier": "dragon", f"line_{line.pk}": "1"}).status_code == 400
    assert owner_client.post(url, {"carrier": "kerry_express", f"line_{line.pk}": "0"}).status_code == 400
    assert not Fulfillment.objects.filter(order=bought["order"]).exists()


def test_a_staff_member_ships_too(staff_client, producer):
    bought = sale(producer, quantity=1)
    response = staff_client.post(
        f"/seller/orders/{bought['sub_order'].pk}/ship/",
        {"carrier": "flash_express", "tracking_number": "TH1", f"line_{bought['line'].pk}": "1"},
    )
    assert response.status_code == 302


def test_the_packing_slip_prints_as_a_page_and_a_pdf(owner_client, producer):
    bought = sale(producer, sku="SLIP-1", note="ห่อของขวัญ")
    url = f"/seller/orders/{bought['sub_order'].pk}/packing-slip/"

    html = page_text(owner_client.get(url))
    pdf = owner_client.get(url + "?format=pdf")

    assert "SLIP-1" in html and "ห่อของขวัญ" in html and "data-print" in html
    assert "<script>" not in html
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_cn23_of_a_parcel_abroad_holds_only_this_producers_lines(owner_client, producer, other_producer):
    from tests.factories.producer_channels import placed_order, producer_product

    _, mine = producer_product(producer, sku="MINE-ABROAD")
    _, theirs = producer_product(other_producer, sku="THEIRS-ABROAD")
    order = placed_order([(mine, 1), (theirs, 1)])
    order.shipping_address.country = "JP"
    order.shipping_address.save()
    sub_order = order.otop_sub_orders.get(producer=producer)

    detail = page_text(owner_client.get(f"/seller/orders/{sub_order.pk}/"))
    response = owner_client.get(f"/seller/orders/{sub_order.pk}/cn23.pdf")

    assert "data-cn23" in detail
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    from plugins.export_markets.customs import customs_declaration

    declaration = customs_declaration(order=order, sender="x", producer_id=producer.pk)
    assert [line.product_id for line in declaration.lines] == [mine.product_id]


def test_the_cn23_of_a_parcel_in_thailand_is_not_found(owner_client, producer):
    bought = sale(producer)
    assert owner_client.get(f"/seller/orders/{bought['sub_order'].pk}/cn23.pdf").status_code == 404


def test_the_csv_holds_only_this_producers_sub_orders(owner_client, producer, other_producer):
    mine = sale(producer)
    sale(other_producer)

    response = owner_client.get("/seller/orders/export.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][0] == "คำสั่งซื้อ"
    assert [row[0] for row in rows[1:]] == [str(mine["order"].pk)]


def test_a_suspended_producer_reads_its_orders_but_cannot_ship(owner_client, producer):
    from plugins.producer_channels import services

    bought = sale(producer, quantity=1)
    services.producer_suspend(producer=producer, reason="ตรวจสอบเอกสาร")

    detail = owner_client.get(f"/seller/orders/{bought['sub_order'].pk}/")
    response = owner_client.post(
        f"/seller/orders/{bought['sub_order'].pk}/ship/",
        {"carrier": "kerry_express", "tracking_number": "X", f"line_{bought['line'].pk}": "1"},
    )

    assert detail.status_code == 200 and "data-ship-form" not in page_text(detail)
    assert response.status_code == 403 and "ตรวจสอบเอกสาร" in page_text(response)
    assert not Fulfillment.objects.filter(order=bought["order"]).exists()


def test_forms_carry_their_csrf_token(owner, producer):
    from django.test import Client

    bought = sale(producer, quantity=1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    page = page_text(client.get(f"/seller/orders/{bought['sub_order'].pk}/"))
    assert 'name="csrfmiddlewaretoken"' in page
    refused = client.post(f"/seller/orders/{bought['sub_order'].pk}/ship/", {"carrier": "kerry_express"})
    assert refused.status_code == 403


@pytest.mark.parametrize("size", [2, 12], ids=["two", "twelve"])
def test_the_list_takes_the_same_queries_whatever_its_length(producer, owner, size, django_assert_num_queries):
    for number in range(size):
        sale(producer, sku=f"Q-{number}", paid=False)
    client = signed_in_client(owner)
    client.get("/seller/orders/")  # session and site warm

    with django_assert_num_queries(ORDER_LIST_QUERIES):
        assert client.get("/seller/orders/").status_code == 200


ORDER_LIST_QUERIES = 7
