from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.static import serve
from saleor.product.views import digital_product

from saleor_otop.graphql.schema import schema
from saleor_otop.graphql.views import OtopGraphQLView

urlpatterns = [
    path("graphql/", csrf_exempt(OtopGraphQLView.as_view(schema=schema)), name="api"),
    # Saleor reverses this name for the download links of digital goods (order e-mails, GraphQL).
    path("digital-download/<str:token>/", digital_product, name="digital-product"),
    path("otop/export/", include("plugins.export_markets.urls")),
    path("otop/producers/", include("plugins.producer_channels.urls")),
    path("otop/promptpay/", include("plugins.promptpay.urls")),
    # The producer portal: no language prefix, Thai unless the member chose another language.
    path("seller/", include("web.seller.urls")),
    path("staff/", include("web.staff.urls")),
]

# The shop's pages, under a language prefix (/th/, /en/, /ja/, /zh-hans/).
urlpatterns += i18n_patterns(path("", include("web.storefront.urls")))
handler404 = "web.storefront.views.errors.page_not_found"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # Product images from MEDIA_ROOT with DEBUG off (Django's static() helper serves only with DEBUG on).
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
