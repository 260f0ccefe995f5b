import io

import pytest
from django.db import transaction
from graphene import Node
from graphql_jwt.shortcuts import get_token
from pypdf import PdfReader

from plugins.export_markets.models import CustomsDeclarationPdf
from plugins.export_markets.services import customs_declaration_pdf_request
from tests import factories
from tests.factories import OrderFactory, OrderLineFactory
from tests.factories.export_markets import make_member, otop_product
from tests.factories.producer_channels import ProducerFactory
from tests.graphql_client import GraphQLClient
from tests.waiting import wait_until

CN23 = """query ($id: ID!) { orderCustomsDeclaration(orderId: $id) {
  destinationCountry category recipient
  lines { description quantity netWeightGrams value { amount currency } hsCode originCountry }
  totalQuantity totalNetWeightGrams totalGrossWeightGrams totalValue { amount currency } pdfUrl } }"""
RENDER = """mutation ($id: ID!) { orderCustomsDeclarationRender(orderId: $id) { queued exportErrors { field code } } }"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def order_to(country="JP", producer=None):
    address = factories.ThaiAddressFactory(
        country=country, first_name="Hanako", last_name="Sato", street_address_1="1-1 Chiyoda",
        city="Chiyoda-ku", city_area="", country_area="Tokyo", postal_code="100-0001",
    )
    order = OrderFactory(shipping_address=address)
    product = otop_product(producer=producer or ProducerFactory(), name="มะม่วงอบแห้ง")
    variant = factories.ProductVariantFactory(product=product)
    OrderLineFactory(order=order, variant=variant, quantity=2, product_name=product.name)
    return order


def order_id(order):
    return Node.to_global_id("Order", order.pk)


def test_staff_reads_the_cn23_of_an_order_abroad(staff_api_client):
    order = order_to("JP")
    data = staff_api_client.data(CN23, {"id": order_id(order)}, permissions=["otop_export.manage_otop_export"])
    declaration = data["orderCustomsDeclaration"]
    assert declaration["lines"] == [
        {"description": "Dried mango", "quantity": 2, "netWeightGrams": 400, "value": {"amount": 500.0, "currency": "THB"},
         "hsCode": "200899", "originCountry": "TH"}
    ]
    assert (declaration["totalQuantity"], declaration["totalNetWeightGrams"], declaration["totalGrossWeightGrams"]) == (2, 400, 500)
    assert declaration["totalValue"] == {"amount": 500.0, "currency": "THB"}
    assert (declaration["destinationCountry"], declaration["category"]) == ("JP", "Sale of goods")
    assert declaration["recipient"][0] == "Hanako Sato"


def test_order_in_thailand_has_no_cn23(staff_api_client):
    order = order_to("TH")
    data = staff_api_client.data(CN23, {"id": order_id(order)}, permissions=["order.manage_orders"])
    assert data["orderCustomsDeclaration"] is None


def test_producer_of_the_order_reads_its_cn23(db, client):
    producer = ProducerFactory()
    member = factories.UserFactory()
    make_member(producer, member)
    order = order_to("JP", producer=producer)
    data = GraphQLClient(client, user=member).data(CN23, {"id": order_id(order)})
    assert data["orderCustomsDeclaration"]["totalQuantity"] == 2


def test_another_producer_cannot_read_the_cn23(db, client):
    member = factories.UserFactory()
    make_member(ProducerFactory(), member)
    order = order_to("JP")
    GraphQLClient(client, user=member).assert_refused(CN23, {"id": order_id(order)})


def test_anonymous_shopper_cannot_read_the_cn23(db, api_client):
    api_client.assert_refused(CN23, {"id": order_id(order_to("JP"))})


def render(api_client, order, django_capture_on_commit_callbacks):
    permissions = ["otop_export.manage_otop_export"] if api_client.user.is_staff else None
    with django_capture_on_commit_callbacks(execute=True):
        data = api_client.data(RENDER, {"id": order_id(order)}, permissions=permissions)
    assert data["orderCustomsDeclarationRender"] == {"queued": True, "exportErrors": []}


def download(client, order, user=None):
    headers = {"HTTP_AUTHORIZATION": f"JWT {get_token(user)}"} if user else {}
    return client.get(f"/otop/export/orders/{order.pk}/cn23.pdf", **headers)


def test_rendered_cn23_pdf_carries_the_declaration(client, staff_api_client, django_capture_on_commit_callbacks):
    order = order_to("JP")
    render(staff_api_client, order, django_capture_on_commit_callbacks)
    response = download(client, order, staff_api_client.user)
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    for expected in ("CN 23 CUSTOMS DECLARATION", "Dried mango", "200899", "TH", "500.00", "Hanako Sato"):
        assert expected in text


def test_cn23_pdf_url_is_given_once_rendered(staff_api_client, django_capture_on_commit_callbacks):
    order = order_to("JP")
    render(staff_api_client, order, django_capture_on_commit_callbacks)
    data = staff_api_client.data(CN23, {"id": order_id(order)})
    assert data["orderCustomsDeclaration"]["pdfUrl"].endswith(f"/otop/export/orders/{order.pk}/cn23.pdf")


def test_producer_of_the_order_downloads_the_pdf(db, client, django_capture_on_commit_callbacks):
    producer = ProducerFactory()
    member = factories.UserFactory()
    make_member(producer, member)
    order = order_to("JP", producer=producer)
    render(GraphQLClient(client, user=member), order, django_capture_on_commit_callbacks)
    assert download(client, order, member).status_code == 200


def test_stranger_cannot_download_the_pdf(client, staff_api_client, django_capture_on_commit_callbacks):
    order = order_to("JP")
    render(staff_api_client, order, django_capture_on_commit_callbacks)
    assert download(client, order, factories.UserFactory()).status_code == 404
    assert download(client, order).status_code == 401


def test_order_in_thailand_gets_no_pdf(staff_api_client):
    order = order_to("TH")
    data = staff_api_client.data(RENDER, {"id": order_id(order)}, permissions=["otop_export.manage_otop_export"])
    assert data["orderCustomsDeclarationRender"]["exportErrors"] == [{"field": "orderId", "code": "NOT_ABROAD"}]
    assert not CustomsDeclarationPdf.objects.exists()


def test_real_worker_renders_the_pdf(celery_worker):
    order = order_to("JP")
    with transaction.atomic():
        customs_declaration_pdf_request(order_id=order.pk)
    wait_until(lambda: CustomsDeclarationPdf.objects.filter(order=order, rendered_at__isnull=False).exists(), timeout=60)
