import graphene
import pytest
from django.utils import timezone

from plugins.otop_stars.models import (
    Certification,
    CertificationAuditEntry,
    ProductStars,
)
from tests.factories import ProductFactory, UserFactory
from tests.factories.otop_stars import grant, producer_of
from tests.graphql_client import GraphQLClient

pytestmark = pytest.mark.django_db

MANAGE = ["otop_stars.manage_otop_certification"]

GRANT = """
mutation Grant($product: ID!, $input: CertificationGrantInput!) {
  certificationGrant(product: $product, input: $input) {
    certification { id stars roundYear roundYearBuddhistEra certificateNumber category validUntil status recordedByEmail }
    otopStarsErrors { field code message }
  }
}
"""

CORRECT = """
mutation Correct($id: ID!, $input: CertificationCorrectInput!) {
  certificationCorrect(id: $id, input: $input) {
    certification { stars auditTrail { action actorEmail before after note } }
    otopStarsErrors { field code message }
  }
}
"""

REVOKE = """
mutation Revoke($id: ID!, $reason: String) {
  certificationRevoke(id: $id, reason: $reason) {
    certification { status statusReason }
    otopStarsErrors { field code message }
  }
}
"""

HISTORY = """
query History($product: ID!) {
  otopCertifications(product: $product) { certificateNumber stars roundYear status isCurrent auditTrail { action } }
}
"""


def product_id(product):
    return graphene.Node.to_global_id("Product", product.pk)


def certification_id(certification):
    return graphene.Node.to_global_id("OtopCertification", certification.pk)


def grant_input(**overrides):
    values = {"stars": 4, "roundYear": 2024, "certificateNumber": "OPC-67-0001", "category": "FOOD"}
    return {**values, **overrides}


def written_rows():
    return (Certification.objects.count(), CertificationAuditEntry.objects.count(), ProductStars.objects.count())


def test_staff_grants_a_certification(staff_api_client, staff_user):
    product = ProductFactory()

    data = staff_api_client.data(GRANT, {"product": product_id(product), "input": grant_input()}, permissions=MANAGE)

    certification = data["certificationGrant"]["certification"]
    assert certification["stars"] == 4
    assert (certification["roundYear"], certification["roundYearBuddhistEra"]) == (2024, 2567)
    assert certification["validUntil"] == "2026-12-31"
    assert certification["recordedByEmail"] == staff_user.email


def test_grant_without_permission_is_refused(staff_api_client):
    staff_api_client.assert_refused(GRANT, {"product": product_id(ProductFactory()), "input": grant_input()})

    assert written_rows() == (0, 0, 0)


def test_a_producer_cannot_grant_stars_to_its_own_product(client):
    producer_user = UserFactory()
    product = ProductFactory()
    producer_of(product, members=[producer_user])

    GraphQLClient(client, user=producer_user).assert_refused(
        GRANT, {"product": product_id(product), "input": grant_input()}
    )

    assert written_rows() == (0, 0, 0)


@pytest.mark.parametrize(
    "overrides, field, code",
    [
        ({"stars": 0}, "stars", "INVALID_STARS"),
        ({"stars": 6}, "stars", "INVALID_STARS"),
        ({"roundYear": 2002}, "roundYear", "INVALID_ROUND_YEAR"),
        ({"roundYear": timezone.localdate().year + 1}, "roundYear", "INVALID_ROUND_YEAR"),
        ({"certificateNumber": "  "}, "certificateNumber", "REQUIRED"),
        ({"score": 95.0}, "score", "SCORE_OUTSIDE_BAND"),
        ({"score": 120.0}, "score", "INVALID_SCORE"),
        ({"validUntil": "2023-12-31"}, "validUntil", "INVALID_VALID_UNTIL"),
    ],
)
def test_bad_grant_input_is_refused_and_writes_nothing(staff_api_client, overrides, field, code):
    product = ProductFactory()

    data = staff_api_client.data(
        GRANT, {"product": product_id(product), "input": grant_input(**overrides)}, permissions=MANAGE
    )

    assert data["certificationGrant"]["certification"] is None
    errors = data["certificationGrant"]["otopStarsErrors"]
    assert [(error["field"], error["code"]) for error in errors] == [(field, code)]
    assert written_rows() == (0, 0, 0)


def test_duplicate_certificate_number_is_refused(staff_api_client):
    grant(ProductFactory(), certificate_number="OPC-67-0001")
    before = written_rows()

    data = staff_api_client.data(
        GRANT,
        {"product": product_id(ProductFactory()), "input": grant_input(certificateNumber="opc-67-0001")},
        permissions=MANAGE,
    )

    assert data["certificationGrant"]["otopStarsErrors"][0]["code"] == "DUPLICATE_CERTIFICATE_NUMBER"
    assert written_rows() == before


