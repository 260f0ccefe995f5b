"""The portal's forms: checked on the server, errors on the field in the page's language; the
rules themselves stay in the services (errors.add_service_errors maps their refusals)."""
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from otop_kernel.otop_categories import OtopCategory
from plugins.producer_channels import selectors
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
            "hx-get": reverse_lazy("seller:place_districts"), "hx-target": "#place-district", "hx-swap": "outerHTML",
            "hx-trigger": "change", "hx-include": "this",
        })
        self.fields["district"].widget.attrs.update({
            "hx-get": reverse_lazy("seller:place_tambons"), "hx-target": "#place-tambon", "hx-swap": "outerHTML",
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


# --- products ------------------------------------------------------------------------------

TRANSLATIONS = (("en", _("English")), ("ja", _("Japanese")), ("zh-hans", _("Chinese")))
OTOP_CATEGORY_LABELS = {
    OtopCategory.FOOD: _("Food"),
    OtopCategory.BEVERAGE: _("Beverages"),
    OtopCategory.TEXTILE: _("Textiles and garments"),
    OtopCategory.HOUSEHOLD: _("Household, decorative and souvenir goods"),
    OtopCategory.HERBAL: _("Herbal products other than food"),
}


class CameraPhotoInput(forms.ClearableFileInput):
    """A file input that opens the phone's camera (or its photos)."""

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", **(attrs or {})})


def translation_field_names(language: str) -> tuple[str, str]:
    code = language.replace("-", "_")
    return f"name_{code}", f"description_{code}"


class ProductForm(PlaceForm):
    name = forms.CharField(label=_("Name (Thai)"), max_length=250)
    description = forms.CharField(label=_("Description (Thai)"), widget=forms.Textarea, required=False)
    category = forms.ChoiceField(label=_("Category"))
    product_type = forms.ChoiceField(label=_("Product type"))
    price = forms.DecimalField(label=_("Price (THB)"), max_digits=12, decimal_places=2, min_value=0)
    sku = forms.CharField(label=_("SKU (your product code)"), max_length=255)
    quantity = forms.IntegerField(label=_("Stock"), min_value=0, max_value=2_147_483_647, required=False)
    otop_category = forms.ChoiceField(
        label=_("OTOP category"), choices=[("", "—")] + list(OTOP_CATEGORY_LABELS.items()), required=False)
    photo = forms.FileField(label=_("Add a photo"), required=False, widget=CameraPhotoInput(attrs={"data-preview": "photo-preview"}))

    def __init__(self, *args, product=None, variants=(), translations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["category"].choices = [("", "—")] + [(str(c.pk), c.name) for c in selectors.catalogue_categories()]
        for language, language_name in TRANSLATIONS:
            name_field, description_field = translation_field_names(language)
            self.fields[name_field] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": language_name}, max_length=250, required=False)
            self.fields[description_field] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language_name}, widget=forms.Textarea, required=False)
            if translations and language in translations:
                self.initial.setdefault(name_field, translations[language].name)
                self.initial.setdefault(description_field, translations[language].description)
        for place in ("province", "district", "tambon"):
            self.fields[place].required = False
        self.variants = list(variants)
        for variant in self.variants:
            self.fields[f"stock_{variant.pk}"] = forms.IntegerField(
                label=_("Stock of %(sku)s") % {"sku": variant.sku}, min_value=0, max_value=2_147_483_647)
        if product is not None:
            del self.fields["product_type"], self.fields["sku"], self.fields["quantity"]
        else:
            self.fields["product_type"].choices = [("", "—")] + [
                (str(t.pk), t.name) for t in selectors.catalogue_product_types()]

    def variant_fields(self):
        return [self[f"stock_{variant.pk}"] for variant in self.variants]

    def translation_fields(self):
        return [
            (language_name, self[translation_field_names(language)[0]], self[translation_field_names(language)[1]])
            for language, language_name in TRANSLATIONS
        ]

    def clean_category(self):
        found = selectors.catalogue_categories().filter(pk=self.cleaned_data["category"] or None).first()
        if found is None:
            raise forms.ValidationError(_("Choose a category."))
        return found

    def clean_product_type(self):
        found = selectors.catalogue_product_types().filter(pk=self.cleaned_data["product_type"] or None).first()
        if found is None:
            raise forms.ValidationError(_("Choose a product type."))
        return found

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "name": data["name"], "description": data["description"], "category": data["category"],
            "base_price": data["price"],
            "translations": {
                language: {"name": data[translation_field_names(language)[0]],
                           "description": data[translation_field_names(language)[1]]}
                for language, _name in TRANSLATIONS
            },
            "photo": data.get("photo") or None,
        }
        if data.get("tambon") or data.get("otop_category"):
            arguments["provenance"] = {"subdistrict_code": data.get("tambon", ""), "category": data.get("otop_category", "")}
        if self.product is None:
            arguments.update(product_type=data["product_type"], sku=data["sku"], quantity=data.get("quantity"))
        else:
            arguments["stock"] = {variant.pk: data.get(f"stock_{variant.pk}") for variant in self.variants}
        return arguments


