from graphql_relay import to_global_id

from plugins.export_markets.models import (
    ExportProfile,
    ProducerRegistration,
    ProductCertificate,
)
from tests.factories import ProductFactory, UserFactory
from tests.factories.export_markets import MarketFactory, make_member, otop_product
from tests.factories.producer_channels import ProducerFactory
from tests.graphql_client import GraphQLClient, mutation_errors

MANAGE_EXPORT = ["otop_export.manage_otop_export"]

PROFILE = """
mutation Profile($id: ID!, $input: ExportProfileInput!) {
  productExportProfileUpdate(productId: $id, input: $input) {
    exportProfile { hsCode netWeightGrams grossWeightGrams allergensDeclared allergens }
    exportErrors { field code message }
  }
}
"""

CERTIFICATE = """
mutation Certificate($id: ID!, $input: ExportCertificateInput!) {
  productCertificateAdd(productId: $id, input: $input) {
    certificate { id kind number validFrom validUntil }
    exportErrors { field code message }
  }
}
"""

REGISTRATION = """
mutation Registration($slug: String!, $input: ExportRegistrationInput!) {
  producerExportRegistrationAdd(producerSlug: $slug, input: $input) {
    registration { kind number }
    exportErrors { field code message }
  }
}
"""


def product_id(product):
    return to_global_id("Product", product.pk)


def test_staff_sets_hs_code_weights_and_allergens(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        PROFILE,
        {
            "id": product_id(product),
            "input": {"hsCode": "2008.99.10", "netWeightGrams": 200, "grossWeightGrams": 260, "allergens": ["PEANUTS", "SESAME"]},
        },
        permissions=MANAGE_EXPORT,
    )
    assert data["productExportProfileUpdate"]["exportProfile"] == {
        "hsCode": "20089910",
        "netWeightGrams": 200,
        "grossWeightGrams": 260,
        "allergensDeclared": True,
        "allergens": ["PEANUTS", "SESAME"],
    }


def test_hs_code_of_the_wrong_shape_is_refused_and_nothing_written(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        PROFILE, {"id": product_id(product), "input": {"hsCode": "20089", "netWeightGrams": 100}}, permissions=MANAGE_EXPORT
    )
    errors = mutation_errors(data, "productExportProfileUpdate", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("hsCode", "INVALID_HS_CODE")]
    assert not ExportProfile.objects.exists()


def test_gross_weight_below_net_weight_is_refused(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        PROFILE,
        {"id": product_id(product), "input": {"netWeightGrams": 300, "grossWeightGrams": 200}},
        permissions=MANAGE_EXPORT,
    )
    assert mutation_errors(data, "productExportProfileUpdate", "exportErrors")[0]["code"] == "INVALID_WEIGHT"


def test_producer_member_edits_their_own_products_profile(db, client):
    producer = ProducerFactory()
    member = UserFactory()
    make_member(producer, member)
    product = otop_product(producer=producer, profile=False)
    data = GraphQLClient(client, user=member).data(PROFILE, {"id": product_id(product), "input": {"hsCode": "080450"}})
    assert data["productExportProfileUpdate"]["exportProfile"]["hsCode"] == "080450"


def test_producer_member_cannot_edit_another_producers_product(db, client):
    member = UserFactory()
    make_member(ProducerFactory(), member)
    product = otop_product(producer=ProducerFactory(), profile=False)
    api = GraphQLClient(client, user=member)
    data = api.data(PROFILE, {"id": product_id(product), "input": {"hsCode": "080450"}})
    missing = api.data(PROFILE, {"id": to_global_id("Product", product.pk + 1000), "input": {"hsCode": "080450"}})
    errors = mutation_errors(data, "productExportProfileUpdate", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("productId", "NOT_FOUND")]
    # "not yours" and "does not exist" read the same, but for the id itself
    other_id, missing_id = product_id(product), to_global_id("Product", product.pk + 1000)
    assert errors[0]["message"].replace(other_id, "ID") == mutation_errors(
        missing, "productExportProfileUpdate", "exportErrors"
    )[0]["message"].replace(missing_id, "ID")
    assert not ExportProfile.objects.exists()


def test_empty_product_id_is_not_found(staff_api_client):
    data = staff_api_client.data(PROFILE, {"id": "", "input": {"hsCode": "080450"}}, permissions=MANAGE_EXPORT)
    errors = mutation_errors(data, "productExportProfileUpdate", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("productId", "NOT_FOUND")]


