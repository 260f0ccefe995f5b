"""Reads of the provenance plugin."""
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.db.models import Count, Q, QuerySet
from saleor.plugins.manager import PluginsManager

from otop_kernel.producer_access import producer_access

from .models import (
    District,
    GeographicalIndication,
    ProductProvenance,
    Province,
    Region,
    Subdistrict,
)
from .permissions import ProvenancePermissions
from .plugin import ProvenanceConfiguration, ProvenancePlugin


def provenance_configuration(*, plugins: PluginsManager | None = None) -> ProvenanceConfiguration:
    """The plugin's typed configuration; an inactive plugin enforces nothing."""
    configuration = ProvenancePlugin.settings_read(plugins=plugins)
    if not configuration.active:
        return replace(configuration, require_provenance_to_publish=False)
    return configuration


def regions() -> QuerySet:
    return Region.objects.all()


def provinces(*, region_code: str | None = None) -> QuerySet:
    qs = Province.objects.select_related("region")
    if region_code:
        qs = qs.filter(region_id=region_code)
    return qs


def province_get(*, code: str) -> Province | None:
    return Province.objects.select_related("region").filter(code=code).first()


def districts_of_province(*, province_code: str, include_abolished: bool = False) -> QuerySet:
    qs = District.objects.filter(province_id=province_code).select_related("province__region")
    return qs if include_abolished else qs.current()


def subdistricts_of_district(*, district_code: str, include_abolished: bool = False) -> QuerySet:
    qs = Subdistrict.objects.filter(district_id=district_code).select_related("district__province__region")
    return qs if include_abolished else qs.current()


def subdistrict_get(*, code: str) -> Subdistrict | None:
    """A subdistrict by its code, current or abolished."""
    return Subdistrict.objects.select_related("district__province__region").filter(code=code).first()


def subdistrict_resolve(*, code: str) -> Subdistrict | None:
    """The current subdistrict an address with this code is in today: the unit itself, or
    the one successor of an abolished unit. None when the code is unknown, or the abolished
    unit has no successor or several (its `successors` then say which)."""
    found = subdistrict_get(code=code)
    if found is None or found.abolished_on is None:
        return found
    successors = list(found.successors.select_related("district__province__region")[:2])
    return successors[0] if len(successors) == 1 else None


def district_resolve(*, code: str) -> District | None:
    """Like `subdistrict_resolve`, for districts."""
    found = District.objects.select_related("province__region").filter(code=code).first()
    if found is None or found.abolished_on is None:
        return found
    successors = list(found.successors.select_related("province__region")[:2])
    return successors[0] if len(successors) == 1 else None


def _published_provenances() -> QuerySet:
    today = datetime.date.today()
    return ProductProvenance.objects.filter(
        Q(product__publication_date__isnull=True) | Q(product__publication_date__lte=today),
        product__is_published=True,
    )


def published_product_counts_by_province(*, province_codes: Iterable[str] | None = None) -> dict[str, int]:
    """Published products per province code, in one query (provinces without any are absent)."""
    key = "subdistrict__district__province_id"
    qs = _published_provenances()
    if province_codes is not None:
        qs = qs.filter(**{f"{key}__in": list(province_codes)})
    return {row[key]: row["count"] for row in qs.values(key).annotate(count=Count("pk")).order_by()}


def published_product_counts_by_region(*, region_codes: Iterable[str] | None = None) -> dict[str, int]:
    """Published products per region code, in one query (regions without any are absent)."""
    key = "subdistrict__district__province__region_id"
    qs = _published_provenances()
    if region_codes is not None:
        qs = qs.filter(**{f"{key}__in": list(region_codes)})
    return {row[key]: row["count"] for row in qs.values(key).annotate(count=Count("pk")).order_by()}


def provenances_by_product_ids(*, product_ids: Iterable[int]) -> dict[int, ProductProvenance]:
    """Provenance of each product that has one, with its whole place and GI, in one query."""
    qs = ProductProvenance.objects.filter(product_id__in=list(product_ids)).select_related(
        "subdistrict__district__province__region", "gi"
    )
    return {provenance.product_id: provenance for provenance in qs}


def provinces_by_region_codes(*, region_codes: Iterable[str]) -> dict[str, list[Province]]:
    grouped: dict[str, list[Province]] = {code: [] for code in region_codes}
    for province in Province.objects.filter(region_id__in=list(grouped)).select_related("region"):
        grouped[province.region_id].append(province)
    return grouped


def _linked(through, *, keys: Iterable, source: str, target: str, related: str) -> dict:
    """{key: [target, ...]} over a many-to-many table, `source` and `target` naming its two
    foreign keys, in the targets' pk order; one query."""
    grouped: dict = {key: [] for key in keys}
    links = (
        through.objects.filter(**{f"{source}_id__in": list(grouped)})
        .select_related(related)
        .order_by(f"{target}_id")
    )
    for link in links:
        grouped[getattr(link, f"{source}_id")].append(getattr(link, target))
    return grouped


def provinces_by_gi_ids(*, gi_ids: Iterable[int]) -> dict[int, list[Province]]:
    return _linked(
        GeographicalIndication.provinces.through, keys=gi_ids, source="geographicalindication",
        target="province", related="province__region",
    )


def successors_by_subdistrict_codes(*, codes: Iterable[str]) -> dict[str, list[Subdistrict]]:
    return _linked(
        Subdistrict.successors.through, keys=codes, source="from_subdistrict", target="to_subdistrict",
        related="to_subdistrict__district__province__region",
    )


def successors_by_district_codes(*, codes: Iterable[str]) -> dict[str, list[District]]:
    return _linked(
        District.successors.through, keys=codes, source="from_district", target="to_district",
        related="to_district__province__region",
    )


