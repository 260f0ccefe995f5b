"""Home: what the producer has to do today, as cards."""
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from plugins.producer_channels.selectors import ProducerStatus

from ..portal import producer_required
from ..todo import todo_cards


@producer_required
def home(request):
    if request.producer.status == ProducerStatus.APPLIED:
        return redirect("seller:join")
    return TemplateResponse(request, "seller/home.html", {"section": "home", "cards": todo_cards(request.producer)})