def test_hs_code_of_a_chapter_that_does_not_exist_is_refused(staff_api_client):
    product = ProductFactory()
    for hs_code in ("999999", "980100", "770100", "000100"):
        data = staff_api_client.data(
            PROFILE, {"id": product_id(product), "input": {"hsCode": hs_code}}, permissions=MANAGE_EXPORT
        )
        errors = mutation_errors(data, "productExportProfileUpdate", "exportErrors")
        assert [(error["field"], error["code"]) for error in errors] == [("hsCode", "INVALID_HS_CODE")], hs_code
    assert not ExportProfile.objects.exists()


def test_customs_description_longer_than_its_column_is_refused(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        PROFILE, {"id": product_id(product), "input": {"customsDescriptionEn": "x" * 300}}, permissions=MANAGE_EXPORT
    )
    errors = mutation_errors(data, "productExportProfileUpdate", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("customsDescriptionEn", "TOO_LONG")]
    assert not ExportProfile.objects.exists()


def test_thai_fda_number_is_stored_in_its_dashed_form(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        CERTIFICATE,
        {"id": product_id(product), "input": {"kind": "THAI_FDA", "number": "1012345612345", "validFrom": "2025-01-01"}},
        permissions=MANAGE_EXPORT,
    )
    assert data["productCertificateAdd"]["certificate"]["number"] == "10-1-23456-1-2345"


def test_thai_fda_number_that_is_not_13_digits_is_refused(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        CERTIFICATE,
        {"id": product_id(product), "input": {"kind": "THAI_FDA", "number": "10-1-23456-1-234", "validFrom": "2025-01-01"}},
        permissions=MANAGE_EXPORT,
    )
    errors = mutation_errors(data, "productCertificateAdd", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("number", "INVALID_CERTIFICATE_NUMBER")]
    assert not ProductCertificate.objects.exists()


def test_certificate_valid_until_before_valid_from_is_refused(staff_api_client):
    product = ProductFactory()
    data = staff_api_client.data(
        CERTIFICATE,
        {
            "id": product_id(product),
            "input": {"kind": "HALAL", "number": "H-1", "validFrom": "2025-06-01", "validUntil": "2025-05-31"},
        },
        permissions=MANAGE_EXPORT,
    )
    errors = mutation_errors(data, "productCertificateAdd", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("validUntil", "INVALID_DATE_RANGE")]
    assert not ProductCertificate.objects.exists()


def test_certificate_delete_makes_the_product_ineligible_again(staff_api_client):
    from otop_kernel.otop_categories import OtopCategory
    from plugins.export_markets.choices import RequirementKind
    from tests.factories.export_markets import require

    market = MarketFactory(country="MY", display_currency="MYR")
    require(market, OtopCategory.FOOD, RequirementKind.HALAL)
    product = otop_product()
    added = staff_api_client.data(
        CERTIFICATE,
        {"id": product_id(product), "input": {"kind": "HALAL", "number": "H-1", "validFrom": "2025-01-01"}},
        permissions=MANAGE_EXPORT,
    )["productCertificateAdd"]["certificate"]
    staff_api_client.data(
        "mutation($id: ID!) { productCertificateDelete(id: $id) { exportErrors { code } } }", {"id": added["id"]}
    )
    verdict = product.otop_export_eligibility.get(market=market)
    assert verdict.reasons == [{"code": "CERTIFICATE_MISSING", "message": "Halal certificate missing"}]


def test_producer_member_adds_their_facility_registration(db, client):
    producer = ProducerFactory()
    member = UserFactory()
    make_member(producer, member)
    data = GraphQLClient(client, user=member).data(
        REGISTRATION, {"slug": producer.slug, "input": {"kind": "GACC", "number": "CTHA12345678", "validFrom": "2025-01-01"}}
    )
    assert data["producerExportRegistrationAdd"]["registration"] == {"kind": "GACC", "number": "CTHA12345678"}


def test_stranger_cannot_add_a_producers_registration(user_api_client):
    producer = ProducerFactory()
    data = user_api_client.data(
        REGISTRATION, {"slug": producer.slug, "input": {"kind": "GACC", "number": "X", "validFrom": "2025-01-01"}}
    )
    errors = mutation_errors(data, "producerExportRegistrationAdd", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("producerSlug", "NOT_FOUND")]
    assert not ProducerRegistration.objects.exists()
