"""Factories and helpers for the star ratings plugin's tests."""
import itertools

from saleor.order import OrderStatus

from otop_kernel.otop_categories import OtopCategory
from plugins.otop_stars import services
from plugins.otop_stars.models import ReviewStatus
from plugins.producer_channels.models import MemberRole, ProducerMember, ProducerProduct, ProducerStatus

from .places import SI_PHUM_CHIANG_MAI
from .producer_channels import ProducerFactory
from .saleor import OrderFactory, OrderLineFactory, ProductVariantFactory, UserFactory

_certificate_numbers = itertools.count(1)


def grant(product, *, stars=4, round_year=2022, actor=None, **values):
    """Record a certification through the service, as staff would."""
    values.setdefault("certificate_number", f"TEST-{next(_certificate_numbers):05d}")
    values.setdefault("category", OtopCategory.FOOD)
    return services.certification_grant(
        product=product, stars=stars, round_year=round_year, actor=actor, **values
    )


def purchase(user, product, *, status=OrderStatus.UNFULFILLED):
    """An order of the user's containing a variant of the product."""
    variant = product.variants.first() or ProductVariantFactory(product=product)
    return OrderLineFactory(order=OrderFactory(user=user, status=status), variant=variant, quantity=1)


def approved_review(product, *, stars=5, user=None, title="Lovely", text="", moderator=None):
    user = user or UserFactory()
    purchase(user, product)
    review = services.review_create(product=product, user=user, stars=stars, title=title, text=text)
    return services.review_moderate(review=review, moderator=moderator, status=ReviewStatus.APPROVED)


def producer_of(*products, email="producer@example.com", name_en=None, name_th=None,
                subdistrict_code=SI_PHUM_CHIANG_MAI, members=()):
    """A producer that has applied (not yet approved), owning the products, with members."""
    values = {"name_en": name_en, "name_th": name_th}
    producer = ProducerFactory(
        contact_email=email, home_subdistrict_id=subdistrict_code, status=ProducerStatus.APPLIED,
        **{key: value for key, value in values.items() if value is not None},
    )
    for product in products:
        ProducerProduct.objects.create(product=product, producer=producer)
    for user in members:
        ProducerMember.objects.create(producer=producer, user=user, role=MemberRole.OWNER)
    return producer
