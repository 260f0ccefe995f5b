"""Writes of the producer channels. Every function checks its own rules and raises a
ValidationError keyed by field with a ProducerErrorCode; multi-row writes are atomic."""
import csv
import io
import re
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from babel.numbers import get_currency_precision
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from saleor.account.models import Address, User
from saleor.account.validators import validate_possible_number
from saleor.core.exceptions import InsufficientStock
from saleor.order import OrderStatus
from saleor.order.actions import create_fulfillments
from saleor.order.emails import send_fulfillment_confirmation_to_customer
from saleor.order.models import Fulfillment, Order, OrderLine
from saleor.payment import TransactionKind
from saleor.payment.models import Transaction
from saleor.plugins.manager import get_plugins_manager
from saleor.product.models import Category, Product, ProductType, ProductVariant
from saleor.product.utils.variant_prices import update_product_minimal_variant_price
from saleor.shipping.models import ShippingZone
from saleor.warehouse.models import Allocation, Stock, Warehouse

from plugins.provenance.models import Subdistrict
from plugins.provenance.selectors import provenance_configuration
from plugins.provenance.services import product_publication_check
from saleor_otop.input_limits import values_check
from saleor_otop.private_files import private_file_name, private_storage
from saleor_otop.product_facts import product_facts_changed

from . import selectors
from .error_codes import ProducerErrorCode
from .models import (
    InvitationStatus,
    LedgerEntry,
    LedgerEntryKind,
    MemberRole,
    OfficerAssignment,
    Payout,
    PayoutMethod,
    PayoutRun,
    PayoutStatus,
    Producer,
    ProducerInvitation,
    ProducerKind,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
    SubOrder,
    SubOrderLine,
    SubOrderStatus,
)
from .plugin import ProducerChannelsConfiguration

CENT = Decimal("0.01")
PROMPTPAY_ID = re.compile(r"^(0\d{9}|\d{13}|\d{15})$")
BANK_CODE = re.compile(r"^\d{3}$")
BANK_ACCOUNT = re.compile(r"^\d{10,15}$")
PROFILE_FIELDS = (
    "name_th", "name_en", "kind", "registration_id", "address_line", "contact_name",
    "contact_email", "contact_phone", "story_th", "story_en",
)
PAYOUT_FIELDS = (
    "payout_method", "bank_code", "bank_account_name", "bank_account_number", "promptpay_id",
    "withholding_tax",
)
CLOSED_SUB_ORDER_STATUSES = (SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED)


