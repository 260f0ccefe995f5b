"""CN23 of a shared order abroad: each producer declares, renders and downloads its own parcel
only. Producer A's people never see producer B's lines, through the GraphQL declaration, the
render mutation or the PDF download; asking for B's parcel answers exactly as for a producer
that does not exist.
"""
import io
import json

import pytest
from graphene import Node
from graphql_jwt.shortcuts import get_token
from pypdf import PdfReader

from plugins.export_markets.models import CustomsDeclarationPdf, ExportProfile
from tests import factories
from tests.factories import OrderFactory, OrderLineFactory
from tests.factories.export_markets import make_member, otop_product
from tests.factories.producer_channels import ProducerFactory
from tests.graphql_client import PERMISSION_DENIED, GraphQLClient

DECLARATION = """query ($id: ID!, $producer: ID) { orderCustomsDeclaration(orderId: $id, producerId: $producer) {
  producerId lines { description quantity hsCode value { amount } } totalQuantity totalValue { amount }
  totalNetWeightGrams postalCharges { amount } pdfUrl } }"""
RENDER = """mutation ($id: ID!, $producer: ID) { orderCustomsDeclarationRender(orderId: $id, producerId: $producer) {
  queued exportErrors { field code } } }"""
B_SECRETS = ["BETA-CELADON-JAR", "691390", "777.00", "777.0"]
MISSING = 999999


def gid(type_name, pk):
    return Node.to_global_id(type_name, pk)


@pytest.fixture
def shared(db, client):
    alpha, beta = ProducerFactory(slug="alpha"), ProducerFactory(slug="beta")
    alpha_owner, alpha_staff, beta_owner, both = (factories.UserFactory() for _ in range(4))
    make_member(alpha, alpha_owner)
    make_member(alpha, alpha_staff, role="staff")
    make_member(beta, beta_owner)
    make_member(alpha, both, role="staff")
    make_member(beta, both, role="staff")
    address = factories.ThaiAddressFactory(country="JP", city="Chiyoda-ku", country_area="Tokyo", postal_code="100-0001")
    order = OrderFactory(shipping_address=address)
    scarf = otop_product(producer=alpha, name="Silk scarf")
    jar = otop_product(producer=beta, name="Jar")
    ExportProfile.objects.filter(product=scarf).update(customs_description_en="ALPHA-SILK-SCARF", hs_code="621420")
    ExportProfile.objects.filter(product=jar).update(customs_description_en="BETA-CELADON-JAR", hs_code="691390")
    OrderLineFactory(order=order, variant=factories.ProductVariantFactory(product=scarf), quantity=2, unit_price_gross_amount=150)
    OrderLineFactory(order=order, variant=factories.ProductVariantFactory(product=jar), quantity=1, unit_price_gross_amount=777)
    staff = factories.StaffFactory(permissions=["otop_export.manage_otop_export"])
    clients = {name: GraphQLClient(client, user=user) for name, user in [
        ("alpha_owner", alpha_owner), ("alpha_staff", alpha_staff), ("beta_owner", beta_owner), ("both", both),
        ("staff", staff),
    ]}
    return {"order": order, "alpha": alpha, "beta": beta, "clients": clients, "client": client}


def declaration(shared, who, producer=None):
    variables = {"id": gid("Order", shared["order"].pk), "producer": producer}
    return shared["clients"][who].post(DECLARATION, variables)


def leaked(answer) -> list:
    text = json.dumps(answer)
    return [secret for secret in B_SECRETS if secret in text]


@pytest.mark.parametrize("who", ["alpha_owner", "alpha_staff"])
def test_producer_reads_only_its_own_parcel_of_a_shared_order(shared, who):
    answer = declaration(shared, who)

    parcel = answer["data"]["orderCustomsDeclaration"]
    assert [line["description"] for line in parcel["lines"]] == ["ALPHA-SILK-SCARF"]
    assert (parcel["totalQuantity"], parcel["totalValue"]) == (2, {"amount": 300.0})
    assert parcel["producerId"] == gid("Producer", shared["alpha"].pk)
    assert parcel["postalCharges"] == {"amount": 0.0}, "the shared order's shipping is not this parcel's"
    assert not leaked(answer)


