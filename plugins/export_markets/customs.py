"""CN23 customs declaration data of an order sent abroad.

Each producer ships its own parcel of a shared order, so a declaration covers one producer's
lines; programme staff may also read the whole order. A producer's people never see another
producer's lines.
"""
from dataclasses import dataclass
from decimal import Decimal

from saleor.core.permissions import OrderPermissions
from saleor.order.models import Order

from .models import ExportProfile
from .selectors import home_country

ORIGIN_COUNTRY = "TH"
GOODS_CATEGORY = "Sale of goods"


@dataclass(frozen=True)
class CustomsLine:
    description: str
    quantity: int
    net_weight_grams: int
    gross_weight_grams: int
    value: Decimal
    currency: str
    hs_code: str
    origin_country: str
    product_id: int | None


@dataclass(frozen=True)
class CustomsDeclaration:
    order: Order
    sender: str
    recipient_lines: list[str]
    destination_country: str
    category: str
    currency: str
    lines: list[CustomsLine]
    postal_charges: Decimal
    # The producer whose parcel this declares; None: every line of the order.
    producer_id: int | None = None

    @property
    def total_quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_net_weight_grams(self) -> int:
        return sum(line.net_weight_grams for line in self.lines)

    @property
    def total_gross_weight_grams(self) -> int:
        return sum(line.gross_weight_grams for line in self.lines)

    @property
    def total_value(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal(0))


def order_ships_abroad(order: Order) -> bool:
    address = order.shipping_address
    return address is not None and str(address.country) != home_country()


def _recipient_lines(address) -> list[str]:
    lines = [
        f"{address.first_name} {address.last_name}".strip(),
        address.company_name,
        address.street_address_1,
        address.street_address_2,
        " ".join(part for part in (address.postal_code, address.city) if part),
        address.country_area,
        address.country.name,
    ]
    return [line for line in lines if line]


class CustomsOutOfReach(Exception):
    """No such order or parcel for this user (the two are not told apart)."""


class CustomsParcelNeeded(Exception):
    """The user acts for several producers of the order and must say whose parcel."""


def producer_pk_of(producer_id) -> int | None:
    """The primary key in a Producer global id; 0 (no producer has it) for a malformed one."""
    from graphql_relay import from_global_id

    if not producer_id:
        return None
    try:
        type_name, pk = from_global_id(producer_id)
        return int(pk) if type_name == "Producer" else 0
    except (ValueError, TypeError, UnicodeDecodeError):
        return 0


def customs_parcel_of_user(*, user, order: Order, producer_id: int | None) -> int | None:
    """Whose parcel of the order the user may read: a producer's id, or None for the whole
    order (programme staff only). Raises CustomsOutOfReach or CustomsParcelNeeded."""
    from plugins.producer_channels import access as producer_access

    from .permissions import ExportMarketsPermissions

    if user is None or not user.is_authenticated:
        raise CustomsOutOfReach()
    if user.has_perm(ExportMarketsPermissions.MANAGE_OTOP_EXPORT) or user.has_perm(OrderPermissions.MANAGE_ORDERS):
        if producer_id is not None and producer_id not in producer_access.order_producer_ids(order=order):
            raise CustomsOutOfReach()
        return producer_id
    own = producer_access.order_readable_producer_ids(user=user, order=order)
    if producer_id is not None:
        if producer_id not in own:
            raise CustomsOutOfReach()
        return producer_id
    if not own:
        raise CustomsOutOfReach()
    if len(own) > 1:
        raise CustomsParcelNeeded()
    return next(iter(own))


def customs_declaration(*, order: Order, sender: str, producer_id: int | None = None) -> CustomsDeclaration | None:
    """The CN23 of the order (of one producer's parcel when `producer_id` is given), or None
    when it stays in Thailand. Three queries, four for a parcel."""
    if not order_ships_abroad(order):
        return None
    order_lines = list(order.lines.select_related("variant").order_by("pk"))
    whole_order = True
    if producer_id is not None:
        from plugins.producer_channels.selectors import product_ids_of_producer

        parcel_product_ids = set(product_ids_of_producer(producer_id=producer_id))
        parcel_lines = [line for line in order_lines if line.variant_id and line.variant.product_id in parcel_product_ids]
        whole_order = len(parcel_lines) == len(order_lines)
        order_lines = parcel_lines
    product_ids = {line.variant.product_id for line in order_lines if line.variant_id}
    profiles = {profile.product_id: profile for profile in ExportProfile.objects.filter(product_id__in=product_ids)}
    lines = []
    for line in order_lines:
        product_id = line.variant.product_id if line.variant_id else None
        profile = profiles.get(product_id)
        name = " ".join(part for part in (line.product_name, line.variant_name) if part)
        lines.append(
            CustomsLine(
                description=(profile.customs_description_en if profile and profile.customs_description_en else name),
                quantity=line.quantity,
                net_weight_grams=(profile.net_weight_grams or 0) * line.quantity if profile else 0,
                gross_weight_grams=(profile.gross_weight_grams or 0) * line.quantity if profile else 0,
                value=line.unit_price_gross_amount * line.quantity,
                currency=line.currency,
                hs_code=profile.hs_code if profile else "",
                origin_country=ORIGIN_COUNTRY,
                product_id=product_id,
            )
        )
    return CustomsDeclaration(
        order=order,
        sender=sender,
        recipient_lines=_recipient_lines(order.shipping_address),
        destination_country=str(order.shipping_address.country),
        category=GOODS_CATEGORY,
        currency=order.currency,
        lines=lines,
        # Shipping of a shared order is paid once and not split per parcel.
        postal_charges=order.shipping_price_gross_amount if whole_order else Decimal(0),
        producer_id=producer_id,
    )
