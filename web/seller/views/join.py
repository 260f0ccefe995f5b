"""Join: sign up (the shop's account pages), apply, and follow the application until approved."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plugins.producer_channels import access, services
from plugins.producer_channels.selectors import ProducerStatus, producer_channels_configuration

from ..errors import add_service_errors
from ..forms import ApplicationForm, PlaceForm
from ..portal import membership_of, sign_in_url

SERVICE_FIELDS = {"home_subdistrict_code": "tambon"}


def application_checklist(producer) -> list[dict]:
    """What the programme needs before it approves a shop, each with whether it is done."""
    return [
        {"label": _("Application sent"), "done": True},
        {"label": _("Community enterprise registration number"), "done": bool(producer.registration_id)},
        {"label": _("Contact person and phone"), "done": bool(producer.contact_name and producer.contact_phone)},
        {"label": _("Address of the workshop"), "done": bool(producer.address_line)},
        {"label": _("Payout details"), "done": not services.payout_details_missing(producer)},
        {"label": _("Approved by the programme"), "done": producer.status == ProducerStatus.APPROVED},
    ]


def join(request):
    if not request.user.is_authenticated:
        with_next = f"?next={reverse('seller:join')}"
        return TemplateResponse(request, "seller/join_start.html", {
            "sign_in_url": sign_in_url() + with_next,
            "invitations": (),
        })
    membership = membership_of(request.user)
    if membership is not None:
        producer = membership.producer
        return TemplateResponse(request, "seller/join_status.html", {
            "producer": producer, "checklist": application_checklist(producer),
            "approved": producer.status == ProducerStatus.APPROVED,
        })
    form = ApplicationForm(request.POST or None, initial={"contact_email": request.user.email})
    reload = "reload" in request.POST
    if request.method == "POST" and not reload and form.is_valid():
        try:
            services.producer_apply(
                user=request.user, configuration=producer_channels_configuration(), **form.service_arguments()
            )
        except ValidationError as refused:
            add_service_errors(form, refused, fields=SERVICE_FIELDS)
        else:
            return redirect("seller:join")
    if reload:
        form.errors.clear()
    return TemplateResponse(request, "seller/join_apply.html", {
        "form": form, "invitations": access.invitations_received(user=request.user),
    }, status=400 if request.method == "POST" and not reload else 200)


def _place_partial(request, field_name: str):
    form = PlaceForm(request.GET, prefix=None)
    return TemplateResponse(request, "seller/partials/place_field.html", {"field": form[field_name]})


@login_required
def districts(request):
    """The district list of the chosen province (an htmx partial), with an empty tambon list."""
    form = PlaceForm(request.GET)
    return TemplateResponse(request, "seller/partials/place_districts.html", {
        "district": form["district"], "tambon": form["tambon"],
    })


@login_required
def tambons(request):
    return _place_partial(request, "tambon")
