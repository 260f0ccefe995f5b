from django.template.response import TemplateResponse

from ..portal import producer_required


@producer_required
def shop_edit(request):
    return TemplateResponse(request, "seller/placeholder.html", {"section": "shop"})
