"""The buying pages of the shop (cart, checkout, account), under the same language prefix
and the `storefront` namespace as the browsing pages."""
from django.urls import path

from .views import account, cart, checkout, orders, promptpay

urlpatterns = [
    path("cart/", cart.cart, name="cart"),
    path("cart/add/", cart.cart_add, name="cart_add"),
    path("cart/update/", cart.cart_line_update, name="cart_line_update"),
    path("cart/remove/", cart.cart_line_delete, name="cart_line_delete"),
    path("checkout/", checkout.checkout_details, name="checkout"),
    path("checkout/address-fields/", checkout.checkout_address_fields, name="checkout_address_fields"),
    path("checkout/shipping/", checkout.checkout_shipping, name="checkout_shipping"),
    path("checkout/payment/", checkout.checkout_payment, name="checkout_payment"),
    path("orders/", orders.order_from_link, name="order_from_link"),
    path("orders/<uuid:token>/", orders.order, name="order"),
    path("orders/<uuid:token>/promptpay/", promptpay.order_promptpay, name="order_promptpay"),
    path("orders/<uuid:token>/promptpay/cancel/", promptpay.order_promptpay_cancel, name="order_promptpay_cancel"),
    path("orders/<uuid:token>/promptpay/again/", promptpay.order_promptpay_again, name="order_promptpay_again"),
    path("account/", account.account, name="account"),
    path("account/sign-in/", account.sign_in, name="sign_in"),
    path("account/sign-out/", account.sign_out, name="sign_out"),
    path("account/sign-up/", account.sign_up, name="sign_up"),
    path("account/confirm/", account.account_confirm, name="account_confirm"),
    path("account/password-reset/", account.password_reset, name="password_reset"),
    path("account/password-reset/set/", account.password_set, name="password_set"),
    path("account/addresses/", account.addresses, name="addresses"),
    path("account/addresses/fields/", account.address_fields, name="address_fields"),
    path("account/addresses/default/", account.address_default, name="address_default"),
    path("account/addresses/delete/", account.address_delete, name="address_delete"),
    path("account/addresses/<int:address_pk>/", account.address_edit, name="address_edit"),
    path("account/reviews/new/<str:product_id>/", account.review_new, name="review_new"),
    path("account/wishlist/", account.wishlist, name="wishlist"),
    path("account/wishlist/add/", account.wishlist_add, name="wishlist_add"),
    path("account/wishlist/remove/", account.wishlist_remove, name="wishlist_remove"),
]
