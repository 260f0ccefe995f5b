from django import forms
from django.utils.translation import gettext_lazy as _

from .markets import market_name, markets_configured


class MarketSelectForm(forms.Form):
    market = forms.ChoiceField(label=_("Deliver to"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].choices = [(config.market, market_name(config)) for config in markets_configured()]


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters and sort, read from the query string; a value that is not
    offered is dropped with an error on its field, the rest still applies."""

    min_stars = forms.TypedChoiceField(
        label=_("Official stars"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Any"))] + [(str(level), str(level)) for level in (3, 4, 5)],
    )
    region = forms.CharField(label=_("Region"), required=False, max_length=16)
    province = forms.RegexField(label=_("Province"), required=False, regex=r"^\d{2}$")
    category = forms.CharField(label=_("OTOP category"), required=False, max_length=16)
    gi = forms.IntegerField(label=_("Geographical Indication"), required=False, min_value=1)
    ships = forms.BooleanField(label=_("Can be shipped to me"), required=False)
    price = forms.CharField(label=_("Price"), required=False, max_length=16)
    sort = forms.CharField(label=_("Sort by"), required=False, max_length=16)
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, sorts=(), price_bands=(), categories=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = {
            "sort": {key for key, *_rest in sorts},
            "price": {key for key, *_rest in price_bands},
            "category": set(categories),
            "region": set(regions),
        }

    def _clean_offered(self, name):
        value = self.cleaned_data.get(name, "")
        if value and value not in self.offered[name]:
            raise forms.ValidationError(_("This choice is not offered."), code="invalid_choice")
        return value

    def clean_sort(self):
        return self._clean_offered("sort")

    def clean_price(self):
        return self._clean_offered("price")

    def clean_category(self):
        return self._clean_offered("category")

    def clean_region(self):
        return self._clean_offered("region")

    def valid_values(self) -> dict:
        """Every field that validated; the others as if not given."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
