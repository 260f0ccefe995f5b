"""Producers: signup, profile, approval, suspension, officers, members and invitations,
and giving a product to its producer."""
import re
from datetime import timedelta
from decimal import Decimal
from typing import Optional

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from saleor.account.models import Address, User
from saleor.account.validators import validate_possible_number
from saleor.product.models import Product
from saleor.shipping.models import ShippingZone
from saleor.warehouse.models import Warehouse

from otop_kernel.input_limits import values_check
from otop_kernel.product_facts import product_facts_changed
from plugins.provenance import selectors as provenance_selectors

from .. import access, selectors
from ..error_codes import ProducerErrorCode
from ..models import (
    InvitationStatus,
    MemberRole,
    OfficerAssignment,
    PayoutMethod,
    Producer,
    ProducerInvitation,
    ProducerKind,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
)
from ..plugin import ProducerChannelsConfiguration
from .images import image_reencoded
from .rules import clean_commission_rate, error, unique_slug

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


def _clean_subdistrict(code: str):
    subdistrict = provenance_selectors.subdistrict_get(code=str(code or "").strip())
    if subdistrict is None:
        raise error(
            "home_subdistrict_code",
            "No subdistrict (tambon) has this 6-digit DOPA code.",
            ProducerErrorCode.INVALID_SUBDISTRICT,
        )
    if subdistrict.abolished_on is not None:
        raise error(
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
                raise error(field, "The name is required.", ProducerErrorCode.REQUIRED)
    if "kind" in cleaned and cleaned["kind"] not in ProducerKind.values:
        raise error("kind", "Unknown kind of producer.", ProducerErrorCode.INVALID)
    if "contact_email" in cleaned:
        cleaned["contact_email"] = (cleaned["contact_email"] or "").strip().lower()
        try:
            validate_email(cleaned["contact_email"])
        except ValidationError:
            raise error("contact_email", "Enter a valid e-mail address.", ProducerErrorCode.INVALID) from None
    if cleaned.get("contact_phone"):
        try:
            phone = validate_possible_number(cleaned["contact_phone"], "TH")
        except ValidationError:
            raise error("contact_phone", "Enter a valid phone number.", ProducerErrorCode.INVALID) from None
        cleaned["contact_phone"] = phone.as_e164
    if "payout_method" in cleaned and cleaned["payout_method"] not in PayoutMethod.values:
        raise error("payout_method", "Unknown payout method.", ProducerErrorCode.INVALID)
    if cleaned.get("promptpay_id"):
        cleaned["promptpay_id"] = re.sub(r"[\s-]", "", cleaned["promptpay_id"])
        if not PROMPTPAY_ID.match(cleaned["promptpay_id"]):
            raise error(
                "promptpay_id",
                "A PromptPay id is a mobile number (10 digits), a national or tax id (13 digits) "
                "or an e-wallet id (15 digits).",
                ProducerErrorCode.INVALID,
            )
    if cleaned.get("bank_code") and not BANK_CODE.match(cleaned["bank_code"].strip()):
        raise error("bank_code", "A bank code has 3 digits (e.g. 002).", ProducerErrorCode.INVALID)
    if cleaned.get("bank_account_number"):
        cleaned["bank_account_number"] = re.sub(r"[\s-]", "", cleaned["bank_account_number"])
        if not BANK_ACCOUNT.match(cleaned["bank_account_number"]):
            raise error(
                "bank_account_number", "A bank account number has 10 to 15 digits.", ProducerErrorCode.INVALID
            )
    values_check(Producer, cleaned, codes=ProducerErrorCode)
    return cleaned


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
        raise error(
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
            raise error("slug", "A slug has lowercase letters, digits and hyphens.", ProducerErrorCode.INVALID)
        if Producer.objects.filter(slug=slug).exists():
            raise error("slug", "This slug is taken.", ProducerErrorCode.UNIQUE)
    else:
        slug = unique_slug(Producer, cleaned["name_en"], fallback=f"producer-{subdistrict.code}")
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
    access.require_writable(producer)
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
        slug=unique_slug(Warehouse, f"otop-{producer.slug}", fallback=f"otop-producer-{producer.pk}"),
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
        raise error("id", "The producer is already approved.", ProducerErrorCode.ALREADY_APPROVED)
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
        raise error("id", "The producer is already suspended.", ProducerErrorCode.ALREADY_SUSPENDED)
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


def officer_for_email(email: str) -> User:
    """The active account a programme officer is named by, for assigning or unassigning."""
    officer = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if officer is None:
        raise error("officer_email", "No active account has this e-mail address.", ProducerErrorCode.NOT_FOUND)
    return officer


@transaction.atomic
def producer_officer_assign(*, producer: Producer, officer: User, assigned_by: Optional[User]) -> OfficerAssignment:
    if OfficerAssignment.objects.filter(producer=producer, officer=officer).exists():
        raise error("officer_id", "The officer is already assigned to this producer.", ProducerErrorCode.ALREADY_ASSIGNED)
    return OfficerAssignment.objects.create(producer=producer, officer=officer, assigned_by=assigned_by)


@transaction.atomic
def producer_officer_unassign(*, producer: Producer, officer: User) -> None:
    deleted, _ = OfficerAssignment.objects.filter(producer=producer, officer=officer).delete()
    if not deleted:
        raise error("officer_id", "The officer is not assigned to this producer.", ProducerErrorCode.NOT_FOUND)


INVITATION_VALID_DAYS = 14


@transaction.atomic
def producer_member_invite(
    *, producer: Producer, email: str, role: str, invited_by: Optional[User] = None
) -> ProducerInvitation:
    """Invite an e-mail address to join the producer. The answer is the same whether the
    address has an account or not (nothing of an account shows); the membership starts only
    when that account accepts. Inviting a pending address again renews the invitation."""
    access.require_writable(producer)
    if role not in MemberRole.values:
        raise error("role", "Unknown role.", ProducerErrorCode.INVALID)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise error("email", "Enter a valid e-mail address.", ProducerErrorCode.INVALID)
    # The inviting owner sees the members' addresses anyway: this tells nothing new.
    if ProducerMember.objects.filter(producer=producer, user__email__iexact=email).exists():
        raise error("email", "This person is already a member.", ProducerErrorCode.ALREADY_MEMBER)
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
    from ..tasks import producer_invitation_notify_task

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
        raise error("id", f"The invitation is already {invitation.status}.", ProducerErrorCode.INVALID)
    return invitation


@transaction.atomic
def producer_invitation_accept(*, invitation: ProducerInvitation, user: User) -> ProducerMember:
    """The invited account joins: only the account with the invited address, and never a
    programme staff account (staff act through their permissions and officer assignments)."""
    invitation = _locked_pending_invitation(invitation)
    if not user.is_active or user.email.lower() != invitation.email:
        raise error("id", "Couldn't resolve to an invitation.", ProducerErrorCode.NOT_FOUND)
    if user.is_staff:
        raise error("id", "Programme staff accounts cannot join a producer.", ProducerErrorCode.STAFF_CANNOT_JOIN)
    if invitation.expires_at <= timezone.now():
        raise error("id", "The invitation has expired: ask for a new one.", ProducerErrorCode.INVITATION_EXPIRED)
    access.require_writable(invitation.producer)
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
    access.require_writable(member.producer)
    if member.role == MemberRole.OWNER:
        owners = ProducerMember.objects.select_for_update().filter(
            producer_id=member.producer_id, role=MemberRole.OWNER
        )
        if len(owners) <= 1:
            raise error("id", "A producer keeps at least one owner.", ProducerErrorCode.LAST_OWNER)
    member.delete()


@transaction.atomic
def producer_product_assign(*, producer: Producer, product: Product) -> ProducerProduct:
    """Give an existing Saleor product (created by programme staff) to its producer, which must
    be approved (not only applied, nor suspended)."""
    if producer.status != ProducerStatus.APPROVED:
        raise error(
            "id", f"The producer is {producer.status}: only approved producers get products.",
            ProducerErrorCode.PRODUCER_NOT_APPROVED,
        )
    if ProducerProduct.objects.filter(product=product).exists():
        raise error(
            "product_id", "The product already belongs to a producer.", ProducerErrorCode.PRODUCT_ALREADY_ASSIGNED
        )
    link = ProducerProduct.objects.create(product=product, producer=producer)
    product_facts_changed(product_ids=[product.pk])
    return link


SHOP_IMAGE_SIDES = {"logo": 512, "cover": 1600}


@transaction.atomic
def producer_shop_images_set(*, producer: Producer, logo=None, cover=None, remove: tuple = ()) -> Producer:
    """The shop's logo and cover photo, re-encoded; `remove` names pictures to take away."""
    access.require_writable(producer)
    changed = []
    for name, upload in (("logo", logo), ("cover", cover)):
        if upload is not None:
            picture = image_reencoded(upload, field=name, max_side=SHOP_IMAGE_SIDES[name], name_prefix=producer.slug)
            getattr(producer, name).save(picture.name, picture, save=False)
            changed.append(name)
        elif name in remove and getattr(producer, name):
            setattr(producer, name, "")
            changed.append(name)
    if changed:
        producer.save(update_fields=changed)
    return producer


SHOP_PAGE_FIELDS = ("story_th", "story_en", "registration_id", "address_line", "contact_name", "contact_email", "contact_phone")


@transaction.atomic
def producer_shop_save(*, producer: Producer, logo=None, cover=None, remove: tuple = (), **fields) -> Producer:
    """The portal's shop page at once: story, profile details (never payout details), pictures."""
    unknown = set(fields) - set(SHOP_PAGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown shop page fields: {sorted(unknown)}")
    producer_update(producer=producer, **fields)
    return producer_shop_images_set(producer=producer, logo=logo, cover=cover, remove=remove)
