"""Geographical indications and product provenance."""
import factory
from factory.django import DjangoModelFactory

from otop_kernel.otop_categories import OtopCategory
from plugins.provenance.models import (
    GeographicalIndication,
    GeographicalIndicationKind,
    ProductProvenance,
    Province,
    Subdistrict,
)

from .places import SI_PHUM_CHIANG_MAI
from .saleor import ProductFactory


class GeographicalIndicationFactory(DjangoModelFactory):
    class Meta:
        model = GeographicalIndication
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"gi-{n}")
    name_th = factory.Sequence(lambda n: f"สิ่งบ่งชี้ {n}")
    name_en = factory.Sequence(lambda n: f"Indication {n}")
    kind = GeographicalIndicationKind.HANDICRAFT

    @factory.post_generation
    def province_codes(gi, create, codes, **_kwargs):
        """`GeographicalIndicationFactory(province_codes=["46"])`."""
        if create and codes:
            gi.provinces.set(Province.objects.filter(code__in=codes))


class ProductProvenanceFactory(DjangoModelFactory):
    class Meta:
        model = ProductProvenance

    product = factory.SubFactory(ProductFactory)
    subdistrict = factory.LazyFunction(lambda: Subdistrict.objects.get(code=SI_PHUM_CHIANG_MAI))
    category = OtopCategory.TEXTILE
    producer_group_name = "Ban Si Phum weaving group"
    story_en = "Woven by hand."
    story_th = "ทอมือ"


def provenance_in(subdistrict_code: str, **kwargs) -> ProductProvenance:
    return ProductProvenanceFactory(subdistrict=Subdistrict.objects.get(code=subdistrict_code), **kwargs)


def producer_member_owning(product, *, user):
    """Make `user` the owner of an approved producer that owns `product`."""
    from plugins.producer_channels.models import MemberRole, ProducerMember, ProducerProduct

    from .producer_channels import ProducerFactory

    producer = ProducerFactory(slug=f"producer-{product.pk}", name_th="กลุ่มทอผ้า", name_en="Weaving group")
    ProducerMember.objects.create(producer=producer, user=user, role=MemberRole.OWNER)
    ProducerProduct.objects.create(product=product, producer=producer)
    return producer
