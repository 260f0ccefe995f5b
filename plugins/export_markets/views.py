from saleor.order.models import Order

from otop_kernel.private_files import (
    download_user,
    private_file_not_found,
    private_file_response,
    sign_in_required,
)

from .customs import CustomsOutOfReach, CustomsParcelNeeded, customs_parcel_of_user, producer_pk_of
from .models import CustomsDeclarationPdf


def customs_declaration_pdf(request, order_id: int):
    """The CN23 PDF of an order, or of one producer's parcel (`?producer=<Producer id>`): for
    programme staff and the order's producers, each seeing only its own parcel (JWT in Authorization)."""
    user = download_user(request)
    if user is None:
        return sign_in_required()
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return private_file_not_found()
    try:
        producer_pk = customs_parcel_of_user(user=user, order=order, producer_id=producer_pk_of(request.GET.get("producer")))
    except (CustomsOutOfReach, CustomsParcelNeeded):
        # The same answer for "no such order" and "not yours": ids are not to be probed.
        return private_file_not_found()
    document = CustomsDeclarationPdf.objects.filter(order=order, producer_id=producer_pk).first()
    if document is None or not document.pdf:
        return private_file_not_found()
    suffix = f"-producer-{producer_pk}" if producer_pk else ""
    return private_file_response(
        name=document.pdf.name, download_name=f"cn23-order-{order.pk}{suffix}.pdf", content_type="application/pdf"
    )
