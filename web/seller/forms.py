"""The portal's forms: checked on the server, errors on the field in the page's language; the
rules themselves stay in the services (errors.add_service_errors maps their refusals)."""
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from plugins.producer_channels.selectors import MemberRole, PayoutMethod, ProducerKind
from plugins.provenance import selectors as provenance_selectors

KIND_LABELS = {
    ProducerKind.COMMUNITY_GROUP: _("Community enterprise (group)"),
    ProducerKind.INDIVIDUAL: _("Individual producer"),
    ProducerKind.SMALL_FIRM: _("Small firm (SME)"),
}
PAYOUT_LABELS = {PayoutMethod.PROMPTPAY: _("PromptPay"), PayoutMethod.BANK_TRANSFER: _("Bank transfer")}
ROLE_LABELS = {MemberRole.OWNER: _("Owner"), MemberRole.STAFF: _("Staff")}


def _place_label(unit) -> str:
    return f"{unit.name_th} ({unit.name_en})" if unit.name_en else unit.name_th


def province_choices():
    return [("", _("Choose a province"))] + [(p.code, _place_label(p)) for p in provenance_selectors.provinces()]


def district_choices(province_code: str):
    if not province_code:
        return [("", _("Choose a province first"))]
    districts = provenance_selectors.districts_of_province(province_code=province_code).order_by("name_th")
    return [("", _("Choose a district"))] + [(d.code, _place_label(d)) for d in districts]


def tambon_choices(district_code: str):
    if not district_code:
        return [("", _("Choose a district first"))]
    tambons = provenance_selectors.subdistricts_of_district(district_code=district_code).order_by("name_th")
    return [("", _("Choose a tambon"))] + [(t.code, _place_label(t)) for t in tambons]


class PlaceForm(forms.Form):
    """Province → district → tambon, each list following the one before it (htmx swaps the
    next list in; without JavaScript, the "show" button reloads the form with it)."""

    province = forms.ChoiceField(label=_("Province"))
    district = forms.ChoiceField(label=_("District (amphoe)"))
    tambon = forms.ChoiceField(label=_("Tambon"))

    def __init__(self, *args, place_initial=None, **kwargs):
        super().__init__(*args, **kwargs)
        source = self.data if self.is_bound else (place_initial or {})
        province = source.get(self.add_prefix("province") if self.is_bound else "province") or ""
        district = source.get(self.add_prefix("district") if self.is_bound else "district") or ""
        if district and not district.startswith(province):
            district = ""
        self.fields["province"].choices = province_choices()
        self.fields["district"].choices = district_choices(province)
        self.fields["tambon"].choices = tambon_choices(district)
        if place_initial and not self.is_bound:
            self.initial.update(place_initial)
        self.fields["province"].widget.attrs.update({
            "hx-get": reverse_lazy("seller:join_districts"), "hx-target": "#place-district", "hx-swap": "outerHTML",
            "hx-trigger": "change", "hx-include": "this",
        })
        self.fields["district"].widget.attrs.update({
            "hx-get": reverse_lazy("seller:join_tambons"), "hx-target": "#place-tambon", "hx-swap": "outerHTML",
            "hx-trigger": "change", "hx-include": "this",
        })


def place_initial_of(subdistrict) -> dict:
    if subdistrict is None:
        return {}
    return {"province": subdistrict.district.province_id, "district": subdistrict.district_id, "tambon": subdistrict.code}


class ApplicationForm(PlaceForm):
    name_th = forms.CharField(label=_("Name in Thai"), max_length=255)
    name_en = forms.CharField(label=_("Name in English"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind of producer"), choices=list(KIND_LABELS.items()))
    registration_id = forms.CharField(
        label=_("Community enterprise registration number"), max_length=64, required=False,
        help_text=_("As on the registration certificate (or the tax id of a firm)."),
    )
    address_line = forms.CharField(label=_("Address (house number, moo, road)"), max_length=255, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=255)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=32)
    payout_method = forms.ChoiceField(label=_("How we pay you"), choices=list(PAYOUT_LABELS.items()))
    promptpay_id = forms.CharField(label=_("PromptPay id"), max_length=20, required=False)
    bank_code = forms.CharField(label=_("Bank code"), max_length=8, required=False)
    bank_account_name = forms.CharField(label=_("Bank account name"), max_length=255, required=False)
    bank_account_number = forms.CharField(label=_("Bank account number"), max_length=32, required=False)

    field_order = [
        "name_th", "name_en", "kind", "registration_id", "province", "district", "tambon", "address_line",
        "contact_name", "contact_email", "contact_phone", "payout_method", "promptpay_id", "bank_code",
        "bank_account_name", "bank_account_number",
    ]

    def clean(self):
        data = super().clean()
        if data.get("payout_method") == PayoutMethod.PROMPTPAY and not data.get("promptpay_id"):
            self.add_error("promptpay_id", _("Give the PromptPay id we pay into."))
        if data.get("payout_method") == PayoutMethod.BANK_TRANSFER:
            for field in ("bank_code", "bank_account_name", "bank_account_number"):
                if not data.get(field):
                    self.add_error(field, _("Give the bank account we pay into."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["home_subdistrict_code"] = data.pop("tambon")
        data.pop("province")
        data.pop("district")
        return data
