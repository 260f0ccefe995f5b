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
