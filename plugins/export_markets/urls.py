from django.urls import path

from .views import customs_declaration_pdf

urlpatterns = [
    path("orders/<int:order_id>/cn23.pdf", customs_declaration_pdf, name="otop-export-cn23-pdf"),
]
