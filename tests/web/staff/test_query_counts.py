"""Every model page of the back office loads with the same number of queries whatever the
number of rows (changelists at two sizes; change pages with few and with many rows stored)."""
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from otop_kernel.staff_site import staff_site
from tests.factories import StaffFactory
from tests.factories.producer_channels import MemberFactory, ProducerFactory
from tests.factories.provenance import GeographicalIndicationFactory
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db


def _producers(count):
    return [MemberFactory(producer=ProducerFactory()).producer for _ in range(count)]


def _payout_runs(count):
    from plugins.producer_channels.models import PayoutRun

    return [PayoutRun.objects.create(as_of=datetime(2026, 1, 1, tzinfo=UTC), file_name=f"run-{n}.csv") for n in range(count)]


def _payouts(count):
    from plugins.producer_channels.models import Payout, PayoutMethod

    run = _payout_runs(1)[0]
    return [
        Payout.objects.create(
            producer=ProducerFactory(), run=run, currency="THB", amount=Decimal("100.00"),
            transfer_amount=Decimal("97.00"), method=PayoutMethod.PROMPTPAY, promptpay_id="0812345678",
        )
        for _ in range(count)
    ]


def _gis(count):
    return [GeographicalIndicationFactory(province_codes=["46", "50"]) for _ in range(count)]


def _certifications(count):
    from tests.factories import ProductFactory
    from tests.factories.otop_stars import grant

    return [grant(ProductFactory(), round_year=2024, certificate_number=f"Q-{ProductFactory._meta.model.objects.count()}-{n}") for n in range(count)]


def _audit_entries(count):
    from plugins.otop_stars.models import CertificationAuditEntry

    certifications = _certifications(count)
    return list(CertificationAuditEntry.objects.filter(certification__in=certifications))


def _import_jobs(count):
    from plugins.otop_stars.models import CertificationImportJob

    return [CertificationImportJob.objects.create(content="Product,Category,Stars,Round year\n", file_name=f"{n}.csv") for n in range(count)]


def _reviews(count):
    from plugins.otop_stars.models import Review
    from tests.factories import ProductFactory, UserFactory

    product = ProductFactory()
    return [Review.objects.create(product=product, user=UserFactory(), stars=4, title=f"Fine {n}") for n in range(count)]


def _featured_collections(count):
    from tests.factories.curation import rule_collection

    return [rule_collection(min_stars=4) for _ in range(count)]


COUNTRIES = ["JP", "US", "CN", "DE", "FR", "GB", "KR", "SG", "AU", "CA", "NL", "IT", "ES", "SE"]


def _markets(count):
    from plugins.export_markets.models import Market
    from tests.factories.export_markets import MarketFactory, allow_service, duty_rate, require

    start = Market.objects.count()
    markets = [MarketFactory(country=code) for code in COUNTRIES[start:start + count]]
    for market in markets:
        require(market, "FOOD", _requirement_kinds()[0])
        duty_rate(market, "19", "5.00", "10.00")
        allow_service(market)
    return markets


def _requirement_kinds():
    from plugins.export_markets.choices import RequirementKind

    return RequirementKind.values


def _exchange_rates(count):
    from plugins.export_markets.models import ExchangeRate
    from tests.factories.export_markets import set_rate

    start = ExchangeRate.objects.count()
    return [set_rate(currency, "1.5") for currency in ["JPY", "USD", "CNY", "EUR", "GBP", "KRW", "SGD", "AUD", "CAD", "SEK"][start:start + count]]


def _registrations(count):
    from tests.factories.export_markets import ProducerRegistrationFactory

    return [ProducerRegistrationFactory() for _ in range(count)]


def _orders(count):
    from tests.factories.producer_channels import approved_producer, placed_order, producer_product

    producer = approved_producer()
    _product, variant = producer_product(producer, quantity=100)
    return [placed_order([(variant, 1)]) for _ in range(count)]


def _products(count):
    from tests.factories import ProductFactory

    return [ProductFactory(is_published=bool(n % 2)) for n in range(count)]


def _log_entries(count):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from plugins.producer_channels.models import Producer

    user = StaffFactory(email="logger@otop.example")
    producers = _producers(count)
    kind = ContentType.objects.get_for_model(Producer)
    return [
        LogEntry.objects.create(user=user, content_type=kind, object_id=str(p.pk), object_repr=str(p), action_flag=CHANGE, change_message="Approved")
        for p in producers
    ]


# One maker of rows per registered model ("app_label.model_name"); a model registered
# without one fails test_every_registered_model_has_rows_to_show.
ROWS = {
    "admin.logentry": _log_entries,
    "order.order": _orders,
    "product.product": _products,
    "otop_curation.featuredcollection": _featured_collections,
    "otop_export.market": _markets,
    "otop_export.exchangerate": _exchange_rates,
    "otop_export.producerregistration": _registrations,
    "otop_producers.producer": _producers,
    "otop_producers.payout": _payouts,
    "otop_producers.payoutrun": _payout_runs,
    "otop_provenance.geographicalindication": _gis,
    "otop_stars.certification": _certifications,
    "otop_stars.certificationauditentry": _audit_entries,
    "otop_stars.certificationimportjob": _import_jobs,
    "otop_stars.review": _reviews,
}


def registered():
    return sorted(f"{model._meta.app_label}.{model._meta.model_name}" for model in staff_site._registry)


def test_every_registered_model_has_rows_to_show():
    assert sorted(ROWS) == registered()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def superuser_client(client):
    return sign_in(client, StaffFactory(is_superuser=True, email="chief@otop.example"))


@pytest.mark.parametrize("label", registered())
def test_changelist_query_count_is_constant(superuser_client, label):
    app_label, model_name = label.split(".")
    url = f"/staff/{app_label}/{model_name}/"
    ROWS[label](2)
    superuser_client.get(url)  # warms the caches of content types and permissions
    few = _queries(superuser_client, url)
    ROWS[label](8)
    assert _queries(superuser_client, url) == few


@pytest.mark.parametrize("label", registered())
def test_change_page_query_count_is_constant(superuser_client, label):
    app_label, model_name = label.split(".")
    first, *_others = ROWS[label](1)
    url = f"/staff/{app_label}/{model_name}/{first.pk}/change/"
    superuser_client.get(url)
    few = _queries(superuser_client, url)
    second = ROWS[label](6)[-1]
    assert _queries(superuser_client, f"/staff/{app_label}/{model_name}/{second.pk}/change/") == few
