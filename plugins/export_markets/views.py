from django.contrib.auth import authenticate
from django.http import FileResponse, Http404, HttpResponse
from graphql_jwt.exceptions import JSONWebTokenError
from saleor.order.models import Order

from .graphql.mutations import user_can_read_order_customs
from .models import CustomsDeclarationPdf


def customs_declaration_pdf(request, order_id: int):
    """The CN23 PDF of an order, for programme staff and the order's producers (JWT in Authorization)."""
    try:
        user = authenticate(request=request)
    except JSONWebTokenError:
        user = None
    if user is None:
        return HttpResponse("Sign in with a JWT in the Authorization header.", status=401)
    order = Order.objects.filter(pk=order_id).first()
    if order is None or not user_can_read_order_customs(user, order):
        # The same answer for "no such order" and "not yours": ids are not to be probed.
        raise Http404("No CN23 for this order.")
    document = CustomsDeclarationPdf.objects.filter(order=order).first()
    if document is None or not document.pdf:
        raise Http404("The CN23 of this order is not rendered yet.")
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"cn23-order-{order.pk}.pdf")
