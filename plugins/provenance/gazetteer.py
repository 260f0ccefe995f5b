"""Thailand's gazetteer as the `geothai` package ships it (data CC-BY-4.0, DOPA), in the
shape our tables take. Pure reading: no database here."""
import datetime
import re
from collections.abc import Iterator
from typing import NamedTuple

import geothai
from geothai.abolished import abolished_areas

from .regions import REGION_OF_PROVINCE, REGIONS, iso_code

DATA_VERSION = geothai.DATA_VERSION


class RegionRow(NamedTuple):
    code: str
    name_th: str
    name_en: str
    position: int


class ProvinceRow(NamedTuple):
    code: str
    iso_code: str
    name_th: str
    name_en: str
    region_id: str


class UnitRow(NamedTuple):
    """A district or subdistrict row; `parent_id` is the province or district code."""

    code: str
    parent_id: str
    name_th: str
    name_en: str
    postcodes: tuple[str, ...]
    abolished_on: datetime.date | None
    successors: tuple[str, ...]
    successors_basis: str
    successors_source: str


def regions() -> Iterator[RegionRow]:
    for position, region in enumerate(REGIONS):
        yield RegionRow(region.code, region.name_th, region.name_en, position)


def provinces() -> Iterator[ProvinceRow]:
    for province in geothai.provinces():
        yield ProvinceRow(
            province.code,
            iso_code(province.code),
            province.name_th,
            province.name_en,
            REGION_OF_PROVINCE[province.code],
        )


def _abolished(level: str) -> Iterator[UnitRow]:
    for area in abolished_areas():
        if area.level != level:
            continue
        yield UnitRow(
            area.code,
            area.parent_code,
            area.name_th,
            area.name_en or "",
            (),
            datetime.date.fromisoformat(area.abolished_on),
            area.successors,
            area.successors_basis or "",
            area.successors_source or "",
        )


def districts() -> Iterator[UnitRow]:
    """Current districts, then abolished ones."""
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            yield UnitRow(district.code, province.code, district.name_th, district.name_en, (), None, (), "", "")
    yield from _abolished("district")


def subdistricts() -> Iterator[UnitRow]:
    """Current subdistricts, then abolished ones."""
    for province in geothai.provinces():
        for district in geothai.districts(province.code):
            for sub in geothai.subdistricts(district.code):
                yield UnitRow(
                    sub.code, district.code, sub.name_th, sub.name_en, sub.postal_codes, None, (), "", ""
                )
    yield from _abolished("subdistrict")


_LEVEL_PREFIX = re.compile(r"^(?:จังหวัด|อำเภอ|กิ่งอำเภอ|เขต|ตำบล|แขวง|จ\.|อ\.|ต\.)")
_MARKS = re.compile(r"[\s.'’-]")


def normalized_name(text: str) -> str:
    """A place name in one comparable form: lower case, without spaces, dots, apostrophes,
    hyphens or a leading level word ("อำเภอ", "ต.", ...)."""
    stripped = _LEVEL_PREFIX.sub("", text.strip())
    return _MARKS.sub("", stripped).lower()


def names_match(given: str, *names: str) -> bool:
    wanted = normalized_name(given)
    return bool(wanted) and any(wanted == normalized_name(name) for name in names if name)
