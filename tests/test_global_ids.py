"""Saleor's operations answer a bad global id with a clear error and write nothing.

Each input here is one `make fuzz` found answering INTERNAL_ERROR (an empty id, an id that is
not base64 of "Type:pk", a pk that does not fit the type's table, an unknown token). The check
is saleor_otop/graphql/global_ids.py.
"""
import base64
import uuid

import pytest
from saleor.account.models import Address
from saleor.checkout.models import Checkout

from saleor_otop.graphql.global_ids import GlobalIdMiddleware, global_id_problem
from tests.factories import ThaiAddressFactory

pytestmark = pytest.mark.django_db

NOT_BASE64 = "abc"
NOT_A_NUMBER = base64.b64encode(b"Address:x").decode()  # "QWRkcmVzczp4"
CHECKOUT_NOT_A_UUID = base64.b64encode(b"Checkout:x").decode()
ERRORS = "{ field code message }"
ADDRESS = '{firstName: "Malee", streetAddress1: "1 Thanon Sukhumvit", city: "Bangkok", postalCode: "10110", country: TH}'


def assert_not_found(payload: dict, errors_field: str, field: str, value: str) -> None:
    error = {"field": field, "code": "NOT_FOUND", "message": f"Couldn't resolve to a node: {value}"}
    assert error in payload[errors_field], payload


@pytest.fixture
def address_of_shopper(customer_user):
    address = ThaiAddressFactory()
    customer_user.addresses.add(address)
    return address


# The inputs `make fuzz` found answering INTERNAL_ERROR, one per operation, as it sent them.
FUZZ_MUTATIONS = {
    "accountAddressDelete": ('accountAddressDelete(id: "")', "accountErrors", "id"),
    "accountAddressUpdate": ('accountAddressUpdate(id: "", input: { city: "" })', "accountErrors", "id"),
    "checkoutAddPromoCode": ('checkoutAddPromoCode(checkoutId: "", promoCode: "")', "checkoutErrors", "checkoutId"),
    "checkoutBillingAddressUpdate": (
        'checkoutBillingAddressUpdate(billingAddress: { city: "" }, checkoutId: "")', "checkoutErrors", "checkoutId",
    ),
    "checkoutComplete": ('checkoutComplete(checkoutId: "", redirectUrl: "", storeSource: false)', "checkoutErrors", "checkoutId"),
    "checkoutEmailUpdate": ('checkoutEmailUpdate(checkoutId: "", email: "")', "checkoutErrors", "checkoutId"),
    "checkoutLineDelete": ('checkoutLineDelete(checkoutId: "", lineId: "")', "checkoutErrors", "checkoutId"),
    "checkoutPaymentCreate": (
        'checkoutPaymentCreate(checkoutId: "" input: { gateway: "", token: "", billingAddress: { city: "" } })',
        "paymentErrors", "checkoutId",
    ),
    "checkoutShippingAddressUpdate": (
        'checkoutShippingAddressUpdate(checkoutId: "", shippingAddress: { city: "" })', "checkoutErrors", "checkoutId",
    ),
    "checkoutShippingMethodUpdate": (
        'checkoutShippingMethodUpdate(checkoutId: "", shippingMethodId: "")', "checkoutErrors", "checkoutId",
    ),
    "paymentSecureConfirm": ('paymentSecureConfirm(paymentId: "")', "errors", "paymentId"),
}


@pytest.mark.parametrize("operation", FUZZ_MUTATIONS)
def test_fuzz_input_of_a_saleor_mutation_gets_its_errors(user_api_client, address_of_shopper, operation):
    call, errors_field, field = FUZZ_MUTATIONS[operation]
    selection = ERRORS if errors_field != "errors" else "{ field message }"

    data = user_api_client.data(f"mutation {{ {call} {{ {errors_field} {selection} }} }}")

    error = {"field": field, "code": "REQUIRED", "message": "This field cannot be empty."}
    if errors_field == "errors":
        del error["code"]
    assert error in data[operation][errors_field], data
    assert Address.objects.get(pk=address_of_shopper.pk).city == address_of_shopper.city


def test_fuzz_input_of_order_update_meta(api_client):
    query = """mutation { orderUpdateMeta(input: { clientName: "", key: "", namespace: "", value: "" }
      token: "e3e70682-c209-4cac-629f-6fbed82c07cd") { order { id } errors { field message } } }"""

    data = api_client.data(query)

    assert data["orderUpdateMeta"] == {"order": None, "errors": [{"field": None, "message": "Couldn't resolve to a node."}]}


@pytest.mark.parametrize(
    "query, operation",
    [('{ address(id: "") { isDefaultBillingAddress } }', "address"), ('{ page(id: "", slug: "") { created } }', "page")],
)
def test_fuzz_input_of_a_saleor_query_gets_a_graphql_error(user_api_client, query, operation):
    content = user_api_client.post(query)

    assert content["data"] == {operation: None}
    [error] = content["errors"]
    assert error["message"] == "This field cannot be empty. (argument id)"
    assert error["extensions"]["exception"]["code"] == "InvalidGlobalId"


