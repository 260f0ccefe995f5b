from decimal import Decimal

import geothai
from django.apps import apps
from saleor.product.models import (
    Category,
    CategoryTranslation,
    Product,
    ProductTranslation,
)

from otop_kernel.demo_catalogue import GEOGRAPHICAL_INDICATIONS, PRODUCERS, PRODUCTS
from otop_kernel.otop_categories import OtopCategory
from plugins.provenance.regions import REGION_OF_PROVINCE
from saleor_otop.demo import demo_catalogue_load, demo_plugins_load
from saleor_otop.management.commands.otop_demo import staff_password

STAFF_EMAIL = "staff@otop-market.example"
PASSWORD = "demo-password-1"


def load_demo():
    catalogue = demo_catalogue_load(staff_email=STAFF_EMAIL, staff_password=PASSWORD, log=lambda _: None)
    demo_plugins_load(catalogue=catalogue, log=lambda _: None)
    return catalogue


def row_counts() -> dict:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def test_demo_creates_the_five_otop_categories_in_english_and_thai(db):
    load_demo()

    assert Category.objects.count() >= len(OtopCategory)
    assert CategoryTranslation.objects.filter(language_code="th").count() >= len(OtopCategory)


def test_demo_creates_published_thb_products_with_thai_names(db):
    catalogue = load_demo()

    assert Product.objects.published().count() >= 50
    assert len(catalogue.items) == len(PRODUCTS)
    assert set(Product.objects.values_list("currency", flat=True)) == {"THB"}
    silk = Product.objects.get(slug="praewa-silk-shawl")
    assert ProductTranslation.objects.get(product=silk, language_code="th").name == "ผ้าสไบไหมแพรวา"
    assert ProductTranslation.objects.filter(language_code="th").count() >= 50


def test_demo_goods_have_japanese_and_chinese_names_and_descriptions(db):
    load_demo()

    for language_code in ("ja", "zh-hans"):
        translations = ProductTranslation.objects.filter(language_code=language_code).exclude(name="").exclude(
            description="")
        assert translations.count() == len(PRODUCTS), language_code
    silk = Product.objects.get(slug="praewa-silk-shawl")
    assert ProductTranslation.objects.get(product=silk, language_code="ja").name == "プレーワー・シルクのショール"


def test_demo_loaded_twice_writes_nothing_new(db):
    load_demo()
    counts = row_counts()
    last_update = max(Product.objects.values_list("updated_at", flat=True))

    load_demo()

    assert row_counts() == counts
    assert max(Product.objects.values_list("updated_at", flat=True)) == last_update


def test_demo_staff_user_logs_in_with_the_printed_password(db, api_client):
    load_demo()

    data = api_client.data(
        "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token user { isStaff } } }",
        {"e": STAFF_EMAIL, "p": PASSWORD},
    )

    assert data["tokenCreate"]["token"]
    assert data["tokenCreate"]["user"]["isStaff"] is True


def test_demo_staff_password_is_generated_once_and_kept(tmp_path):
    path = tmp_path / "var" / "demo-staff-password"

    first = staff_password(path)

    assert len(first) >= 12
    assert staff_password(path) == first
    assert path.stat().st_mode & 0o077 == 0


def test_demo_goods_come_from_real_subdistricts_in_every_region():
    provinces = {item.province_code for item in PRODUCTS}

    assert all(geothai.subdistrict(item.subdistrict_code) for item in PRODUCTS)
    assert all(geothai.subdistrict(producer.subdistrict_code) for producer in PRODUCERS)
    assert len(provinces) >= 30
    assert {REGION_OF_PROVINCE[code] for code in provinces} == {
        "NORTH", "NORTHEAST", "CENTRAL", "EAST", "WEST", "SOUTH"
    }


def test_demo_goods_are_made_in_their_producers_province():
    producers = {producer.key: producer for producer in PRODUCERS}

    for item in PRODUCTS:
        assert producers[item.producer_key].province_code == item.province_code, item.key


def test_demo_geographical_indications_are_used_in_their_own_provinces():
    indications = {gi.key: gi for gi in GEOGRAPHICAL_INDICATIONS}

    for item in PRODUCTS:
        if item.gi_key:
            assert item.province_code in indications[item.gi_key].province_codes, item.key


def test_demo_goods_have_valid_prices_stars_and_hs_codes():
    for item in PRODUCTS:
        assert item.price > 0 and item.price == item.price.quantize(Decimal("0.01")), item.key
        assert 1 <= item.stars <= 5 and item.star_year in (2019, 2022, 2024), item.key
        assert len(item.hs_code) == 6 and item.hs_code.isdigit(), item.key
        assert item.weight_grams > 0, item.key
    assert len({item.key for item in PRODUCTS}) == len(PRODUCTS)


def test_demo_with_a_database_that_does_not_exist_stops_with_one_line():
    import os
    import subprocess
    import sys

    from tests.support.processes import PROJECT_DIR

    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/otop_no_such_database_here", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "otop_demo", "--no-serve"], cwd=PROJECT_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "otop_no_such_database_here" in lines[0] and "does not exist" in lines[0]
