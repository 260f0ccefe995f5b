"""Writes of the provenance plugin."""
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from saleor.product.error_codes import ProductErrorCode
from saleor.product.models import Product

from otop_kernel.input_limits import values_check
from otop_kernel.otop_categories import OtopCategory
from otop_kernel.product_facts import product_facts_changed

from . import gazetteer, selectors
from .error_codes import ProvenanceErrorCode
from .models import (
    District,
    GeographicalIndication,
    GeographicalIndicationKind,
    ProductProvenance,
    Province,
    Subdistrict,
)
from .plugin import ProvenanceConfiguration

APP_LABEL = "otop_provenance"


@dataclass
class GazetteerLoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _sync_rows(model, rows: Iterable[dict], fields: list[str]) -> tuple[int, int]:
    """Create missing rows and update differing ones (keyed by primary key); never delete,
    since provenance and addresses point at gazetteer rows."""
    existing = {obj.pk: obj for obj in model.objects.all()}
    to_create, to_update = [], []
    for values in rows:
        obj = existing.get(values["pk"])
        if obj is None:
            to_create.append(model(**values))
            continue
        changed = False
        for name in fields:
            if getattr(obj, name) != values[name]:
                setattr(obj, name, values[name])
                changed = True
        if changed:
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=2000)
    return len(to_create), len(to_update)


def _sync_successors(model, rows: Iterable[gazetteer.UnitRow]) -> int:
    """Make the successor links of the loaded units exactly those of the data."""
    through = model.successors.through
    source, target = f"from_{model._meta.model_name}_id", f"to_{model._meta.model_name}_id"
    wanted: set[tuple[str, str]] = {(row.code, successor) for row in rows for successor in row.successors}
    present = set(through.objects.values_list(source, target))
    stale = present - wanted
    for code, successor in stale:
        through.objects.filter(**{source: code, target: successor}).delete()
    through.objects.bulk_create(
        [through(**{source: code, target: successor}) for code, successor in wanted - present],
        batch_size=2000,
    )
    return len(wanted - present) + len(stale)


def _unit_values(row: gazetteer.UnitRow, parent_field: str) -> dict:
    return {
        "pk": row.code,
        parent_field: row.parent_id,
        "name_th": row.name_th,
        "name_en": row.name_en,
        "abolished_on": row.abolished_on,
        "successors_basis": row.successors_basis,
        "successors_source": row.successors_source,
    }


@transaction.atomic
def gazetteer_load(*, app_registry: Apps = django_apps) -> GazetteerLoadResult:
    """Load regions, provinces, districts and subdistricts (with abolished units and their
    successors) from `geothai`. Running it again changes nothing unless the data changed.

    Migrations pass their historical `app_registry`; everything else uses the live models.
    """
    region_model = app_registry.get_model(APP_LABEL, "Region")
    province_model = app_registry.get_model(APP_LABEL, "Province")
    district_model = app_registry.get_model(APP_LABEL, "District")
    subdistrict_model = app_registry.get_model(APP_LABEL, "Subdistrict")
    result = GazetteerLoadResult()

    def record(level: str, counts: tuple[int, int]) -> None:
        result.created[level], result.updated[level] = counts

    record(
        "regions",
        _sync_rows(region_model, [row._asdict() | {"pk": row.code} for row in gazetteer.regions()],
                   ["name_th", "name_en", "position"]),
    )
    record(
        "provinces",
        _sync_rows(province_model, [row._asdict() | {"pk": row.code} for row in gazetteer.provinces()],
                   ["iso_code", "name_th", "name_en", "region_id"]),
    )
    unit_fields = ["name_th", "name_en", "abolished_on", "successors_basis", "successors_source"]
    district_rows = list(gazetteer.districts())
    record(
        "districts",
        _sync_rows(district_model, [_unit_values(row, "province_id") for row in district_rows],
                   ["province_id", *unit_fields]),
    )
    subdistrict_rows = list(gazetteer.subdistricts())
    record(
        "subdistricts",
        _sync_rows(
            subdistrict_model,
            [_unit_values(row, "district_id") | {"postcodes": list(row.postcodes)} for row in subdistrict_rows],
            ["district_id", "postcodes", *unit_fields],
        ),
    )
    result.updated["successor_links"] = _sync_successors(district_model, district_rows) + _sync_successors(
        subdistrict_model, subdistrict_rows
    )
    return result