def test_second_certification_of_the_same_round_is_refused(staff_api_client):
    product = ProductFactory()
    grant(product, round_year=2024)
    before = written_rows()

    data = staff_api_client.data(
        GRANT, {"product": product_id(product), "input": grant_input(certificateNumber="OPC-X")}, permissions=MANAGE
    )

    assert data["certificationGrant"]["otopStarsErrors"][0]["code"] == "DUPLICATE_ROUND"
    assert written_rows() == before


def test_staff_correct_a_certification_and_see_the_audit_trail(staff_api_client, staff_user):
    certification = grant(ProductFactory(), stars=3, round_year=2024)

    data = staff_api_client.data(
        CORRECT,
        {"id": certification_id(certification), "input": {"stars": 4, "note": "Scoring sheet re-checked"}},
        permissions=MANAGE,
    )

    result = data["certificationCorrect"]["certification"]
    assert result["stars"] == 4
    corrected = result["auditTrail"][-1]
    assert corrected["action"] == "CORRECTED"
    assert corrected["actorEmail"] == staff_user.email
    assert '"stars": 3' in corrected["before"] and '"stars": 4' in corrected["after"]


def test_correcting_into_stars_out_of_range_writes_nothing(staff_api_client):
    certification = grant(ProductFactory(), stars=3, round_year=2024)
    before = written_rows()

    data = staff_api_client.data(
        CORRECT, {"id": certification_id(certification), "input": {"stars": 6}}, permissions=MANAGE
    )

    assert data["certificationCorrect"]["otopStarsErrors"][0]["code"] == "INVALID_STARS"
    certification.refresh_from_db()
    assert certification.stars == 3
    assert written_rows() == before


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_revoke_without_reason_is_refused(staff_api_client, reason):
    certification = grant(ProductFactory(), round_year=2024)
    before = written_rows()

    data = staff_api_client.data(
        REVOKE, {"id": certification_id(certification), "reason": reason}, permissions=MANAGE
    )

    assert [(e["field"], e["code"]) for e in data["certificationRevoke"]["otopStarsErrors"]] == [
        ("reason", "REASON_REQUIRED")
    ]
    certification.refresh_from_db()
    assert certification.status == "active"
    assert written_rows() == before


def test_staff_revoke_with_reason(staff_api_client):
    certification = grant(ProductFactory(), round_year=2024)

    data = staff_api_client.data(
        REVOKE, {"id": certification_id(certification), "reason": "Producer closed"}, permissions=MANAGE
    )

    assert data["certificationRevoke"]["certification"] == {"status": "REVOKED", "statusReason": "Producer closed"}


def test_revoking_twice_is_refused(staff_api_client):
    certification = grant(ProductFactory(), round_year=2024)
    staff_api_client.data(REVOKE, {"id": certification_id(certification), "reason": "First"}, permissions=MANAGE)

    data = staff_api_client.data(REVOKE, {"id": certification_id(certification), "reason": "Second"})

    assert data["certificationRevoke"]["otopStarsErrors"][0]["code"] == "ALREADY_REVOKED"
    assert CertificationAuditEntry.objects.count() == 2


def test_staff_read_the_history_newest_first(staff_api_client):
    product = ProductFactory()
    grant(product, stars=3, round_year=2019)
    grant(product, stars=4, round_year=2024)

    data = staff_api_client.data(HISTORY, {"product": product_id(product)}, permissions=MANAGE)

    assert [(row["roundYear"], row["status"], row["isCurrent"]) for row in data["otopCertifications"]] == [
        (2024, "ACTIVE", True),
        (2019, "EXPIRED", False),
    ]


def test_a_producer_reads_its_own_products_history(client):
    producer_user = UserFactory()
    product = ProductFactory()
    producer_of(product, members=[producer_user])
    grant(product, stars=4, round_year=2024)

    data = GraphQLClient(client, user=producer_user).data(HISTORY, {"product": product_id(product)})

    assert [row["stars"] for row in data["otopCertifications"]] == [4]


def test_a_producer_cannot_read_another_producers_history(client):
    producer_user = UserFactory()
    producer_of(ProductFactory(), members=[producer_user])
    other = ProductFactory()
    producer_of(other, email="other@example.com")
    grant(other, round_year=2024)

    GraphQLClient(client, user=producer_user).assert_refused(HISTORY, {"product": product_id(other)})


def test_a_shopper_cannot_read_the_history(user_api_client):
    product = ProductFactory()
    grant(product, round_year=2024)

    user_api_client.assert_refused(HISTORY, {"product": product_id(product)})


def test_a_producer_cannot_correct_its_own_products_certification(client):
    producer_user = UserFactory()
    product = ProductFactory()
    producer_of(product, members=[producer_user])
    certification = grant(product, stars=2, round_year=2024)

    GraphQLClient(client, user=producer_user).assert_refused(
        CORRECT, {"id": certification_id(certification), "input": {"stars": 5}}
    )

    certification.refresh_from_db()
    assert certification.stars == 2
