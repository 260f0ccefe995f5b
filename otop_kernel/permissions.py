from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


def register_permissions(permissions: type[BasePermissionEnum]) -> None:
    """Add a plugin's permissions to Saleor's list, so `PermissionEnum`, permission groups and
    `userPermissions` know them; must run (in the plugin's AppConfig.ready) before
    saleor.graphql.core.enums is imported."""
    if permissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(permissions)
