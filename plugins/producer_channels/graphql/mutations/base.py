"""What every producer mutation shares: the caller's producer, the owner check, the base
classes. Mutations find the caller's own objects (scoping.py, access.py) and call a service;
the rules live in services/."""
from django.core.exceptions import ValidationError

from otop_kernel.graphql.mutations import OtopBaseMutation

from ... import access, selectors
from ...error_codes import ProducerErrorCode
from ...models import Producer
from ...permissions import ProducerPermissions
from ..scoping import get_scoped_or_error
from ..types import ProducerError

MEMBER_NOTE = "Needs a member of the producer (or an officer assigned to it)."


def configuration(info):
    return selectors.producer_channels_configuration(plugins=getattr(info.context, "plugins", None))


def member_producer(info, producer_id, *, field: str = "producer") -> Producer:
    """The caller's producer: the one named, or the only one they act for."""
    producers = access.producers(user=info.context.user)
    if producer_id:
        return get_scoped_or_error(producers, producer_id, "Producer", field=field, noun="a producer")
    found = list(producers.order_by("pk")[:2])
    if not found:
        raise ValidationError({field: ValidationError("Couldn't resolve to a producer.", code=ProducerErrorCode.NOT_FOUND.value)})
    if len(found) > 1:
        raise ValidationError(
            {field: ValidationError("You act for several producers: give the producer's id.", code=ProducerErrorCode.PRODUCER_REQUIRED.value)}
        )
    return found[0]


def require_people_manager(info, producer: Producer) -> None:
    if not access.may_manage_people(user=info.context.user, producer_id=producer.pk):
        raise ValidationError(
            {"producer": ValidationError("Only the producer's owners (or its officers) may do this.", code=ProducerErrorCode.OWNER_REQUIRED.value)}
        )


class ProducerBaseMutation(OtopBaseMutation):
    error_codes = ProducerErrorCode
    meta_defaults = {"error_type_class": ProducerError, "error_type_field": "producer_errors"}

    class Meta:
        abstract = True


class ProducerMutation(ProducerBaseMutation):
    """Any logged-in user may call it; what they reach is scoped to their producers."""

    class Meta:
        abstract = True

    @classmethod
    def check_permissions(cls, context, permissions=None):
        if not context.user.is_authenticated:
            return False
        return super().check_permissions(context, permissions)


class ProducerStaffMutation(ProducerBaseMutation):
    """Programme staff's mutations on any producer (MANAGE_OTOP_PRODUCERS)."""

    meta_defaults = {**ProducerBaseMutation.meta_defaults, "permissions": (ProducerPermissions.MANAGE_OTOP_PRODUCERS,)}

    class Meta:
        abstract = True


class ProducerFinanceMutation(ProducerBaseMutation):
    """Finance staff's mutations on payouts (MANAGE_OTOP_PAYOUTS)."""

    meta_defaults = {**ProducerBaseMutation.meta_defaults, "permissions": (ProducerPermissions.MANAGE_OTOP_PAYOUTS,)}

    class Meta:
        abstract = True
