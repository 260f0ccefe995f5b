"""Services' refusals shown on the form's fields, in the page's language: a service raises a
ValidationError whose codes say what is wrong; the portal says it in Thai (or English)."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("This field is required."),
    "invalid": _("This value is not valid."),
    "unique": _("This value is already taken."),
    "too_long": _("This text is too long."),
    "out_of_range": _("This number is out of range."),
    "not_found": _("Not found."),
    "invalid_subdistrict": _("Choose a current tambon."),
    "price_not_positive": _("The price must be above zero."),
    "price_precision": _("A price has at most two decimals."),
    "negative_quantity": _("The quantity cannot be negative."),
    "below_allocated": _("Some units are in orders not yet shipped: the stock cannot go below them."),
    "producer_suspended": _("Your shop is suspended: nothing can be changed."),
    "producer_not_approved": _("Your shop opens when the programme approves your application."),
    "already_member": _("This person is already a member."),
    "invitation_expired": _("The invitation has expired: ask for a new one."),
    "staff_cannot_join": _("Programme staff accounts cannot join a producer."),
    "last_owner": _("A producer keeps at least one owner."),
    "variant_requires_sku": _("This product needs a SKU."),
    "provenance_required": _("Set where the product comes from (its tambon) before publishing it."),
}
# Messages of particular fields, where the code alone says too little.
FIELD_MESSAGES = {
    ("contact_email", "invalid"): _("Enter a valid e-mail address."),
    ("email", "invalid"): _("Enter a valid e-mail address."),
    ("contact_phone", "invalid"): _("Enter a valid Thai phone number."),
    ("promptpay_id", "invalid"): _("A PromptPay id is a mobile number (10 digits), a national or tax id (13 digits) or an e-wallet id (15 digits)."),
    ("bank_code", "invalid"): _("A bank code has 3 digits (for example 002)."),
    ("bank_account_number", "invalid"): _("A bank account number has 10 to 15 digits."),
    ("sku", "unique"): _("This SKU is taken."),
    ("bulk_sku", "not_found"): _("No product of yours has this SKU."),
    ("bulk_sku", "duplicated_input_item"): _("This SKU is on an earlier line too."),
    ("bulk_sku", "required"): _("The SKU is missing."),
    ("bulk_quantity", "required"): _("Give a quantity or a price."),
    ("bulk_quantity", "invalid"): _("The quantity must be a whole number."),
    ("bulk_price", "invalid"): _("The price must be a number."),
    ("photo", "invalid"): _("This file is not a picture we accept (JPEG, PNG, WebP, GIF)."),
    ("logo", "invalid"): _("This file is not a picture we accept (JPEG, PNG, WebP, GIF)."),
    ("cover", "invalid"): _("This file is not a picture we accept (JPEG, PNG, WebP, GIF)."),
    ("photo", "out_of_range"): _("The picture is larger than 12 MB."),
    ("logo", "out_of_range"): _("The picture is larger than 12 MB."),
    ("cover", "out_of_range"): _("The picture is larger than 12 MB."),
    ("hs_code", "invalid"): _("An HS code has 6 to 10 digits."),
    ("is_published", "invalid"): _("Set where the product comes from (its tambon) before publishing it."),
}
GENERIC = _("This value is not accepted.")


def message_for(field: str, code: str):
    return FIELD_MESSAGES.get((field, code)) or MESSAGES.get(code) or GENERIC


def add_service_errors(form, refused: ValidationError, *, fields: dict | None = None) -> None:
    """Put a service's refusal on the form: `fields` maps the service's field names to the
    form's (unmapped or unknown ones go on the form itself)."""
    fields = fields or {}
    details = refused.error_dict if hasattr(refused, "error_dict") else {None: refused.error_list}
    for service_field, errors in details.items():
        form_field = fields.get(service_field, service_field)
        if form_field not in form.fields:
            form_field = None
        for error in errors:
            code = error.code or ""
            form.add_error(form_field, message_for(service_field or "", code))
