"""Demo data of the star ratings plugin: each demo product's official rating (its catalogue
round), and a few shoppers' approved reviews. Idempotent: certifications by product and
round, shoppers by e-mail, reviews by shopper and product."""
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine

from .. import services
from ..models import Certification, CertificationStatus, Review, ReviewStatus

# (e-mail, first name, last name, [(demo product key, stars, title, text)])
DEMO_SHOPPERS = [
    ("somsri.shopper@otop.example", "Somsri", "Wongsa", [
        ("bo-sang-saa-paper-umbrella", 5, "สวยมาก", "ร่มกระดาษสาลายสวย ทาสีละเอียด ใช้กันแดดได้จริง"),
        ("praewa-silk-shawl", 5, "ผ้าไหมงามมาก", "ลายแพรวาละเอียด สีสด ได้ของตรงตามรูป"),
    ]),
    ("emma.shopper@otop.example", "Emma", "Clarke", [
        ("bo-sang-saa-paper-umbrella", 4, "Lovely souvenir",
         "Arrived well packed; the painting is lovely, the handle a little loose."),
        ("doi-tung-arabica-beans", 5, "Best coffee of the trip",
         "Smooth and chocolatey; it tastes of where it comes from."),
    ]),
    ("kenji.shopper@otop.example", "Kenji", "Sato", [
        ("doi-tung-arabica-beans", 4, "Good beans", "Fresh roast date, medium body. Would buy again."),
        ("praewa-silk-shawl", 4, "Beautiful weaving", "The colours are richer than in the photos."),
    ]),
]


def _certificate_number(item) -> str:
    return f"DEMO-OPC{item.star_year}-{item.key}"[:64]


def _demo_valid_until(round_year: int, validity_years: int) -> date:
    """The demo runs years after some of its rounds: a certification that would already have
    lapsed is kept valid to the end of next year, so the demo catalogue stays listed."""
    default = services.certification_default_valid_until(round_year=round_year, validity_years=validity_years)
    today = timezone.localdate()
    return default if default >= today else date(today.year + 1, 12, 31)


def _certifications_load(catalogue) -> tuple:
    from ..selectors import stars_configuration

    configuration = stars_configuration()
    recorded = extended = 0
    for item, product in catalogue.items:
        existing = (
            Certification.objects.filter(product=product, round_year=item.star_year)
            .exclude(status=CertificationStatus.REVOKED)
            .first()
        )
        valid_until = _demo_valid_until(item.star_year, configuration.validity_years)
        if existing is None:
            services.certification_grant(
                product=product,
                stars=item.stars,
                round_year=item.star_year,
                certificate_number=_certificate_number(item),
                category=str(item.category.value if hasattr(item.category, "value") else item.category),
                valid_until=valid_until,
                actor=catalogue.staff_user,
                note="Demo catalogue.",
                configuration=configuration,
            )
            recorded += 1
        elif existing.stars != item.stars:
            services.certification_correct(
                certification=existing, actor=catalogue.staff_user, stars=item.stars, note="Demo catalogue."
            )
        if valid_until != services.certification_default_valid_until(
            round_year=item.star_year, validity_years=configuration.validity_years
        ):
            extended += 1
    return recorded, extended


def _purchase(user, product) -> None:
    """A fulfilled order of the shopper's containing the product, so they may review it."""
    if OrderLine.objects.filter(order__user=user, variant__product=product).exists():
        return
    variant = product.variants.first()
    price = variant.price_override_amount or product.price_amount or Decimal(0)
    order = Order.objects.create(
        user=user,
        user_email=user.email,
        status=OrderStatus.FULFILLED,
        currency=product.currency,
        total_net_amount=price,
        total_gross_amount=price,
        customer_note="OTOP demo order",
    )
    OrderLine.objects.create(
        order=order,
        variant=variant,
        product_name=product.name,
        product_sku=variant.sku,
        is_shipping_required=True,
        quantity=1,
        quantity_fulfilled=1,
        currency=product.currency,
        unit_price_net_amount=price,
        unit_price_gross_amount=price,
        tax_rate=Decimal(0),
    )


def _reviews_load(catalogue) -> int:
    user_model = get_user_model()
    loaded = 0
    for email, first_name, last_name, reviews in DEMO_SHOPPERS:
        user, created = user_model.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name, "is_active": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        for key, stars, title, text in reviews:
            try:
                product = catalogue.saleor_product(key)
            except KeyError:
                continue
            _purchase(user, product)
            review = Review.objects.filter(product=product, user=user).first()
            if review is None:
                review = services.review_create(product=product, user=user, stars=stars, title=title, text=text)
            if review.status != ReviewStatus.APPROVED:
                services.review_moderate(review=review, moderator=catalogue.staff_user, status=ReviewStatus.APPROVED)
            loaded += 1
    return loaded


def demo_load(*, catalogue, log: Callable[[str], None] = print) -> None:
    recorded, extended = _certifications_load(catalogue)
    reviews = _reviews_load(catalogue)
    log(
        f"Stars: {len(catalogue.items)} products rated ({recorded} certifications recorded now; "
        f"{extended} of older rounds kept valid to the end of next year for the demo); "
        f"{reviews} approved shopper reviews"
    )
