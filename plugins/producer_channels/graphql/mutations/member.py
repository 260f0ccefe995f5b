"""Mutations of a producer's own people: signup, profile, members and invitations, the
catalogue and stock, and shipping their sub-orders."""
import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.scalars import Decimal, WeightScalar
from saleor.product.models import Category, Product, ProductType

from ... import access, selectors, services
from ...error_codes import ProducerErrorCode
from ...models import InvitationStatus
from ..enums import PayoutMethodEnum, ProducerKindEnum, ProducerMemberRoleEnum
from ..scoping import get_scoped_or_error
from ..types import (
    Producer as ProducerType,
)
from ..types import (
    ProducerInvitationType,
    ProducerProduct,
    ProducerSubOrder,
    ProducerVariant,
    SubOrderFulfillment,
)
from .base import (
    MEMBER_NOTE,
    ProducerMutation,
    configuration,
    member_producer,
    require_people_manager,
)

# --- signup and profile -----------------------------------------------------------------


class ProducerProfileInput(graphene.InputObjectType):
    name_th = graphene.String(description="Thai name.")
    name_en = graphene.String(description="English name.")
    kind = ProducerKindEnum(description="Community group, individual or small firm.")
    registration_id = graphene.String(description="Community enterprise registration or tax id.")
    home_subdistrict_code = graphene.String(description="6-digit DOPA code of the home subdistrict (tambon).")
    address_line = graphene.String(description="House number, moo, road.")
    contact_name = graphene.String(description="Contact person.")
    contact_email = graphene.String(description="Contact e-mail; new orders are sent there.")
    contact_phone = graphene.String(description="Contact phone.")
    story_th = graphene.String(description="The producer's story, in Thai.")
    story_en = graphene.String(description="The producer's story, in English.")
    payout_method = PayoutMethodEnum(description="How the producer is paid out.")
    bank_code = graphene.String(description="3-digit bank code (bank transfer).")
    bank_account_name = graphene.String(description="Account name (bank transfer).")
    bank_account_number = graphene.String(description="Account number (bank transfer).")
    promptpay_id = graphene.String(description="PromptPay id: mobile number, national id or tax id.")
    withholding_tax = graphene.Boolean(description="Income tax is withheld from payouts.")


class ProducerApplyInput(ProducerProfileInput):
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    kind = ProducerKindEnum(required=True, description="Community group, individual or small firm.")
    home_subdistrict_code = graphene.String(required=True, description="6-digit DOPA code of the home subdistrict.")
    contact_email = graphene.String(required=True, description="Contact e-mail; new orders are sent there.")
    slug = graphene.String(description="The shop's address; made from the English name when left out.")


class ProducerApply(ProducerMutation):
    producer = graphene.Field(ProducerType, description="The new producer, waiting for approval.")

    class Arguments:
        input = ProducerApplyInput(required=True, description="The producer's details.")

    class Meta:
        description = "Apply to sell in the market as a producer; the caller becomes its owner. Needs a logged-in user."

    @classmethod
    def perform_mutation(cls, _root, info, input):
        data = {key: value for key, value in input.items() if value is not None}
        producer = services.producer_apply(user=info.context.user, configuration=configuration(info), **data)
        return ProducerApply(producer=producer)


class ProducerUpdate(ProducerMutation):
    producer = graphene.Field(ProducerType, description="The updated producer.")

    class Arguments:
        id = graphene.ID(description="ID of the producer; needed only when the caller acts for several.")
        input = ProducerProfileInput(required=True, description="Fields to change.")

    class Meta:
        description = f"Update the producer's profile and payout details. Needs an owner. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, input, id=None):
        producer = member_producer(info, id, field="id")
        require_people_manager(info, producer)
        data = {key: value for key, value in input.items() if value is not None}
        return ProducerUpdate(producer=services.producer_update(producer=producer, **data))


