from datetime import timedelta

from saleor.product.models import Product

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets.choices import (
    CertificateKind,
    RegistrationKind,
    RequirementKind,
)
from plugins.export_markets.models import ProductMarketEligibility
from plugins.export_markets.selectors import (
    products_exportable_to,
    verdicts_by_product_ids,
)
from plugins.export_markets.services import (
    market_update,
    producer_registration_add,
    product_certificate_add,
    product_eligibility_recompute,
)
from tests.factories.export_markets import (
    MarketFactory,
    ProducerRegistrationFactory,
    ProductCertificateFactory,
    otop_product,
    require,
    set_stars,
    today,
)
from tests.factories.producer_channels import ProducerFactory
from tests.waiting import wait_until


def verdict(product, country):
    return verdicts_by_product_ids(product_ids=[product.pk], country=country)[product.pk][0]


def messages(product, country):
    return [reason["message"] for reason in verdict(product, country).reasons]


def test_product_meeting_every_rule_is_eligible(db):
    MarketFactory(country="JP")
    product = otop_product(stars=4)
    product_eligibility_recompute(product_ids=[product.pk])
    assert verdict(product, "JP").eligible


def test_stars_below_market_minimum_are_a_reason(db):
    MarketFactory(country="JP", minimum_stars=4)
    product = otop_product(stars=3)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "JP") == ["stars 3 below market minimum 4"]


def test_product_without_current_stars_is_not_eligible(db):
    MarketFactory(country="JP")
    product = otop_product(stars=None)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "JP") == ["no current OTOP star rating"]


def test_category_not_allowed_is_a_reason(db):
    MarketFactory(country="JP", allowed_categories=[OtopCategory.TEXTILE])
    product = otop_product(category=OtopCategory.HERBAL)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "JP") == ["category Herbal products other than food not allowed in Japan"]


def test_missing_halal_certificate_is_a_reason(db):
    market = MarketFactory(country="MY", display_currency="MYR")
    require(market, OtopCategory.FOOD, RequirementKind.HALAL)
    product = otop_product()
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "MY") == ["Halal certificate missing"]


def test_expired_certificate_is_a_reason_with_its_date(db):
    market = MarketFactory(country="MY", display_currency="MYR")
    require(market, OtopCategory.FOOD, RequirementKind.HALAL)
    product = otop_product()
    expired_on = today() - timedelta(days=10)
    ProductCertificateFactory(product=product, valid_from=expired_on - timedelta(days=700), valid_until=expired_on)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "MY") == [f"Halal certificate expired {expired_on.isoformat()}"]


def test_adding_the_required_certificate_makes_the_product_eligible(db):
    market = MarketFactory(country="MY", display_currency="MYR")
    require(market, OtopCategory.FOOD, RequirementKind.HALAL)
    product = otop_product()
    product_eligibility_recompute(product_ids=[product.pk])
    product_certificate_add(
        product=product, kind=CertificateKind.HALAL, number="H-1", valid_from=today(), valid_until=None
    )
    assert verdict(product, "MY").eligible


def test_food_to_the_us_needs_the_producers_fda_facility_registration(db):
    market = MarketFactory(country="US", display_currency="USD")
    require(market, OtopCategory.FOOD, RequirementKind.US_FDA_FACILITY)
    producer = ProducerFactory()
    product = otop_product(producer=producer)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "US") == ["US FDA facility registration missing"]
    producer_registration_add(
        producer=producer, kind=RegistrationKind.US_FDA_FACILITY, number="12345678901", valid_from=today()
    )
    assert verdict(product, "US").eligible


def test_eligible_verdict_lasts_until_the_first_document_runs_out(db):
    market = MarketFactory(country="CN", display_currency="CNY")
    require(market, OtopCategory.FOOD, RequirementKind.GACC)
    producer = ProducerFactory()
    product = otop_product(producer=producer)
    registration = ProducerRegistrationFactory(producer=producer, kind=RegistrationKind.GACC)
    product_eligibility_recompute(product_ids=[product.pk])
    assert verdict(product, "CN").valid_until == registration.valid_until


