from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


class ProvenancePermissions(BasePermissionEnum):
    MANAGE_OTOP_PROVENANCE = "otop_provenance.manage_otop_provenance"


def register_permissions() -> None:
    """Add our permission to Saleor's list, so `PermissionEnum`, permission groups and
    `userPermissions` know it; must run before saleor.graphql.core.enums is imported."""
    if ProvenancePermissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(ProvenancePermissions)
