"""The six-region map in common use (North 9, Northeast 20, Central 22 with Bangkok,
East 7, West 5, South 14). DOPA and geothai have no regions, so the project keeps it."""
from typing import NamedTuple


class RegionDefinition(NamedTuple):
    code: str
    name_th: str
    name_en: str
    province_codes: tuple[str, ...]


REGIONS: tuple[RegionDefinition, ...] = (
    RegionDefinition(
        "NORTH", "ภาคเหนือ", "North",
        ("50", "51", "52", "53", "54", "55", "56", "57", "58"),
    ),
    RegionDefinition(
        "NORTHEAST", "ภาคตะวันออกเฉียงเหนือ", "Northeast",
        ("30", "31", "32", "33", "34", "35", "36", "37", "38", "39",
         "40", "41", "42", "43", "44", "45", "46", "47", "48", "49"),
    ),
    RegionDefinition(
        "CENTRAL", "ภาคกลาง", "Central",
        ("10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "26",
         "60", "61", "62", "64", "65", "66", "67", "72", "73", "74", "75"),
    ),
    RegionDefinition(
        "EAST", "ภาคตะวันออก", "East",
        ("20", "21", "22", "23", "24", "25", "27"),
    ),
    RegionDefinition(
        # Tak, Kanchanaburi, Ratchaburi, Phetchaburi, Prachuap Khiri Khan
        "WEST", "ภาคตะวันตก", "West",
        ("63", "70", "71", "76", "77"),
    ),
    RegionDefinition(
        "SOUTH", "ภาคใต้", "South",
        ("80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"),
    ),
)

REGION_OF_PROVINCE: dict[str, str] = {
    province_code: region.code for region in REGIONS for province_code in region.province_codes
}


def iso_code(province_code: str) -> str:
    """ISO 3166-2 subdivision code of a province: "TH-" + its DOPA code (Bangkok TH-10)."""
    return f"TH-{province_code}"