def geographical_indications(
    *, province_code: str | None = None, kind: str | None = None, search: str | None = None
) -> QuerySet:
    qs = GeographicalIndication.objects.all()
    if province_code:
        qs = qs.filter(provinces__code=province_code)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(Q(name_en__icontains=search) | Q(name_th__icontains=search) | Q(slug__icontains=search))
    return qs.distinct()


def product_ids_without_provenance(*, product_ids: Sequence[int]) -> list[int]:
    with_provenance = set(
        ProductProvenance.objects.filter(product_id__in=list(product_ids)).values_list("product_id", flat=True)
    )
    return [product_id for product_id in product_ids if product_id not in with_provenance]


def user_can_set_provenance(*, user, product_id: int) -> bool:
    """Programme staff with MANAGE_OTOP_PROVENANCE, or a producer for its own products."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm(ProvenancePermissions.MANAGE_OTOP_PROVENANCE):
        return True
    return producer_access().can_write_product(user=user, product_id=product_id)


def place_names_th() -> list[str]:
    """Every Thai name of the gazetteer (provinces, districts, tambons, abolished ones too),
    and Bangkok's district and tambon names without their "เขต"/"แขวง" prefix."""
    names = set(Province.objects.values_list("name_th", flat=True))
    for model in (District, Subdistrict):
        for name in model.objects.values_list("name_th", flat=True):
            names.add(name)
            for prefix in ("เขต", "แขวง"):
                if name.startswith(prefix):
                    names.add(name[len(prefix):])
    return sorted(names)
def _provenances_of(products: QuerySet) -> QuerySet:
    return ProductProvenance.objects.filter(product_id__in=products.order_by().values("pk"))


def _counts_by(products: QuerySet, key: str) -> dict:
    rows = _provenances_of(products).values(key).annotate(count=Count("pk")).order_by()
    return {row[key]: row["count"] for row in rows if row[key] is not None}


def product_counts_by_region(*, products: QuerySet) -> dict[str, int]:
    """How many of `products` are made in each region (facet counts); one query."""
    return _counts_by(products, "subdistrict__district__province__region_id")


def product_counts_by_province(*, products: QuerySet) -> dict[str, int]:
    """How many of `products` are made in each province (facet counts); one query."""
    return _counts_by(products, "subdistrict__district__province_id")


def product_counts_by_category(*, products: QuerySet) -> dict[str, int]:
    """How many of `products` are of each official OTOP category (facet counts); one query."""
    return _counts_by(products, "category")


def product_counts_by_geographical_indication(*, products: QuerySet) -> dict[int, int]:
    """How many of `products` carry each GI, by GI id (facet counts); one query."""
    return _counts_by(products, "gi_id")


# What plugins above read of a product's place and kind, as conditions and values on Saleor's
# Product (`via`: the path from their model to Product, e.g. "variant__product").
PRODUCT_PROVINCE = "otop_provenance__subdistrict__district__province"


def _on(via: str, path: str) -> str:
    return f"{via}__{path}" if via else path


def product_in_places_q(*, region_codes: Iterable[str] = (), province_codes: Iterable[str] = (), via: str = "") -> Q:
    """Products placed in any of the regions or provinces (no codes: no restriction)."""
    region_codes, province_codes = list(region_codes), list(province_codes)
    place = Q()
    if region_codes:
        place |= Q(**{_on(via, f"{PRODUCT_PROVINCE}__region_id__in"): region_codes})
    if province_codes:
        place |= Q(**{_on(via, f"{PRODUCT_PROVINCE}_id__in"): province_codes})
    return place


def product_in_categories_q(*, categories: Iterable[str], via: str = "") -> Q:
    return Q(**{_on(via, "otop_provenance__category__in"): list(categories)})


def product_with_gis_q(*, gi_slugs: Iterable[str], via: str = "") -> Q:
    return Q(**{_on(via, "otop_provenance__gi__slug__in"): list(gi_slugs)})


def product_region_code_field(*, via: str = "") -> str:
    """The lookup of a product's region code, for values()/F() (None: no provenance)."""
    return _on(via, f"{PRODUCT_PROVINCE}__region_id")


def categories_by_product_ids(*, product_ids: Iterable[int]) -> dict[int, str]:
    """OTOP category of each product that has a provenance; one query."""
    return dict(
        ProductProvenance.objects.filter(product_id__in=list(product_ids)).values_list("product_id", "category")
    )


def region_codes_existing(*, codes: Iterable[str]) -> set[str]:
    return set(Region.objects.filter(code__in=list(codes)).values_list("code", flat=True))


def province_codes_existing(*, codes: Iterable[str]) -> set[str]:
    return set(Province.objects.filter(code__in=list(codes)).values_list("code", flat=True))


def gi_slugs_existing(*, slugs: Iterable[str]) -> set[str]:
    return set(GeographicalIndication.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True))


def provinces_annotated(**annotations) -> QuerySet:
    """Every province by code, with the caller's annotations (subqueries on OuterRef("code"))."""
    return Province.objects.annotate(**annotations).order_by("code")


def provinces_by_codes(*, codes: Iterable[str]) -> dict[str, Province]:
    """Provinces (with their region) by code; one query."""
    return {province.code: province for province in Province.objects.filter(code__in=list(codes)).select_related("region")}


def provinces_by_subdistrict_codes(*, codes: Iterable[str]) -> dict[str, Province]:
    """The province of each tambon code; one query."""
    subdistricts = Subdistrict.objects.filter(code__in=list(codes)).select_related("district__province")
    return {subdistrict.code: subdistrict.district.province for subdistrict in subdistricts}
