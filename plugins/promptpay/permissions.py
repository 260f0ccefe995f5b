from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


class PromptPayPermissions(BasePermissionEnum):
    MANAGE_OTOP_PROMPTPAY = "otop_promptpay.manage_otop_promptpay"


def register_permissions() -> None:
    """Add our permission to Saleor's list (PermissionEnum, permission groups); must run
    before saleor.graphql.core.enums is imported."""
    if PromptPayPermissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(PromptPayPermissions)
