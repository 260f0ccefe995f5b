"""Official stars in the back office: each write refused without MANAGE_OTOP_CERTIFICATION
(even when its form is posted), then done through the services; the import runs on a worker."""
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from plugins.otop_stars.models import (
    Certification,
    CertificationAuditEntry,
    CertificationImportJob,
    CertificationStatus,
    ImportJobStatus,
)
from tests.factories import ProductFactory, StaffFactory
from tests.factories.otop_stars import grant
from tests.otop_stars.test_import import sample_catalogue  # noqa: F401
from tests.waiting import wait_until
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db
GRANT = "/staff/otop_stars/certification/grant/"
CERTIFICATIONS = "/staff/otop_stars/certification/"
MANAGE = ["otop_stars.manage_otop_certification"]
SAMPLE = Path(__file__).resolve().parents[2] / "otop_stars" / "data" / "opc_results_sample.csv"


@pytest.fixture
def committee(client):
    return sign_in(client, StaffFactory(email="committee@otop.example", permissions=MANAGE))


@pytest.fixture
def other_staff():
    return sign_in(Client(), StaffFactory(email="curator@otop.example", permissions=["otop_curation.manage_otop_curation"]))


def grant_data(product, **values):
    return {
        "product": product.slug, "stars": "5", "round_year": "2024", "certificate_number": "OTOP-2567-0001",
        "category": "TEXTILE", "score": "", "valid_until": "", "note": "Committee meeting 3/2567", **values,
    }


def test_granting_is_refused_without_the_permission_even_when_posted(other_staff):
    product = ProductFactory()
    assert other_staff.get(GRANT).status_code == 403
    assert other_staff.post(GRANT, grant_data(product)).status_code == 403
    assert not Certification.objects.exists()


def test_the_committee_grants_stars_with_its_decision_in_the_audit_trail(committee):
    product = ProductFactory()
    assert committee.get(GRANT).status_code == 200
    response = committee.post(GRANT, grant_data(product))
    assert response.status_code == 302
    certification = Certification.objects.get(product=product)
    assert certification.stars == 5 and certification.status == CertificationStatus.ACTIVE
    entry = CertificationAuditEntry.objects.get(certification=certification)
    assert entry.note == "Committee meeting 3/2567"
    audit_page = committee.get("/staff/otop_stars/certificationauditentry/").content.decode()
    assert "OTOP-2567-0001" in audit_page


def test_a_duplicate_certificate_number_is_an_error_on_its_field(committee):
    grant(ProductFactory(), certificate_number="OTOP-2567-0001", round_year=2024)
    response = committee.post(GRANT, grant_data(ProductFactory()))
    assert response.status_code == 200
    assert "Another certification has this certificate number." in response.content.decode()
    assert Certification.objects.count() == 1


def test_correcting_is_refused_then_done(committee, other_staff):
    certification = grant(ProductFactory(), stars=4, round_year=2024, certificate_number="C-1")
    url = f"/staff/otop_stars/certification/{certification.pk}/correct/"
    data = {"stars": "5", "round_year": "2024", "certificate_number": "C-1", "category": certification.category,
            "score": "", "valid_until": certification.valid_until.isoformat(), "note": "Typo in the minutes"}
    assert other_staff.post(url, data).status_code == 403
    assert Certification.objects.get(pk=certification.pk).stars == 4
    assert committee.post(url, data).status_code == 302
    assert Certification.objects.get(pk=certification.pk).stars == 5


def test_revoking_is_refused_then_done_with_its_reason(committee, other_staff):
    certification = grant(ProductFactory(), round_year=2024, certificate_number="C-2")
    data = {"action": "revoke", ACTION_CHECKBOX_NAME: [certification.pk], "apply": "1", "reason": "Forged documents"}
    other_staff.post(CERTIFICATIONS, data)
    assert Certification.objects.get(pk=certification.pk).status == CertificationStatus.ACTIVE
    committee.post(CERTIFICATIONS, data)
    revoked = Certification.objects.get(pk=certification.pk)
    assert revoked.status == CertificationStatus.REVOKED and revoked.status_reason == "Forged documents"


def test_the_expiring_list_holds_active_certifications_ending_soon(committee):
    import datetime

    from django.utils import timezone

    soon = grant(ProductFactory(), round_year=2024, certificate_number="SOON-1", valid_until=timezone.localdate() + datetime.timedelta(days=10))
    grant(ProductFactory(), round_year=2024, certificate_number="LATER-1", valid_until=timezone.localdate() + datetime.timedelta(days=400))
    page = committee.get(CERTIFICATIONS + "?expiring=soon").content.decode()
    assert soon.certificate_number in page and "LATER-1" not in page


def test_an_unreadable_file_is_an_error_on_the_field(committee):
    upload = SimpleUploadedFile("results.csv", b"just,some,columns\n1,2,3\n", content_type="text/csv")
    response = committee.post("/staff/otop_stars/certificationimportjob/upload/", {"file": upload})
    assert response.status_code == 200 and b"staff-error" in response.content
    assert not CertificationImportJob.objects.exists()


def test_uploading_is_refused_without_the_permission(other_staff):
    upload = SimpleUploadedFile("results.csv", SAMPLE.read_bytes(), content_type="text/csv")
    assert other_staff.post("/staff/otop_stars/certificationimportjob/upload/", {"file": upload}).status_code == 403


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("sample_catalogue")
def test_the_round_file_is_imported_by_a_worker_with_its_progress_and_rows(celery_worker, client):
    committee = sign_in(client, StaffFactory(email="committee@otop.example", permissions=MANAGE))
    upload = SimpleUploadedFile("opc-2565.csv", SAMPLE.read_bytes(), content_type="text/csv")
    response = committee.post("/staff/otop_stars/certificationimportjob/upload/", {"file": upload})
    assert response.status_code == 302
    progress_url = response["Location"]
    first = committee.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="import-progress"' in first

    job = CertificationImportJob.objects.get()
    wait_until(lambda: CertificationImportJob.objects.get(pk=job.pk).status in (ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED), timeout=120)
    final = committee.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    job.refresh_from_db()
    assert job.status == ImportJobStatus.SUCCEEDED, job.error
    assert "hx-trigger" not in final  # the polling stops
    assert final.count("<tr data-outcome=") == job.row_count == 8
    assert f'value="{job.row_count}"' in final
