"""Another producer's sub-orders, parcels, notifications and money through every orders,
money and notifications address and form field of the portal: 404 exactly as for a missing
id, nothing written, nothing of theirs shown. ATTEMPTS counts the tries (see README)."""
import re

import pytest
from saleor.order.models import Fulfillment

from plugins.producer_channels import services
from plugins.producer_channels.models import ProducerNotification, ProducerStatement
from tests.factories.producer_channels import placed_order, producer_product

from .conftest import signed_in_client
from .sales import sale

pytestmark = pytest.mark.django_db
MISSING = 987654321
ADDRESSES = [
    ("get", "/seller/orders/{id}/"),
    ("get", "/seller/orders/{id}/packing-slip/"),
    ("get", "/seller/orders/{id}/packing-slip/?format=pdf"),
    ("get", "/seller/orders/{id}/cn23.pdf"),
    ("post", "/seller/orders/{id}/ship/"),
]


@pytest.fixture
def theirs(other_producer):
    """The other producer's order abroad (so its CN23 exists), and a notification of it."""
    _, variant = producer_product(other_producer, sku="THEIRS-1")
    order = placed_order([(variant, 2)])
    order.shipping_address.country = "JP"
    order.shipping_address.save()
    sub_order = order.otop_sub_orders.get()
    services.sub_order_notify_producer(sub_order_id=sub_order.pk)
    return {"sub_order": sub_order, "line": sub_order.lines.get().order_line,
            "notification": ProducerNotification.objects.get(producer=other_producer, kind="new_sub_order")}


def _ask(client, method, address, line_id):
    data = {"carrier": "kerry_express", "tracking_number": "STOLEN", f"line_{line_id}": "1"} if method == "post" else None
    return getattr(client, method)(address, data) if data else client.get(address)


def _same_as_missing(client, method, template, sub_order_id, line_id):
    found = _ask(client, method, template.format(id=sub_order_id), line_id)
    missing = _ask(client, method, template.format(id=MISSING), line_id)
    assert found.status_code == missing.status_code == 404
    assert _page(found.content, template, sub_order_id) == _page(missing.content, template, MISSING)


def _page(content: bytes, template: str, pk: int) -> bytes:
    """The page without the address it was asked for and its per-response CSRF token masks."""
    content = re.sub(rb'"X-CSRFToken": "[^"]+"', b"TOKEN", content)
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"TOKEN", content)
    for address in (template.format(id=pk), template.format(id=pk).split("?")[0]):
        content = content.replace(address.encode(), b"ADDRESS").replace(address.replace("&", "&amp;").encode(), b"ADDRESS")
    return content


@pytest.mark.parametrize("method,template", ADDRESSES, ids=[f"{m}-{t}" for m, t in ADDRESSES])
@pytest.mark.parametrize("who", ["owner", "staff_member"])
def test_another_producers_sub_order_is_not_found_like_a_missing_one(request, who, method, template, theirs):
    client = signed_in_client(request.getfixturevalue(who))

    _same_as_missing(client, method, template, theirs["sub_order"].pk, theirs["line"].pk)

    assert not Fulfillment.objects.filter(order_id=theirs["sub_order"].order_id).exists()


@pytest.mark.parametrize("method,template", ADDRESSES, ids=[f"{m}-{t}" for m, t in ADDRESSES])
def test_the_other_way_round_too(other_client, producer, method, template):
    mine = sale(producer, quantity=1)

    _same_as_missing(other_client, method, template, mine["sub_order"].pk, mine["line"].pk)

    assert not Fulfillment.objects.filter(order=mine["order"]).exists()


def test_another_producers_order_line_in_the_ship_form_ships_nothing_of_theirs(owner_client, producer, theirs):
    mine = sale(producer, quantity=1)

    response = owner_client.post(f"/seller/orders/{mine['sub_order'].pk}/ship/", {
        "carrier": "kerry_express", "tracking_number": "X", f"line_{theirs['line'].pk}": "2",
    })

    assert response.status_code == 400  # their line is no field of this form: the parcel is empty
    assert not Fulfillment.objects.exists()


def test_another_producers_notification_cannot_be_marked_read(owner_client, theirs):
    owner_client.post("/seller/notifications/read/", {"notification": [str(theirs["notification"].pk)]})

    assert ProducerNotification.objects.get(pk=theirs["notification"].pk).read_at is None


@pytest.mark.parametrize("address", ["/seller/orders/", "/seller/orders/export.csv", "/seller/notifications/",
                                     "/seller/money/", "/seller/money/ledger/", "/seller/money/payouts/"])
def test_lists_show_nothing_of_theirs(owner_client, address, theirs, other_producer):
    services.ledger_record_sale(order=theirs["sub_order"].order, configuration=services_configuration())

    response = owner_client.get(address)
    body = response.content.decode("utf-8-sig")

    assert response.status_code == 200
    assert f"#{theirs['sub_order'].order_id}" not in body and f'"{theirs["sub_order"].pk}"' not in body
    assert "THEIRS-1" not in body and other_producer.name_th not in body


@pytest.mark.parametrize("file_format", ["csv", "pdf"])
def test_a_statement_holds_only_the_producers_own_entries(owner_client, producer, theirs, file_format):
    from django.utils import timezone

    services.ledger_record_sale(order=theirs["sub_order"].order, configuration=services_configuration())
    month = timezone.localdate()

    response = owner_client.get(f"/seller/money/statements/{month:%Y-%m}.{file_format}")

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert str(theirs["sub_order"].order_id).encode() not in content or file_format == "pdf"
    statement = ProducerStatement.objects.get(file_format=file_format)
    assert statement.producer_id == producer.pk


def services_configuration():
    from tests.factories.producer_channels import CONFIGURATION

    return CONFIGURATION


# 5 addresses x 2 members of this producer + 5 for the other producer's owner, the ship form's
# line field, the notification, 6 lists, 2 statements.
ATTEMPTS = 5 * 2 + 5 + 1 + 1 + 6 + 2


def test_the_attempt_count_is_what_the_readme_says():
    assert ATTEMPTS == 25
