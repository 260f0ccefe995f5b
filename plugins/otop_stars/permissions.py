from saleor.core.permissions import PERMISSIONS_ENUMS, BasePermissionEnum


class OtopStarsPermissions(BasePermissionEnum):
    MANAGE_OTOP_CERTIFICATION = "otop_stars.manage_otop_certification"
    MODERATE_OTOP_REVIEWS = "otop_stars.moderate_otop_reviews"


def register_permissions() -> None:
    """Add our permissions to Saleor's list, so `PermissionEnum`, permission groups and
    `userPermissions` know them; must run before saleor.graphql.core.enums is imported."""
    if OtopStarsPermissions not in PERMISSIONS_ENUMS:
        PERMISSIONS_ENUMS.append(OtopStarsPermissions)
