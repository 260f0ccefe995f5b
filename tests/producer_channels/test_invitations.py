"""Membership by invitation: an owner invites an e-mail address; the account with that address
becomes a member only by accepting. The owner's answer tells nothing of the account (not even
whether there is one), and programme staff accounts never join."""
import json

import pytest
from django.utils import timezone
from graphene import Node

from plugins.producer_channels.models import InvitationStatus, MemberRole, ProducerInvitation, ProducerMember
from tests.factories import StaffFactory, UserFactory
from tests.factories.producer_channels import MemberFactory, producer_with_owner
from tests.graphql_client import GraphQLClient

INVITE = """mutation($email: String!, $role: ProducerMemberRole!) { producerMemberAdd(email: $email, role: $role) {
  invitation { id email role producerSlug } producerErrors { field code message } } }"""
MY_INVITATIONS = "{ myProducerInvitations { id producerSlug producerNameEn role } }"
ACCEPT = "mutation($id: ID!) { producerInvitationAccept(id: $id) { producer { slug myRole } producerErrors { field code } } }"
DECLINE = "mutation($id: ID!) { producerInvitationDecline(id: $id) { invitation { id } producerErrors { field code } } }"
CANCEL = "mutation($id: ID!) { producerInvitationCancel(id: $id) { invitation { id } producerErrors { field code } } }"
MY_PRODUCER = "{ myProducer { slug } }"


@pytest.fixture
def shop(db, client):
    producer, owner = producer_with_owner(slug="praewa", name_en="Praewa Silk")
    return {"producer": producer, "owner": GraphQLClient(client, user=owner), "client": client}


def invite(shop, email, role="STAFF"):
    return shop["owner"].post(INVITE, {"email": email, "role": role})["data"]["producerMemberAdd"]


def as_user(shop, user):
    return GraphQLClient(shop["client"], user=user)


def answer_without_ids(payload):
    text = json.dumps(payload)
    for invitation in ProducerInvitation.objects.all():
        text = text.replace(Node.to_global_id("ProducerInvitation", invitation.pk), "<id>")
    return json.loads(text)


def test_invitation_answers_the_same_for_an_account_a_stranger_and_a_staff_account(
    shop, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="somsri@example.com", first_name="Somsri", last_name="Thongdee")
    StaffFactory(email="officer@cdd.example", first_name="Officer")

    with django_capture_on_commit_callbacks(execute=True):
        answers = [invite(shop, email) for email in ("somsri@example.com", "nobody@example.com", "officer@cdd.example")]

    assert [answer["producerErrors"] for answer in answers] == [[], [], []]
    shapes = [answer_without_ids(answer)["invitation"] for answer in answers]
    assert [{**shape, "email": "-"} for shape in shapes] == [{"id": "<id>", "email": "-", "role": "STAFF", "producerSlug": "praewa"}] * 3
    assert "Somsri" not in json.dumps(answers) and "Thongdee" not in json.dumps(answers)
    assert sorted(message.to[0] for message in mailoutbox) == ["nobody@example.com", "officer@cdd.example", "somsri@example.com"]
    assert not ProducerMember.objects.filter(user__email="somsri@example.com").exists(), "nobody joins without consent"


def test_invited_account_sees_and_accepts_the_invitation(shop):
    somsri = UserFactory(email="Somsri@Example.com")
    invite(shop, "somsri@example.com", role="OWNER")

    invitations = as_user(shop, somsri).data(MY_INVITATIONS)["myProducerInvitations"]
    accepted = as_user(shop, somsri).data(ACCEPT, {"id": invitations[0]["id"]})["producerInvitationAccept"]

    assert [(item["producerSlug"], item["role"]) for item in invitations] == [("praewa", "OWNER")]
    assert accepted == {"producer": {"slug": "praewa", "myRole": "OWNER"}, "producerErrors": []}
    assert ProducerInvitation.objects.get().status == InvitationStatus.ACCEPTED
    assert as_user(shop, somsri).data(MY_INVITATIONS)["myProducerInvitations"] == []


