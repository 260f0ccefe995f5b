from saleor.core.permissions import BasePermissionEnum


class CurationPermissions(BasePermissionEnum):
    MANAGE_OTOP_CURATION = "otop_curation.manage_otop_curation"
    VIEW_OTOP_PROGRAMME_REPORT = "otop_curation.view_otop_programme_report"

