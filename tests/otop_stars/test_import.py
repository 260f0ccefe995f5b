import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from graphql_jwt.shortcuts import get_token
from saleor.product.models import ProductTranslation

from plugins.otop_stars.imports import (
    MATCHED,
    REJECTED,
    UNMATCHED,
    ImportFileError,
    certification_import,
    decode_csv_bytes,
)
from plugins.otop_stars.models import (
    Certification,
    CertificationAuditEntry,
    CertificationImportJob,
    ImportJobStatus,
)
from plugins.provenance.models import ProductProvenance
from tests.factories import ProductFactory
from tests.factories.otop_stars import grant, producer_of

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "opc_results_sample.csv"
MANAGE = ["otop_stars.manage_otop_certification"]
ENGLISH_HEADER = "Product,Producer,Province,Category,Stars,Round year\n"


@pytest.fixture
def sample_catalogue():
    """The products the sample file names: matchable, wrongly placed and ambiguous ones."""
    praewa = ProductFactory(name="Praewa silk shawl")
    ProductTranslation.objects.create(product=praewa, language_code="th", name="ผ้าไหมแพรวา")
    producer_of(praewa, name_th="กลุ่มทอผ้าไหมแพรวาบ้านโพน", subdistrict_code="461002")
    mango = ProductFactory(name="Dried Mango Nam Dok Mai")
    ProductProvenance.objects.create(
        product=mango, subdistrict_id="240101", category="FOOD", producer_group_name="Ban Suan Mango Group"
    )
    herbal = ProductFactory(name="Herbal compress ball")
    ProductProvenance.objects.create(
        product=herbal, subdistrict_id="500101", category="HERBAL", producer_group_name="Doi Herb Group"
    )
    ProductFactory(name="ข้าวแต๋น")
    ProductFactory(name="ข้าวแต๋น")
    return {"praewa": praewa, "mango": mango}


def run(text):
    return certification_import(text=text)


def outcomes(report):
    return [(row.line, row.outcome) for row in report.rows]


def test_sample_file_rows_end_matched_unmatched_or_rejected(sample_catalogue):
    report = run(SAMPLE.read_text(encoding="utf-8"))

    assert outcomes(report) == [
        (2, MATCHED), (3, MATCHED), (4, UNMATCHED), (5, UNMATCHED),
        (6, UNMATCHED), (7, REJECTED), (8, REJECTED), (9, REJECTED),
    ]


def test_matched_rows_record_certifications_with_buddhist_years_converted(sample_catalogue):
    run(SAMPLE.read_text(encoding="utf-8"))

    praewa = Certification.objects.get(product=sample_catalogue["praewa"])
    assert (praewa.stars, praewa.round_year, praewa.category) == (5, 2022, "TEXTILE")
    assert Certification.objects.get(product=sample_catalogue["mango"]).stars == 4


def test_every_unmatched_or_rejected_row_says_why(sample_catalogue):
    reasons = {row.line: row.reason for row in run(SAMPLE.read_text(encoding="utf-8")).rows}

    assert reasons[4] == "no product named 'น้ำพริกเผาสูตรโบราณ'"
    assert reasons[5] == "no product named 'Herbal compress ball' by producer 'Doi Herb Group' in province 'ภูเก็ต'"
    assert reasons[6].startswith("2 products fit")
    assert reasons[7] == "stars must be 1 to 5, got '6'"
    assert reasons[8] == "unknown OTOP category 'เครื่องจักรกล'"
    assert reasons[9].startswith("the round year must be 2003")


def test_a_second_run_changes_nothing(sample_catalogue):
    run(SAMPLE.read_text(encoding="utf-8"))
    written = (Certification.objects.count(), CertificationAuditEntry.objects.count())

    report = run(SAMPLE.read_text(encoding="utf-8"))

    assert (Certification.objects.count(), CertificationAuditEntry.objects.count()) == written
    assert report.created_count == 0
    assert report.count(MATCHED) == 2


def test_english_headers_and_common_era_years_are_read():
    product = ProductFactory(name="Dan Kwian pottery vase")

    report = run(ENGLISH_HEADER + "Dan Kwian pottery vase,,,Household,4 stars,2024\n")

    assert outcomes(report) == [(2, MATCHED)]
    assert Certification.objects.get(product=product).category == "HOUSEHOLD"


def test_a_producer_criterion_picks_one_of_two_same_named_products():
    first, second = ProductFactory(name="Khao tan"), ProductFactory(name="Khao tan")
    producer_of(first, name_en="Ban Na Rice Group")
    producer_of(second, name_en="Ban Don Rice Group")

    report = run(ENGLISH_HEADER + "Khao tan,ban don rice group,,Food,3,2024\n")

    assert report.rows[0].product_id == second.pk


def test_a_row_contradicting_the_recorded_stars_is_rejected_and_changes_nothing():
    product = ProductFactory(name="Phetchaburi palm sugar")
    grant(product, stars=4, round_year=2024)

    report = run(ENGLISH_HEADER + "Phetchaburi palm sugar,,,Food,5,2024\n")

    assert outcomes(report) == [(2, REJECTED)]
    assert "records 4 stars for the 2024 round, the file 5" in report.rows[0].reason
    assert Certification.objects.get().stars == 4


