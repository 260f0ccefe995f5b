from datetime import date

import pytest
from django.utils import timezone

from plugins.otop_stars import selectors, services
from plugins.otop_stars.models import (
    Certification,
    CertificationAction,
    CertificationAuditEntry,
    CertificationStatus,
)
from tests.factories import ProductFactory, StaffFactory
from tests.factories.otop_stars import grant

pytestmark = pytest.mark.django_db


def test_grant_records_history_row_and_current_stars():
    product = ProductFactory()

    certification = grant(product, stars=4, round_year=2024)

    assert certification.status == CertificationStatus.ACTIVE
    assert product.otop_stars.current_stars == 4
    assert product.otop_stars.current_certification == certification


def test_valid_until_defaults_to_end_of_round_year_plus_validity_years():
    certification = grant(ProductFactory(), round_year=2024)

    assert certification.valid_until == date(2026, 12, 31)


def test_round_year_in_buddhist_era_is_common_era_plus_543():
    certification = grant(ProductFactory(), round_year=2024)

    assert certification.round_year_buddhist_era == 2567


def test_current_certification_is_the_newest_active_round():
    product = ProductFactory()
    grant(product, stars=5, round_year=2022, valid_until=date(2099, 12, 31))
    newest = grant(product, stars=3, round_year=2024)

    assert selectors.certification_current(product_id=product.pk) == newest
    assert selectors.current_stars_by_product_ids(product_ids=[product.pk]) == {product.pk: 3}


def test_revoking_the_newest_falls_back_to_the_older_active_one():
    product = ProductFactory()
    older = grant(product, stars=5, round_year=2022, valid_until=date(2099, 12, 31))
    newest = grant(product, stars=3, round_year=2024)

    services.certification_revoke(certification=newest, actor=None, reason="Wrong product photographed")

    product.otop_stars.refresh_from_db()
    assert product.otop_stars.current_certification == older
    assert product.otop_stars.current_stars == 5


def test_a_round_whose_validity_has_passed_is_recorded_as_expired():
    product = ProductFactory()

    certification = grant(product, stars=5, round_year=2016)

    assert certification.status == CertificationStatus.EXPIRED
    assert product.otop_stars.current_stars is None


def test_grant_is_audited_with_actor_and_values():
    staff = StaffFactory()

    certification = grant(ProductFactory(), stars=4, round_year=2024, actor=staff, note="OPC 2024 list")

    entry = certification.audit_entries.get()
    assert (entry.action, entry.actor, entry.before, entry.note) == (
        CertificationAction.GRANTED, staff, None, "OPC 2024 list"
    )
    assert entry.after["stars"] == 4
    assert entry.after["round_year"] == 2024


def test_correction_is_audited_with_before_and_after():
    staff = StaffFactory()
    certification = grant(ProductFactory(), stars=4, round_year=2024)

    services.certification_correct(certification=certification, actor=staff, stars=5, note="Typo")

    entry = certification.audit_entries.get(action=CertificationAction.CORRECTED)
    assert entry.actor == staff
    assert (entry.before["stars"], entry.after["stars"]) == (4, 5)
    assert entry.created_at <= timezone.now()


def test_correction_moves_current_stars():
    product = ProductFactory()
    certification = grant(product, stars=4, round_year=2024)

    services.certification_correct(certification=certification, actor=None, stars=2)

    product.otop_stars.refresh_from_db()
    assert product.otop_stars.current_stars == 2


def test_correction_changing_nothing_writes_no_audit_entry():
    certification = grant(ProductFactory(), stars=4, round_year=2024)

    services.certification_correct(certification=certification, actor=None, stars=4)

    assert certification.audit_entries.count() == 1


def test_correcting_the_round_year_moves_the_default_valid_until():
    certification = grant(ProductFactory(), round_year=2022)

    corrected = services.certification_correct(certification=certification, actor=None, round_year=2024)

    assert corrected.valid_until == date(2026, 12, 31)


def test_correcting_valid_until_into_the_past_expires_it():
    certification = grant(ProductFactory(), round_year=2024)

    corrected = services.certification_correct(
        certification=certification, actor=None, valid_until=date(2024, 6, 30)
    )

    assert corrected.status == CertificationStatus.EXPIRED


def test_revoke_keeps_reason_and_audits_it():
    staff = StaffFactory()
    certification = grant(ProductFactory(), round_year=2024)

    services.certification_revoke(certification=certification, actor=staff, reason="Standard certificate withdrawn")

    certification.refresh_from_db()
    entry = certification.audit_entries.get(action=CertificationAction.REVOKED)
    assert certification.status == CertificationStatus.REVOKED
    assert certification.status_reason == "Standard certificate withdrawn"
    assert (entry.before["status"], entry.after["status"]) == ("active", "revoked")


def test_a_revoked_round_can_be_granted_again():
    product = ProductFactory()
    revoked = grant(product, round_year=2024)
    services.certification_revoke(certification=revoked, actor=None, reason="Recorded on the wrong product")

    again = grant(product, stars=3, round_year=2024)

    assert again.status == CertificationStatus.ACTIVE
    assert Certification.objects.filter(product=product).count() == 2
    assert CertificationAuditEntry.objects.filter(certification__product=product).count() == 3
