from django import forms
from django.utils.translation import gettext_lazy as _

from .markets import market_name, markets_configured


class MarketSelectForm(forms.Form):
    market = forms.ChoiceField(label=_("Deliver to"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].choices = [(config.market, market_name(config)) for config in markets_configured()]