def test_a_revoked_round_is_not_granted_again_by_an_import():
    from plugins.otop_stars import services

    product = ProductFactory(name="Lamphun brocade")
    services.certification_revoke(certification=grant(product, round_year=2024), actor=None, reason="Withdrawn")

    report = run(ENGLISH_HEADER + "Lamphun brocade,,,Textile,4,2024\n")

    assert report.rows[0].outcome == REJECTED
    assert Certification.objects.count() == 1


def test_a_file_without_the_required_columns_is_refused(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("Product,Stars\nSilk,5\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Columns missing: category, round_year"):
        call_command("otop_import_certifications", str(path))


def test_thai_windows_code_page_files_are_decoded():
    assert decode_csv_bytes("จังหวัด".encode("cp874")) == "จังหวัด"


def test_a_thai_file_with_latin_columns_is_decoded():
    text = "Product,จังหวัด,Stars\nผ้าไหม Silk,ขอนแก่น,5\n"
    assert decode_csv_bytes(text.encode("cp874")) == text


def test_a_latin1_file_is_refused_not_read_as_thai():
    for text in ("Produit,Étoiles\nCafé,5\n", "Producto\nPeña,4\n", "Name\nBär,3\n"):
        with pytest.raises(ImportFileError, match="neither UTF-8 nor Thai"):
            decode_csv_bytes(text.encode("latin-1"))


def test_the_command_prints_the_summary_and_the_problem_rows(sample_catalogue):
    out = StringIO()

    call_command("otop_import_certifications", str(SAMPLE), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "8 rows: 2 matched (2 newly recorded), 3 unmatched, 3 rejected."
    assert len(lines) == 7


def test_the_command_run_twice_records_nothing_new(sample_catalogue):
    call_command("otop_import_certifications", str(SAMPLE), stdout=StringIO())
    out = StringIO()

    call_command("otop_import_certifications", str(SAMPLE), stdout=out)

    assert out.getvalue().startswith("8 rows: 2 matched (0 newly recorded)")


IMPORT = """
mutation Import($csv: String, $file: Upload) {
  certificationImport(csv: $csv, file: $file) {
    job { id status }
    otopStarsErrors { field code message }
  }
}
"""

JOB = """
query Job($id: ID!) {
  otopCertificationImportJob(id: $id) {
    status rowCount matchedCount unmatchedCount rejectedCount createdCount
    rows(outcome: REJECTED) { line reason }
  }
}
"""


def test_staff_import_pasted_text_and_read_the_report(staff_api_client, sample_catalogue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        data = staff_api_client.data(IMPORT, {"csv": SAMPLE.read_text(encoding="utf-8")}, permissions=MANAGE)

    job = staff_api_client.data(JOB, {"id": data["certificationImport"]["job"]["id"]})["otopCertificationImportJob"]
    assert (job["status"], job["rowCount"], job["matchedCount"], job["unmatchedCount"], job["rejectedCount"]) == (
        "SUCCEEDED", 8, 2, 3, 3
    )
    assert job["createdCount"] == 2
    assert [row["line"] for row in job["rows"]] == [7, 8, 9]


def test_staff_import_an_uploaded_file(client, staff_user, sample_catalogue, django_capture_on_commit_callbacks):
    from tests.factories import permissions_by_name

    staff_user.user_permissions.add(*permissions_by_name(MANAGE))
    upload = SimpleUploadedFile("opc-2565.csv", SAMPLE.read_bytes(), content_type="text/csv")
    operations = {"query": IMPORT, "variables": {"file": None}}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/graphql/",
            {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]}), "0": upload},
            HTTP_AUTHORIZATION=f"JWT {get_token(staff_user)}",
        )

    assert response.json()["data"]["certificationImport"]["otopStarsErrors"] == []
    job = CertificationImportJob.objects.get()
    assert (job.file_name, job.status, job.matched_count) == ("opc-2565.csv", ImportJobStatus.SUCCEEDED, 2)


def test_an_import_without_the_required_columns_is_refused_at_once(staff_api_client):
    data = staff_api_client.data(IMPORT, {"csv": "Product,Stars\nSilk,5\n"}, permissions=MANAGE)

    assert [(e["field"], e["code"]) for e in data["certificationImport"]["otopStarsErrors"]] == [
        ("csv", "MISSING_COLUMNS")
    ]
    assert CertificationImportJob.objects.count() == 0


def test_import_needs_the_certification_permission(staff_api_client):
    staff_api_client.assert_refused(IMPORT, {"csv": SAMPLE.read_text(encoding="utf-8")})

    assert CertificationImportJob.objects.count() == 0


def test_import_jobs_are_listed_for_staff(staff_api_client):
    CertificationImportJob.objects.create(content=ENGLISH_HEADER, file_name="a.csv")
    query = "{ otopCertificationImportJobs(first: 5) { totalCount edges { node { fileName status } } } }"

    data = staff_api_client.data(query, permissions=MANAGE)

    assert data["otopCertificationImportJobs"]["edges"] == [{"node": {"fileName": "a.csv", "status": "PENDING"}}]



def test_the_import_reports_its_progress_row_by_row(sample_catalogue):
    totals, rows = [], []

    certification_import(
        text=SAMPLE.read_text(encoding="utf-8"), on_start=totals.append, on_row=lambda row: rows.append(row.line)
    )

    assert totals == [8]
    assert rows == [2, 3, 4, 5, 6, 7, 8, 9]
