import graphene
from django.db.models import Q
from graphql.error import GraphQLError
from saleor.graphql.decorators import permission_required

from .. import access, selectors
from ..models import Producer as ProducerModel
from ..permissions import ProducerPermissions
from . import mutations
from .connection import QuerysetConnectionField
from .enums import PayoutStatusEnum, ProducerKindEnum, ProducerStatusEnum
from .scoping import pk_from_global_id
from .types import Producer, ProducerInvitationType, ProducerPayout, ProducerPayoutRun, ProducerShop

PRODUCER_PEOPLE = ("members__user", "officer_assignments__officer")


def install_checkout_error_fields() -> None:
    """checkoutComplete refuses a line whose producer may not sell; this field says why.

    Saleor copies a ValidationError's params onto the error type's fields of the same name.
    """
    from saleor.graphql.core.types.common import CheckoutError

    from .enums import ProducerErrorCodeEnum

    CheckoutError._meta.fields.setdefault(
        "producer_code",
        graphene.Field(
            ProducerErrorCodeEnum,
            description="Why the line's producer may not sell now (suspended, not approved), if that is the error.",
        ),
    )


install_checkout_error_fields()


class ProducerChannelsQueries(graphene.ObjectType):
    producer_shop = graphene.Field(
        ProducerShop,
        slug=graphene.String(required=True, description="The shop's slug."),
        description="A producer's shop: profile, products and collections. Open shops only.",
    )
    producer_shops = QuerysetConnectionField(
        ProducerShop,
        ordering=("slug",),
        search=graphene.String(description="Part of the Thai or English name."),
        province_code=graphene.String(description="DOPA code of the producer's home province."),
        kind=ProducerKindEnum(description="Only producers of this kind."),
        description="The open shops of the market, by slug.",
    )
    my_producers = graphene.List(
        graphene.NonNull(Producer),
        required=True,
        description="Producers the caller works for (as member or assigned officer).",
    )
    my_producer = graphene.Field(
        Producer,
        id=graphene.ID(description="ID of the producer; needed only when the caller acts for several."),
        description="The caller's producer: the starting point of every producer query.",
    )
    my_producer_invitations = graphene.List(
        graphene.NonNull(ProducerInvitationType),
        required=True,
        description="Invitations to work for a producer sent to the caller's e-mail address, not yet answered.",
    )
    producers = QuerysetConnectionField(
        Producer,
        status=ProducerStatusEnum(description="Only producers in this state."),
        search=graphene.String(description="Part of the Thai or English name."),
        description="Every producer. Requires the MANAGE_OTOP_PRODUCERS permission.",
    )
    producer = graphene.Field(
        Producer,
        id=graphene.ID(required=True, description="ID of the producer."),
        description="A producer. Requires the MANAGE_OTOP_PRODUCERS permission.",
    )
    producer_payouts = QuerysetConnectionField(
        ProducerPayout,
        status=PayoutStatusEnum(description="Only payouts in this state."),
        description="Payouts to producers, newest first. Requires the MANAGE_OTOP_PAYOUTS permission.",
    )
    producer_payout_runs = QuerysetConnectionField(
        ProducerPayoutRun,
        description="Payout runs with their files, newest first. Requires the MANAGE_OTOP_PAYOUTS permission.",
    )

    @staticmethod
    def resolve_producer_shop(_root, _info, slug):
        return selectors.shop_by_slug(slug=slug)

    @staticmethod
    def resolve_producer_shops(_root, _info, search="", province_code="", kind="", **_kwargs):
        return selectors.shops(search=search or "", province_code=province_code or "", kind=kind or "")

    @staticmethod
    def resolve_my_producers(_root, info):
        return list(
            access.producers(user=info.context.user)
            .select_related("home_subdistrict__district__province")
            .prefetch_related(*PRODUCER_PEOPLE)
            .order_by("slug")
        )

    @staticmethod
    def resolve_my_producer(_root, info, id=None):
        producers = access.producers(user=info.context.user).select_related(
            "home_subdistrict__district__province"
        )
        if id:
            pk = pk_from_global_id(id, "Producer")
            return producers.filter(pk=pk).first() if pk else None
        found = list(producers.order_by("pk")[:2])
        if len(found) > 1:
            raise GraphQLError("You act for several producers: give the producer's id.")
        return found[0] if found else None

    @staticmethod
    def resolve_my_producer_invitations(_root, info):
        return list(access.invitations_received(user=info.context.user).order_by("pk"))

    @staticmethod
    @permission_required(ProducerPermissions.MANAGE_OTOP_PRODUCERS)
    def resolve_producers(_root, _info, status=None, search="", **_kwargs):
        producers = ProducerModel.objects.select_related("home_subdistrict__district__province").prefetch_related(
            *PRODUCER_PEOPLE
        )
        if status:
            producers = producers.filter(status=status)
        if search:
            producers = producers.filter(Q(name_th__icontains=search) | Q(name_en__icontains=search))
        return producers

    @staticmethod
    @permission_required(ProducerPermissions.MANAGE_OTOP_PRODUCERS)
    def resolve_producer(_root, _info, id):
        pk = pk_from_global_id(id, "Producer")
        return ProducerModel.objects.filter(pk=pk).first() if pk else None

    @staticmethod
    @permission_required(ProducerPermissions.MANAGE_OTOP_PAYOUTS)
    def resolve_producer_payouts(_root, _info, status=None, **_kwargs):
        return selectors.payouts(status=status)

    @staticmethod
    @permission_required(ProducerPermissions.MANAGE_OTOP_PAYOUTS)
    def resolve_producer_payout_runs(_root, _info, **_kwargs):
        return selectors.payout_runs()


class ProducerChannelsMutations(graphene.ObjectType):
    producer_apply = mutations.ProducerApply.Field()
    producer_update = mutations.ProducerUpdate.Field()
    producer_member_add = mutations.ProducerMemberAdd.Field()
    producer_member_remove = mutations.ProducerMemberRemove.Field()
    producer_invitation_accept = mutations.ProducerInvitationAccept.Field()
    producer_invitation_decline = mutations.ProducerInvitationDecline.Field()
    producer_invitation_cancel = mutations.ProducerInvitationCancel.Field()
    producer_product_create = mutations.ProducerProductCreate.Field()
    producer_product_update = mutations.ProducerProductUpdate.Field()
    producer_variant_create = mutations.ProducerVariantCreate.Field()
    producer_variant_update = mutations.ProducerVariantUpdate.Field()
    producer_variant_price_set = mutations.ProducerVariantPriceSet.Field()
    producer_stock_set = mutations.ProducerStockSet.Field()
    producer_fulfill_lines = mutations.ProducerFulfillLines.Field()
    producer_approve = mutations.ProducerApprove.Field()
    producer_suspend = mutations.ProducerSuspend.Field()
    producer_commission_set = mutations.ProducerCommissionSet.Field()
    producer_officer_assign = mutations.ProducerOfficerAssign.Field()
    producer_officer_unassign = mutations.ProducerOfficerUnassign.Field()
    producer_product_assign = mutations.ProducerProductAssign.Field()
    producer_payout_confirm = mutations.ProducerPayoutConfirm.Field()
    producer_payout_fail = mutations.ProducerPayoutFail.Field()
    producer_payout_run_create = mutations.ProducerPayoutRunCreate.Field()
