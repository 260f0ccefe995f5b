"""Producer isolation: producer B's people try to read or change producer A's products,
variants, stock, sub-orders, fulfilments, ledger, payouts and members through every
producer-facing query and mutation and through Saleor's own staff API.

Each attempt must be refused, write nothing (A's data fingerprint is unchanged) and return
nothing of A: where a lookup by id is involved, the answer must be exactly the answer for an
id that does not exist, so not even A's existence shows.
"""
import json
import re
import uuid
from dataclasses import dataclass
from typing import Callable, Optional

import pytest
from graphene import Node
from saleor.order.models import Fulfillment, FulfillmentLine, Order, OrderLine
from saleor.payment.models import Payment
from saleor.product.models import Product, ProductVariant
from saleor.warehouse.models import Stock, Warehouse

from plugins.producer_channels import services
from plugins.producer_channels.models import (
    LedgerEntry,
    MemberRole,
    OfficerAssignment,
    Payout,
    Producer,
    ProducerInvitation,
    ProducerMember,
    ProducerProduct,
    SubOrder,
    SubOrderLine,
)
from tests.factories import ShippingZoneFactory, UserFactory
from tests.factories.producer_channels import (
    CONFIGURATION,
    MemberFactory,
    OfficerAssignmentFactory,
    pay,
    placed_order,
    producer_product,
    producer_with_owner,
)
from tests.graphql_client import PERMISSION_DENIED, GraphQLClient

MISSING = 999999
A_SECRETS = [
    "alpha-owner@otop.example", "alpha-staff@otop.example", "alpha@otop.example", "Alpha Weavers",
    "ALPHA-PUBLIC", "ALPHA-HIDDEN", "Alpha hidden prototype", "TRACK-ALPHA-1", "0899999999",
    "alpha-invitee@otop.example",
]


def gid(type_name, pk):
    return Node.to_global_id(type_name, pk)


@pytest.fixture
def world(db, client):
    ShippingZoneFactory(countries=["TH"])
    alpha, alpha_owner = producer_with_owner(
        name_en="Alpha Weavers", slug="alpha", contact_email="alpha@otop.example", promptpay_id="0899999999"
    )
    alpha_owner.email = "alpha-owner@otop.example"
    alpha_owner.save()
    alpha_staff = MemberFactory(producer=alpha, role=MemberRole.STAFF, user=UserFactory(email="alpha-staff@otop.example"))
    beta, beta_owner = producer_with_owner(name_en="Beta Potters", slug="beta")
    officer = UserFactory(email="beta-officer@cdd.example")
    OfficerAssignmentFactory(producer=beta, officer=officer)

    product, variant = producer_product(alpha, sku="ALPHA-PUBLIC")
    hidden, hidden_variant = producer_product(alpha, sku="ALPHA-HIDDEN", published=False)
    Product.objects.filter(pk=hidden.pk).update(name="Alpha hidden prototype")
    _, beta_variant = producer_product(beta, sku="BETA-1")

    order = placed_order([(variant, 2), (beta_variant, 1)])
    pay(order)
    alpha_sub_order = SubOrder.objects.get(order=order, producer=alpha)
    beta_sub_order = SubOrder.objects.get(order=order, producer=beta)
    alpha_line = OrderLine.objects.get(order=order, variant=variant)
    fulfillment = services.producer_fulfill_lines(
        sub_order=alpha_sub_order, lines=[(alpha_line.pk, 1)], user=alpha_owner, tracking_number="TRACK-ALPHA-1"
    )
    LedgerEntry.objects.update(available_on=order.created)
    run = services.payout_run_create(configuration=CONFIGURATION)
    alpha_payout = run.payouts.get(producer=alpha)
    invitation = services.producer_member_invite(producer=alpha, email="alpha-invitee@otop.example", role=MemberRole.STAFF)

    ids = {
        "producer": gid("Producer", alpha.pk),
        "product": gid("Product", product.pk),
        "hidden_product": gid("Product", hidden.pk),
        "variant": gid("ProductVariant", variant.pk),
        "hidden_variant": gid("ProductVariant", hidden_variant.pk),
        "sub_order": gid("ProducerSubOrder", alpha_sub_order.pk),
        "line": gid("OrderLine", alpha_line.pk),
        "member": gid("ProducerMember", alpha_staff.pk),
        "owner_member": gid("ProducerMember", alpha.members.get(role=MemberRole.OWNER).pk),
        "payout": gid("ProducerPayout", alpha_payout.pk),
        "fulfillment": gid("Fulfillment", fulfillment.pk),
        "warehouse": gid("Warehouse", alpha.warehouse_id),
        "order": gid("Order", order.pk),
        "invitation": gid("ProducerInvitation", invitation.pk),
    }
    missing = {
        **{key: gid(Node.from_global_id(value)[0], MISSING) for key, value in ids.items()},
        "warehouse": gid("Warehouse", uuid.uuid4()),
    }
    return {
        "alpha": alpha,
        "a": ids,
        "missing": missing,
        "beta_sub_order": gid("ProducerSubOrder", beta_sub_order.pk),
        "beta_product": gid("Product", beta_variant.product_id),
        "beta_producer": gid("Producer", beta.pk),
        "clients": {
            "member": GraphQLClient(client, user=beta_owner),
            "officer": GraphQLClient(client, user=officer),
        },
    }


