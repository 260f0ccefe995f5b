"""Writes of the provenance plugin."""
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Set, Tuple

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.db import transaction

from . import gazetteer

APP_LABEL = "otop_provenance"


@dataclass
class GazetteerLoadResult:
    created: Dict[str, int] = field(default_factory=dict)
    updated: Dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


def _sync_rows(model, rows: Iterable[dict], fields: List[str]) -> Tuple[int, int]:
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
    wanted: Set[Tuple[str, str]] = {(row.code, successor) for row in rows for successor in row.successors}
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

    def record(level: str, counts: Tuple[int, int]) -> None:
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
