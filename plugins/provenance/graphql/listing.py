"""What this plugin adds to Saleor's product listing and Product.otop."""
import django_filters
import graphene
from django.db.models import F
from graphene_django.filter import GlobalIDMultipleChoiceFilter
from graphene_django.forms.converter import convert_form_field
from saleor.graphql.core.filters import ListObjectTypeFilter
from saleor.graphql.utils import resolve_global_ids_to_primary_keys

from otop_kernel.graphql.enums import OtopCategoryEnum
from otop_kernel.graphql.listing import SortField

from .dataloaders import ProvenanceByProductIdLoader
from .enums import OtopRegionCodeEnum
from .types import GeographicalIndication, OtopProvenance

PLACE = "otop_provenance__subdistrict"


class ProductFields:
    """Fields of Product.otop; the root is Saleor's Product."""

    provenance = graphene.Field(
        OtopProvenance,
        description="Where the product is made: region, province, district, tambon, GI and story.",
    )

    def resolve_provenance(root, info):
        return ProvenanceByProductIdLoader(info.context).load(root.pk)


def filter_regions(qs, _, value):
    if not value:
        return qs
    return qs.filter(**{f"{PLACE}__district__province__region_id__in": value})


def filter_provinces(qs, _, value):
    if not value:
        return qs
    return qs.filter(**{f"{PLACE}__district__province_id__in": value})


def filter_districts(qs, _, value):
    if not value:
        return qs
    return qs.filter(**{f"{PLACE}__district_id__in": value})


def filter_subdistricts(qs, _, value):
    if not value:
        return qs
    return qs.filter(**{f"{PLACE}_id__in": value})


def filter_geographical_indications(qs, _, value):
    if not value:
        return qs
    _type, pks = resolve_global_ids_to_primary_keys(value, GeographicalIndication)
    return qs.filter(otop_provenance__gi_id__in=pks)


def filter_otop_categories(qs, _, value):
    if not value:
        return qs
    return qs.filter(otop_provenance__category__in=value)


class DescribedListFilter(ListObjectTypeFilter):
    """Saleor's list filter, whose GraphQL input field keeps the filter's help_text."""


@convert_form_field.register(DescribedListFilter)
def convert_described_list_filter(field):
    return graphene.List(field.input_class, description=field.extra.get("help_text", ""))


class ProductFilter(django_filters.FilterSet):
    regions = DescribedListFilter(
        input_class=OtopRegionCodeEnum, method=filter_regions, help_text="Products made in these regions."
    )
    provinces = DescribedListFilter(
        input_class=graphene.String,
        method=filter_provinces,
        help_text="Products made in these provinces (2-digit DOPA codes).",
    )
    districts = DescribedListFilter(
        input_class=graphene.String,
        method=filter_districts,
        help_text="Products made in these districts (4-digit DOPA codes).",
    )
    subdistricts = DescribedListFilter(
        input_class=graphene.String,
        method=filter_subdistricts,
        help_text="Products made in these subdistricts (6-digit DOPA codes).",
    )
    geographical_indications = GlobalIDMultipleChoiceFilter(
        method=filter_geographical_indications,
        help_text="Products carrying one of these Geographical Indications (IDs).",
    )
    otop_categories = DescribedListFilter(
        input_class=OtopCategoryEnum,
        method=filter_otop_categories,
        help_text="Products of these official OTOP categories.",
    )


def annotate_province_name(queryset):
    return queryset.annotate(otop_province_name=F(f"{PLACE}__district__province__name_en"))


PRODUCT_SORT_FIELDS = {
    "PROVINCE": SortField(
        fields=["otop_province_name", "name", "slug"],
        description="Sort products by the English name of their province, then by name.",
        annotate=annotate_province_name,
    ),
}