PROVENANCE_CODE_DIGITS = {"province_code": 2, "district_code": 4, "subdistrict_code": 6}
_UNIT_LABELS = {"province_code": "Province", "district_code": "District", "subdistrict_code": "Subdistrict"}


def _unit_label(unit) -> str:
    names = " / ".join(name for name in (unit.name_th, unit.name_en) if name)
    return f"{unit.code} ({names})"


def _place_clean(
    *,
    subdistrict_code: str,
    province_code: str | None,
    district_code: str | None,
    province_name: str | None,
    district_name: str | None,
    subdistrict_name: str | None,
) -> Subdistrict:
    """The current subdistrict the input designates, or ValidationError per wrong field."""
    codes = {"province_code": province_code, "district_code": district_code, "subdistrict_code": subdistrict_code}
    errors: dict[str, ValidationError] = {}
    for field_name, code in codes.items():
        digits = PROVENANCE_CODE_DIGITS[field_name]
        if code is not None and not re.fullmatch(rf"\d{{{digits}}}", code):
            errors[field_name] = ValidationError(
                f"{_UNIT_LABELS[field_name]} code must be {digits} digits (DOPA), not '{code}'.",
                code=ProvenanceErrorCode.INVALID_CODE,
            )
    if errors:
        raise ValidationError(errors)

    province = Province.objects.filter(code=province_code).first() if province_code else None
    if province_code and province is None:
        errors["province_code"] = ValidationError(
            f"No province has code '{province_code}'.", code=ProvenanceErrorCode.UNKNOWN_CODE
        )
    district = District.objects.select_related("province").filter(code=district_code).first() if district_code else None
    if district_code and district is None:
        errors["district_code"] = ValidationError(
            f"No district has code '{district_code}'.", code=ProvenanceErrorCode.UNKNOWN_CODE
        )
    elif district and province and district.province_id != province.code:
        errors["district_code"] = ValidationError(
            f"District {_unit_label(district)} is not in province {_unit_label(province)}.",
            code=ProvenanceErrorCode.DISTRICT_NOT_IN_PROVINCE,
        )
    subdistrict = selectors.subdistrict_get(code=subdistrict_code)
    if subdistrict is None:
        errors["subdistrict_code"] = ValidationError(
            f"No subdistrict has code '{subdistrict_code}'.", code=ProvenanceErrorCode.UNKNOWN_CODE
        )
    elif district and subdistrict.district_id != district.code:
        errors["subdistrict_code"] = ValidationError(
            f"Subdistrict {_unit_label(subdistrict)} is not in district {_unit_label(district)}.",
            code=ProvenanceErrorCode.SUBDISTRICT_NOT_IN_DISTRICT,
        )
    elif province and not district and subdistrict.district.province_id != province.code:
        errors["subdistrict_code"] = ValidationError(
            f"Subdistrict {_unit_label(subdistrict)} is not in province {_unit_label(province)}.",
            code=ProvenanceErrorCode.SUBDISTRICT_NOT_IN_PROVINCE,
        )
    if subdistrict is not None:
        named_units = (
            ("province_name", province_name, subdistrict.district.province, "province"),
            ("district_name", district_name, subdistrict.district, "district"),
            ("subdistrict_name", subdistrict_name, subdistrict, "subdistrict"),
        )
        for field_name, given, unit, level in named_units:
            if given is not None and not gazetteer.names_match(given, unit.name_th, unit.name_en):
                errors[field_name] = ValidationError(
                    f"'{given}' is not the name of {level} {_unit_label(unit)}.",
                    code=ProvenanceErrorCode.NAME_MISMATCH,
                )
    if errors:
        raise ValidationError(errors)

    if subdistrict.abolished_on is None:
        return subdistrict
    current = selectors.subdistrict_resolve(code=subdistrict.code)
    if current is None:
        successors = ", ".join(_unit_label(unit) for unit in subdistrict.successors.all()) or "none recorded"
        raise ValidationError(
            {
                "subdistrict_code": ValidationError(
                    f"Subdistrict {_unit_label(subdistrict)} was abolished on {subdistrict.abolished_on}; "
                    f"give the code of the current one (successors: {successors}).",
                    code=ProvenanceErrorCode.ABOLISHED_UNIT,
                )
            }
        )
    return current