class ProducerMemberAdd(ProducerMutation):
    invitation = graphene.Field(ProducerInvitationType, description="The invitation sent.")

    class Arguments:
        producer = graphene.ID(description="ID of the producer; needed only when the caller acts for several.")
        email = graphene.String(required=True, description="E-mail address of the person to invite.")
        role = ProducerMemberRoleEnum(required=True, description="Owner or staff.")

    class Meta:
        description = (
            "Invite a person to the producer: an e-mail goes to the address, and the person becomes a member "
            "only by accepting (producerInvitationAccept) with the account of that address. The answer is the "
            f"same whether or not the address has an account. Needs an owner. {MEMBER_NOTE}"
        )

    @classmethod
    def perform_mutation(cls, _root, info, email, role, producer=None):
        found = member_producer(info, producer)
        require_people_manager(info, found)
        invitation = services.producer_member_invite(
            producer=found, email=email, role=role, invited_by=info.context.user
        )
        return ProducerMemberAdd(invitation=invitation)


class ProducerInvitationAccept(ProducerMutation):
    producer = graphene.Field(ProducerType, description="The producer joined.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of an invitation of the caller's e-mail address.")

    class Meta:
        description = (
            "Accept an invitation sent to the caller's e-mail address and become a member. Programme staff "
            "accounts cannot join a producer. Needs a logged-in user."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id):
        user = info.context.user
        if user.is_staff:
            raise ValidationError(
                {"id": ValidationError("Programme staff accounts cannot join a producer.", code=ProducerErrorCode.STAFF_CANNOT_JOIN.value)}
            )
        invitation = get_scoped_or_error(
            access.invitations_received(user=user), id, "ProducerInvitation", field="id", noun="an invitation"
        )
        member = services.producer_invitation_accept(invitation=invitation, user=user)
        return ProducerInvitationAccept(producer=member.producer)


class InvitationCloseMutation(ProducerMutation):
    """Closes one invitation found in `invitations` (the caller's scope) with `status`."""

    invitation = graphene.Field(ProducerInvitationType, description="The closed invitation.")

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(cls, _root, info, id):
        invitation = get_scoped_or_error(
            cls.invitations(user=info.context.user), id, "ProducerInvitation", field="id", noun="an invitation"
        )
        return cls(invitation=services.producer_invitation_close(invitation=invitation, status=cls.status))


class ProducerInvitationDecline(InvitationCloseMutation):
    invitations = staticmethod(access.invitations_received)
    status = InvitationStatus.DECLINED

    class Arguments:
        id = graphene.ID(required=True, description="ID of an invitation of the caller's e-mail address.")

    class Meta:
        description = "Decline an invitation sent to the caller's e-mail address. Needs a logged-in user."


class ProducerInvitationCancel(InvitationCloseMutation):
    invitations = staticmethod(access.invitations_managed)
    status = InvitationStatus.CANCELLED

    class Arguments:
        id = graphene.ID(required=True, description="ID of one of the producer's invitations.")

    class Meta:
        description = f"Withdraw an invitation not yet answered. Needs an owner. {MEMBER_NOTE}"


class ProducerMemberRemove(ProducerMutation):
    producer = graphene.Field(ProducerType, description="The producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the membership.")

    class Meta:
        description = f"Remove a person from the producer. Needs an owner. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, id):
        member = get_scoped_or_error(
            access.members(user=info.context.user),
            id, "ProducerMember", field="id", noun="a member",
        )
        require_people_manager(info, member.producer)
        services.producer_member_remove(member=member)
        return ProducerMemberRemove(producer=member.producer)


# --- catalogue --------------------------------------------------------------------------


def _category(info, category_id, field="category"):
    return get_scoped_or_error(Category.objects.all(), category_id, "Category", field=field, noun="a category")


class ProducerProductCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Product name.")
    product_type = graphene.ID(required=True, description="ID of a Saleor product type.")
    category = graphene.ID(required=True, description="ID of a Saleor category.")
    base_price = Decimal(required=True, description="Price in THB (2 decimals at most).")
    description = graphene.String(description="Description.")
    is_published = graphene.Boolean(description="Show it to shoppers (default: no).")
    sku = graphene.String(description="SKU of the single variant, for product types without variants.")
    weight = WeightScalar(description="Weight.")


