"""A shopper's account through Saleor's own account mutations (and otop_stars' review mutation),
executed in-process like checkout_flow: sign-up with e-mail confirmation, password reset, saved
addresses (add, edit, delete, the default delivery address), orders, reviews. Saleor's wishlist
has models but no GraphQL in 2.10: it is used through its own model methods."""
from __future__ import annotations

from typing import Optional

from django.db import transaction
from django.http import HttpRequest
from graphene import Node
from saleor.product.models import Product
from saleor.wishlist.models import Wishlist

from .checkout_flow import ADDRESS, ERRORS, CheckoutFlowError, FlowError, address_input, execute, payload_of
from .product_names import names_translated

ACCOUNT_REGISTER = f"""mutation ($input: AccountRegisterInput!) {{
  accountRegister(input: $input) {{ requiresConfirmation accountErrors {ERRORS} }} }}"""
CONFIRM_ACCOUNT = f"""mutation ($email: String!, $token: String!) {{
  confirmAccount(email: $email, token: $token) {{ user {{ id email }} accountErrors {ERRORS} }} }}"""
PASSWORD_RESET_REQUEST = f"""mutation ($email: String!, $url: String!) {{
  requestPasswordReset(email: $email, redirectUrl: $url) {{ accountErrors {ERRORS} }} }}"""
SET_PASSWORD = f"""mutation ($email: String!, $token: String!, $password: String!) {{
  setPassword(email: $email, token: $token, password: $password) {{ user {{ id }} accountErrors {ERRORS} }} }}"""
ADDRESS_CREATE = f"""mutation ($input: AddressInput!, $type: AddressTypeEnum) {{
  accountAddressCreate(input: $input, type: $type) {{ address {{ id }} accountErrors {ERRORS} }} }}"""
ADDRESS_DELETE = f"""mutation ($id: ID!) {{
  accountAddressDelete(id: $id) {{ address {{ id }} accountErrors {ERRORS} }} }}"""
ADDRESS_UPDATE = f"""mutation ($id: ID!, $input: AddressInput!) {{
  accountAddressUpdate(id: $id, input: $input) {{ address {{ id }} accountErrors {ERRORS} }} }}"""
ADDRESS_SET_DEFAULT = f"""mutation ($id: ID!) {{
  accountSetDefaultAddress(id: $id, type: SHIPPING) {{ user {{ id }} accountErrors {ERRORS} }} }}"""
MY_ACCOUNT = f"""query {{ me {{ email firstName lastName
  defaultShippingAddress {{ id }}
  addresses {ADDRESS}
  orders(first: 50) {{ edges {{ node {{ id number token created statusDisplay status
    total {{ gross {{ amount currency }} }} }} }} }} }} }}"""
REVIEW_CREATE = f"""mutation ($product: ID!, $input: OtopReviewCreateInput!) {{
  otopReviewCreate(product: $product, input: $input) {{ review {{ id }} otopStarsErrors {ERRORS} }} }}"""
MY_REVIEWS = """query { otopReviews(first: 100) { edges { node {
  id stars title text status isMine createdAt product { name slug } } } } }"""
PRODUCT_NAME = "query ($id: ID!) { product(id: $id) { id name slug } }"


def account_register(*, request: HttpRequest, email: str, password: str, confirm_url: str) -> bool:
    """Create the account; True when Saleor asks for e-mail confirmation first."""
    data = execute(request=request, query=ACCOUNT_REGISTER,
                   variables={"input": {"email": email, "password": password, "redirectUrl": confirm_url}})
    return bool(payload_of(data, "accountRegister", "accountErrors")["requiresConfirmation"])


def account_confirm(*, request: HttpRequest, email: str, token: str) -> None:
    payload_of(execute(request=request, query=CONFIRM_ACCOUNT, variables={"email": email, "token": token}),
               "confirmAccount", "accountErrors")


def password_reset_request(*, request: HttpRequest, email: str, reset_url: str) -> None:
    payload_of(execute(request=request, query=PASSWORD_RESET_REQUEST, variables={"email": email, "url": reset_url}),
               "requestPasswordReset", "accountErrors")


