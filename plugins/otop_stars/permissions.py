from saleor.core.permissions import BasePermissionEnum


class OtopStarsPermissions(BasePermissionEnum):
    MANAGE_OTOP_CERTIFICATION = "otop_stars.manage_otop_certification"
    MODERATE_OTOP_REVIEWS = "otop_stars.moderate_otop_reviews"

