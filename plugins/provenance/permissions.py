from saleor.core.permissions import BasePermissionEnum


class ProvenancePermissions(BasePermissionEnum):
    MANAGE_OTOP_PROVENANCE = "otop_provenance.manage_otop_provenance"

