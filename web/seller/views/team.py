from django.template.response import TemplateResponse

from ..portal import producer_required


@producer_required
def team(request):
    return TemplateResponse(request, "seller/placeholder.html", {"section": "team"})


member_remove = invitation_cancel = invitations_received = invitation_accept = invitation_decline = team
