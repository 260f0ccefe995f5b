"""Forms of the portal's orders and money pages (checked here, ruled by the services)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .labels import CARRIER_LABELS


class FulfilForm(forms.Form):
    """How many of each line go in the parcel, with its carrier and tracking number."""

    carrier = forms.ChoiceField(label=_("Carrier"), choices=list(CARRIER_LABELS.items()))
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=255, required=False)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields = []
        for line in lines:
            left = line.order_line.quantity_unfulfilled
            if left <= 0:
                continue
            name = f"line_{line.order_line_id}"
            self.fields[name] = forms.IntegerField(
                label=line.order_line.product_name, min_value=0, max_value=left, initial=left, required=False,
            )
            self.line_fields.append((name, line.order_line_id))
        self.order_fields(["carrier", "tracking_number"] + [name for name, _line in self.line_fields])

    def clean(self):
        data = super().clean()
        if self.line_fields and not any(data.get(name) for name, _line in self.line_fields):
            raise forms.ValidationError(_("Put at least one item in the parcel."))
        return data

    def line_quantities(self):
        return [(line_id, self.cleaned_data[name]) for name, line_id in self.line_fields if self.cleaned_data.get(name)]

    def quantity_fields(self):
        return [self[name] for name, _line in self.line_fields]


class PayoutDetailsForm(forms.Form):
    payout_method = forms.ChoiceField(label=_("How we pay you"))
    promptpay_id = forms.CharField(label=_("PromptPay id"), max_length=20, required=False)
    bank_code = forms.CharField(label=_("Bank code"), max_length=8, required=False)
    bank_account_name = forms.CharField(label=_("Bank account name"), max_length=255, required=False)
    bank_account_number = forms.CharField(label=_("Bank account number"), max_length=32, required=False)
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Changing where the money goes needs your password again."),
    )

    def __init__(self, *args, **kwargs):
        from .forms import PAYOUT_LABELS

        super().__init__(*args, **kwargs)
        self.fields["payout_method"].choices = list(PAYOUT_LABELS.items())

    def clean(self):
        data = super().clean()
        if data.get("payout_method") == "promptpay" and not data.get("promptpay_id"):
            self.add_error("promptpay_id", _("Give the PromptPay id we pay into."))
        if data.get("payout_method") == "bank_transfer":
            for field in ("bank_code", "bank_account_name", "bank_account_number"):
                if not data.get(field):
                    self.add_error(field, _("Give the bank account we pay into."))
        return data

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("password")
        return data
