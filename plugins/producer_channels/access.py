"""Who may read or write a producer's things: the one home of producer access.

As django-oscar scopes its dashboard by a partner's `users`, every producer-facing read
starts from the producers a user acts for: as a member, or as a programme officer assigned
to the producer. A producer's people read its things whatever its status; they write only
while it is not suspended (`write=True`, `Reached.writable`, `require_writable` all ask
`producer_writable`). Programme staff reach everything through a permission of their own,
which the caller names (`staff_permission`): each plugin keeps its own staff permission.

Plugins below this one (provenance, stars) get these answers through the kernel's provider
(otop_kernel/producer_access.py), which `register` fills in at start-up.
"""
from dataclasses import dataclass
from typing import Callable, Dict, Generic, Iterable, Optional, Set, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from saleor.product.models import Product, ProductVariant

from otop_kernel.producer_access import ProducerContact, register_producer_access

from .error_codes import ProducerErrorCode
from .models import (
    InvitationStatus,
    MemberRole,
    OfficerAssignment,
    Producer,
    ProducerInvitation,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
    SubOrder,
)

T = TypeVar("T")

# A suspended producer's people keep read access; nothing of the producer changes on their word.
READ_ONLY_STATUSES = (ProducerStatus.SUSPENDED,)


def producer_writable(producer: Producer) -> bool:
    return producer.status not in READ_ONLY_STATUSES


def require_writable(producer: Producer) -> None:
    """Refuse a write to a suspended producer's data (the services' guard)."""
    if not producer_writable(producer):
        raise ValidationError(
            {
                "producer": ValidationError(
                    "The producer is suspended: its data is read-only.",
                    code=ProducerErrorCode.PRODUCER_SUSPENDED.value,
                )
            }
        )


