from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


class ExportMarketsPermissions(BasePermissionEnum):
    MANAGE_OTOP_EXPORT = "otop_export.manage_otop_export"


def register_permissions() -> None:
    """Add our permission to Saleor's list so `PermissionEnum`, permission groups and
    `userPermissions` know it; must run before saleor.graphql.core.enums is imported."""
    if ExportMarketsPermissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(ExportMarketsPermissions)
