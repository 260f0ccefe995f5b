"""Nothing tells whether an e-mail address has an account: password reset answers the same,
and signing in with an unknown address costs a password hash as a wrong password does."""
import json

import pytest
from django.contrib.auth import hashers
from saleor.graphql.account.mutations.base import RequestPasswordReset

from tests.factories import UserFactory

RESET = """mutation($email: String!) { requestPasswordReset(email: $email, redirectUrl: "https://shop.otop.test/reset") {
  errors { field message } accountErrors { field code message } } }"""
TOKEN_CREATE = 'mutation { tokenCreate(email: "%s", password: "wrong-guess") { token errors { message } accountErrors { field code message } } }'


def post(client, query, variables=None):
    response = client.post("/graphql/", json.dumps({"query": query, "variables": variables or {}}), content_type="application/json")
    return response.status_code, response.json()


@pytest.fixture
def account(db):
    return UserFactory(email="malee@example.com")


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, account, mailoutbox):
    known = post(client, RESET, {"email": account.email})
    unknown = post(client, RESET, {"email": "nobody@example.com"})

    assert known == unknown == (200, {"data": {"requestPasswordReset": {"errors": [], "accountErrors": []}}})
    assert [message.to for message in mailoutbox] == [[account.email]]


def test_password_reset_of_a_deactivated_account_sends_nothing(client, account, mailoutbox):
    account.is_active = False
    account.save()

    assert post(client, RESET, {"email": account.email})[1]["data"]["requestPasswordReset"]["accountErrors"] == []
    assert mailoutbox == []


def test_a_bad_redirect_address_is_still_refused(client, account):
    query = RESET.replace("https://shop.otop.test/reset", "https://evil.example/reset")

    errors = post(client, query, {"email": "nobody@example.com"})[1]["data"]["requestPasswordReset"]["accountErrors"]

    assert errors[0]["field"] == "redirectUrl"


def test_without_the_patch_password_reset_tells_unknown_addresses(client, account, monkeypatch):
    original = RequestPasswordReset.perform_mutation.__func__.__wrapped__
    monkeypatch.setattr(RequestPasswordReset, "perform_mutation", classmethod(original))

    errors = post(client, RESET, {"email": "nobody@example.com"})[1]["data"]["requestPasswordReset"]["accountErrors"]

    assert errors[0]["code"] == "NOT_FOUND"


def test_sign_in_answers_the_same_for_known_and_unknown_addresses(client, account):
    known = post(client, TOKEN_CREATE % account.email)
    unknown = post(client, TOKEN_CREATE % "nobody@example.com")

    assert known == unknown


def count_hashings(monkeypatch):
    calls = []
    hasher = hashers.get_hasher()
    original = type(hasher).encode

    def counting_encode(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(hasher), "encode", counting_encode)
    return calls


def test_sign_in_with_an_unknown_address_hashes_a_password_as_a_wrong_password_does(client, account, monkeypatch):
    calls = count_hashings(monkeypatch)
    post(client, TOKEN_CREATE % account.email)
    known = len(calls)
    post(client, TOKEN_CREATE % "nobody@example.com")

    assert known >= 1
    assert len(calls) - known == known


REGISTER = """mutation($email: String!, $password: String!) {
  accountRegister(input: {email: $email, password: $password, redirectUrl: "https://shop.otop.test/confirm"}) {
    requiresConfirmation user { id email } errors { field message } accountErrors { field code message } } }"""


def register(client, email, password="A-long-passphrase-1"):
    return post(client, REGISTER, {"email": email, "password": password})


def test_registering_a_taken_address_answers_as_a_new_address_does(client, account, mailoutbox):
    taken = register(client, account.email)
    new = register(client, "somchai@example.com")

    assert taken == new == (
        200, {"data": {"accountRegister": {"requiresConfirmation": True, "user": None, "errors": [], "accountErrors": []}}}
    )


def test_the_owner_of_a_taken_address_gets_a_mail_and_the_account_stays_as_it_was(client, account, mailoutbox):
    password_before = account.password

    register(client, account.email)

    assert [message.to for message in mailoutbox] == [[account.email]]
    assert "already has one" in mailoutbox[0].body
    account.refresh_from_db()
    assert account.password == password_before
    assert type(account).objects.filter(email=account.email).count() == 1


def test_a_new_address_gets_its_confirmation_mail_and_an_inactive_account(client, db, mailoutbox):
    register(client, "somchai@example.com")

    assert [message.to for message in mailoutbox] == [["somchai@example.com"]]
    assert "confirm" in mailoutbox[0].body.lower()
    from saleor.account.models import User

    assert User.objects.get(email="somchai@example.com").is_active is False


def test_registering_a_taken_address_hashes_a_password_as_a_new_address_does(client, account, monkeypatch):
    calls = count_hashings(monkeypatch)
    register(client, "somchai@example.com")
    new = len(calls)
    register(client, account.email)

    assert new == 1
    assert len(calls) - new == new


def test_a_weak_password_is_refused_the_same_for_a_taken_and_a_new_address(client, account, mailoutbox):
    taken = register(client, account.email, password="123")
    new = register(client, "somchai@example.com", password="123")

    assert taken == new
    assert [error["field"] for error in new[1]["data"]["accountRegister"]["accountErrors"]] == ["password"]
    assert mailoutbox == []


def test_without_the_patch_registration_tells_taken_addresses(client, account, monkeypatch):
    from saleor.graphql.account.mutations.account import AccountRegister

    original = AccountRegister.perform_mutation.__func__.__wrapped__
    monkeypatch.setattr(AccountRegister, "perform_mutation", classmethod(original))

    errors = register(client, account.email)[1]["data"]["accountRegister"]["accountErrors"]

    assert errors[0]["code"] == "UNIQUE"
