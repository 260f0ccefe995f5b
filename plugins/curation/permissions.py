from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


class CurationPermissions(BasePermissionEnum):
    MANAGE_OTOP_CURATION = "otop_curation.manage_otop_curation"
    VIEW_OTOP_PROGRAMME_REPORT = "otop_curation.view_otop_programme_report"


def register_permissions() -> None:
    """Add our permissions to Saleor's list, so `PermissionEnum`, permission groups and
    `userPermissions` know them; must run before saleor.graphql.core.enums is imported."""
    if CurationPermissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(CurationPermissions)
