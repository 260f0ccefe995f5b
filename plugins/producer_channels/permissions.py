from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


class ProducerPermissions(BasePermissionEnum):
    MANAGE_OTOP_PRODUCERS = "otop_producers.manage_otop_producers"
    MANAGE_OTOP_PAYOUTS = "otop_producers.manage_otop_payouts"


def register_permissions() -> None:
    """Add our permissions to Saleor's list, so `PermissionEnum`, permission groups and
    `userPermissions` know them; must run before saleor.graphql.core.enums is imported."""
    if ProducerPermissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(ProducerPermissions)
