
from otop_kernel.private_files import (
    download_user,
    private_file_not_found,
    private_file_response,
    sign_in_required,
)

from .models import PayoutRun
from .permissions import ProducerPermissions
from .services import payout_file_download_name


def payout_run_file(request, run_id: int):
    """The bank file of a payout run, for staff with MANAGE_OTOP_PAYOUTS (JWT in Authorization)."""
    user = download_user(request)
    if user is None:
        return sign_in_required()
    run = PayoutRun.objects.filter(pk=run_id).exclude(file_name="").first()
    if run is None or not user.has_perm(ProducerPermissions.MANAGE_OTOP_PAYOUTS):
        return private_file_not_found()
    return private_file_response(
        name=run.file_name, download_name=payout_file_download_name(run), content_type="text/csv; charset=utf-8"
    )