def product_provenance_set(
    *,
    product: Product,
    subdistrict_code: str,
    category: str,
    province_code: str | None = None,
    district_code: str | None = None,
    province_name: str | None = None,
    district_name: str | None = None,
    subdistrict_name: str | None = None,
    producer_group_name: str = "",
    geographical_indication: GeographicalIndication | None = None,
    story_th: str = "",
    story_en: str = "",
) -> ProductProvenance:
    """Set (or replace) where a product comes from. Codes given besides the subdistrict's
    and names (Thai or English) are checked against it; an abolished subdistrict with one
    successor is recorded as that successor. Bad input raises ValidationError, writes nothing."""
    subdistrict = _place_clean(
        subdistrict_code=subdistrict_code,
        province_code=province_code,
        district_code=district_code,
        province_name=province_name,
        district_name=district_name,
        subdistrict_name=subdistrict_name,
    )
    errors: dict[str, ValidationError] = {}
    if category not in OtopCategory.values:
        errors["category"] = ValidationError(
            f"'{category}' is not an OTOP category.", code=ProvenanceErrorCode.INVALID
        )
    values_check(
        ProductProvenance,
        {"producer_group_name": producer_group_name, "story_th": story_th, "story_en": story_en},
        codes=ProvenanceErrorCode,
    )
    province = subdistrict.district.province
    gi = geographical_indication
    if gi is not None and not gi.provinces.filter(code=province.code).exists():
        gi_provinces = ", ".join(p.name_en for p in gi.provinces.all())
        errors["geographical_indication"] = ValidationError(
            f"Geographical Indication '{gi.name_en}' belongs to {gi_provinces}, "
            f"not to {province.name_en} where this product is made.",
            code=ProvenanceErrorCode.GI_NOT_IN_PROVINCE,
        )
    if errors:
        raise ValidationError(errors)
    provenance, _created = ProductProvenance.objects.update_or_create(
        product=product,
        defaults={
            "subdistrict": subdistrict,
            "category": category,
            "producer_group_name": producer_group_name.strip(),
            "gi": gi,
            "story_th": story_th.strip(),
            "story_en": story_en.strip(),
        },
    )
    product_facts_changed(product_ids=[product.pk])
    return provenance


def geographical_indication_clean(
    *,
    gi: GeographicalIndication | None,
    values: dict[str, object],
    province_codes: list[str] | None,
) -> list[Province]:
    """Check the given GI field values (None `gi` for a new one); return the provinces of
    `province_codes` when given. Raises ValidationError keyed by field."""
    values_check(GeographicalIndication, values, codes=ProvenanceErrorCode)
    errors: dict[str, ValidationError] = {}
    for field_name in ("name_th", "name_en"):
        if field_name in values and not str(values[field_name] or "").strip():
            errors[field_name] = ValidationError("This field is required.", code=ProvenanceErrorCode.REQUIRED)
    if "kind" in values and values["kind"] not in GeographicalIndicationKind.values:
        errors["kind"] = ValidationError(
            f"'{values['kind']}' is not a kind of Geographical Indication.", code=ProvenanceErrorCode.INVALID
        )
    others = GeographicalIndication.objects.exclude(pk=gi.pk) if gi else GeographicalIndication.objects.all()
    registration_number = values.get("registration_number")
    if registration_number and others.filter(registration_number=registration_number).exists():
        errors["registration_number"] = ValidationError(
            f"Another Geographical Indication has registration number '{registration_number}'.",
            code=ProvenanceErrorCode.UNIQUE,
        )
    slug = values.get("slug")
    if slug is not None:
        if slug != slugify(slug) or not slug:
            errors["slug"] = ValidationError(
                "A slug has lower-case letters, digits and hyphens only.", code=ProvenanceErrorCode.INVALID
            )
        elif others.filter(slug=slug).exists():
            errors["slug"] = ValidationError(
                f"Another Geographical Indication has slug '{slug}'.", code=ProvenanceErrorCode.UNIQUE
            )
    provinces: list[Province] = []
    if province_codes is not None:
        provinces = list(Province.objects.filter(code__in=province_codes))
        unknown = sorted(set(province_codes) - {p.code for p in provinces})
        if not province_codes:
            errors["provinces"] = ValidationError(
                "A Geographical Indication belongs to at least one province.", code=ProvenanceErrorCode.REQUIRED
            )
        elif unknown:
            errors["provinces"] = ValidationError(
                f"No province has code {', '.join(repr(code) for code in unknown)}.",
                code=ProvenanceErrorCode.UNKNOWN_CODE,
            )
        elif gi is not None:
            dropped_in_use = (
                Province.objects.filter(districts__subdistricts__product_provenances__gi=gi)
                .exclude(code__in=province_codes)
                .distinct()
            )
            if dropped_in_use:
                names = ", ".join(p.name_en for p in dropped_in_use)
                errors["provinces"] = ValidationError(
                    f"Products from {names} carry this Geographical Indication: keep the province "
                    "or change their provenance first.",
                    code=ProvenanceErrorCode.GI_IN_USE,
                )
    if errors:
        raise ValidationError(errors)
    return provinces


