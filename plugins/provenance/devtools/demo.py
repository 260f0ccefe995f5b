"""Demo data of the provenance plugin: the catalogue's GIs, and every demo product placed in
its tambon (see otop_kernel/demo_catalogue.py). Idempotent: GIs by slug, provenance by product."""
from collections.abc import Callable

from otop_kernel.otop_categories import OtopCategory

from .. import services
from ..models import GeographicalIndication


def _geographical_indications_load(catalogue) -> dict:
    loaded = {}
    for demo_gi in catalogue.geographical_indications:
        fields = {
            "name_th": demo_gi.name_th,
            "name_en": demo_gi.name_en,
            "kind": demo_gi.kind.upper(),
            "province_codes": list(demo_gi.province_codes),
        }
        existing = GeographicalIndication.objects.filter(slug=demo_gi.key).first()
        if existing is None:
            loaded[demo_gi.key] = services.geographical_indication_create(slug=demo_gi.key, **fields)
        else:
            loaded[demo_gi.key] = services.geographical_indication_update(gi=existing, **fields)
    return loaded


def demo_load(*, catalogue, log: Callable[[str], None] = print) -> None:
    gis = _geographical_indications_load(catalogue)
    provinces, regions = set(), set()
    for item, product in catalogue.items:
        provenance = services.product_provenance_set(
            product=product,
            subdistrict_code=item.subdistrict_code,
            category=OtopCategory(item.category).value,
            producer_group_name=catalogue.producer(item.producer_key).name_en,
            geographical_indication=gis[item.gi_key] if item.gi_key else None,
            story_th=item.description_th,
            story_en=item.description_en,
        )
        province = provenance.subdistrict.district.province
        provinces.add(province.code)
        regions.add(province.region_id)
    log(
        f"Provenance: {len(gis)} Geographical Indications; {len(catalogue.items)} products placed "
        f"in {len(provinces)} provinces of {len(regions)} regions"
    )
