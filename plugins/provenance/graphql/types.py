import graphene
from graphene import relay
from graphene_django import DjangoObjectType
from saleor.graphql.core.connection import CountableDjangoObjectType
from saleor.graphql.core.types.common import Error

from otop_kernel.graphql.enums import OtopCategoryEnum

from .. import models
from .dataloaders import (
    DistrictSuccessorsLoader,
    ProvincesByGeographicalIndicationIdLoader,
    ProvincesByRegionCodeLoader,
    PublishedProductCountByProvinceLoader,
    PublishedProductCountByRegionLoader,
    SubdistrictSuccessorsLoader,
)
from .enums import GeographicalIndicationKindEnum, ProvenanceErrorCodeEnum


class ProvenanceError(Error):
    code = ProvenanceErrorCodeEnum(description="The error code.", required=True)


class OtopRegion(DjangoObjectType):
    code = graphene.String(required=True, description="Region code: NORTH, NORTHEAST, CENTRAL, EAST, WEST or SOUTH.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    provinces = graphene.List(
        graphene.NonNull(lambda: OtopProvince), required=True, description="Provinces of the region."
    )
    published_product_count = graphene.Int(
        required=True, description="Number of published products made in the region."
    )

    class Meta:
        model = models.Region
        fields = ["code", "name_th", "name_en"]
        description = "One of the six regions of Thailand in common use."

    @staticmethod
    def resolve_provinces(root: models.Region, info):
        return ProvincesByRegionCodeLoader(info.context).load(root.code)

    @staticmethod
    def resolve_published_product_count(root: models.Region, info):
        return PublishedProductCountByRegionLoader(info.context).load(root.code)


class OtopProvince(DjangoObjectType):
    code = graphene.String(required=True, description="Two-digit DOPA province code.")
    iso_code = graphene.String(required=True, description="ISO 3166-2 code (TH-xx).")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    region = graphene.Field(OtopRegion, required=True, description="Region of the province.")
    published_product_count = graphene.Int(
        required=True, description="Number of published products made in the province."
    )

    class Meta:
        model = models.Province
        fields = ["code", "iso_code", "name_th", "name_en", "region"]
        description = "A province of Thailand (changwat; Bangkok is one)."

    @staticmethod
    def resolve_published_product_count(root: models.Province, info):
        return PublishedProductCountByProvinceLoader(info.context).load(root.code)


def successors_resolver(loader_class):
    """What took the place of an abolished district or subdistrict (nothing while it exists)."""

    def resolve_successors(root, info):
        return [] if root.abolished_on is None else loader_class(info.context).load(root.code)

    return staticmethod(resolve_successors)


class OtopDistrict(DjangoObjectType):
    code = graphene.String(required=True, description="Four-digit DOPA district code.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name (empty for some abolished units).")
    province = graphene.Field(OtopProvince, required=True, description="Province of the district.")
    abolished_on = graphene.Date(description="When DOPA abolished the district; null while it exists.")
    successors = graphene.List(
        graphene.NonNull(lambda: OtopDistrict),
        required=True,
        description="Current districts that took the place of an abolished one.",
    )

    class Meta:
        model = models.District
        fields = ["code", "name_th", "name_en", "province", "abolished_on"]
        description = "A district of Thailand (amphoe; khet in Bangkok)."

    resolve_successors = successors_resolver(DistrictSuccessorsLoader)


class OtopSubdistrict(DjangoObjectType):
    code = graphene.String(required=True, description="Six-digit DOPA subdistrict code.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    postcodes = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Thailand Post codes of the subdistrict."
    )
    district = graphene.Field(OtopDistrict, required=True, description="District of the subdistrict.")
    abolished_on = graphene.Date(description="When DOPA abolished the subdistrict; null while it exists.")
    successors = graphene.List(
        graphene.NonNull(lambda: OtopSubdistrict),
        required=True,
        description="Current subdistricts that took the place of an abolished one: where its old addresses are now.",
    )

    class Meta:
        model = models.Subdistrict
        fields = ["code", "name_th", "name_en", "postcodes", "district", "abolished_on"]
        description = "A subdistrict of Thailand (tambon; khwaeng in Bangkok)."

    resolve_successors = successors_resolver(SubdistrictSuccessorsLoader)


class GeographicalIndication(CountableDjangoObjectType):
    slug = graphene.String(required=True, description="Stable key of the GI.")
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    registration_number = graphene.String(
        required=True, description="Registration number at the Department of Intellectual Property (may be empty)."
    )
    kind = GeographicalIndicationKindEnum(required=True, description="Agricultural, handicraft or industrial.")
    provinces = graphene.List(
        graphene.NonNull(OtopProvince), required=True, description="Provinces the GI belongs to."
    )

    class Meta:
        model = models.GeographicalIndication
        interfaces = [relay.Node]
        fields = ["id", "slug", "name_th", "name_en", "registration_number", "kind"]
        description = "A registered Thai Geographical Indication."

    @staticmethod
    def resolve_provinces(root: models.GeographicalIndication, info):
        return ProvincesByGeographicalIndicationIdLoader(info.context).load(root.pk)


class OtopProvenance(graphene.ObjectType):
    region = graphene.Field(OtopRegion, required=True, description="Region where the product is made.")
    province = graphene.Field(OtopProvince, required=True, description="Province where the product is made.")
    district = graphene.Field(OtopDistrict, required=True, description="District where the product is made.")
    subdistrict = graphene.Field(
        OtopSubdistrict, required=True, description="Subdistrict (tambon) where the product is made."
    )
    postcodes = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Postcodes of the subdistrict."
    )
    category = OtopCategoryEnum(required=True, description="Official OTOP category of the product.")
    producer_group_name = graphene.String(
        required=True, description="Name of the producer group (community enterprise) that makes it."
    )
    geographical_indication = graphene.Field(
        GeographicalIndication, description="Geographical Indication the product carries, if any."
    )
    story_th = graphene.String(required=True, description="Story of the product, in Thai.")
    story_en = graphene.String(required=True, description="Story of the product, in English.")

    class Meta:
        description = "Where an OTOP product comes from."

    @staticmethod
    def resolve_region(root: models.ProductProvenance, _info):
        return root.subdistrict.district.province.region

    @staticmethod
    def resolve_province(root: models.ProductProvenance, _info):
        return root.subdistrict.district.province

    @staticmethod
    def resolve_district(root: models.ProductProvenance, _info):
        return root.subdistrict.district

    @staticmethod
    def resolve_subdistrict(root: models.ProductProvenance, _info):
        return root.subdistrict

    @staticmethod
    def resolve_postcodes(root: models.ProductProvenance, _info):
        return root.subdistrict.postcodes

    @staticmethod
    def resolve_geographical_indication(root: models.ProductProvenance, _info):
        return root.gi
