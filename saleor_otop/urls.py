from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from saleor.product.views import digital_product

from saleor_otop.graphql.schema import schema
from saleor_otop.graphql.views import OtopGraphQLView

urlpatterns = [
    path("graphql/", csrf_exempt(OtopGraphQLView.as_view(schema=schema)), name="api"),
    # Saleor reverses this name for the download links of digital goods (order e-mails, GraphQL).
    path("digital-download/<str:token>/", digital_product, name="digital-product"),
    path("otop/export/", include("plugins.export_markets.urls")),
    path("otop/promptpay/", include("plugins.promptpay.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
