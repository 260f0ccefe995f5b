"""Team: the producer's members and invitations (owners invite and remove; staff see who is
in the team), and the invitations a signed-in account received (accept or decline)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from plugins.producer_channels import access, services
from plugins.producer_channels.selectors import InvitationStatus

from ..errors import add_service_errors, message_for
from ..forms import ROLE_LABELS, InviteForm
from ..portal import producer_required


def _team_page(request, form=None, status=200):
    members = access.members(user=request.user).filter(producer_id=request.producer.pk).select_related("user")
    invitations = (
        access.invitations_managed(user=request.user).filter(producer_id=request.producer.pk)
        if request.seller_is_owner else ()
    )
    return TemplateResponse(request, "seller/team.html", {
        "section": "team", "members": members, "invitations": invitations, "role_labels": ROLE_LABELS,
        "form": form or InviteForm(),
    }, status=status)


@producer_required
def team(request):
    if request.method != "POST":
        return _team_page(request)
    if not request.seller_is_owner:
        raise Http404
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.producer_member_invite(
                producer=request.producer, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                invited_by=request.user,
            )
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(request, gettext("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("seller:team")
    return _team_page(request, form=form, status=400)


@require_POST
@producer_required(owner=True)
def member_remove(request, member_id):
    member = access.members(user=request.user).filter(pk=member_id, producer_id=request.producer.pk).first()
    if member is None:
        raise Http404
    try:
        services.producer_member_remove(member=member)
    except ValidationError:
        messages.error(request, gettext("A producer keeps at least one owner."))
    else:
        messages.success(request, gettext("The member was removed."))
    return redirect("seller:team")


@require_POST
@producer_required(owner=True)
def invitation_cancel(request, invitation_id):
    invitation = access.invitations_managed(user=request.user).filter(
        pk=invitation_id, producer_id=request.producer.pk).first()
    if invitation is None:
        raise Http404
    services.producer_invitation_close(invitation=invitation, status=InvitationStatus.CANCELLED)
    messages.success(request, gettext("The invitation was cancelled."))
    return redirect("seller:team")


@login_required
def invitations_received(request):
    return TemplateResponse(request, "seller/invitations.html", {
        "invitations": access.invitations_received(user=request.user), "role_labels": ROLE_LABELS,
    })


def _received(request, invitation_id):
    invitation = access.invitations_received(user=request.user).filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


@require_POST
@login_required
def invitation_accept(request, invitation_id):
    invitation = _received(request, invitation_id)
    try:
        services.producer_invitation_accept(invitation=invitation, user=request.user)
    except ValidationError as refused:
        code = next(error.code for errors in refused.error_dict.values() for error in errors)
        messages.error(request, message_for("invitation", code))
        return redirect("seller:invitations")
    messages.success(request, gettext("Welcome to the team of %(name)s.") % {"name": invitation.producer.name_th})
    return redirect("seller:home")


@require_POST
@login_required
def invitation_decline(request, invitation_id):
    invitation = _received(request, invitation_id)
    services.producer_invitation_close(invitation=invitation, status=InvitationStatus.DECLINED)
    messages.success(request, gettext("The invitation was declined."))
    return redirect("seller:invitations")
