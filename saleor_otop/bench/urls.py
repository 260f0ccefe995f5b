"""The bench's URLs: the project's, plus Saleor's own GraphQL endpoint (Saleor's schema, view and
middleware, none of the OTOP plugins), the baseline every listing is measured against.

Used only by `manage.py otop_bench` (it sets ROOT_URLCONF for its run); never served.
"""
from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from saleor.graphql.api import schema as saleor_schema
from saleor.graphql.views import GraphQLView

from saleor_otop.urls import handler404  # noqa: F401 (handler404 is read by Django)
from saleor_otop.urls import urlpatterns as project_urlpatterns

SALEOR_GRAPHQL_PATH = "/bench/saleor-graphql/"
SALEOR_MIDDLEWARE = [name for name in settings.GRAPHENE["MIDDLEWARE"] if name.startswith("saleor.")]

_saleor_view = csrf_exempt(GraphQLView.as_view(schema=saleor_schema, middleware=SALEOR_MIDDLEWARE))


def saleor_graphql(request):
    # Saleor's app_middleware reads app tokens only on the path of the URL named "api" (the
    # market's endpoint here) and leaves `request.app` unset elsewhere; the bench posts
    # anonymously or with user tokens, so there is no app.
    request.app = None
    return _saleor_view(request)


urlpatterns = [
    path(SALEOR_GRAPHQL_PATH.strip("/") + "/", csrf_exempt(saleor_graphql)),
    *project_urlpatterns,
]
