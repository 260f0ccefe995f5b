"""Mutations of programme staff (MANAGE_OTOP_PRODUCERS): approval, suspension, commission,
officers, products given to a producer."""
import graphene
from saleor.graphql.core.scalars import Decimal
from saleor.product.models import Product

from ... import services
from ...models import Producer
from ..scoping import get_scoped_or_error
from ..types import (
    Producer as ProducerType,
)
from .base import (
    ProducerStaffMutation,
    configuration,
)


def any_producer(producer_id, field="id") -> Producer:
    return get_scoped_or_error(Producer.objects.all(), producer_id, "Producer", field=field, noun="a producer")


class ProducerApprove(ProducerStaffMutation):
    producer = graphene.Field(ProducerType, description="The approved producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer.")
        commission_rate = Decimal(description="Commission in percent (0-100); default: the one it applied with.")

    class Meta:
        description = (
            "Approve a producer (or reinstate a suspended one): its shop opens and it gets its own "
            "warehouse. Requires the MANAGE_OTOP_PRODUCERS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, commission_rate=None):
        producer = services.producer_approve(
            producer=any_producer(id), commission_rate=commission_rate, configuration=configuration(info)
        )
        return ProducerApprove(producer=producer)


class ProducerSuspend(ProducerStaffMutation):
    producer = graphene.Field(ProducerType, description="The suspended producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer.")
        reason = graphene.String(description="Why; shown to the producer.")

    class Meta:
        description = (
            "Suspend a producer: its products leave the listing, its people may read but not "
            "write. Requires the MANAGE_OTOP_PRODUCERS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, reason=""):
        return ProducerSuspend(producer=services.producer_suspend(producer=any_producer(id), reason=reason or ""))


class ProducerCommissionSet(ProducerStaffMutation):
    producer = graphene.Field(ProducerType, description="The producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer.")
        commission_rate = Decimal(required=True, description="Commission in percent, 0-100, 2 decimals at most.")

    class Meta:
        description = (
            "Set a producer's commission for orders placed from now on. Requires the "
            "MANAGE_OTOP_PRODUCERS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, commission_rate):
        producer = services.producer_commission_set(producer=any_producer(id), commission_rate=commission_rate)
        return ProducerCommissionSet(producer=producer)


class ProducerOfficerAssign(ProducerStaffMutation):
    producer = graphene.Field(ProducerType, description="The producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer.")
        officer_email = graphene.String(required=True, description="E-mail of the officer's account.")

    class Meta:
        description = (
            "Let a programme officer act for a producer. Requires the MANAGE_OTOP_PRODUCERS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, officer_email):
        producer = any_producer(id)
        services.producer_officer_assign(producer=producer, officer=services.officer_for_email(officer_email), assigned_by=info.context.user)
        return ProducerOfficerAssign(producer=producer)


class ProducerOfficerUnassign(ProducerStaffMutation):
    producer = graphene.Field(ProducerType, description="The producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer.")
        officer_email = graphene.String(required=True, description="E-mail of the officer's account.")

    class Meta:
        description = "Stop an officer acting for a producer. Requires the MANAGE_OTOP_PRODUCERS permission."

    @classmethod
    def perform_mutation(cls, _root, info, id, officer_email):
        producer = any_producer(id)
        services.producer_officer_unassign(producer=producer, officer=services.officer_for_email(officer_email))
        return ProducerOfficerUnassign(producer=producer)


class ProducerProductAssign(ProducerStaffMutation):
    producer = graphene.Field(ProducerType, description="The producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer.")
        product_id = graphene.ID(required=True, description="ID of a Saleor product no producer owns yet.")

    class Meta:
        description = (
            "Give a product created by programme staff to its producer. Requires the "
            "MANAGE_OTOP_PRODUCERS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, product_id):
        producer = any_producer(id)
        product = get_scoped_or_error(Product.objects.all(), product_id, "Product", field="product_id", noun="a product")
        services.producer_product_assign(producer=producer, product=product)
        return ProducerProductAssign(producer=producer)