def fingerprint(alpha: Producer) -> str:
    """Everything of producer A an attacker might change, serialised."""
    products = Product.objects.filter(otop_producer__producer=alpha)
    orders = Order.objects.filter(otop_sub_orders__producer=alpha)
    rows = {
        "producer": Producer.objects.filter(pk=alpha.pk),
        "members": ProducerMember.objects.filter(producer=alpha),
        "officers": OfficerAssignment.objects.filter(producer=alpha),
        "links": ProducerProduct.objects.filter(producer=alpha),
        "products": products,
        "variants": ProductVariant.objects.filter(product__in=products),
        "stocks": Stock.objects.filter(product_variant__product__in=products),
        "warehouse": Warehouse.objects.filter(pk=alpha.warehouse_id),
        "sub_orders": SubOrder.objects.filter(producer=alpha),
        "sub_order_lines": SubOrderLine.objects.filter(sub_order__producer=alpha),
        "orders": orders,
        "order_lines": OrderLine.objects.filter(order__in=orders),
        "fulfillments": Fulfillment.objects.filter(order__in=orders),
        "fulfillment_lines": FulfillmentLine.objects.filter(fulfillment__order__in=orders),
        "payments": Payment.objects.filter(order__in=orders),
        "ledger": LedgerEntry.objects.filter(producer=alpha),
        "payouts": Payout.objects.filter(producer=alpha),
        "invitations": ProducerInvitation.objects.filter(producer=alpha),
    }
    return json.dumps(
        {name: list(queryset.order_by("pk").values()) for name, queryset in rows.items()}, default=str, sort_keys=True
    )


@dataclass(frozen=True)
class Attempt:
    name: str
    query: str
    variables: Callable[[dict], dict] = lambda ids: {}
    # "missing": the answer equals the answer for ids that do not exist;
    # "refused": Saleor's permission error, no data.
    expect: str = "missing"
    client: str = "member"
    check: Optional[Callable[[dict, dict], None]] = None


def my(field_selection):
    return "query($producer: ID) { myProducer(id: $producer) { %s } }" % field_selection


def _declared(body: str) -> str:
    names = sorted(set(re.findall(r"\$(\w+)", body)))
    return "(%s)" % ", ".join(f"${name}: ID!" for name in names) if names else ""


def producer_mutation(name, arguments, payload="producerErrors { field code message }"):
    body = "%s(%s) { %s }" % (name, arguments, payload)
    return "mutation%s { %s }" % (_declared(body), body)


def saleor_mutation(text):
    return "mutation%s { %s }" % (_declared(text), text)