def test_verdict_whose_certificate_ran_out_is_no_longer_exportable(db):
    market = MarketFactory(country="MY", display_currency="MYR")
    require(market, OtopCategory.FOOD, RequirementKind.HALAL)
    product = otop_product()
    ProductCertificateFactory(product=product)
    product_eligibility_recompute(product_ids=[product.pk])
    ProductMarketEligibility.objects.filter(product=product).update(valid_until=today() - timedelta(days=1))
    assert not products_exportable_to(queryset=Product.objects.all(), country="MY").exists()
    assert not verdict(product, "MY").eligible


def test_eu_food_needs_declared_allergens(db):
    market = MarketFactory(country="DE", display_currency="EUR")
    require(market, OtopCategory.FOOD, RequirementKind.ALLERGEN_DECLARATION)
    product = otop_product()
    product.otop_export_profile.allergens_declared = False
    product.otop_export_profile.save()
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "DE") == ["allergen information not declared"]


def test_product_without_export_profile_is_not_eligible(db):
    MarketFactory(country="JP")
    product = otop_product(profile=False)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "JP") == ["export profile missing"]


def test_every_reason_is_listed(db):
    market = MarketFactory(country="MY", display_currency="MYR", minimum_stars=5)
    require(market, OtopCategory.FOOD, RequirementKind.HALAL)
    product = otop_product(stars=3)
    product_eligibility_recompute(product_ids=[product.pk])
    assert messages(product, "MY") == ["stars 3 below market minimum 5", "Halal certificate missing"]


def test_home_market_takes_every_product(db):
    MarketFactory(country="TH", display_currency="THB", minimum_stars=5, allowed_categories=[])
    product = otop_product(stars=1)
    product_eligibility_recompute(product_ids=[product.pk])
    assert verdict(product, "TH").eligible


def test_market_change_recomputes_after_commit(db, django_capture_on_commit_callbacks):
    market = MarketFactory(country="JP", minimum_stars=4)
    product = otop_product(stars=4)
    product_eligibility_recompute(product_ids=[product.pk])
    with django_capture_on_commit_callbacks(execute=True):
        market_update(market=market, minimum_stars=5)
    assert messages(product, "JP") == ["stars 4 below market minimum 5"]


def test_recompute_changes_nothing_for_unchanged_inputs_and_replaces_rows(db):
    MarketFactory(country="JP")
    product = otop_product(stars=4)
    product_eligibility_recompute(product_ids=[product.pk])
    set_stars(product, 2)
    product_eligibility_recompute(product_ids=[product.pk])
    assert ProductMarketEligibility.objects.filter(product=product).count() == 1
    assert messages(product, "JP") == ["stars 2 below market minimum 4"]


def test_real_worker_recomputes_after_a_market_change(celery_worker):
    market = MarketFactory(country="JP", minimum_stars=4)
    product = otop_product(stars=4)
    product_eligibility_recompute(product_ids=[product.pk])
    market_update(market=market, minimum_stars=5)
    wait_until(lambda: not verdict(product, "JP").eligible)


def _waiting_for_a_lock() -> bool:
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def test_two_recomputes_of_one_product_at_once_both_succeed(transactional_db):
    import threading

    from django.db import connection, transaction

    MarketFactory(country="JP", minimum_stars=4)
    product = otop_product(stars=4)
    ProductMarketEligibility.objects.filter(product=product).delete()
    errors = []

    def recompute_again():
        try:
            product_eligibility_recompute(product_ids=[product.pk])
        except Exception as error:  # noqa: BLE001 - the assertion below reports it
            errors.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        product_eligibility_recompute(product_ids=[product.pk])
        second = threading.Thread(target=recompute_again)
        second.start()
        wait_until(_waiting_for_a_lock)
    second.join(timeout=30)
    assert errors == []
    assert ProductMarketEligibility.objects.filter(product=product).count() == 1
