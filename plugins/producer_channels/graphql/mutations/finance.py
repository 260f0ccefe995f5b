"""Mutations of finance staff (MANAGE_OTOP_PAYOUTS): payout runs and their settlement."""
import graphene

from ... import selectors, services
from ...models import Payout
from ..scoping import get_scoped_or_error
from ..types import (
    ProducerPayout,
    ProducerPayoutRun,
)
from .base import (
    ProducerFinanceMutation,
    configuration,
)


def _payout(payout_id) -> Payout:
    return get_scoped_or_error(
        Payout.objects.select_related("producer"), payout_id, "ProducerPayout", field="id", noun="a payout"
    )


class ProducerPayoutConfirm(ProducerFinanceMutation):
    payout = graphene.Field(ProducerPayout, description="The paid payout.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a pending payout.")

    class Meta:
        description = "Record that a payout's transfer went through. Requires the MANAGE_OTOP_PAYOUTS permission."

    @classmethod
    def perform_mutation(cls, _root, info, id):
        return ProducerPayoutConfirm(payout=services.payout_confirm(payout=_payout(id), user=info.context.user))


class ProducerPayoutFail(ProducerFinanceMutation):
    payout = graphene.Field(ProducerPayout, description="The failed payout.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a pending payout.")
        reason = graphene.String(description="Why the transfer failed.")

    class Meta:
        description = (
            "Record that a payout's transfer failed; its entries are due again. Requires the "
            "MANAGE_OTOP_PAYOUTS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, reason=""):
        payout = services.payout_fail(payout=_payout(id), user=info.context.user, reason=reason or "")
        return ProducerPayoutFail(payout=payout)


class ProducerPayoutRunCreate(ProducerFinanceMutation):
    run = graphene.Field(ProducerPayoutRun, description="The run, with its payouts and file.")

    class Arguments:
        as_of = graphene.DateTime(description="Batch entries available by then (default: now).")

    class Meta:
        description = (
            "Batch what is due into payouts and write the payout file. Requires the "
            "MANAGE_OTOP_PAYOUTS permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, as_of=None):
        run = services.payout_run_create(configuration=configuration(info), as_of=as_of, created_by=info.context.user)
        return ProducerPayoutRunCreate(run=selectors.payout_runs().get(pk=run.pk))