def test_another_account_cannot_accept_someone_elses_invitation(shop):
    invite(shop, "somsri@example.com")
    thief = UserFactory(email="thief@example.com")
    invitation_id = Node.to_global_id("ProducerInvitation", ProducerInvitation.objects.get().pk)

    answer = as_user(shop, thief).data(ACCEPT, {"id": invitation_id})["producerInvitationAccept"]
    missing = as_user(shop, thief).data(ACCEPT, {"id": Node.to_global_id("ProducerInvitation", 999999)})

    assert answer == missing["producerInvitationAccept"] == {"producer": None, "producerErrors": [{"field": "id", "code": "NOT_FOUND"}]}
    assert not ProducerMember.objects.filter(user=thief).exists()


def test_staff_account_cannot_accept_and_keeps_its_view(shop):
    officer = StaffFactory(email="officer@cdd.example")
    invite(shop, "officer@cdd.example")
    invitation_id = Node.to_global_id("ProducerInvitation", ProducerInvitation.objects.get().pk)

    answer = as_user(shop, officer).data(ACCEPT, {"id": invitation_id})["producerInvitationAccept"]

    assert answer["producerErrors"] == [{"field": "id", "code": "STAFF_CANNOT_JOIN"}]
    assert as_user(shop, officer).data(MY_INVITATIONS)["myProducerInvitations"] == []
    assert as_user(shop, officer).data(MY_PRODUCER)["myProducer"] is None
    assert ProducerInvitation.objects.get().status == InvitationStatus.PENDING


def test_being_invited_does_not_break_my_producer(shop):
    own, owner = producer_with_owner(slug="own-shop")
    invite(shop, owner.email)

    assert as_user(shop, owner).data(MY_PRODUCER)["myProducer"] == {"slug": "own-shop"}


def test_expired_invitation_cannot_be_accepted(shop):
    somsri = UserFactory(email="somsri@example.com")
    invite(shop, "somsri@example.com")
    invitation = ProducerInvitation.objects.get()
    ProducerInvitation.objects.update(expires_at=timezone.now())

    answer = as_user(shop, somsri).data(ACCEPT, {"id": Node.to_global_id("ProducerInvitation", invitation.pk)})

    assert answer["producerInvitationAccept"]["producerErrors"] == [{"field": "id", "code": "NOT_FOUND"}]
    assert not ProducerMember.objects.filter(user=somsri).exists()


def test_invited_account_declines(shop):
    somsri = UserFactory(email="somsri@example.com")
    invite(shop, "somsri@example.com")
    invitation_id = Node.to_global_id("ProducerInvitation", ProducerInvitation.objects.get().pk)

    as_user(shop, somsri).data(DECLINE, {"id": invitation_id})

    assert ProducerInvitation.objects.get().status == InvitationStatus.DECLINED
    assert as_user(shop, somsri).data(ACCEPT, {"id": invitation_id})["producerInvitationAccept"]["producerErrors"][0]["code"] == "NOT_FOUND"


def test_owner_cancels_and_a_staff_member_cannot_invite(shop):
    somsri = UserFactory(email="somsri@example.com")
    invitation_id = invite(shop, "somsri@example.com")["invitation"]["id"]
    staff_member = MemberFactory(producer=shop["producer"], role=MemberRole.STAFF).user

    refused = as_user(shop, staff_member).data(INVITE, {"email": "x@example.com", "role": "OWNER"})["producerMemberAdd"]
    shop["owner"].data(CANCEL, {"id": invitation_id})

    assert refused["producerErrors"][0]["code"] == "OWNER_REQUIRED"
    assert ProducerInvitation.objects.get().status == InvitationStatus.CANCELLED
    assert as_user(shop, somsri).data(MY_INVITATIONS)["myProducerInvitations"] == []


def test_inviting_again_renews_one_pending_invitation(shop):
    invite(shop, "somsri@example.com")
    invite(shop, "SOMSRI@example.com", role="OWNER")

    assert list(ProducerInvitation.objects.values_list("email", "role", "status")) == [("somsri@example.com", "owner", "pending")]


def test_bad_address_and_existing_member_are_refused(shop):
    assert invite(shop, "not an address")["producerErrors"] == [{"field": "email", "code": "INVALID", "message": "Enter a valid e-mail address."}]
    assert invite(shop, shop["owner"].user.email)["producerErrors"][0]["code"] == "ALREADY_MEMBER"
    assert not ProducerInvitation.objects.exists()
