"""How the portal names producer_channels' choices, in the member's language."""
from django.utils.translation import gettext_lazy as _

SUB_ORDER_STATUS_LABELS = {
    "unfulfilled": _("To pack"),
    "partly_fulfilled": _("Partly shipped"),
    "fulfilled": _("Shipped"),
    "cancelled": _("Cancelled"),
    "refunded": _("Refunded"),
}
# The order of the list's tabs.
SUB_ORDER_TABS = ("unfulfilled", "partly_fulfilled", "fulfilled", "cancelled", "refunded")
CARRIER_LABELS = {
    "thailand_post_ems": _("Thailand Post EMS"),
    "thailand_post_registered": _("Thailand Post registered mail"),
    "kerry_express": _("Kerry Express"),
    "flash_express": _("Flash Express"),
    "jt_express": _("J&T Express"),
    "other": _("Other carrier"),
}
LEDGER_KIND_LABELS = {"sale": _("Sale"), "refund": _("Refund"), "cancellation": _("Cancellation")}
PAYOUT_STATUS_LABELS = {"pending": _("Being transferred"), "paid": _("Paid"), "failed": _("Failed")}
