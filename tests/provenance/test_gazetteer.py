from collections import Counter

import pytest
from django.core.management import call_command

from plugins.provenance import selectors
from plugins.provenance.models import District, Province, Region, Subdistrict
from plugins.provenance.services import gazetteer_load

pytestmark = pytest.mark.django_db


def test_gazetteer_has_every_current_unit_of_thailand():
    assert Region.objects.count() == 6
    assert Province.objects.count() == 77
    assert District.objects.current().count() == 928
    assert Subdistrict.objects.current().count() == 7436


def test_provinces_fall_into_the_six_regions_in_common_use():
    per_region = Counter(Province.objects.values_list("region_id", flat=True))
    assert per_region == {"NORTH": 9, "NORTHEAST": 20, "CENTRAL": 22, "EAST": 7, "WEST": 5, "SOUTH": 14}


def test_west_is_tak_kanchanaburi_ratchaburi_phetchaburi_prachuap():
    west = set(Province.objects.filter(region_id="WEST").values_list("name_en", flat=True))
    assert west == {"Tak", "Kanchanaburi", "Ratchaburi", "Phetchaburi", "Prachuap Khiri Khan"}


def test_bangkok_is_central_with_iso_code_th_10():
    bangkok = Province.objects.get(code="10")
    assert (bangkok.name_en, bangkok.iso_code, bangkok.region_id) == ("Bangkok", "TH-10", "CENTRAL")


def test_subdistrict_has_thai_and_english_names_and_postcodes():
    ko_tao = Subdistrict.objects.get(code="840503")
    assert (ko_tao.name_th, ko_tao.name_en, ko_tao.postcodes) == ("เกาะเต่า", "Ko Tao", ["84360"])
    assert ko_tao.district.province.name_en == "Surat Thani"


def test_loading_again_changes_nothing():
    result = gazetteer_load()
    assert not result.changed


def test_loading_repairs_a_changed_row():
    Subdistrict.objects.filter(code="840503").update(name_en="Turtle Island", postcodes=[])
    result = gazetteer_load()
    assert result.updated["subdistricts"] == 1
    assert Subdistrict.objects.get(code="840503").name_en == "Ko Tao"


def test_load_command_reports_nothing_to_change(capsys):
    call_command("otop_load_gazetteer")
    assert "nothing to change" in capsys.readouterr().out


def test_abolished_subdistrict_is_kept_with_its_successor():
    bang_sue_old = Subdistrict.objects.get(code="100205")
    assert bang_sue_old.abolished_on is not None
    assert [s.code for s in bang_sue_old.successors.all()] == ["102901"]


def test_old_subdistrict_code_resolves_to_the_current_unit():
    assert selectors.subdistrict_resolve(code="100205").code == "102901"


def test_old_code_split_into_several_units_does_not_resolve_to_one():
    bang_na_old = Subdistrict.objects.get(code="104701")
    assert bang_na_old.successors.count() == 2
    assert selectors.subdistrict_resolve(code="104701") is None


def test_current_code_resolves_to_itself():
    assert selectors.subdistrict_resolve(code="840503").code == "840503"
