import pytest
from django.contrib.admin import AdminSite
from django.test import RequestFactory

from plugins.provenance.models import GeographicalIndication, Province
from plugins.provenance.staff_admin import (
    GeographicalIndicationAdmin,
    GeographicalIndicationAdminForm,
)
from tests.factories import StaffFactory
from tests.factories.provenance import GeographicalIndicationFactory, provenance_in

pytestmark = pytest.mark.django_db

DAN_KWIAN = {
    "name_th": "เครื่องปั้นดินเผาด่านเกวียน",
    "name_en": "Dan Kwian pottery",
    "slug": "dan-kwian-pottery",
    "registration_number": "",
    "kind": "HANDICRAFT",
}


def gi_admin():
    return GeographicalIndicationAdmin(GeographicalIndication, AdminSite())


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_admin_form_adds_a_gi_through_the_service():
    form = GeographicalIndicationAdminForm(data={**DAN_KWIAN, "provinces": [Province.objects.get(code="30").pk]})
    assert form.is_valid(), form.errors
    gi = form.save(commit=False)
    gi_admin().save_model(request_by(StaffFactory()), gi, form, change=False)
    saved = GeographicalIndication.objects.get(slug="dan-kwian-pottery")
    assert list(saved.provinces.values_list("code", flat=True)) == ["30"]


def test_admin_form_refuses_to_drop_a_province_whose_products_carry_the_gi():
    gi = GeographicalIndicationFactory(province_codes=["46", "47"])
    provenance_in("460101", gi=gi)
    data = {**DAN_KWIAN, "slug": gi.slug, "provinces": [Province.objects.get(code="47").pk]}
    form = GeographicalIndicationAdminForm(data=data, instance=gi)
    assert not form.is_valid()
    assert "provinces" in form.errors


def test_admin_needs_the_provenance_permission():
    staff = StaffFactory()
    assert not gi_admin().has_change_permission(request_by(staff))
    programme = StaffFactory(permissions=["otop_provenance.manage_otop_provenance"])
    assert gi_admin().has_change_permission(request_by(programme))


def test_admin_does_not_offer_to_delete_a_gi_products_carry():
    programme = StaffFactory(permissions=["otop_provenance.manage_otop_provenance"])
    gi = GeographicalIndicationFactory(province_codes=["46"])
    provenance_in("460101", gi=gi)
    assert not gi_admin().has_delete_permission(request_by(programme), gi)
