from saleor.core.permissions import BasePermissionEnum


class PromptPayPermissions(BasePermissionEnum):
    MANAGE_OTOP_PROMPTPAY = "otop_promptpay.manage_otop_promptpay"

