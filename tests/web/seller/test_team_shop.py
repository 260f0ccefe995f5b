"""Team (owners invite and remove, the invited account accepts, staff see no payout details
and manage nobody) and the shop page (story, logo, cover, contact; preview links)."""
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plugins.producer_channels import services
from plugins.producer_channels.models import InvitationStatus, MemberRole, ProducerInvitation, ProducerMember
from tests import factories

from .conftest import page_text, photo_upload, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_owner_invites_and_the_invited_account_accepts(owner_client, producer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post("/seller/team/", {"email": "Noi@Example.com", "role": "staff"})
    assert response.status_code == 302
    invitation = ProducerInvitation.objects.get(producer=producer)
    assert invitation.email == "noi@example.com" and len(mail.outbox) == 1
    assert "noi@example.com" in page_text(owner_client.get("/seller/team/"))
    invited = signed_in_client(factories.UserFactory(email="noi@example.com"))
    assert invited.get("/seller/").status_code == 302  # no producer yet
    assert "ยอมรับ" in page_text(invited.get("/seller/invitations/"))
    response = invited.post(f"/seller/invitations/{invitation.pk}/accept/")
    assert response.status_code == 302 and response["Location"] == "/seller/"
    member = ProducerMember.objects.get(producer=producer, user__email="noi@example.com")
    assert member.role == MemberRole.STAFF
    assert invited.get("/seller/").status_code == 200


def test_another_account_cannot_accept_someone_elses_invitation(owner, producer):
    invitation = services.producer_member_invite(producer=producer, email="noi@example.com", role="staff")
    stranger = signed_in_client(factories.UserFactory(email="stranger@example.com"))
    assert stranger.post(f"/seller/invitations/{invitation.pk}/accept/").status_code == 404
    assert stranger.post(f"/seller/invitations/{invitation.pk}/decline/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_the_invited_account_declines(producer):
    invitation = services.producer_member_invite(producer=producer, email="noi@example.com", role="staff")
    invited = signed_in_client(factories.UserFactory(email="noi@example.com"))
    assert invited.post(f"/seller/invitations/{invitation.pk}/decline/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED


@pytest.mark.parametrize("data, message", [
    ({"email": "not-an-address", "role": "staff"}, "อีเมล"),
    ({"email": "staff@bandon.example", "role": "staff"}, "บุคคลนี้เป็นสมาชิกอยู่แล้ว"),
    ({"email": "x@example.com", "role": "boss"}, "เลือกตัวเลือกที่ถูกต้อง"),
], ids=["bad-email", "already-member", "unknown-role"])
def test_bad_invitations_are_refused_on_the_field_in_thai(owner_client, staff_member, data, message):
    response = owner_client.post("/seller/team/", data)
    assert response.status_code == 400 and message in page_text(response)
    assert not ProducerInvitation.objects.exists()


def test_the_owner_cancels_an_invitation_and_removes_a_member(owner_client, producer, staff_member):
    invitation = services.producer_member_invite(producer=producer, email="noi@example.com", role="staff")
    assert owner_client.post(f"/seller/team/invitations/{invitation.pk}/cancel/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.CANCELLED
    member = ProducerMember.objects.get(user=staff_member)
    assert owner_client.post(f"/seller/team/members/{member.pk}/remove/").status_code == 302
    assert not ProducerMember.objects.filter(pk=member.pk).exists()


def test_the_last_owner_is_kept(owner_client, owner):
    member = ProducerMember.objects.get(user=owner)
    response = owner_client.post(f"/seller/team/members/{member.pk}/remove/", follow=True)
    assert "ผู้ผลิตต้องมีเจ้าของอย่างน้อยหนึ่งคน" in page_text(response)
    assert ProducerMember.objects.filter(pk=member.pk).exists()


def test_staff_see_the_team_but_invite_and_remove_nobody(staff_client, owner, producer):
    html = page_text(staff_client.get("/seller/team/"))
    assert "owner@bandon.example" in html and 'name="email"' not in html
    assert staff_client.post("/seller/team/", {"email": "x@example.com", "role": "owner"}).status_code == 404
    owner_membership = ProducerMember.objects.get(user=owner)
    assert staff_client.post(f"/seller/team/members/{owner_membership.pk}/remove/").status_code == 404
    assert not ProducerInvitation.objects.exists() and ProducerMember.objects.filter(pk=owner_membership.pk).exists()


def test_staff_do_not_see_payout_details(staff_client, owner_client, producer):
    assert producer.promptpay_id in page_text(owner_client.get("/seller/shop/"))
    html = page_text(staff_client.get("/seller/shop/"))
    assert producer.promptpay_id not in html and "data-payout-details" not in html


# --- shop page --------------------------------------------------------------------------------


def shop_form(producer, **overrides):
    data = {
        "story_th": "เราทอผ้ามาสามรุ่น", "story_en": "Three generations of weavers", "registration_id": "1-2-3",
        "address_line": "99 หมู่ 3", "contact_name": "สมศรี", "contact_email": producer.contact_email,
        "contact_phone": "0812345678",
    }
    data.update(overrides)
    return data


def test_the_shop_page_saves_the_story_logo_and_cover_re_encoded(owner_client, producer, media_root):
    response = owner_client.post("/seller/shop/", {
        **shop_form(producer), "logo": photo_upload("logo.png", (1000, 1000), "PNG"), "cover": photo_upload()})
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.story_th == "เราทอผ้ามาสามรุ่น" and producer.story_en == "Three generations of weavers"
    with Image.open(producer.logo.path) as logo, Image.open(producer.cover.path) as cover:
        assert (logo.format, logo.size) == ("JPEG", (512, 512)) and max(cover.size) == 1600
    html = page_text(owner_client.get("/seller/shop/"))
    assert f'href="/th/shops/{producer.slug}/"' in html and f'href="/en/shops/{producer.slug}/"' in html


def test_the_public_shop_page_shows_the_story(owner_client, producer):
    owner_client.post("/seller/shop/", shop_form(producer))
    assert "เราทอผ้ามาสามรุ่น" in page_text(owner_client.get(f"/th/shops/{producer.slug}/"))


@pytest.mark.parametrize("overrides, message", [
    ({"contact_phone": "12"}, "กรุณากรอกเบอร์โทรศัพท์ไทยให้ถูกต้อง"),
    ({"contact_email": ""}, "ช่องนี้"),
    ({"logo": SimpleUploadedFile("logo.png", b"GIF89a-not-really", content_type="image/png")}, "ไฟล์นี้ไม่ใช่รูปภาพที่รับได้"),
], ids=["phone", "no-email", "not-a-picture"])
def test_bad_input_on_the_shop_page_changes_nothing(owner_client, producer, media_root, overrides, message):
    response = owner_client.post("/seller/shop/", shop_form(producer, **overrides))
    assert response.status_code == 400 and message in page_text(response)
    producer.refresh_from_db()
    assert producer.story_th == "" and not producer.logo


def test_an_applied_producer_completes_its_details_on_the_shop_page(db):
    from tests.factories import producer_channels as producer_factories

    producer = producer_factories.ProducerFactory(status="applied", registration_id="")
    member = producer_factories.MemberFactory(producer=producer)
    client = signed_in_client(member.user)
    html = page_text(client.get("/seller/shop/"))
    assert "หน้าร้านสาธารณะจะเปิดเมื่อโครงการอนุมัติร้านของคุณ" in html
    assert client.post("/seller/shop/", shop_form(producer, registration_id="5-50-01")).status_code == 302
    producer.refresh_from_db()
    assert producer.registration_id == "5-50-01"


@pytest.mark.parametrize("extra", [1, 6])
def test_the_team_page_makes_the_same_queries_whatever_the_team_size(
    owner_client, producer, extra, django_assert_num_queries
):
    from tests.factories import producer_channels as producer_factories

    for number in range(extra):
        producer_factories.MemberFactory(producer=producer, role="staff", user__email=f"m{number}@bandon.example")
        services.producer_member_invite(producer=producer, email=f"i{number}@bandon.example", role="staff")
    owner_client.get("/seller/team/")
    with django_assert_num_queries(6):  # the header's unread notification count included
        html = page_text(owner_client.get("/seller/team/"))
    assert html.count("data-member=") == extra + 1 and html.count("data-invitation=") == extra