def test_account_address_delete_with_a_pk_that_is_not_a_number(user_api_client, address_of_shopper):
    data = user_api_client.data(f'mutation {{ accountAddressDelete(id: "{NOT_A_NUMBER}") {{ accountErrors {ERRORS} }} }}')

    assert_not_found(data["accountAddressDelete"], "accountErrors", "id", NOT_A_NUMBER)
    assert Address.objects.filter(pk=address_of_shopper.pk).exists()


@pytest.mark.parametrize("value", [NOT_BASE64, NOT_A_NUMBER])
def test_address_query_with_a_bad_id(user_api_client, value):
    content = user_api_client.post("query ($id: ID!) { address(id: $id) { id } }", {"id": value})

    assert content["data"] == {"address": None}
    assert content["errors"][0]["message"] == f"Couldn't resolve to a node: {value} (argument id)"


def test_page_query_without_id_or_slug(api_client):
    content = api_client.post("{ page { id } }")

    assert content["data"] == {"page": None}
    assert content["errors"][0]["message"] == "No page ID or slug provided."


@pytest.mark.parametrize("value", [NOT_BASE64, base64.b64encode(b"Page:x").decode()])
def test_page_query_with_a_bad_id(api_client, value):
    content = api_client.post("query ($id: ID!) { page(id: $id) { id } }", {"id": value})

    assert content["data"] == {"page": None}
    assert content["errors"][0]["message"] == f"Couldn't resolve to a node: {value} (argument id)"


CHECKOUT_MUTATIONS = {
    "checkoutAddPromoCode": ('checkoutAddPromoCode(checkoutId: "%s", promoCode: "OTOP10")', "checkoutErrors"),
    "checkoutComplete": ('checkoutComplete(checkoutId: "%s")', "checkoutErrors"),
    "checkoutEmailUpdate": ('checkoutEmailUpdate(checkoutId: "%s", email: "malee@example.com")', "checkoutErrors"),
    "checkoutShippingAddressUpdate": (f'checkoutShippingAddressUpdate(checkoutId: "%s", shippingAddress: {ADDRESS})', "checkoutErrors"),
}


@pytest.mark.parametrize("operation", CHECKOUT_MUTATIONS)
def test_checkout_mutation_with_a_checkout_id_that_is_not_a_uuid(api_client, operation):
    call, errors_field = CHECKOUT_MUTATIONS[operation]

    data = api_client.data(f"mutation {{ {call % CHECKOUT_NOT_A_UUID} {{ {errors_field} {ERRORS} }} }}")

    assert_not_found(data[operation], errors_field, "checkoutId", CHECKOUT_NOT_A_UUID)


def test_an_id_inside_a_list_of_an_input_is_checked(api_client):
    query = f"""mutation {{ checkoutCreate(input: {{email: "malee@example.com",
      lines: [{{variantId: "{NOT_BASE64}", quantity: 1}}]}}) {{ checkoutErrors {ERRORS} }} }}"""

    data = api_client.data(query)

    assert_not_found(data["checkoutCreate"], "checkoutErrors", "variantId", NOT_BASE64)
    assert not Checkout.objects.exists()


def test_a_well_formed_id_of_a_missing_object_still_gets_saleors_own_answer(api_client):
    missing = base64.b64encode(f"Checkout:{uuid.uuid4()}".encode()).decode()

    data = api_client.data(f'mutation {{ checkoutComplete(checkoutId: "{missing}") {{ checkoutErrors {ERRORS} }} }}')

    assert_not_found(data["checkoutComplete"], "checkoutErrors", "checkoutId", missing)


def test_plugin_ids_are_not_global_ids(staff_api_client):
    data = staff_api_client.data(
        'query { plugin(id: "mirumee.payments.dummy") { id } }', permissions=["plugins.manage_plugins"]
    )

    assert data["plugin"] == {"id": "mirumee.payments.dummy"}


@pytest.mark.parametrize(
    "value, code",
    [
        ("", "required"),
        ("abc", "not_found"),
        (base64.b64encode(b"NoSuchType:1").decode(), "not_found"),
        (base64.b64encode(b"Address:").decode(), "not_found"),
        (base64.b64encode(b"\xff\xfe").decode(), "not_found"),
        (base64.b64encode(b"Address:1").decode(), None),
        (base64.b64encode(f"Checkout:{uuid.UUID(int=1)}".encode()).decode(), None),
    ],
)
def test_global_id_problem(value, code):
    from saleor_otop.graphql.schema import schema

    problem = global_id_problem(value, field="id", schema=schema, empty_allowed=False)

    assert (problem.code if problem else None) == code


def test_without_the_check_an_empty_id_is_an_internal_error(user_api_client, address_of_shopper, monkeypatch):
    monkeypatch.setattr(GlobalIdMiddleware, "resolve", lambda self, next_, root, info, **kwargs: next_(root, info, **kwargs))

    content = user_api_client.post(f'mutation {{ accountAddressDelete(id: "") {{ accountErrors {ERRORS} }} }}')

    assert content["errors"][0]["extensions"]["exception"]["code"] == "INTERNAL_ERROR"


def test_every_bad_id_of_a_call_is_named(api_client):
    data = api_client.data(
        f'mutation {{ checkoutLineDelete(checkoutId: "", lineId: "{NOT_BASE64}") {{ checkoutErrors {ERRORS} }} }}'
    )

    assert sorted(error["field"] for error in data["checkoutLineDelete"]["checkoutErrors"]) == ["checkoutId", "lineId"]
