import graphene

from .. import selectors
from .enums import GeographicalIndicationKindEnum, OtopRegionCodeEnum
from .mutations import (
    GeographicalIndicationCreate,
    GeographicalIndicationDelete,
    GeographicalIndicationUpdate,
    ProductProvenanceSet,
)
from .product_mutations import ProductBulkPublish, ProductCreate, ProductUpdate
from .types import (
    GeographicalIndication,
    OtopDistrict,
    OtopProvince,
    OtopRegion,
    OtopSubdistrict,
)


class ProvenanceQueries(graphene.ObjectType):
    otop_regions = graphene.List(
        graphene.NonNull(OtopRegion),
        required=True,
        description="The six regions of Thailand, with their published products counted.",
    )
    otop_provinces = graphene.List(
        graphene.NonNull(OtopProvince),
        region=OtopRegionCodeEnum(description="Only the provinces of this region."),
        required=True,
        description="The 77 provinces of Thailand (by DOPA code), with their published products counted.",
    )
    otop_province = graphene.Field(
        OtopProvince,
        code=graphene.String(required=True, description="Two-digit DOPA province code."),
        description="A province by its DOPA code.",
    )
    otop_districts = graphene.List(
        graphene.NonNull(OtopDistrict),
        province_code=graphene.String(required=True, description="Two-digit DOPA province code."),
        include_abolished=graphene.Boolean(default_value=False, description="Also list abolished districts."),
        required=True,
        description="Districts of a province, by code.",
    )
    otop_subdistricts = graphene.List(
        graphene.NonNull(OtopSubdistrict),
        district_code=graphene.String(required=True, description="Four-digit DOPA district code."),
        include_abolished=graphene.Boolean(default_value=False, description="Also list abolished subdistricts."),
        required=True,
        description="Subdistricts (tambons) of a district, by code.",
    )
    otop_subdistrict = graphene.Field(
        OtopSubdistrict,
        code=graphene.String(required=True, description="Six-digit DOPA subdistrict code, current or abolished."),
        description="A subdistrict by its code; an abolished one lists the successors its addresses now belong to.",
    )
    geographical_indications = graphene.List(
        graphene.NonNull(GeographicalIndication),
        province_code=graphene.String(description="Only the GIs of this province."),
        kind=GeographicalIndicationKindEnum(description="Only the GIs of this kind."),
        search=graphene.String(description="Part of the Thai or English name."),
        required=True,
        description="Registered Geographical Indications the market knows.",
    )

    def resolve_otop_regions(self, _info):
        return selectors.regions()

    def resolve_otop_provinces(self, _info, region=None):
        return selectors.provinces(region_code=region)

    def resolve_otop_province(self, _info, code):
        return selectors.province_get(code=code)

    def resolve_otop_districts(self, _info, province_code, include_abolished=False):
        return selectors.districts_of_province(province_code=province_code, include_abolished=include_abolished)

    def resolve_otop_subdistricts(self, _info, district_code, include_abolished=False):
        return selectors.subdistricts_of_district(district_code=district_code, include_abolished=include_abolished)

    def resolve_otop_subdistrict(self, _info, code):
        return selectors.subdistrict_get(code=code)

    def resolve_geographical_indications(self, _info, province_code=None, kind=None, search=None):
        return selectors.geographical_indications(province_code=province_code, kind=kind, search=search)


class ProvenanceMutations(graphene.ObjectType):
    product_provenance_set = ProductProvenanceSet.Field()
    geographical_indication_create = GeographicalIndicationCreate.Field()
    geographical_indication_update = GeographicalIndicationUpdate.Field()
    geographical_indication_delete = GeographicalIndicationDelete.Field()
    # Saleor's own root fields, redefined with the publication rule (see product_mutations.py).
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_bulk_publish = ProductBulkPublish.Field()