def _unique_gi_slug(name_en: str) -> str:
    base = slugify(name_en)[:90] or "gi"
    slug, suffix = base, 2
    while GeographicalIndication.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def geographical_indication_create(
    *,
    name_th: str,
    name_en: str,
    kind: str,
    province_codes: list[str],
    registration_number: str = "",
    slug: str | None = None,
) -> GeographicalIndication:
    values = {"name_th": name_th, "name_en": name_en, "kind": kind, "registration_number": registration_number}
    if slug is not None:
        values["slug"] = slug
    provinces = geographical_indication_clean(gi=None, values=values, province_codes=province_codes)
    gi = GeographicalIndication.objects.create(
        slug=slug or _unique_gi_slug(name_en),
        name_th=name_th.strip(),
        name_en=name_en.strip(),
        kind=kind,
        registration_number=registration_number.strip(),
    )
    gi.provinces.set(provinces)
    return gi


@transaction.atomic
def geographical_indication_update(
    *,
    gi: GeographicalIndication,
    name_th: str | None = None,
    name_en: str | None = None,
    kind: str | None = None,
    province_codes: list[str] | None = None,
    registration_number: str | None = None,
    slug: str | None = None,
) -> GeographicalIndication:
    """Change the given fields of a GI (None leaves a field as it is)."""
    given = {
        "name_th": name_th,
        "name_en": name_en,
        "kind": kind,
        "registration_number": registration_number,
        "slug": slug,
    }
    values = {name: value for name, value in given.items() if value is not None}
    provinces = geographical_indication_clean(gi=gi, values=values, province_codes=province_codes)
    for name, value in values.items():
        setattr(gi, name, value.strip() if isinstance(value, str) else value)
    if values:
        gi.save(update_fields=list(values))
    if province_codes is not None:
        gi.provinces.set(provinces)
    return gi


def geographical_indication_delete(*, gi: GeographicalIndication) -> None:
    in_use = gi.product_provenances.count()
    if in_use:
        raise ValidationError(
            {
                "id": ValidationError(
                    f"{in_use} product(s) carry Geographical Indication '{gi.name_en}': "
                    "change their provenance first.",
                    code=ProvenanceErrorCode.GI_IN_USE,
                )
            }
        )
    gi.delete()


def products_publication_refusals(
    *, products: Sequence[Product], configuration: ProvenanceConfiguration
) -> dict[int | None, str]:
    """Why each of these products may not be published in the OTOP market (product id ->
    reason; a product not saved yet is keyed None); empty when all may be."""
    if not configuration.require_provenance_to_publish:
        return {}
    missing = set(selectors.product_ids_without_provenance(product_ids=[p.pk for p in products if p.pk]))
    return {
        product.pk: _publication_refusal(product.name)
        for product in products
        if product.pk is None or product.pk in missing
    }


def _publication_refusal(product_name: str) -> str:
    return (
        f"Product '{product_name}' cannot be published in the OTOP market: it has no provenance "
        "(tambon and OTOP category). Save it unpublished, set its provenance with "
        "productProvenanceSet, then publish it."
    )


def product_publication_check(
    *, product: Product, configuration: ProvenanceConfiguration, product_name: str | None = None
) -> None:
    """Raise ValidationError on `is_published` when the product may not be published in the
    OTOP market. `product_name` names a product whose input is not applied to it yet."""
    refusals = products_publication_refusals(products=[product], configuration=configuration)
    if refusals:
        raise ValidationError(
            {
                "is_published": ValidationError(
                    _publication_refusal(product_name or product.name), code=ProductErrorCode.INVALID.value
                )
            }
        )