def password_set(*, request: HttpRequest, email: str, token: str, password: str) -> None:
    payload_of(execute(request=request, query=SET_PASSWORD,
                       variables={"email": email, "token": token, "password": password}),
               "setPassword", "accountErrors")


def my_account(*, request: HttpRequest) -> Optional[dict]:
    return execute(request=request, query=MY_ACCOUNT)["me"]


def address_add(*, request: HttpRequest, address: dict, make_default: bool = False) -> None:
    """Saleor validates the address by its country's rules; `make_default`: the default delivery address."""
    variables = {"input": address_input(address), "type": "SHIPPING" if make_default else None}
    payload_of(execute(request=request, query=ADDRESS_CREATE, variables=variables),
               "accountAddressCreate", "accountErrors")


def address_update(*, request: HttpRequest, address_id: str, address: dict) -> None:
    """Saleor refuses an address of another account (PermissionDenied: CheckoutUnavailable here);
    the pages look the address up among the shopper's own first."""
    payload_of(execute(request=request, query=ADDRESS_UPDATE,
                       variables={"id": address_id, "input": address_input(address)}),
               "accountAddressUpdate", "accountErrors")


def address_set_default(*, request: HttpRequest, address_id: str) -> None:
    """The default delivery address: Saleor starts a signed-in shopper's new checkout with it."""
    payload_of(execute(request=request, query=ADDRESS_SET_DEFAULT, variables={"id": address_id}),
               "accountSetDefaultAddress", "accountErrors")


def address_delete(*, request: HttpRequest, address_id: str) -> None:
    payload_of(execute(request=request, query=ADDRESS_DELETE, variables={"id": address_id}),
               "accountAddressDelete", "accountErrors")


def review_create(*, request: HttpRequest, product_id: str, stars: int, title: str, text: str) -> None:
    """otop_stars' rule applies: only a shopper who bought the product reviews it, once."""
    data = execute(request=request, query=REVIEW_CREATE,
                   variables={"product": product_id, "input": {"stars": stars, "title": title, "text": text}})
    payload_of(data, "otopReviewCreate", "otopStarsErrors")


def my_reviews(*, request: HttpRequest) -> list[dict]:
    edges = execute(request=request, query=MY_REVIEWS)["otopReviews"]["edges"]
    return [edge["node"] for edge in edges if edge["node"]["isMine"]]


def product_by_id(*, request: HttpRequest, product_id: str) -> Optional[dict]:
    return execute(request=request, query=PRODUCT_NAME, variables={"id": product_id})["product"]


# Saleor's wishlist


def _product_visible(user, product_id: str) -> Product:
    node_type, pk = Node.from_global_id(product_id)
    product = Product.objects.visible_to_user(user).filter(pk=pk).first() if node_type == "Product" else None
    if product is None:
        raise CheckoutFlowError([FlowError("product", "NOT_FOUND", "No such product.")])
    return product


def wishlist_products(*, user) -> list[dict]:
    """The wishlist's products the shopper may still see, named in the page's language, in two queries."""
    products = Product.objects.visible_to_user(user).filter(wishlist_items__wishlist__user=user)
    found = [{"id": Node.to_global_id("Product", product.pk), "name": product.name, "slug": product.slug}
             for product in products.only("pk", "name", "slug")]
    names = names_translated(product_ids=[product["id"] for product in found])
    for product in found:
        product["name"] = names.product(product["id"], product["name"])
    return sorted(found, key=lambda product: product["name"].casefold())


def wishlist_has_product(*, user, product_pk: int) -> bool:
    return user.is_authenticated and Wishlist.objects.filter(user=user, items__product_id=product_pk).exists()


def wishlist_product_add(*, user, product_id: str) -> None:
    product = _product_visible(user, product_id)
    with transaction.atomic():
        wishlist, _created = Wishlist.objects.get_or_create(user=user)
        wishlist.add_product(product)


def wishlist_product_remove(*, user, product_id: str) -> None:
    node_type, pk = Node.from_global_id(product_id)
    wishlist = Wishlist.objects.filter(user=user).first()
    if wishlist is not None and node_type == "Product":
        wishlist.items.filter(product_id=pk).delete()
