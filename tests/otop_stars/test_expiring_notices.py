"""Producers hear, 90 days ahead, that a product's star certification runs out (once)."""
from datetime import timedelta

from django.utils import timezone

from plugins.otop_stars import services
from plugins.otop_stars.models import Certification
from plugins.producer_channels.models import ProducerNotification
from tests.factories import ProductFactory
from tests.factories.otop_stars import grant
from tests.factories.producer_channels import producer_with_owner


def test_a_certification_expiring_within_90_days_notifies_its_producer_once(db):
    weavers, _owner = producer_with_owner()
    from plugins.producer_channels.models import ProducerProduct

    soon, later = ProductFactory(name="Praewa silk"), ProductFactory(name="Cotton bag")
    for product in (soon, later):
        ProducerProduct.objects.create(product=product, producer=weavers)
    expiring = grant(soon, stars=5, round_year=2024)
    grant(later, stars=4, round_year=2024)
    Certification.objects.filter(pk=expiring.pk).update(valid_until=timezone.localdate() + timedelta(days=30))
    Certification.objects.exclude(pk=expiring.pk).update(valid_until=timezone.localdate() + timedelta(days=200))

    assert services.certifications_expiring_notify() == 1
    assert services.certifications_expiring_notify() == 0

    notice = ProducerNotification.objects.get(producer=weavers, kind="certificate_expiring")
    assert notice.facts["product"] == "Praewa silk" and notice.facts["title"] == "OTOP 5★"