class ProductSearchForm(forms.Form):
    q = forms.CharField(label=_("Search name or SKU"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("All")), ("published", _("On sale")), ("draft", _("Drafts"))])
    stock = forms.ChoiceField(label=_("Stock"), required=False, choices=[("", _("All")), ("low", _("Low stock"))])


class VariantForm(forms.Form):
    sku = forms.CharField(label=_("SKU"), max_length=255)
    name = forms.CharField(label=_("Variant name (size, colour…)"), max_length=255, required=False)
    price = forms.DecimalField(label=_("Price (THB), if not the product's"), max_digits=12, decimal_places=2,
                               min_value=0, required=False)
    quantity = forms.IntegerField(label=_("Stock"), min_value=0, max_value=2_147_483_647, required=False)


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Add a photo"), widget=CameraPhotoInput())


class ExportProfileForm(forms.Form):
    hs_code = forms.CharField(label=_("HS code"), max_length=12, required=False,
                              help_text=_("6 to 10 digits, from the customs tariff."))
    customs_description_en = forms.CharField(label=_("Customs description (English)"), max_length=200, required=False)
    net_weight_grams = forms.IntegerField(label=_("Net weight (grams)"), min_value=1, required=False)
    gross_weight_grams = forms.IntegerField(label=_("Weight with packaging (grams)"), min_value=1, required=False)
    allergens = forms.MultipleChoiceField(label=_("Allergens it contains"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, allergen_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allergens"].choices = list(allergen_choices)


class BulkUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file (columns sku, quantity, price)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))


# --- team and shop page ------------------------------------------------------------------------


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=list(ROLE_LABELS.items()), initial=MemberRole.STAFF)


class ShopForm(forms.Form):
    story_th = forms.CharField(label=_("Your story (Thai)"), widget=forms.Textarea, required=False)
    story_en = forms.CharField(label=_("Your story (English)"), widget=forms.Textarea, required=False)
    logo = forms.FileField(label=_("Logo"), required=False, widget=CameraPhotoInput())
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    cover = forms.FileField(label=_("Cover photo"), required=False, widget=CameraPhotoInput())
    remove_cover = forms.BooleanField(label=_("Remove the cover photo"), required=False)
    registration_id = ApplicationForm.base_fields["registration_id"]
    address_line = ApplicationForm.base_fields["address_line"]
    contact_name = ApplicationForm.base_fields["contact_name"]
    contact_email = ApplicationForm.base_fields["contact_email"]
    contact_phone = ApplicationForm.base_fields["contact_phone"]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        remove = tuple(name for name in ("logo", "cover") if data.pop(f"remove_{name}"))
        return {**data, "logo": data.pop("logo") or None, "cover": data.pop("cover") or None, "remove": remove}
