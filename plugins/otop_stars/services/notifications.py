"""Telling producers: the e-mail about products the star rule keeps out of the listing."""
from django.db import transaction

from otop_kernel.producer_access import producer_access

from ..models import (
    Certification,
    CertificationStatus,
    ProductStars,
)
from ..selectors import (
    CURRENT_FIRST,
    product_stars_is_listed,
    stars_configuration,
)


def stars_delisting_notify_on_commit(*, product_ids: list[int]) -> None:
    from ..tasks import stars_delisting_notify_task

    product_ids = sorted(set(product_ids))
    transaction.on_commit(lambda: stars_delisting_notify_task.delay(product_ids))


def _delisting_reason(product_stars: ProductStars, latest: Certification | None, minimum: int) -> str:
    if product_stars.current_stars is not None:
        return (
            f"its official rating is now {product_stars.current_stars} stars; the listing "
            f"needs at least {minimum}"
        )
    if latest is None:
        return "it has no active certification"
    described = (
        f"certification {latest.certificate_number} ({latest.stars} stars, round "
        f"{latest.round_year} / B.E. {latest.round_year_buddhist_era})"
    )
    if latest.status == CertificationStatus.REVOKED:
        return f"{described} was revoked: {latest.status_reason}"
    return f"{described} expired after {latest.valid_until.isoformat()}"


def stars_delisting_notify(*, product_ids: list[int]) -> int:
    """E-mail each producer the products of theirs that the star rule keeps out of the
    listing (those listed again meanwhile are left out). Returns the number of e-mails."""
    from django.conf import settings
    from django.core.mail import send_mail

    configuration = stars_configuration()
    rows = [
        row
        for row in ProductStars.objects.filter(product_id__in=product_ids).select_related("product")
        if not product_stars_is_listed(row, configuration=configuration)
    ]
    if not rows:
        return 0
    latest_by_product: dict[int, Certification] = {}
    for certification in Certification.objects.filter(
        product_id__in=[row.product_id for row in rows]
    ).order_by("product_id", *CURRENT_FIRST):
        latest_by_product.setdefault(certification.product_id, certification)
    producers = producer_access().producers_of_products(product_ids=[row.product_id for row in rows])
    lines_by_producer: dict[int, list[str]] = {}
    for row in rows:
        producer = producers.get(row.product_id)
        if producer is None or not producer.contact_email:
            continue
        reason = _delisting_reason(row, latest_by_product.get(row.product_id), configuration.minimum_listing_stars)
        lines_by_producer.setdefault(producer.pk, []).append(f"- {row.product.name}: {reason}.")
    producers_by_pk = {producer.pk: producer for producer in producers.values()}
    sent = 0
    for producer_pk, lines in lines_by_producer.items():
        producer = producers_by_pk[producer_pk]
        name = producer.name_en or producer.name_th
        body = "\n".join(
            [
                f"Dear {name},",
                "",
                "These products have left the OTOP market's shopper listing:",
                *lines,
                "",
                "They stay published: shoppers with a direct link still find them, without "
                "official stars. They return to the listing once a certification of at least "
                f"{configuration.minimum_listing_stars} stars is active again.",
                "",
                "OTOP Market",
            ]
        )
        subject = (
            "Your product has left the OTOP listing"
            if len(lines) == 1
            else f"{len(lines)} of your products have left the OTOP listing"
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [producer.contact_email])
        sent += 1
    return sent


# Days ahead a producer hears that a product's star certification runs out.
EXPIRY_NOTICE_DAYS = 90


def certifications_expiring_notify(*, within_days: int = EXPIRY_NOTICE_DAYS) -> int:
    """Tell each producer (portal and e-mail, once per certification and end date) of its
    products' active certifications that run out within `within_days` days."""
    from plugins.producer_channels import selectors as producer_selectors
    from plugins.producer_channels import services as producer_services

    from ..selectors import certifications_expiring

    producer_product_ids = producer_selectors.product_ids_of_all_producers()
    notified = 0
    for certification in certifications_expiring(product_ids=producer_product_ids, within_days=within_days):
        producer = producer_selectors.producer_of_product(product_id=certification.product_id)
        if producer is None:
            continue
        notification = producer_services.producer_notify(
            producer_id=producer.pk,
            kind="certificate_expiring",
            dedupe_key=f"certificate_expiring:{certification.pk}:{certification.valid_until:%Y-%m-%d}",
            facts={
                "certification_id": certification.pk, "product_id": certification.product_id,
                "product": certification.product.name, "title": f"OTOP {certification.stars}★",
                "valid_until": f"{certification.valid_until:%Y-%m-%d}",
            },
        )
        notified += notification is not None
    return notified