def test_asking_for_the_other_producers_parcel_answers_as_for_a_missing_producer(shared):
    other = declaration(shared, "alpha_owner", producer=gid("Producer", shared["beta"].pk))
    missing = declaration(shared, "alpha_owner", producer=gid("Producer", MISSING))

    assert other == missing
    assert any(PERMISSION_DENIED in error["message"] for error in other["errors"])
    assert not leaked(other)


def test_member_of_two_producers_of_the_order_names_the_parcel(shared):
    unnamed = declaration(shared, "both")
    named = declaration(shared, "both", producer=gid("Producer", shared["beta"].pk))

    assert "give producerId" in unnamed["errors"][0]["message"] and not leaked(unnamed)
    assert [line["description"] for line in named["data"]["orderCustomsDeclaration"]["lines"]] == ["BETA-CELADON-JAR"]


def test_programme_staff_read_the_whole_order_or_one_parcel(shared):
    whole = declaration(shared, "staff")["data"]["orderCustomsDeclaration"]
    parcel = declaration(shared, "staff", producer=gid("Producer", shared["beta"].pk))["data"]["orderCustomsDeclaration"]

    assert [line["description"] for line in whole["lines"]] == ["ALPHA-SILK-SCARF", "BETA-CELADON-JAR"]
    assert whole["producerId"] is None and whole["postalCharges"]["amount"] > 0
    assert [line["description"] for line in parcel["lines"]] == ["BETA-CELADON-JAR"]


def render(shared, who, django_capture_on_commit_callbacks, producer=None):
    with django_capture_on_commit_callbacks(execute=True):
        return shared["clients"][who].post(RENDER, {"id": gid("Order", shared["order"].pk), "producer": producer})


def download(shared, who, producer=None):
    user = shared["clients"][who].user
    query = f"?producer={producer}" if producer else ""
    return shared["client"].get(
        f"/otop/export/orders/{shared['order'].pk}/cn23.pdf{query}", HTTP_AUTHORIZATION=f"JWT {get_token(user)}"
    )


def pdf_text(response) -> str:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()


def test_producer_renders_and_downloads_only_its_own_parcel(shared, django_capture_on_commit_callbacks):
    answer = render(shared, "alpha_owner", django_capture_on_commit_callbacks)
    assert answer["data"]["orderCustomsDeclarationRender"] == {"queued": True, "exportErrors": []}

    response = download(shared, "alpha_owner")

    assert response.status_code == 200
    text = pdf_text(response)
    assert "ALPHA-SILK-SCARF" in text and "BETA-CELADON-JAR" not in text and "777" not in text
    document = CustomsDeclarationPdf.objects.get()
    assert document.producer_id == shared["alpha"].pk


def test_producer_cannot_download_the_other_parcel_or_the_whole_order(shared, django_capture_on_commit_callbacks):
    beta = gid("Producer", shared["beta"].pk)
    render(shared, "beta_owner", django_capture_on_commit_callbacks)
    render(shared, "staff", django_capture_on_commit_callbacks)
    assert CustomsDeclarationPdf.objects.count() == 2

    other = download(shared, "alpha_owner", producer=beta)
    missing = download(shared, "alpha_owner", producer=gid("Producer", MISSING))
    own_unrendered = download(shared, "alpha_owner")

    assert other.status_code == missing.status_code == own_unrendered.status_code == 404
    assert other.content == missing.content
    assert download(shared, "beta_owner").status_code == 200
    whole = download(shared, "staff")
    assert whole.status_code == 200 and "BETA-CELADON-JAR" in pdf_text(whole) and "ALPHA-SILK-SCARF" in pdf_text(download(shared, "staff"))


def test_producer_cannot_render_the_other_parcel(shared, django_capture_on_commit_callbacks):
    answer = render(shared, "alpha_owner", django_capture_on_commit_callbacks, producer=gid("Producer", shared["beta"].pk))

    assert any(PERMISSION_DENIED in error["message"] for error in answer["errors"])
    assert not CustomsDeclarationPdf.objects.exists()