def _error(field: str, message: str, code: ProducerErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# --- input rules shared by the services -------------------------------------------------


def clean_price(value, *, field: str, currency: Optional[str] = None) -> Decimal:
    """A selling price: positive, in the currency's smallest unit (satang for THB)."""
    currency = currency or settings.DEFAULT_CURRENCY
    try:
        price = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise _error(field, "The price must be a number.", ProducerErrorCode.INVALID) from None
    if not price.is_finite() or price <= 0:
        raise _error(field, "The price must be greater than 0.", ProducerErrorCode.PRICE_NOT_POSITIVE)
    precision = get_currency_precision(currency)
    if price.as_tuple().exponent < -precision:
        raise _error(
            field,
            f"{currency} prices have at most {precision} decimals.",
            ProducerErrorCode.PRICE_PRECISION,
        )
    values_check(
        ProductVariant, {"price_override_amount": price}, codes=ProducerErrorCode,
        input_names={"price_override_amount": field},
    )
    return price


def clean_commission_rate(value, *, field: str = "commission_rate") -> Decimal:
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise _error(field, "The commission must be a number of percent.", ProducerErrorCode.INVALID) from None
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(100):
        raise _error(
            field, "The commission must be between 0 and 100 %.", ProducerErrorCode.COMMISSION_OUT_OF_RANGE
        )
    if rate.as_tuple().exponent < -2:
        raise _error(field, "The commission takes at most 2 decimals.", ProducerErrorCode.INVALID)
    return rate


def _clean_subdistrict(code: str) -> Subdistrict:
    subdistrict = (
        Subdistrict.objects.filter(code=str(code or "").strip())
        .select_related("district__province")
        .first()
    )
    if subdistrict is None:
        raise _error(
            "home_subdistrict_code",
            "No subdistrict (tambon) has this 6-digit DOPA code.",
            ProducerErrorCode.INVALID_SUBDISTRICT,
        )
    if subdistrict.abolished_on is not None:
        raise _error(
            "home_subdistrict_code",
            "This subdistrict was abolished; give the code of the one that took it over.",
            ProducerErrorCode.INVALID_SUBDISTRICT,
        )
    return subdistrict


def _clean_profile(data: dict) -> dict:
    cleaned = dict(data)
    for field in ("name_th", "name_en"):
        if field in cleaned:
            cleaned[field] = (cleaned[field] or "").strip()
            if not cleaned[field]:
                raise _error(field, "The name is required.", ProducerErrorCode.REQUIRED)
    if "kind" in cleaned and cleaned["kind"] not in ProducerKind.values:
        raise _error("kind", "Unknown kind of producer.", ProducerErrorCode.INVALID)
    if "contact_email" in cleaned:
        cleaned["contact_email"] = (cleaned["contact_email"] or "").strip().lower()
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError:
            raise _error("contact_email", "Enter a valid e-mail address.", ProducerErrorCode.INVALID) from None
    if cleaned.get("contact_phone"):
        try:
            phone = validate_possible_number(cleaned["contact_phone"], "TH")
        except ValidationError:
            raise _error("contact_phone", "Enter a valid phone number.", ProducerErrorCode.INVALID) from None
        cleaned["contact_phone"] = phone.as_e164
    if "payout_method" in cleaned and cleaned["payout_method"] not in PayoutMethod.values:
        raise _error("payout_method", "Unknown payout method.", ProducerErrorCode.INVALID)
    if cleaned.get("promptpay_id"):
        cleaned["promptpay_id"] = re.sub(r"[\s-]", "", cleaned["promptpay_id"])
        if not PROMPTPAY_ID.match(cleaned["promptpay_id"]):
            raise _error(
                "promptpay_id",
                "A PromptPay id is a mobile number (10 digits), a national or tax id (13 digits) "
                "or an e-wallet id (15 digits).",
                ProducerErrorCode.INVALID,
            )
    if cleaned.get("bank_code") and not BANK_CODE.match(cleaned["bank_code"].strip()):
        raise _error("bank_code", "A bank code has 3 digits (e.g. 002).", ProducerErrorCode.INVALID)
    if cleaned.get("bank_account_number"):
        cleaned["bank_account_number"] = re.sub(r"[\s-]", "", cleaned["bank_account_number"])
        if not BANK_ACCOUNT.match(cleaned["bank_account_number"]):
            raise _error(
                "bank_account_number", "A bank account number has 10 to 15 digits.", ProducerErrorCode.INVALID
            )
    values_check(Producer, cleaned, codes=ProducerErrorCode)
    return cleaned


def _unique_slug(model, text: str, fallback: str) -> str:
    base = slugify(text)[:80] or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _require_not_suspended(producer: Producer) -> None:
    if producer.status == ProducerStatus.SUSPENDED:
        raise _error("producer", "The producer is suspended: its data is read-only.", ProducerErrorCode.PRODUCER_SUSPENDED)


def payout_details_missing(producer: Producer) -> bool:
    if producer.payout_method == PayoutMethod.PROMPTPAY:
        return not producer.promptpay_id
    return not (producer.bank_code and producer.bank_account_number and producer.bank_account_name)


# --- producers: signup, approval, suspension --------------------------------------------


@transaction.atomic
def producer_apply(
    *,
    user: User,
    name_th: str,
    name_en: str,
    kind: str,
    home_subdistrict_code: str,
    contact_email: str,
    configuration: ProducerChannelsConfiguration,
    slug: str = "",
    **details,
) -> Producer:
    """A logged-in user applies; they become the owner of the new (applied) producer. The owner
    of a suspended producer may not open another shop while the suspension lasts."""
    unknown = set(details) - set(PROFILE_FIELDS) - set(PAYOUT_FIELDS)
    if unknown:
        raise TypeError(f"unknown producer fields: {sorted(unknown)}")
    if ProducerMember.objects.filter(
        user=user, role=MemberRole.OWNER, producer__status=ProducerStatus.SUSPENDED
    ).exists():
        raise _error(
            "producer",
            "A producer you own is suspended: you cannot apply for another shop until it is reinstated.",
            ProducerErrorCode.PRODUCER_SUSPENDED,
        )
    cleaned = _clean_profile(
        {"name_th": name_th, "name_en": name_en, "kind": kind, "contact_email": contact_email, **details}
    )
    subdistrict = _clean_subdistrict(home_subdistrict_code)
    if slug:
        if slugify(slug) != slug:
            raise _error("slug", "A slug has lowercase letters, digits and hyphens.", ProducerErrorCode.INVALID)
        if Producer.objects.filter(slug=slug).exists():
            raise _error("slug", "This slug is taken.", ProducerErrorCode.UNIQUE)
    else:
        slug = _unique_slug(Producer, cleaned["name_en"], fallback=f"producer-{subdistrict.code}")
    producer = Producer.objects.create(
        slug=slug,
        home_subdistrict=subdistrict,
        commission_rate=configuration.default_commission_rate,
        **cleaned,
    )
    ProducerMember.objects.create(producer=producer, user=user, role=MemberRole.OWNER)
    return producer


@transaction.atomic
def producer_update(*, producer: Producer, **fields) -> Producer:
    """Profile and payout details, as a producer's owner edits them."""
    unknown = set(fields) - set(PROFILE_FIELDS) - set(PAYOUT_FIELDS) - {"home_subdistrict_code"}
    if unknown:
        raise TypeError(f"unknown producer fields: {sorted(unknown)}")
    _require_not_suspended(producer)
    cleaned = _clean_profile(fields)
    if "home_subdistrict_code" in cleaned:
        cleaned["home_subdistrict"] = _clean_subdistrict(cleaned.pop("home_subdistrict_code"))
    renamed = any(getattr(producer, name) != cleaned[name] for name in ("name_th", "name_en") if name in cleaned)
    for field, value in cleaned.items():
        setattr(producer, field, value)
    producer.save(update_fields=list(cleaned))
    if renamed:  # products are searched by their producer's names
        product_facts_changed(product_ids=list(selectors.product_ids_of_producer(producer_id=producer.pk)))
    return producer


def _producer_address(producer: Producer) -> Address:
    subdistrict = producer.home_subdistrict
    district = subdistrict.district
    province = district.province
    return Address.objects.create(
        first_name=producer.contact_name[:256],
        company_name=(producer.name_en or producer.name_th)[:256],
        street_address_1=producer.address_line[:256],
        city_area=(subdistrict.name_en or subdistrict.name_th)[:128],
        city=(district.name_en or district.name_th)[:256],
        country_area=(province.name_en or province.name_th)[:128],
        postal_code=subdistrict.postcodes[0] if subdistrict.postcodes else "",
        country="TH",
        phone=producer.contact_phone,
    )


def _producer_warehouse(producer: Producer, configuration: ProducerChannelsConfiguration) -> Warehouse:
    warehouse = Warehouse.objects.create(
        name=(producer.name_en or producer.name_th)[:250],
        slug=_unique_slug(Warehouse, f"otop-{producer.slug}", fallback=f"otop-producer-{producer.pk}"),
        company_name=producer.name_th[:255],
        address=_producer_address(producer),
        email=producer.contact_email,
    )
    zones = ShippingZone.objects.all()
    if configuration.warehouse_shipping_zones:
        zones = zones.filter(name__in=configuration.warehouse_shipping_zones)
    # Each producer ships from its own warehouse, so many warehouses serve one zone; stock
    # of a variant lives only in its producer's warehouse, so allocation stays unambiguous.
    warehouse.shipping_zones.add(*zones)
    return warehouse


def _locked(producer: Producer) -> Producer:
    return (
        Producer.objects.select_for_update(of=("self",))
        .select_related("home_subdistrict__district__province", "warehouse")
        .get(pk=producer.pk)
    )


@transaction.atomic
def producer_approve(
    *,
    producer: Producer,
    configuration: ProducerChannelsConfiguration,
    commission_rate: Optional[Decimal] = None,
) -> Producer:
    """Approve an application (or reinstate a suspended producer): its shop opens, with a
    Saleor warehouse of its own at its home address."""
    if commission_rate is not None:
        commission_rate = clean_commission_rate(commission_rate)
    producer = _locked(producer)
    if producer.status == ProducerStatus.APPROVED:
        raise _error("id", "The producer is already approved.", ProducerErrorCode.ALREADY_APPROVED)
    reinstated = producer.status == ProducerStatus.SUSPENDED
    if producer.warehouse is None:
        producer.warehouse = _producer_warehouse(producer, configuration)
    if commission_rate is not None:
        producer.commission_rate = commission_rate
    producer.status = ProducerStatus.APPROVED
    producer.approved_at = timezone.now()
    producer.suspended_at = None
    producer.suspension_reason = ""
    producer.save()
    if reinstated:
        links = ProducerProduct.objects.filter(producer=producer, unpublished_by_suspension=True)
        republished = list(links.values_list("product_id", flat=True))
        Product.objects.filter(pk__in=republished).update(is_published=True, updated_at=timezone.now())
        links.update(unpublished_by_suspension=False)
        product_facts_changed(product_ids=republished)
    return producer


@transaction.atomic
def producer_suspend(*, producer: Producer, reason: str = "") -> Producer:
    """Suspend a producer: its published products leave the shop listing; its people keep
    read access."""
    producer = _locked(producer)
    if producer.status == ProducerStatus.SUSPENDED:
        raise _error("id", "The producer is already suspended.", ProducerErrorCode.ALREADY_SUSPENDED)
    values_check(Producer, {"suspension_reason": reason}, codes=ProducerErrorCode)
    producer.status = ProducerStatus.SUSPENDED
    producer.suspended_at = timezone.now()
    producer.suspension_reason = reason or ""
    producer.save(update_fields=["status", "suspended_at", "suspension_reason"])
    published = list(
        ProducerProduct.objects.filter(producer=producer, product__is_published=True).values_list(
            "product_id", flat=True
        )
    )
    Product.objects.filter(pk__in=published).update(is_published=False, updated_at=timezone.now())
    ProducerProduct.objects.filter(product_id__in=published).update(unpublished_by_suspension=True)
    product_facts_changed(product_ids=published)
    return producer


@transaction.atomic
def producer_commission_set(*, producer: Producer, commission_rate) -> Producer:
    """A new rate applies to orders placed from now on; sub-orders keep theirs."""
    producer.commission_rate = clean_commission_rate(commission_rate)
    producer.save(update_fields=["commission_rate"])
    return producer


@transaction.atomic
def producer_officer_assign(*, producer: Producer, officer: User, assigned_by: Optional[User]) -> OfficerAssignment:
    if OfficerAssignment.objects.filter(producer=producer, officer=officer).exists():
        raise _error("officer_id", "The officer is already assigned to this producer.", ProducerErrorCode.ALREADY_ASSIGNED)
    return OfficerAssignment.objects.create(producer=producer, officer=officer, assigned_by=assigned_by)


@transaction.atomic
def producer_officer_unassign(*, producer: Producer, officer: User) -> None:
    deleted, _ = OfficerAssignment.objects.filter(producer=producer, officer=officer).delete()
    if not deleted:
        raise _error("officer_id", "The officer is not assigned to this producer.", ProducerErrorCode.NOT_FOUND)


INVITATION_VALID_DAYS = 14


@transaction.atomic
def producer_member_invite(
    *, producer: Producer, email: str, role: str, invited_by: Optional[User] = None
) -> ProducerInvitation:
    """Invite an e-mail address to join the producer. The answer is the same whether the
    address has an account or not (nothing of an account shows); the membership starts only
    when that account accepts. Inviting a pending address again renews the invitation."""
    _require_not_suspended(producer)
    if role not in MemberRole.values:
        raise _error("role", "Unknown role.", ProducerErrorCode.INVALID)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise _error("email", "Enter a valid e-mail address.", ProducerErrorCode.INVALID)
    # The inviting owner sees the members' addresses anyway: this tells nothing new.
    if ProducerMember.objects.filter(producer=producer, user__email__iexact=email).exists():
        raise _error("email", "This person is already a member.", ProducerErrorCode.ALREADY_MEMBER)
    now = timezone.now()
    invitation, _created = ProducerInvitation.objects.update_or_create(
        producer=producer,
        email=email,
        status=InvitationStatus.PENDING,
        defaults={
            "role": role,
            "invited_by": invited_by,
            "created_at": now,
            "expires_at": now + timedelta(days=INVITATION_VALID_DAYS),
        },
    )
    from .tasks import producer_invitation_notify_task

    transaction.on_commit(lambda: producer_invitation_notify_task.delay(invitation.pk))
    return invitation


def producer_invitation_notify(*, invitation_id: int) -> None:
    """E-mail the invited address (whether or not it has an account yet)."""
    invitation = ProducerInvitation.objects.select_related("producer").filter(
        pk=invitation_id, status=InvitationStatus.PENDING
    ).first()
    if invitation is None:
        return
    producer = invitation.producer
    send_mail(
        subject=f"OTOP Market: {producer.name_en or producer.name_th} invites you",
        message="\n".join(
            [
                f"{producer.name_en or producer.name_th} ({producer.name_th}) invites you to work for it in "
                f"OTOP Market as {invitation.get_role_display().lower()}.",
                "",
                f"Sign in with this address ({invitation.email}), or create an account with it, and accept the "
                f"invitation in the producer portal before {invitation.expires_at:%Y-%m-%d}.",
                "If you do not know this producer, ignore this message: nothing changes without your answer.",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def _locked_pending_invitation(invitation: ProducerInvitation) -> ProducerInvitation:
    invitation = ProducerInvitation.objects.select_for_update().select_related("producer").get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise _error("id", f"The invitation is already {invitation.status}.", ProducerErrorCode.INVALID)
    return invitation


@transaction.atomic
def producer_invitation_accept(*, invitation: ProducerInvitation, user: User) -> ProducerMember:
    """The invited account joins: only the account with the invited address, and never a
    programme staff account (staff act through their permissions and officer assignments)."""
    invitation = _locked_pending_invitation(invitation)
    if not user.is_active or user.email.lower() != invitation.email:
        raise _error("id", "Couldn't resolve to an invitation.", ProducerErrorCode.NOT_FOUND)
    if user.is_staff:
        raise _error("id", "Programme staff accounts cannot join a producer.", ProducerErrorCode.STAFF_CANNOT_JOIN)
    if invitation.expires_at <= timezone.now():
        raise _error("id", "The invitation has expired: ask for a new one.", ProducerErrorCode.INVITATION_EXPIRED)
    _require_not_suspended(invitation.producer)
    member, _created = ProducerMember.objects.get_or_create(
        producer=invitation.producer, user=user, defaults={"role": invitation.role}
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return member


@transaction.atomic
def producer_invitation_close(*, invitation: ProducerInvitation, status: str) -> ProducerInvitation:
    """Decline (the invited account) or cancel (the producer's owners) a pending invitation."""
    if status not in (InvitationStatus.DECLINED, InvitationStatus.CANCELLED):
        raise ValueError(f"an invitation is closed as declined or cancelled, not {status!r}")
    invitation = _locked_pending_invitation(invitation)
    invitation.status = status
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    return invitation


@transaction.atomic
def producer_member_remove(*, member: ProducerMember) -> None:
    _require_not_suspended(member.producer)
    if member.role == MemberRole.OWNER:
        owners = ProducerMember.objects.select_for_update().filter(
            producer_id=member.producer_id, role=MemberRole.OWNER
        )
        if len(owners) <= 1:
            raise _error("id", "A producer keeps at least one owner.", ProducerErrorCode.LAST_OWNER)
    member.delete()


@transaction.atomic
def producer_product_assign(*, producer: Producer, product: Product) -> ProducerProduct:
    """Give an existing Saleor product (created by programme staff) to its producer, which must
    be approved (not only applied, nor suspended)."""
    if producer.status != ProducerStatus.APPROVED:
        raise _error(
            "id", f"The producer is {producer.status}: only approved producers get products.",
            ProducerErrorCode.PRODUCER_NOT_APPROVED,
        )
    if ProducerProduct.objects.filter(product=product).exists():
        raise _error(
            "product_id", "The product already belongs to a producer.", ProducerErrorCode.PRODUCT_ALREADY_ASSIGNED
        )
    link = ProducerProduct.objects.create(product=product, producer=producer)
    product_facts_changed(product_ids=[product.pk])
    return link


# --- the producer's catalogue ------------------------------------------------------------


def _require_writable(producer: Producer) -> None:
    _require_not_suspended(producer)
    if producer.status != ProducerStatus.APPROVED or producer.warehouse_id is None:
        raise _error(
            "producer", "The producer's shop opens when the programme approves it.", ProducerErrorCode.PRODUCER_NOT_APPROVED
        )


def _clean_sku(sku: str, *, exclude_pk=None) -> str:
    sku = (sku or "").strip()
    if not sku:
        raise _error("sku", "The SKU is required.", ProducerErrorCode.REQUIRED)
    if ProductVariant.objects.filter(sku=sku).exclude(pk=exclude_pk).exists():
        raise _error("sku", "This SKU is taken.", ProducerErrorCode.UNIQUE)
    return sku


def _product_producer(product: Product) -> Producer:
    return ProducerProduct.objects.select_related("producer").get(product=product).producer


def _publication_check(product: Product) -> None:
    """The OTOP market's rule for publishing (provenance first) holds on this path too."""
    try:
        product_publication_check(product=product, configuration=provenance_configuration())
    except ValidationError as error:
        message = error.message_dict["is_published"][0]
        raise _error("is_published", message, ProducerErrorCode.PROVENANCE_REQUIRED)


@transaction.atomic
def producer_product_create(
    *,
    producer: Producer,
    name: str,
    product_type: ProductType,
    category: Category,
    base_price,
    description: str = "",
    is_published: bool = False,
    sku: str = "",
    weight=None,
) -> Product:
    """A product of the producer; for a product type without variants, `sku` makes its one
    variant (Saleor's productCreate does the same)."""
    _require_writable(producer)
    name = (name or "").strip()
    if not name:
        raise _error("name", "The name is required.", ProducerErrorCode.REQUIRED)
    values_check(Product, {"name": name, "description": description}, codes=ProducerErrorCode)
    values_check(ProductVariant, {"sku": sku}, codes=ProducerErrorCode)
    price = clean_price(base_price, field="base_price")
    if not product_type.has_variants:
        if not sku:
            raise _error("sku", "A product of this type needs a SKU.", ProducerErrorCode.VARIANT_REQUIRES_SKU)
        sku = _clean_sku(sku)
    product = Product.objects.create(
        name=name,
        slug=_unique_slug(Product, name, fallback=f"{producer.slug}-product"),
        description=description or "",
        product_type=product_type,
        category=category,
        currency=settings.DEFAULT_CURRENCY,
        price_amount=price,
        minimal_variant_price_amount=price,
        is_published=is_published,
        weight=weight,
    )
    ProducerProduct.objects.create(product=product, producer=producer)
    if is_published:
        _publication_check(product)
    product_facts_changed(product_ids=[product.pk])
    if not product_type.has_variants:
        ProductVariant.objects.create(product=product, sku=sku, currency=settings.DEFAULT_CURRENCY)
    update_product_minimal_variant_price(product)
    get_plugins_manager().product_created(product)
    return product


@transaction.atomic
def producer_product_update(
    *,
    product: Product,
    name: Optional[str] = None,
    description: Optional[str] = None,
    category: Optional[Category] = None,
    base_price=None,
    is_published: Optional[bool] = None,
) -> Product:
    _require_writable(_product_producer(product))
    values_check(Product, {"name": name, "description": description}, codes=ProducerErrorCode)
    changed = []
    if name is not None:
        name = name.strip()
        if not name:
            raise _error("name", "The name is required.", ProducerErrorCode.REQUIRED)
        product.name = name
        changed.append("name")
    if description is not None:
        product.description = description
        changed.append("description")
    if category is not None:
        product.category = category
        changed.append("category")
    if base_price is not None:
        product.price_amount = clean_price(base_price, field="base_price", currency=product.currency)
        changed.append("price_amount")
    if is_published is not None:
        if is_published and not product.is_published:
            _publication_check(product)
        product.is_published = is_published
        changed.append("is_published")
    if changed:
        product.save(update_fields=changed + ["updated_at"])
        product_facts_changed(product_ids=[product.pk])
    if base_price is not None:
        update_product_minimal_variant_price(product)
    return product


@transaction.atomic
def producer_variant_create(
    *,
    product: Product,
    sku: str,
    name: str = "",
    price=None,
    track_inventory: bool = True,
    quantity: Optional[int] = None,
) -> ProductVariant:
    producer = _product_producer(product)
    _require_writable(producer)
    if not product.product_type.has_variants and product.variants.exists():
        raise _error("product", "Products of this type have a single variant.", ProducerErrorCode.INVALID)
    values_check(ProductVariant, {"sku": sku, "name": name}, codes=ProducerErrorCode)
    sku = _clean_sku(sku)
    price = clean_price(price, field="price", currency=product.currency) if price is not None else None
    variant = ProductVariant.objects.create(
        product=product,
        sku=sku,
        name=(name or "").strip(),
        currency=product.currency,
        price_override_amount=price,
        track_inventory=track_inventory,
    )
    if quantity is not None:
        producer_stock_set(variant=variant, quantity=quantity)
    update_product_minimal_variant_price(product)
    return variant


@transaction.atomic
def producer_variant_update(
    *, variant: ProductVariant, sku: Optional[str] = None, name: Optional[str] = None,
    track_inventory: Optional[bool] = None,
) -> ProductVariant:
    _require_writable(_product_producer(variant.product))
    values_check(ProductVariant, {"sku": sku, "name": name}, codes=ProducerErrorCode)
    changed = []
    if sku is not None:
        variant.sku = _clean_sku(sku, exclude_pk=variant.pk)
        changed.append("sku")
    if name is not None:
        variant.name = name.strip()
        changed.append("name")
    if track_inventory is not None:
        variant.track_inventory = track_inventory
        changed.append("track_inventory")
    if changed:
        variant.save(update_fields=changed)
    return variant


@transaction.atomic
def producer_variant_price_set(*, variant: ProductVariant, price) -> ProductVariant:
    _require_writable(_product_producer(variant.product))
    variant.price_override_amount = clean_price(price, field="price", currency=variant.currency)
    variant.save(update_fields=["price_override_amount"])
    update_product_minimal_variant_price(variant.product)
    return variant


@transaction.atomic
def producer_stock_set(*, variant: ProductVariant, quantity: int) -> Stock:
    """Stock of a variant in its producer's own warehouse (the only one it may stock)."""
    producer = _product_producer(variant.product)
    _require_writable(producer)
    if quantity is None or quantity < 0:
        raise _error("quantity", "The quantity cannot be negative.", ProducerErrorCode.NEGATIVE_QUANTITY)
    values_check(Stock, {"quantity": quantity}, codes=ProducerErrorCode)
    # The row lock orders this write with checkouts, which lock the same row before they
    # count free units (saleor_otop/checkout_completion.py): the allocated sum read after it
    # is current, and no checkout can allocate in between.
    stock = Stock.objects.select_for_update(of=("self",)).filter(
        warehouse_id=producer.warehouse_id, product_variant=variant
    ).first()
    if stock is None:
        return Stock.objects.create(warehouse_id=producer.warehouse_id, product_variant=variant, quantity=quantity)
    from saleor_otop.checkout_completion import reserved_by_stock

    allocated = Allocation.objects.filter(stock=stock).aggregate(total=Coalesce(Sum("quantity_allocated"), 0))["total"]
    # Units held for checkouts being paid count too (their order allocates them next).
    allocated += reserved_by_stock(stock_ids=[stock.pk]).get(stock.pk, 0)
    if quantity < allocated:
        raise _error(
            "quantity",
            f"{allocated} units are in orders not yet shipped; the stock cannot go below that.",
            ProducerErrorCode.BELOW_ALLOCATED,
        )
    stock.quantity = quantity
    stock.save(update_fields=["quantity"])
    return stock


# --- orders: split, notification, fulfilment, status ------------------------------------


# Called inside Saleor's order creation: no savepoint of its own (two queries less on every
# checkout); an error still rolls the whole order back.
@transaction.atomic(savepoint=False)
def order_split_by_producer(*, order: Order, notify: bool = True) -> List[SubOrder]:
    """One sub-order per producer with the order's lines of its products. Lines of products
    no producer owns stay with the market. Idempotent."""
    existing = list(SubOrder.objects.filter(order=order))
    if existing:
        return existing
    lines = OrderLine.objects.filter(order=order, variant__product__otop_producer__isnull=False).values_list(
        "pk",
        "quantity",
        "unit_price_gross_amount",
        "variant__product__otop_producer__producer_id",
        "variant__product__otop_producer__producer__commission_rate",
    )
    lines_by_producer: Dict[int, list] = defaultdict(list)
    commission_rates: Dict[int, Decimal] = {}
    for line_id, quantity, unit_price, producer_id, commission_rate in lines:
        lines_by_producer[producer_id].append((line_id, quantity * unit_price))
        commission_rates[producer_id] = commission_rate
    sub_orders = []
    for producer_id, producer_lines in lines_by_producer.items():
        subtotal = money(sum(total for _, total in producer_lines))
        commission = money(subtotal * commission_rates[producer_id] / 100)
        sub_orders.append(
            SubOrder(
                order=order,
                producer_id=producer_id,
                currency=order.currency,
                subtotal_amount=subtotal,
                commission_rate=commission_rates[producer_id],
                commission_amount=commission,
                net_amount=subtotal - commission,
            )
        )
    SubOrder.objects.bulk_create(sub_orders)
    sub_order_of = {sub_order.producer_id: sub_order for sub_order in sub_orders}
    SubOrderLine.objects.bulk_create(
        SubOrderLine(sub_order=sub_order_of[producer_id], order_line_id=line_id)
        for producer_id, producer_lines in lines_by_producer.items()
        for line_id, _ in producer_lines
    )
    if notify and sub_orders:
        from .tasks import order_notify_producers_task

        transaction.on_commit(lambda: order_notify_producers_task.delay(order.pk))
    return sub_orders


def order_notify_producers(*, order_id: int) -> None:
    for sub_order_id in SubOrder.objects.filter(order_id=order_id, producer_notified_at__isnull=True).values_list(
        "pk", flat=True
    ):
        sub_order_notify_producer(sub_order_id=sub_order_id)


def sub_order_notify_producer(*, sub_order_id: int) -> None:
    """E-mail the producer (contact address and owners) what to ship."""
    sub_order = (
        SubOrder.objects.select_related("producer", "order").filter(pk=sub_order_id).first()
    )
    if sub_order is None or sub_order.producer_notified_at is not None:
        return
    producer = sub_order.producer
    owners = ProducerMember.objects.filter(producer=producer, role=MemberRole.OWNER).values_list(
        "user__email", flat=True
    )
    recipients = sorted({producer.contact_email, *owners} - {""})
    lines = SubOrderLine.objects.filter(sub_order=sub_order).select_related("order_line")
    body = "\n".join(
        [
            f"New order #{sub_order.order_id} for {producer.name_en or producer.name_th}.",
            "",
            *[
                f"- {line.order_line.quantity} x {line.order_line.product_name} "
                f"({line.order_line.product_sku})"
                for line in lines
            ],
            "",
            (
                f"Subtotal: {sub_order.subtotal_amount} {sub_order.currency}; "
                f"commission {sub_order.commission_amount}; you receive {sub_order.net_amount}."
            ),
        ]
    )
    send_mail(
        subject=f"OTOP Market: new order #{sub_order.order_id}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
    SubOrder.objects.filter(pk=sub_order.pk).update(producer_notified_at=timezone.now())


def _fulfilment_status(quantity: int, fulfilled: int) -> str:
    if fulfilled <= 0:
        return SubOrderStatus.UNFULFILLED
    if fulfilled < quantity:
        return SubOrderStatus.PARTLY_FULFILLED
    return SubOrderStatus.FULFILLED


@transaction.atomic
def producer_fulfill_lines(
    *,
    sub_order: SubOrder,
    lines: Sequence[Tuple[int, int]],
    user: User,
    tracking_number: str = "",
    notify_customer: bool = True,
) -> Fulfillment:
    """Fulfil (order line id, quantity) pairs of one sub-order from the producer's own
    warehouse, with Saleor's fulfilment, and record the parcel's tracking number."""
    sub_order = (
        SubOrder.objects.select_for_update(of=("self",))
        .select_related("order", "producer")
        .get(pk=sub_order.pk)
    )
    producer = sub_order.producer
    _require_writable(producer)
    order = sub_order.order
    if sub_order.status in CLOSED_SUB_ORDER_STATUSES or order.status in (OrderStatus.CANCELED, OrderStatus.DRAFT):
        raise _error("sub_order", "The sub-order is closed.", ProducerErrorCode.SUB_ORDER_CLOSED)
    if not lines:
        raise _error("lines", "Give at least one line to fulfil.", ProducerErrorCode.REQUIRED)
    own_lines = {
        line.pk: line
        for line in OrderLine.objects.select_for_update(of=("self",))
        .filter(otop_sub_order_line__sub_order=sub_order)
        .select_related("variant")
    }
    to_fulfil, seen = [], set()
    for line_id, quantity in lines:
        if line_id in seen:
            raise _error("lines", "A line is given twice.", ProducerErrorCode.DUPLICATED_INPUT_ITEM)
        seen.add(line_id)
        line = own_lines.get(line_id)
        if line is None:
            raise _error("lines", "Couldn't resolve to an order line of this sub-order.", ProducerErrorCode.NOT_FOUND)
        if quantity <= 0:
            raise _error("lines", "The quantity must be at least 1.", ProducerErrorCode.QUANTITY_NOT_POSITIVE)
        if quantity > line.quantity_unfulfilled:
            raise _error(
                "lines",
                f"Only {line.quantity_unfulfilled} of {line.product_sku} are left to fulfil.",
                ProducerErrorCode.QUANTITY_EXCEEDS_ORDERED,
            )
        to_fulfil.append({"order_line": line, "quantity": quantity})
    try:
        (fulfillment,) = create_fulfillments(
            user, order, {producer.warehouse_id: to_fulfil}, notify_customer=False
        )
    except InsufficientStock as error:
        raise _error(
            "lines",
            f"Not enough stock of {error.item} in the producer's warehouse.",
            ProducerErrorCode.INSUFFICIENT_STOCK,
        ) from None
    values_check(Fulfillment, {"tracking_number": tracking_number}, codes=ProducerErrorCode)
    fulfillment.tracking_number = (tracking_number or "").strip()
    fulfillment.save(update_fields=["tracking_number"])
    sub_orders_sync_status(order=order)
    if notify_customer:
        transaction.on_commit(lambda: send_fulfillment_confirmation_to_customer(order, fulfillment, user))
    return fulfillment


def sub_orders_sync_status(*, order: Order) -> None:
    """Status of each open sub-order from the fulfilment of its lines."""
    sub_orders = SubOrder.objects.filter(order=order).exclude(status__in=CLOSED_SUB_ORDER_STATUSES)
    counts = (
        SubOrderLine.objects.filter(sub_order__in=sub_orders)
        .values("sub_order_id")
        .annotate(quantity=Sum("order_line__quantity"), fulfilled=Sum("order_line__quantity_fulfilled"))
    )
    for row in counts:
        status = _fulfilment_status(row["quantity"], row["fulfilled"])
        SubOrder.objects.filter(pk=row["sub_order_id"]).exclude(status=status).update(
            status=status, updated_at=timezone.now()
        )


@transaction.atomic
def sub_orders_cancel(*, order: Order, configuration: ProducerChannelsConfiguration) -> None:
    """The order was cancelled: so are its sub-orders, and what was paid is reversed."""
    SubOrder.objects.filter(order=order).exclude(status=SubOrderStatus.CANCELLED).update(
        status=SubOrderStatus.CANCELLED, updated_at=timezone.now()
    )
    ledger_record_reversals(order=order, configuration=configuration)


@transaction.atomic
def sub_orders_sync(*, order: Order, configuration: ProducerChannelsConfiguration) -> None:
    """After any change of the order (fulfilment, refund, ...): statuses and reversals."""
    if not SubOrder.objects.filter(order=order).exists():
        return
    if order.status == OrderStatus.CANCELED:
        sub_orders_cancel(order=order, configuration=configuration)
        return
    sub_orders_sync_status(order=order)
    ledger_record_reversals(order=order, configuration=configuration)


# --- ledger -----------------------------------------------------------------------------


@transaction.atomic(savepoint=False)
def ledger_record_sale(*, order: Order, configuration: ProducerChannelsConfiguration) -> None:
    """The order is paid: each producer is owed its gross less commission. Idempotent: the
    one-sale-per-sub-order constraint turns a second recording into nothing."""
    now = timezone.now()
    entries = [
        LedgerEntry(
            producer_id=sub_order.producer_id,
            sub_order=sub_order,
            kind=LedgerEntryKind.SALE,
            currency=sub_order.currency,
            gross_amount=sub_order.subtotal_amount,
            commission_amount=sub_order.commission_amount,
            net_amount=sub_order.net_amount,
            created_at=now,
            available_on=now + timedelta(days=configuration.payout_hold_days),
        )
        for sub_order in SubOrder.objects.filter(order=order).exclude(status=SubOrderStatus.CANCELLED)
    ]
    LedgerEntry.objects.bulk_create(entries, ignore_conflicts=True)


def _refunded_amount(order: Order) -> Decimal:
    return Transaction.objects.filter(
        payment__order=order, kind=TransactionKind.REFUND, is_success=True
    ).aggregate(total=Coalesce(Sum("amount"), Decimal(0)))["total"]


@transaction.atomic
def ledger_record_reversals(*, order: Order, configuration: ProducerChannelsConfiguration) -> List[LedgerEntry]:
    """Reverse what a cancellation or refund took back. Idempotent: each sub-order's
    reversals add up to a target (all of it when cancelled; the refunded share of the order
    total otherwise), so running it again writes nothing."""
    sub_orders = list(SubOrder.objects.select_for_update().filter(order=order).order_by("pk"))
    if not sub_orders:
        return []
    entries_by_sub_order: Dict[int, list] = defaultdict(list)
    for entry in LedgerEntry.objects.filter(sub_order__in=sub_orders):
        entries_by_sub_order[entry.sub_order_id].append(entry)
    cancelled = order.status == OrderStatus.CANCELED
    refunded = Decimal(0) if cancelled else _refunded_amount(order)
    order_total = order.total_gross_amount
    now = timezone.now()
    reversals, fully_refunded = [], []
    for sub_order in sub_orders:
        entries = entries_by_sub_order[sub_order.pk]
        sale = next((entry for entry in entries if entry.kind == LedgerEntryKind.SALE), None)
        if sale is None:
            continue
        if cancelled:
            target_gross = sale.gross_amount
        elif refunded > 0 and order_total > 0:
            target_gross = min(sale.gross_amount, money(refunded * sale.gross_amount / order_total))
        else:
            target_gross = Decimal(0)
        reversed_gross = -sum((entry.gross_amount for entry in entries if entry is not sale), Decimal(0))
        reversed_commission = -sum((entry.commission_amount for entry in entries if entry is not sale), Decimal(0))
        if target_gross > reversed_gross:
            if target_gross == sale.gross_amount:
                target_commission = sale.commission_amount
            else:
                target_commission = money(sale.commission_amount * target_gross / sale.gross_amount)
            gross = target_gross - reversed_gross
            commission = target_commission - reversed_commission
            reversals.append(
                LedgerEntry(
                    producer_id=sub_order.producer_id,
                    sub_order=sub_order,
                    kind=LedgerEntryKind.CANCELLATION if cancelled else LedgerEntryKind.REFUND,
                    currency=sub_order.currency,
                    gross_amount=-gross,
                    commission_amount=-commission,
                    net_amount=-(gross - commission),
                    created_at=now,
                    available_on=now,
                )
            )
        if not cancelled and target_gross == sale.gross_amount:
            fully_refunded.append(sub_order.pk)
    LedgerEntry.objects.bulk_create(reversals)
    if fully_refunded:
        SubOrder.objects.filter(pk__in=fully_refunded).exclude(status=SubOrderStatus.REFUNDED).update(
            status=SubOrderStatus.REFUNDED, updated_at=now
        )
    return reversals


def ledger_reconcile_refunds(*, configuration: ProducerChannelsConfiguration) -> None:
    """Saleor's paymentRefund mutation refunds without any order hook: catch such refunds of
    orders whose sub-orders are still open (a payout run does this first)."""
    refunded_orders = (
        SubOrder.objects.exclude(status__in=CLOSED_SUB_ORDER_STATUSES)
        .filter(
            order__payments__transactions__kind=TransactionKind.REFUND,
            order__payments__transactions__is_success=True,
        )
        .values_list("order_id", flat=True)
        .distinct()
    )
    for order in Order.objects.filter(pk__in=list(refunded_orders)):
        ledger_record_reversals(order=order, configuration=configuration)


# --- payouts ----------------------------------------------------------------------------

PAYOUT_FILE_COLUMNS = [
    "reference", "producer", "payee_name", "method", "bank_code", "account_number",
    "promptpay_id", "currency", "amount", "withholding_tax", "transfer_amount",
]


def payout_reference(payout: Payout) -> str:
    return f"OTOP-PAYOUT-{payout.pk:08d}"


def payout_file_download_name(run: PayoutRun) -> str:
    return f"otop-payouts-{run.as_of:%Y%m%d}-run{run.pk}.csv"


def _payout_file(payouts: Iterable[Payout]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PAYOUT_FILE_COLUMNS)
    for payout in payouts:
        producer = payout.producer
        writer.writerow(
            [
                payout_reference(payout),
                producer.slug,
                payout.bank_account_name or producer.name_th,
                payout.method,
                payout.bank_code,
                payout.bank_account_number,
                payout.promptpay_id,
                payout.currency,
                f"{payout.amount:.2f}",
                f"{payout.withholding_amount:.2f}",
                f"{payout.transfer_amount:.2f}",
            ]
        )
    return buffer.getvalue()


@transaction.atomic
def payout_run_create(
    *,
    configuration: ProducerChannelsConfiguration,
    as_of: Optional[datetime] = None,
    created_by: Optional[User] = None,
) -> PayoutRun:
    """Batch what is due to each approved producer into a pending payout and write the
    bank-transfer/PromptPay file finance staff upload to the bank."""
    as_of = as_of or timezone.now()
    ledger_reconcile_refunds(configuration=configuration)
    run = PayoutRun.objects.create(as_of=as_of, created_by=created_by)
    due_entries = list(
        LedgerEntry.objects.select_for_update(of=("self",))
        .filter(payout__isnull=True, available_on__lte=as_of, producer__status=ProducerStatus.APPROVED)
        .values_list("pk", "producer_id", "currency", "net_amount")
    )
    totals: Dict[Tuple[int, str], Decimal] = defaultdict(Decimal)
    entry_ids: Dict[Tuple[int, str], list] = defaultdict(list)
    for pk, producer_id, currency, net in due_entries:
        totals[producer_id, currency] += net
        entry_ids[producer_id, currency].append(pk)
    producers = Producer.objects.in_bulk({producer_id for producer_id, _ in totals})
    payouts, notes = [], []
    for (producer_id, currency), amount in sorted(totals.items()):
        producer = producers[producer_id]
        if amount < max(configuration.minimum_payout_amount, CENT):
            continue
        if payout_details_missing(producer):
            notes.append(f"{producer.slug}: {amount} {currency} due, payout details missing")
            continue
        withholding = (
            money(amount * configuration.withholding_tax_percent / 100) if producer.withholding_tax else Decimal(0)
        )
        payout = Payout.objects.create(
            producer=producer,
            run=run,
            currency=currency,
            amount=amount,
            withholding_amount=withholding,
            transfer_amount=amount - withholding,
            method=producer.payout_method,
            bank_code=producer.bank_code if producer.payout_method == PayoutMethod.BANK_TRANSFER else "",
            bank_account_name=producer.bank_account_name if producer.payout_method == PayoutMethod.BANK_TRANSFER else "",
            bank_account_number=(
                producer.bank_account_number if producer.payout_method == PayoutMethod.BANK_TRANSFER else ""
            ),
            promptpay_id=producer.promptpay_id if producer.payout_method == PayoutMethod.PROMPTPAY else "",
            created_at=run.created_at,
        )
        LedgerEntry.objects.filter(pk__in=entry_ids[producer_id, currency]).update(payout=payout)
        payouts.append(payout)
    run.file_content = _payout_file(payouts)
    run.notes = "\n".join(notes)
    if payouts:
        # Private storage (payee names and accounts): downloaded only through the payout file view.
        # utf-8-sig: spreadsheet programs then show the Thai payee names correctly.
        run.file_name = private_storage().save(
            private_file_name(folder="otop-payouts", suffix=payout_file_download_name(run)),
            ContentFile(run.file_content.encode("utf-8-sig")),
        )
    run.save(update_fields=["file_content", "notes", "file_name"])
    return run


def _locked_pending_payout(payout: Payout) -> Payout:
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != PayoutStatus.PENDING:
        raise _error("id", f"The payout is already {payout.status}.", ProducerErrorCode.PAYOUT_NOT_PENDING)
    return payout


@transaction.atomic
def payout_confirm(*, payout: Payout, user: Optional[User]) -> Payout:
    """Finance staff saw the transfer go through."""
    payout = _locked_pending_payout(payout)
    payout.status = PayoutStatus.PAID
    payout.settled_at = timezone.now()
    payout.settled_by = user
    payout.save(update_fields=["status", "settled_at", "settled_by"])
    return payout


@transaction.atomic
def payout_fail(*, payout: Payout, user: Optional[User], reason: str = "") -> Payout:
    """The transfer bounced: its entries are due again and join the next run."""
    values_check(Payout, {"failure_reason": reason}, codes=ProducerErrorCode)
    payout = _locked_pending_payout(payout)
    payout.status = PayoutStatus.FAILED
    payout.settled_at = timezone.now()
    payout.settled_by = user
    payout.failure_reason = reason or ""
    payout.save(update_fields=["status", "settled_at", "settled_by", "failure_reason"])
    LedgerEntry.objects.filter(payout=payout).update(payout=None)
    return payout

