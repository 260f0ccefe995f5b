"""The producer's money (to be built: balance, ledger, payouts, statements)."""
from django.template.response import TemplateResponse

from ..portal import producer_required


@producer_required
def money_home(request):
    return TemplateResponse(request, "seller/placeholder.html", {"section": "money"})
