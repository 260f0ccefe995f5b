from saleor.core.permissions import BasePermissionEnum


class ExportMarketsPermissions(BasePermissionEnum):
    MANAGE_OTOP_EXPORT = "otop_export.manage_otop_export"

