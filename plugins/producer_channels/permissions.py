from saleor.core.permissions import BasePermissionEnum


class ProducerPermissions(BasePermissionEnum):
    MANAGE_OTOP_PRODUCERS = "otop_producers.manage_otop_producers"
    MANAGE_OTOP_PAYOUTS = "otop_producers.manage_otop_payouts"

