"""Demo data of the producer channels: every demo producer applies, is approved (its own
warehouse and shop open), owns its demo products (their stock moves to its warehouse) and gets
an owner login the demo prints. Idempotent."""
from django.core.exceptions import ValidationError
from saleor.account.models import User
from saleor.warehouse.models import Stock

from .. import services
from ..models import (
    MemberRole,
    Producer,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
)
from ..selectors import producer_channels_configuration

DEMO_PRODUCER_PASSWORD = "otop-producer-demo"
DEMO_PROMPTPAY_ID = "0812345678"


def _owner(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PRODUCER_PASSWORD)
    else:
        user.set_password(DEMO_PRODUCER_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _producer(demo_producer, owner, configuration) -> Producer:
    producer = Producer.objects.filter(slug=demo_producer.key).first()
    if producer is None:
        producer = services.producer_apply(
            user=owner,
            slug=demo_producer.key,
            name_th=demo_producer.name_th,
            name_en=demo_producer.name_en,
            kind=demo_producer.kind,
            home_subdistrict_code=demo_producer.subdistrict_code,
            contact_email=demo_producer.contact_email,
            promptpay_id=DEMO_PROMPTPAY_ID,
            configuration=configuration,
        )
    ProducerMember.objects.get_or_create(producer=producer, user=owner, defaults={"role": MemberRole.OWNER})
    if producer.status != ProducerStatus.APPROVED:
        producer = services.producer_approve(producer=producer, configuration=configuration)
    return producer


def _take_products(producer: Producer, products, shared_warehouse) -> int:
    taken = 0
    for _item, product in products:
        link, created = ProducerProduct.objects.get_or_create(product=product, defaults={"producer": producer})
        if link.producer_id != producer.pk:
            continue
        taken += created
        for variant in product.variants.all():
            own = Stock.objects.filter(warehouse_id=producer.warehouse_id, product_variant=variant).exists()
            if not own and shared_warehouse is not None:
                # The demo stocked everything in the market's warehouse; producers ship their own.
                Stock.objects.filter(warehouse=shared_warehouse, product_variant=variant).update(
                    warehouse_id=producer.warehouse_id
                )
    return taken


def demo_load(*, catalogue, log) -> None:
    configuration = producer_channels_configuration()
    logins = []
    skipped = []
    for demo_producer in catalogue.producers:
        owner = _owner(demo_producer.contact_email)
        try:
            producer = _producer(demo_producer, owner, configuration)
        except ValidationError as error:
            skipped.append(f"{demo_producer.key}: {'; '.join(error.messages)}")
            continue
        _take_products(producer, catalogue.products_of_producer(demo_producer.key), catalogue.warehouse)
        logins.append((producer.slug, owner.email))
    log(
        f"Producer channels: {len(logins)} producers approved, each with its own warehouse and shop; "
        f"{ProducerProduct.objects.count()} products assigned"
    )
    for key in skipped:
        log(f"  skipped producer {key}")
    log(f"  producer logins (password {DEMO_PRODUCER_PASSWORD!r}), e.g. query {{ myProducer {{ nameEn }} }}:")
    for slug, email in logins:
        log(f"    {slug:<28} {email}")
