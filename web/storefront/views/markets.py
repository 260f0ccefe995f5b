from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from storefront_config.loader import market_configs

from ..forms import MarketSelectForm
from ..markets import market_remember


@require_POST
def market_select(request):
    """Remembers the market the shopper chose and goes back to the page they were on."""
    form = MarketSelectForm(request.POST)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("storefront:home")
    response = HttpResponseRedirect(target)
    if form.is_valid():
        market_remember(response, market=market_configs().configs[form.cleaned_data["market"]])
    return response
