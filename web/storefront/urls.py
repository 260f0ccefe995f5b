from django.urls import include, path

from .views import catalogue, home, markets, product, shops

app_name = "storefront"

urlpatterns = [
    path("", home.home, name="home"),
    path("market/", markets.market_select, name="market_select"),
    path("products/", catalogue.catalogue_index, name="catalogue"),
    path("products/<slug:slug>/", product.product_detail, name="product"),
    path("regions/<slug:region_slug>/", catalogue.region_detail, name="region"),
    path("provinces/<str:code>/", catalogue.province_detail, name="province"),
    path("collections/<slug:slug>/", catalogue.collection_detail, name="collection"),
    path("shops/", shops.shop_directory, name="shops"),
    path("shops/<slug:slug>/", shops.shop_detail, name="shop"),
    path("", include("web.storefront.buying_urls")),
]