def _acting(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _has_staff_permission(user, staff_permission) -> bool:
    return staff_permission is not None and _acting(user) and user.has_perm(staff_permission)


# --- what a user's producer people reach: querysets, to filter further or look up in -------


def producer_ids_query(*, user, write: bool = False) -> QuerySet:
    """Ids of the producers the user acts for, as a query to use inside another (`__in=`)."""
    if not _acting(user):
        return Producer.objects.none().values("pk")
    producers = Producer.objects.filter(Q(members__user=user) | Q(officer_assignments__officer=user))
    if write:
        producers = producers.exclude(status__in=READ_ONLY_STATUSES)
    return producers.order_by().values("pk").distinct()


def producer_ids(*, user, write: bool = False) -> Set[int]:
    return set(producer_ids_query(user=user, write=write).values_list("pk", flat=True))


def producers(*, user, write: bool = False) -> QuerySet:
    return Producer.objects.filter(pk__in=producer_ids_query(user=user, write=write))


def scope_by_producer(queryset: QuerySet, *, user, write: bool = False, field: str = "producer") -> QuerySet:
    """`queryset` cut to the rows whose `field` (a foreign key to Producer) is one of the
    user's producers: registrations, sub-orders, members, documents of a producer."""
    return queryset.filter(**{f"{field}_id__in": producer_ids_query(user=user, write=write)})


def scope_by_product(queryset: QuerySet, *, user, write: bool = False, field: str = "product") -> QuerySet:
    """`queryset` cut to the rows whose `field` (a foreign key to Saleor's Product) is a
    product of one of the user's producers: export profiles, certificates, reviews. An empty
    `field` scopes a queryset of products themselves."""
    path = f"{field}__otop_producer__producer_id__in" if field else "otop_producer__producer_id__in"
    return queryset.filter(**{path: producer_ids_query(user=user, write=write)})


def products(*, user, write: bool = False) -> QuerySet:
    return scope_by_product(Product.objects.all(), user=user, write=write, field="").select_related(
        "otop_producer__producer"
    )


def variants(*, user, write: bool = False) -> QuerySet:
    return ProductVariant.objects.filter(
        product__otop_producer__producer_id__in=producer_ids_query(user=user, write=write)
    ).select_related("product__product_type", "product__otop_producer__producer")


def sub_orders(*, user, write: bool = False) -> QuerySet:
    return scope_by_producer(SubOrder.objects.select_related("producer"), user=user, write=write)


def members(*, user, write: bool = False) -> QuerySet:
    return scope_by_producer(ProducerMember.objects.select_related("producer"), user=user, write=write)


def member_role(*, user, producer_id: int) -> Optional[str]:
    """The user's role in the producer (None for officers and strangers)."""
    if not _acting(user):
        return None
    return (
        ProducerMember.objects.filter(producer_id=producer_id, user=user)
        .values_list("role", flat=True)
        .first()
    )


def may_manage_people(*, user, producer_id: int) -> bool:
    """Owners and assigned officers manage the producer's members and payout details."""
    if not _acting(user):
        return False
    roles = set(ProducerMember.objects.filter(producer_id=producer_id, user=user).values_list("role", flat=True))
    if roles:
        return MemberRole.OWNER in roles
    return OfficerAssignment.objects.filter(producer_id=producer_id, officer=user).exists()


def invitations_managed(*, user) -> QuerySet:
    """Pending invitations of the producers whose people the user manages (owners, officers)."""
    if not _acting(user):
        return ProducerInvitation.objects.none()
    managed = Producer.objects.filter(
        Q(members__user=user, members__role=MemberRole.OWNER) | Q(officer_assignments__officer=user)
    ).exclude(pk__in=ProducerMember.objects.filter(user=user, role=MemberRole.STAFF).values("producer_id"))
    return ProducerInvitation.objects.filter(
        producer_id__in=managed.order_by().values("pk"), status=InvitationStatus.PENDING
    ).select_related("producer")


def invitations_received(*, user) -> QuerySet:
    """Pending, unexpired invitations of the user's own e-mail address (none for staff)."""
    if not _acting(user) or user.is_staff:
        return ProducerInvitation.objects.none()
    return ProducerInvitation.objects.filter(
        email=user.email.lower(), status=InvitationStatus.PENDING, expires_at__gt=timezone.now()
    ).select_related("producer")


def product_ids(*, user, write: bool = False) -> QuerySet:
    """Ids of the user's producers' products, as a query to use inside another."""
    return ProducerProduct.objects.filter(
        producer_id__in=producer_ids_query(user=user, write=write)
    ).values("product_id")


# --- one object, found with its producer --------------------------------------------------


@dataclass(frozen=True)
class Reached(Generic[T]):
    """An object the user may read, with its producer (None: an object of no producer,
    reached through a staff permission) and whether the user may write to it."""

    object: T
    producer: Optional[Producer]
    writable: bool


def product_producer(product: Product) -> Optional[Producer]:
    """The producer of a product: no query when the lookup selected it, one otherwise."""
    if Product.otop_producer.is_cached(product):
        link = getattr(product, "otop_producer", None)
        return link.producer if link is not None else None
    return Producer.objects.filter(product_links__product_id=product.pk).first()


def _reach(
    *, user, pk, scoped: Callable[[], QuerySet], everything: QuerySet, staff_permission, producer_of
) -> Optional[Reached]:
    if not pk:
        return None
    staff = _has_staff_permission(user, staff_permission)
    found = (everything if staff else scoped()).filter(pk=pk).first()
    if found is None:
        return None
    producer = producer_of(found)
    return Reached(found, producer, staff or (producer is not None and producer_writable(producer)))


def reach_producer(*, user, pk: Optional[int] = None, slug: str = "", staff_permission=None) -> Optional[Reached]:
    """A producer (by pk or slug) the user acts for, or any producer with `staff_permission`."""
    if slug:
        pk = Producer.objects.filter(slug=slug).values_list("pk", flat=True).first()
    return _reach(
        user=user, pk=pk, scoped=lambda: producers(user=user), everything=Producer.objects.all(),
        staff_permission=staff_permission, producer_of=lambda producer: producer,
    )


def reach_product(*, user, pk: Optional[int], staff_permission=None) -> Optional[Reached]:
    return _reach(
        user=user, pk=pk, scoped=lambda: products(user=user),
        everything=Product.objects.select_related("otop_producer__producer"),
        staff_permission=staff_permission, producer_of=product_producer,
    )


def reach_variant(*, user, pk: Optional[int], staff_permission=None) -> Optional[Reached]:
    return _reach(
        user=user, pk=pk, scoped=lambda: variants(user=user),
        everything=ProductVariant.objects.select_related("product__product_type", "product__otop_producer__producer"),
        staff_permission=staff_permission, producer_of=lambda variant: product_producer(variant.product),
    )


def reach_sub_order(*, user, pk: Optional[int], staff_permission=None) -> Optional[Reached]:
    return _reach(
        user=user, pk=pk, scoped=lambda: sub_orders(user=user),
        everything=SubOrder.objects.select_related("producer"),
        staff_permission=staff_permission, producer_of=lambda sub_order: sub_order.producer,
    )


def can_read_product(*, user, product_id: int) -> bool:
    return products(user=user).filter(pk=product_id).exists()


def can_write_product(*, user, product_id: int) -> bool:
    return products(user=user, write=True).filter(pk=product_id).exists()


# --- orders: whose parcels of an order a user may read ------------------------------------


def order_producer_ids(*, order) -> Set[int]:
    """Producers whose products the order's lines hold (its parcels); one query."""
    return set(
        ProducerProduct.objects.filter(product__variants__order_lines__order=order)
        .values_list("producer_id", flat=True)
        .distinct()
    )


def order_readable_producer_ids(*, user, order) -> Set[int]:
    """Of the order's parcels, the producers the user acts for; one query."""
    return set(
        ProducerProduct.objects.filter(
            product__variants__order_lines__order=order,
            producer_id__in=producer_ids_query(user=user),
        )
        .values_list("producer_id", flat=True)
        .distinct()
    )


# --- the kernel's provider, for the plugins below ------------------------------------------


def producer_contacts_by_product_ids(*, product_ids: Iterable[int]) -> Dict[int, ProducerContact]:
    links = ProducerProduct.objects.filter(product_id__in=list(product_ids)).select_related("producer")
    return {
        link.product_id: ProducerContact(
            pk=link.producer.pk,
            slug=link.producer.slug,
            name_th=link.producer.name_th,
            name_en=link.producer.name_en,
            contact_email=link.producer.contact_email,
            home_subdistrict_id=link.producer.home_subdistrict_id,
        )
        for link in links
    }


class ProducerChannelsAccess:
    """The kernel's ProducerAccess, answered from this module."""

    def can_read_product(self, *, user, product_id: int) -> bool:
        return can_read_product(user=user, product_id=product_id)

    def can_write_product(self, *, user, product_id: int) -> bool:
        return can_write_product(user=user, product_id=product_id)

    def readable_product_ids(self, *, user):
        return product_ids(user=user)

    def producers_of_products(self, *, product_ids: Iterable[int]) -> Dict[int, ProducerContact]:
        return producer_contacts_by_product_ids(product_ids=product_ids)


def register() -> None:
    register_producer_access(ProducerChannelsAccess())
