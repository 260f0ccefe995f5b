"""A token is refused once the password it was issued under has changed, or the account is
deactivated; refreshing never extends a sign-in past JWT_REFRESH_MAX_HOURS."""
import json
from calendar import timegm
from datetime import datetime, timedelta

import pytest
from graphql_jwt.shortcuts import get_token

from saleor_otop.accounts.tokens import REVOKED_MESSAGE, TOKEN_VERSION_CLAIM
from tests.factories import UserFactory

ME = "{ me { email } }"
REFRESH = "mutation($token: String!) { tokenRefresh(token: $token) { token payload } }"
VERIFY = "mutation($token: String!) { tokenVerify(token: $token) { payload user { email } } }"
PASSWORD_CHANGE = (
    'mutation { passwordChange(oldPassword: "password", newPassword: "A-new-long-passphrase-2") '
    "{ accountErrors { code } } }"
)


def post(client, query, variables=None, token=None):
    headers = {"HTTP_AUTHORIZATION": f"JWT {token}"} if token else {}
    response = client.post(
        "/graphql/", json.dumps({"query": query, "variables": variables or {}}), content_type="application/json", **headers
    )
    return response.json()


def sign_in(client, email, password="password"):
    query = 'mutation { tokenCreate(email: "%s", password: "%s") { token accountErrors { code } } }' % (email, password)
    return post(client, query)["data"]["tokenCreate"]["token"]


@pytest.fixture
def account(db):
    return UserFactory(email="nok@example.com")


def error_messages(answer):
    return [error["message"] for error in answer.get("errors", [])]


def test_a_fresh_token_works(client, account):
    token = sign_in(client, account.email)

    assert post(client, ME, token=token)["data"]["me"] == {"email": account.email}


def test_a_stolen_token_is_refused_after_a_password_change(client, account):
    stolen = sign_in(client, account.email)
    assert post(client, PASSWORD_CHANGE, token=sign_in(client, account.email))["data"]["passwordChange"] == {"accountErrors": []}

    answer = post(client, ME, token=stolen)

    assert REVOKED_MESSAGE in error_messages(answer)
    assert answer["data"]["me"] is None
    assert post(client, ME, token=sign_in(client, account.email, "A-new-long-passphrase-2"))["data"]["me"]


def test_a_stolen_token_cannot_be_refreshed_or_verified_after_a_password_change(client, account):
    stolen = sign_in(client, account.email)
    account.set_password("changed-elsewhere-3")
    account.save()

    refreshed = post(client, REFRESH, {"token": stolen})
    verified = post(client, VERIFY, {"token": stolen})

    assert REVOKED_MESSAGE in error_messages(refreshed) and refreshed["data"]["tokenRefresh"] is None
    assert verified["data"]["tokenVerify"] is None


def test_a_token_of_a_deactivated_account_is_refused(client, account):
    token = sign_in(client, account.email)
    account.is_active = False
    account.save()

    answer = post(client, ME, token=token)

    assert answer["data"]["me"] is None and answer["errors"]


def test_a_token_without_a_version_is_refused(client, account):
    token = get_token(account, **{TOKEN_VERSION_CLAIM: None})

    assert REVOKED_MESSAGE in error_messages(post(client, ME, token=token))


def test_refresh_keeps_the_first_sign_in_time(client, account):
    token = sign_in(client, account.email)

    refreshed = post(client, REFRESH, {"token": token})["data"]["tokenRefresh"]

    assert refreshed["payload"]["origIat"] == post(client, VERIFY, {"token": token})["data"]["tokenVerify"]["payload"]["origIat"]
    assert post(client, ME, token=refreshed["token"])["data"]["me"] == {"email": account.email}


def test_refresh_past_the_absolute_lifetime_is_refused(client, account, settings):
    signed_in_at = datetime.utcnow() - timedelta(hours=settings.GRAPHQL_JWT["JWT_REFRESH_EXPIRATION_DELTA"].total_seconds() / 3600 + 1)
    old_session = get_token(account, origIat=timegm(signed_in_at.utctimetuple()))

    answer = post(client, REFRESH, {"token": old_session})

    assert "Refresh has expired" in error_messages(answer)
    assert answer["data"]["tokenRefresh"] is None


def test_refresh_lifetime_defaults_to_24_hours(settings):
    assert settings.GRAPHQL_JWT["JWT_REFRESH_EXPIRATION_DELTA"] == timedelta(hours=24)


def account_row_reads(queries) -> int:
    return sum(1 for query in queries if 'FROM "account_user"' in query["sql"])


def test_a_signed_in_request_reads_the_account_once(client, account):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = sign_in(client, account.email)
    with CaptureQueriesContext(connection) as queries:
        answer = post(client, ME, token=token)

    assert answer == {"data": {"me": {"email": account.email}}}
    assert account_row_reads(queries) == 1, "\n".join(query["sql"][:120] for query in queries)


def test_authenticating_a_token_costs_one_query(account, django_assert_num_queries):
    from graphql_jwt.shortcuts import get_user_by_token

    token = get_token(account)
    with django_assert_num_queries(1):
        assert get_user_by_token(token) == account


def test_the_row_read_for_one_token_is_not_handed_to_another_account(account):
    from saleor_otop.accounts.tokens import jwt_decode, user_by_natural_key

    other = UserFactory(email="other@example.com")
    jwt_decode(get_token(account))

    assert user_by_natural_key(other.email) == other
    assert user_by_natural_key(account.email) == account
