"""The log of staff actions: each action through a service leaves a line (who, what, when),
searchable by staff who manage staff."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from plugins.producer_channels.models import ProducerStatus
from tests.factories import StaffFactory
from tests.factories.producer_channels import ProducerFactory
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_a_service_action_is_in_the_searchable_log(officer_client):
    applied = ProducerFactory(status=ProducerStatus.APPLIED, name_en="Lamphun lacquer group")
    officer_client.post("/staff/otop_producers/producer/", {"action": "approve", ACTION_CHECKBOX_NAME: [applied.pk], "apply": "1", "commission_rate": "8"})
    assert officer_client.get("/staff/admin/logentry/").status_code == 403

    auditor = sign_in(Client(), StaffFactory(email="auditor@otop.example", permissions=["account.manage_staff"]))
    page = auditor.get("/staff/admin/logentry/", {"q": "officer@otop.example"}).content.decode()
    assert "Approved (commission rate: 8)" in page
    assert "Approved" not in auditor.get("/staff/admin/logentry/", {"q": "nobody@otop.example"}).content.decode().split("<tbody", 1)[-1]