class ProducerProductCreate(ProducerMutation):
    product = graphene.Field(ProducerProduct, description="The new product.")

    class Arguments:
        producer = graphene.ID(description="ID of the producer; needed only when the caller acts for several.")
        input = ProducerProductCreateInput(required=True, description="The product.")

    class Meta:
        description = f"Create a product of the producer. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, input, producer=None):
        found = member_producer(info, producer)
        product_type = get_scoped_or_error(
            ProductType.objects.all(), input["product_type"], "ProductType", field="product_type", noun="a product type"
        )
        category = _category(info, input["category"])
        product = services.producer_product_create(
            producer=found,
            name=input["name"],
            product_type=product_type,
            category=category,
            base_price=input["base_price"],
            description=input.get("description") or "",
            is_published=bool(input.get("is_published")),
            sku=input.get("sku") or "",
            weight=input.get("weight"),
        )
        return ProducerProductCreate(product=selectors.producer_products(producer=found).get(pk=product.pk))


class ProducerProductUpdateInput(graphene.InputObjectType):
    name = graphene.String(description="Product name.")
    category = graphene.ID(description="ID of a Saleor category.")
    base_price = Decimal(description="Price in THB (2 decimals at most).")
    description = graphene.String(description="Description.")
    is_published = graphene.Boolean(description="Show it to shoppers.")


def own_product(info, product_id, field="id") -> Product:
    return get_scoped_or_error(
        access.products(user=info.context.user), product_id, "Product", field=field, noun="a product"
    )


def own_variant(info, variant_id, field="id"):
    return get_scoped_or_error(
        access.variants(user=info.context.user), variant_id, "ProductVariant", field=field, noun="a variant"
    )


def _producer_product(product):
    return selectors.producer_products(producer=access.product_producer(product)).get(pk=product.pk)


class ProducerProductUpdate(ProducerMutation):
    product = graphene.Field(ProducerProduct, description="The updated product.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the product.")
        input = ProducerProductUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = f"Update one of the producer's products. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        product = own_product(info, id)
        category = _category(info, input["category"]) if input.get("category") else None
        services.producer_product_update(
            product=product,
            name=input.get("name"),
            description=input.get("description"),
            category=category,
            base_price=input.get("base_price"),
            is_published=input.get("is_published"),
        )
        return ProducerProductUpdate(product=_producer_product(product))


class ProducerVariantCreateInput(graphene.InputObjectType):
    sku = graphene.String(required=True, description="Stock keeping unit (unique in the market).")
    name = graphene.String(description="Variant name.")
    price = Decimal(description="Price when it differs from the product's (THB, 2 decimals at most).")
    track_inventory = graphene.Boolean(description="Count stock (default: yes).")
    quantity = graphene.Int(description="Initial stock in the producer's warehouse.")


class ProducerVariantCreate(ProducerMutation):
    variant = graphene.Field(ProducerVariant, description="The new variant.")

    class Arguments:
        product = graphene.ID(required=True, description="ID of the producer's product.")
        input = ProducerVariantCreateInput(required=True, description="The variant.")

    class Meta:
        description = f"Add a variant to one of the producer's products. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, product, input):
        found = own_product(info, product, field="product")
        variant = services.producer_variant_create(
            product=found,
            sku=input["sku"],
            name=input.get("name") or "",
            price=input.get("price"),
            track_inventory=input.get("track_inventory", True) is not False,
            quantity=input.get("quantity"),
        )
        return ProducerVariantCreate(variant=_producer_variant(variant))


def _producer_variant(variant):
    product = _producer_product(variant.product)
    return next(found for found in product.variants.all() if found.pk == variant.pk)


