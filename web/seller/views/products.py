from django.template.response import TemplateResponse

from ..portal import producer_required


@producer_required(approved=True)
def product_list(request):
    return TemplateResponse(request, "seller/placeholder.html", {"section": "products"})


product_edit = product_publish = variant_add = photo_add = provenance_set = export_profile = bulk_update = product_list
