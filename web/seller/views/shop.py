"""The shop page: its story in Thai and English, logo, cover photo and contact details, with a
preview link to the public page. Payout details are shown to owners only (changed under Money)."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from plugins.producer_channels.services import producers as producer_services

from ..errors import add_service_errors
from ..forms import PAYOUT_LABELS, ShopForm
from ..portal import producer_required

SHOP_FIELDS = ("story_th", "story_en", "registration_id", "address_line", "contact_name", "contact_email", "contact_phone")


@producer_required
def shop_edit(request):
    producer = request.producer
    form = ShopForm(request.POST or None, request.FILES or None,
                    initial={name: getattr(producer, name) for name in SHOP_FIELDS})
    if request.method == "POST":
        if form.is_valid():
            try:
                producer_services.producer_shop_save(producer=producer, **form.service_arguments())
            except ValidationError as refused:
                add_service_errors(form, refused)
            else:
                messages.success(request, gettext("Your shop page is saved."))
                return redirect("seller:shop")
        producer.refresh_from_db()
    return TemplateResponse(request, "seller/shop.html", {
        "section": "shop", "form": form, "producer": producer,
        "previews": [("th", "ไทย"), ("en", "English")],
        "payout_method": PAYOUT_LABELS.get(producer.payout_method, producer.payout_method),
    }, status=400 if request.method == "POST" else 200)
