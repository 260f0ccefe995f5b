from django.urls import path

from . import views

urlpatterns = [
    path("orders/<str:order_token>/", views.qr_page_view, name="otop-promptpay-page"),
    path("orders/<str:order_token>/qr.svg", views.qr_svg_view, name="otop-promptpay-qr-svg"),
    path("orders/<str:order_token>/qr.png", views.qr_png_view, name="otop-promptpay-qr-png"),
    path("orders/<str:order_token>/status.json", views.status_view, name="otop-promptpay-status"),
    # Answers only with DEBUG on (the demo's "simulate the bank's confirmation").
    path("orders/<str:order_token>/simulate-bank-confirmation/", views.simulate_bank_confirmation_view,
         name="otop-promptpay-simulate"),
    path("stripe/webhook/", views.stripe_webhook_view, name="otop-promptpay-stripe-webhook"),
]