ATTEMPTS = [
    # --- reads through myProducer -------------------------------------------------------
    Attempt("read A's profile through myProducer(id)", my("slug nameEn contactEmail"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's products through myProducer(id)", my("products(first: 10) { edges { node { name } } }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's sub-orders through myProducer(id)", my("subOrders(first: 10) { edges { node { id } } }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's ledger through myProducer(id)", my("ledger(first: 10) { edges { node { id } } }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's balance through myProducer(id)", my("balance { total { amount } }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's payouts through myProducer(id)", my("payouts(first: 10) { edges { node { id } } }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's members through myProducer(id)", my("members { email }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's payout details through myProducer(id)", my("promptpayId bankAccountNumber"), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's product from own producer", "query($id: ID!) { myProducer { product(id: $id) { name } } }", lambda ids: {"id": ids["product"]}),
    Attempt("read A's unpublished product from own producer", "query($id: ID!) { myProducer { product(id: $id) { name variants { sku quantity } } } }", lambda ids: {"id": ids["hidden_product"]}),
    Attempt("read A's sub-order from own producer", "query($id: ID!) { myProducer { subOrder(id: $id) { lines { sku } } } }", lambda ids: {"id": ids["sub_order"]}),
    Attempt("search own products for A's SKU", 'query { myProducer { products(first: 10, search: "ALPHA") { totalCount edges { node { name } } } } }', expect="own"),
    Attempt("list own sub-orders of a shared order", "query { myProducer { subOrders(first: 10) { edges { node { lines { sku } fulfillments { trackingNumber lines { orderLineId } } } } } } }", expect="own"),
    Attempt("list own ledger", "query { myProducer { ledger(first: 50) { edges { node { subOrderId net { amount } } } } } }", expect="own"),
    Attempt("list own payouts", "query { myProducer { payouts(first: 50) { edges { node { reference producerSlug } } } } }", expect="own"),
    Attempt("list own members", "query { myProducer { members { email } } }", expect="own"),
    Attempt("list producers acted for", "query { myProducers { slug } }", expect="own"),
    # --- programme and finance queries --------------------------------------------------
    Attempt("list every producer", "query { producers(first: 10) { edges { node { slug } } } }", expect="refused"),
    Attempt("read A through the staff query", "query($id: ID!) { producer(id: $id) { slug } }", lambda ids: {"id": ids["producer"]}, expect="refused"),
    Attempt("list payouts", "query { producerPayouts(first: 10) { edges { node { reference } } } }", expect="refused"),
    Attempt("list payout runs", "query { producerPayoutRuns(first: 10) { edges { node { fileContent } } } }", expect="refused"),
    # --- producer-facing mutations on A's ids -------------------------------------------
    Attempt("rename A's product", producer_mutation("producerProductUpdate", 'id: $id, input: {name: "Mine"}'), lambda ids: {"id": ids["product"]}),
    Attempt("unpublish A's product", producer_mutation("producerProductUpdate", "id: $id, input: {isPublished: false}"), lambda ids: {"id": ids["product"]}),
    Attempt("publish A's hidden product", producer_mutation("producerProductUpdate", "id: $id, input: {isPublished: true}"), lambda ids: {"id": ids["hidden_product"]}),
    Attempt("reprice A's product", producer_mutation("producerProductUpdate", "id: $id, input: {basePrice: 1}"), lambda ids: {"id": ids["product"]}),
    Attempt("add a variant to A's product", producer_mutation("producerVariantCreate", 'product: $product, input: {sku: "STOLEN"}'), lambda ids: {"product": ids["product"]}),
    Attempt("change A's variant SKU", producer_mutation("producerVariantUpdate", 'id: $id, input: {sku: "STOLEN"}'), lambda ids: {"id": ids["variant"]}),
    Attempt("stop tracking A's inventory", producer_mutation("producerVariantUpdate", "id: $id, input: {trackInventory: false}"), lambda ids: {"id": ids["variant"]}),
    Attempt("set A's variant price", producer_mutation("producerVariantPriceSet", "id: $id, price: 1"), lambda ids: {"id": ids["variant"]}),
    Attempt("set A's hidden variant price", producer_mutation("producerVariantPriceSet", "id: $id, price: 1"), lambda ids: {"id": ids["hidden_variant"]}),
    Attempt("zero A's stock", producer_mutation("producerStockSet", "variant: $variant, quantity: 0"), lambda ids: {"variant": ids["variant"]}),
    Attempt("inflate A's stock", producer_mutation("producerStockSet", "variant: $variant, quantity: 100000"), lambda ids: {"variant": ids["variant"]}),
    Attempt("fulfil A's sub-order", producer_mutation("producerFulfillLines", 'subOrder: $subOrder, lines: [{orderLineId: $line, quantity: 1}], trackingNumber: "X"'), lambda ids: {"subOrder": ids["sub_order"], "line": ids["line"]}),
    Attempt("create a product for A", producer_mutation("producerProductCreate", 'producer: $producer, input: {name: "x", productType: "UHJvZHVjdFR5cGU6MQ==", category: "Q2F0ZWdvcnk6MQ==", basePrice: 1}'), lambda ids: {"producer": ids["producer"]}),
    Attempt("change A's contact e-mail", producer_mutation("producerUpdate", 'id: $id, input: {contactEmail: "thief@example.com"}'), lambda ids: {"id": ids["producer"]}),
    Attempt("redirect A's payouts", producer_mutation("producerUpdate", 'id: $id, input: {promptpayId: "0811111111"}'), lambda ids: {"id": ids["producer"]}),
    Attempt("join A as owner", producer_mutation("producerMemberAdd", 'producer: $producer, email: "beta-officer@cdd.example", role: OWNER'), lambda ids: {"producer": ids["producer"]}),
    Attempt("read A's invitations through myProducer(id)", my("invitations { email }"), lambda ids: {"producer": ids["producer"]}),
    Attempt("accept A's invitation of someone else", producer_mutation("producerInvitationAccept", "id: $id"), lambda ids: {"id": ids["invitation"]}),
    Attempt("decline A's invitation of someone else", producer_mutation("producerInvitationDecline", "id: $id"), lambda ids: {"id": ids["invitation"]}),
    Attempt("cancel A's invitation", producer_mutation("producerInvitationCancel", "id: $id"), lambda ids: {"id": ids["invitation"]}),
    Attempt("officer cancels A's invitation", producer_mutation("producerInvitationCancel", "id: $id"), lambda ids: {"id": ids["invitation"]}, client="officer"),
    Attempt("remove A's staff member", producer_mutation("producerMemberRemove", "id: $id"), lambda ids: {"id": ids["member"]}),
    Attempt("remove A's owner", producer_mutation("producerMemberRemove", "id: $id"), lambda ids: {"id": ids["owner_member"]}),
    # --- programme-staff and finance mutations (no permission) --------------------------
    Attempt("suspend A", producer_mutation("producerSuspend", "id: $id"), lambda ids: {"id": ids["producer"]}, expect="refused"),
    Attempt("approve A again", producer_mutation("producerApprove", "id: $id"), lambda ids: {"id": ids["producer"]}, expect="refused"),
    Attempt("cut A's commission", producer_mutation("producerCommissionSet", "id: $id, commissionRate: 0"), lambda ids: {"id": ids["producer"]}, expect="refused"),
    Attempt("become A's officer", producer_mutation("producerOfficerAssign", 'id: $id, officerEmail: "beta-officer@cdd.example"'), lambda ids: {"id": ids["producer"]}, expect="refused"),
    Attempt("take over A's product", "mutation($id: ID!, $product: ID!) { producerProductAssign(id: $id, productId: $product) { producerErrors { code } } }", lambda ids: {"id": ids["producer"], "product": ids["product"]}, expect="refused"),
    Attempt("confirm A's payout", producer_mutation("producerPayoutConfirm", "id: $id"), lambda ids: {"id": ids["payout"]}, expect="refused"),
    Attempt("fail A's payout", producer_mutation("producerPayoutFail", "id: $id"), lambda ids: {"id": ids["payout"]}, expect="refused"),
    Attempt("run payouts", "mutation { producerPayoutRunCreate { run { fileContent } } }", expect="refused"),
    # --- Saleor's own staff API ---------------------------------------------------------
    Attempt("Saleor productUpdate on A's product", saleor_mutation('productUpdate(id: $id, input: {name: "Mine"}) { product { name } }'), lambda ids: {"id": ids["product"]}, expect="refused"),
    Attempt("Saleor productDelete on A's product", saleor_mutation("productDelete(id: $id) { product { name } }"), lambda ids: {"id": ids["product"]}, expect="refused"),
    Attempt("Saleor productBulkDelete on A's product", saleor_mutation("productBulkDelete(ids: [$id]) { count }"), lambda ids: {"id": ids["product"]}, expect="refused"),
    Attempt("Saleor productBulkPublish on A's hidden product", saleor_mutation("productBulkPublish(ids: [$id], isPublished: true) { count }"), lambda ids: {"id": ids["hidden_product"]}, expect="refused"),
    Attempt("Saleor productVariantCreate on A's product", saleor_mutation('productVariantCreate(input: {product: $id, sku: "STOLEN", attributes: []}) { productVariant { id } }'), lambda ids: {"id": ids["product"]}, expect="refused"),
    Attempt("Saleor productVariantUpdate on A's variant", saleor_mutation('productVariantUpdate(id: $id, input: {sku: "STOLEN"}) { productVariant { sku } }'), lambda ids: {"id": ids["variant"]}, expect="refused"),
    Attempt("Saleor productVariantDelete on A's variant", saleor_mutation("productVariantDelete(id: $id) { productVariant { sku } }"), lambda ids: {"id": ids["variant"]}, expect="refused"),
    Attempt("Saleor productVariantBulkDelete on A's variant", saleor_mutation("productVariantBulkDelete(ids: [$id]) { count }"), lambda ids: {"id": ids["variant"]}, expect="refused"),
    Attempt("Saleor productVariantStocksUpdate in A's warehouse", saleor_mutation("productVariantStocksUpdate(variantId: $id, stocks: [{warehouse: $id2, quantity: 0}]) { productVariant { sku } }"), lambda ids: {"id": ids["variant"], "id2": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor productVariantStocksCreate in A's warehouse", saleor_mutation("productVariantStocksCreate(variantId: $id, stocks: [{warehouse: $id2, quantity: 5}]) { productVariant { sku } }"), lambda ids: {"id": ids["hidden_variant"], "id2": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor productVariantStocksDelete in A's warehouse", saleor_mutation("productVariantStocksDelete(variantId: $id, warehouseIds: [$id2]) { productVariant { sku } }"), lambda ids: {"id": ids["variant"], "id2": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor warehouseUpdate on A's warehouse", saleor_mutation('updateWarehouse(id: $id, input: {name: "Mine"}) { warehouse { name } }'), lambda ids: {"id": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor warehouseDelete on A's warehouse", saleor_mutation("deleteWarehouse(id: $id) { warehouse { name } }"), lambda ids: {"id": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor orderFulfill of A's line", saleor_mutation("orderFulfill(order: $id, input: {lines: [{orderLineId: $id2, stocks: [{quantity: 1, warehouse: \"V2FyZWhvdXNlOjE=\"}]}]}) { order { id } }"), lambda ids: {"id": ids["order"], "id2": ids["line"]}, expect="refused"),
    Attempt("Saleor tracking update of A's fulfilment", saleor_mutation('orderFulfillmentUpdateTracking(id: $id, input: {trackingNumber: "X"}) { fulfillment { trackingNumber } }'), lambda ids: {"id": ids["fulfillment"]}, expect="refused"),
    Attempt("Saleor cancel of A's fulfilment", saleor_mutation("orderFulfillmentCancel(id: $id, input: {warehouseId: $id2}) { fulfillment { status } }"), lambda ids: {"id": ids["fulfillment"], "id2": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor orderCancel of the shared order", saleor_mutation("orderCancel(id: $id) { order { status } }"), lambda ids: {"id": ids["order"]}, expect="refused"),
    Attempt("Saleor orderRefund of the shared order", saleor_mutation("orderRefund(id: $id, amount: 10) { order { id } }"), lambda ids: {"id": ids["order"]}, expect="refused"),
    Attempt("Saleor draftOrderLineDelete of A's line", saleor_mutation("draftOrderLineDelete(id: $id) { order { id } }"), lambda ids: {"id": ids["line"]}, expect="refused"),
    Attempt("Saleor orderUpdate of the shared order", saleor_mutation('orderUpdate(id: $id, input: {userEmail: "x@example.com"}) { order { id } }'), lambda ids: {"id": ids["order"]}, expect="refused"),
    Attempt("Saleor order query of the shared order", "query($id: ID!) { order(id: $id) { lines { productSku } } }", lambda ids: {"id": ids["order"]}, expect="refused"),
    Attempt("Saleor orders list", "query { orders(first: 10) { edges { node { id } } } }", expect="refused"),
    Attempt("Saleor warehouse query of A's warehouse", "query($id: ID!) { warehouse(id: $id) { name } }", lambda ids: {"id": ids["warehouse"]}, expect="refused"),
    Attempt("Saleor stock of A's variant", "query($id: ID!) { productVariant(id: $id) { stocks { quantity } } }", lambda ids: {"id": ids["variant"]}, expect="refused"),
    Attempt("Saleor product query of A's hidden product", "query($id: ID!) { product(id: $id) { name } }", lambda ids: {"id": ids["hidden_product"]}),
    Attempt("Saleor variant query of A's hidden variant", "query($id: ID!) { productVariant(id: $id) { sku } }", lambda ids: {"id": ids["hidden_variant"]}),
    # --- an officer assigned to B is held to B the same way -----------------------------
    Attempt("officer reads A through myProducer(id)", my("slug members { email }"), lambda ids: {"producer": ids["producer"]}, client="officer"),
    Attempt("officer sets A's stock", producer_mutation("producerStockSet", "variant: $variant, quantity: 0"), lambda ids: {"variant": ids["variant"]}, client="officer"),
    Attempt("officer redirects A's payouts", producer_mutation("producerUpdate", 'id: $id, input: {promptpayId: "0811111111"}'), lambda ids: {"id": ids["producer"]}, client="officer"),
    Attempt("officer fulfils A's line through B's sub-order", producer_mutation("producerFulfillLines", "subOrder: $subOrder, lines: [{orderLineId: $line, quantity: 1}]"), lambda ids: {"subOrder": ids["beta_sub_order"], "line": ids["line"]}, client="officer"),
    Attempt("fulfil A's line through B's own sub-order", producer_mutation("producerFulfillLines", "subOrder: $subOrder, lines: [{orderLineId: $line, quantity: 1}]"), lambda ids: {"subOrder": ids["beta_sub_order"], "line": ids["line"]}),
]


def all_null(value) -> bool:
    if isinstance(value, dict):
        return all(all_null(item) for item in value.values())
    return value is None


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=[attempt.name for attempt in ATTEMPTS])
def test_other_producers_data_is_out_of_reach(world, attempt):
    attacker = world["clients"][attempt.client]
    ids = {**world["a"], "beta_sub_order": world["beta_sub_order"]}
    missing = {**world["missing"], "beta_sub_order": world["beta_sub_order"]}
    before = fingerprint(world["alpha"])

    answer = attacker.post(attempt.query, attempt.variables(ids))

    assert fingerprint(world["alpha"]) == before, "something of A was written"
    text = json.dumps(answer, ensure_ascii=False)
    leaked = [secret for secret in A_SECRETS + list(world["a"].values()) if secret in text]
    assert not leaked, f"A's data in the answer: {leaked}\n{text}"
    if attempt.expect == "refused":
        messages = [error["message"] for error in answer.get("errors", [])]
        assert any(PERMISSION_DENIED in message for message in messages), answer
        assert all_null(answer.get("data")), answer
    elif attempt.expect == "missing":
        assert answer == attacker.post(attempt.query, attempt.variables(missing)), "A's ids answer differently from missing ids"
        assert "errors" not in answer, answer
        payload = next(iter(answer["data"].values()))
        assert payload is None or payload.get("producerErrors") or not any(payload.values()), answer
