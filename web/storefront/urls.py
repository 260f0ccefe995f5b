from django.urls import include, path

from .views import home, markets

app_name = "storefront"

urlpatterns = [
    path("", home.home, name="home"),
    path("market/", markets.market_select, name="market_select"),
    path("", include("web.storefront.buying_urls")),
]