class ProducerVariantUpdateInput(graphene.InputObjectType):
    sku = graphene.String(description="Stock keeping unit.")
    name = graphene.String(description="Variant name.")
    track_inventory = graphene.Boolean(description="Count stock.")


class ProducerVariantUpdate(ProducerMutation):
    variant = graphene.Field(ProducerVariant, description="The updated variant.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the variant.")
        input = ProducerVariantUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = f"Update one of the producer's variants. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        variant = own_variant(info, id)
        services.producer_variant_update(
            variant=variant, sku=input.get("sku"), name=input.get("name"), track_inventory=input.get("track_inventory")
        )
        return ProducerVariantUpdate(variant=_producer_variant(variant))


class ProducerVariantPriceSet(ProducerMutation):
    variant = graphene.Field(ProducerVariant, description="The variant with its new price.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the variant.")
        price = Decimal(required=True, description="Price in THB: above 0, 2 decimals at most.")

    class Meta:
        description = f"Set the price of one of the producer's variants. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, id, price):
        variant = own_variant(info, id)
        services.producer_variant_price_set(variant=variant, price=price)
        return ProducerVariantPriceSet(variant=_producer_variant(variant))


class ProducerStockSet(ProducerMutation):
    variant = graphene.Field(ProducerVariant, description="The variant with its new stock.")

    class Arguments:
        variant = graphene.ID(required=True, description="ID of the producer's variant.")
        quantity = graphene.Int(required=True, description="Quantity on hand in the producer's own warehouse.")

    class Meta:
        description = f"Set the stock of a variant in the producer's own warehouse (no other). {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, variant, quantity):
        found = own_variant(info, variant, field="variant")
        services.producer_stock_set(variant=found, quantity=quantity)
        return ProducerStockSet(variant=_producer_variant(found))


# --- orders -----------------------------------------------------------------------------


class ProducerFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(required=True, description="ID of a line of the sub-order.")
    quantity = graphene.Int(required=True, description="Quantity in the parcel.")


class ProducerFulfillLines(ProducerMutation):
    sub_order = graphene.Field(ProducerSubOrder, description="The sub-order.")
    fulfillment = graphene.Field(SubOrderFulfillment, description="The new parcel.")

    class Arguments:
        sub_order = graphene.ID(required=True, description="ID of the producer's sub-order.")
        lines = graphene.List(graphene.NonNull(ProducerFulfillLineInput), required=True, description="What the parcel holds.")
        tracking_number = graphene.String(description="The carrier's tracking number.")
        notify_customer = graphene.Boolean(description="E-mail the shopper (default: yes).")

    class Meta:
        description = f"Ship lines of a sub-order from the producer's own warehouse. {MEMBER_NOTE}"

    @classmethod
    def perform_mutation(cls, _root, info, sub_order, lines, tracking_number="", notify_customer=True):
        from ..scoping import pk_from_global_id

        found = get_scoped_or_error(
            access.sub_orders(user=info.context.user), sub_order, "ProducerSubOrder",
            field="sub_order", noun="a sub-order",
        )
        pairs = []
        for line in lines:
            line_pk = pk_from_global_id(line["order_line_id"], "OrderLine")
            if line_pk is None:
                raise ValidationError({"lines": ValidationError("Couldn't resolve to an order line of this sub-order.", code=ProducerErrorCode.NOT_FOUND.value)})
            pairs.append((line_pk, line["quantity"]))
        fulfillment = services.producer_fulfill_lines(
            sub_order=found, lines=pairs, user=info.context.user,
            tracking_number=tracking_number or "", notify_customer=notify_customer is not False,
        )
        sub_order_row = selectors.producer_sub_orders(producer=found.producer).get(pk=found.pk)
        own_lines = {line.order_line_id for line in sub_order_row.lines.all()}
        parcel = SubOrderFulfillment.from_pair(
            (fulfillment, [(line.order_line_id, line.quantity) for line in fulfillment.lines.all() if line.order_line_id in own_lines])
        )
        return ProducerFulfillLines(sub_order=sub_order_row, fulfillment=parcel)
