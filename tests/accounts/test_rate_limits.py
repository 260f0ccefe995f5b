"""Brute force against the account mutations: each guess counts, batched or not, and the
limit answers 429 with a RateLimitExceeded GraphQL error before any password is checked."""
import json

import pytest

from tests.factories import UserFactory

TOKEN_CREATE = 'tokenCreate(email: "%s", password: "%s") { token accountErrors { code } }'
RESET = 'requestPasswordReset(email: "%s", redirectUrl: "https://shop.otop.test/reset") { accountErrors { code } }'
REGISTER = (
    'accountRegister(input: {email: "%s", password: "A-long-passphrase-1", redirectUrl: "https://shop.otop.test/c"}) '
    "{ accountErrors { code } }"
)


def post(client, body, address="203.0.113.7"):
    response = client.post("/graphql/", json.dumps(body), content_type="application/json", REMOTE_ADDR=address)
    return response, response.json()


def operation(field):
    return {"query": "mutation { %s }" % field}


def limited(answer) -> bool:
    codes = [error.get("extensions", {}).get("exception", {}).get("code") for error in answer.get("errors", [])]
    return "RateLimitExceeded" in codes


@pytest.fixture(autouse=True)
def batches_of_a_hundred(settings):
    """The batch limit (10) refuses a batch of 100 before it runs; raised here so every
    operation of such a batch reaches the rate limiter and is counted."""
    settings.GRAPHQL_MAX_BATCH = 100


@pytest.fixture(autouse=True)
def one_rate_window(monkeypatch):
    """django-ratelimit counts in fixed windows (15 minutes, offset per key): a test's requests
    must not straddle a window's end, which would start the count again."""
    import time
    from types import SimpleNamespace

    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def account(db):
    return UserFactory(email="somchai@example.com")


def test_a_batch_of_100_guesses_gets_429_after_the_per_account_limit(client, account):
    guesses = [operation(TOKEN_CREATE % (account.email, f"guess-{n}")) for n in range(100)]

    response, answers = post(client, guesses)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    answered = [answer for answer in answers if not limited(answer)]
    assert len(answered) == 10, "the default per-account limit is 10 in 15 minutes"
    assert all(answer["data"]["tokenCreate"]["accountErrors"] == [{"code": "INVALID_CREDENTIALS"}] for answer in answered)
    assert all(answer["data"]["tokenCreate"] is None for answer in answers[10:])
    assert "Too many attempts" in answers[-1]["errors"][0]["message"]


def test_the_right_password_is_refused_too_once_the_account_is_limited(client, account):
    post(client, [operation(TOKEN_CREATE % (account.email, "wrong")) for _ in range(10)])

    response, answer = post(client, operation(TOKEN_CREATE % (account.email, "password")), address="198.51.100.9")

    assert response.status_code == 429 and limited(answer)
    assert answer["data"]["tokenCreate"] is None


def test_aliases_in_one_operation_count_one_each(client, account):
    fields = " ".join(f"g{n}: " + TOKEN_CREATE % (account.email, f"guess-{n}") for n in range(12))

    response, answer = post(client, operation(fields))

    assert response.status_code == 429
    assert sum(1 for n in range(12) if answer["data"][f"g{n}"] is not None) == 10


def test_one_address_trying_many_accounts_is_limited_per_address(client, db, settings):
    settings.OTOP_RATE_LIMITS = {**settings.OTOP_RATE_LIMITS, "token_create": ("10/15m", "5/15m")}
    guesses = [operation(TOKEN_CREATE % (f"person{n}@example.com", "guess")) for n in range(8)]

    response, answers = post(client, guesses)

    assert response.status_code == 429
    assert [limited(answer) for answer in answers] == [False] * 5 + [True] * 3
    other_address, _ = post(client, operation(TOKEN_CREATE % ("person9@example.com", "guess")), address="198.51.100.9")
    assert other_address.status_code == 200


def test_a_normal_sign_in_is_not_limited(client, account):
    response, answer = post(client, operation(TOKEN_CREATE % (account.email, "password")))

    assert response.status_code == 200
    assert answer["data"]["tokenCreate"]["token"]


@pytest.mark.parametrize("template, limit", [(RESET, 3), (REGISTER, 3)], ids=["requestPasswordReset", "accountRegister"])
def test_password_reset_and_registration_are_limited_per_account(client, account, template, limit):
    response, answers = post(client, [operation(template % account.email) for _ in range(limit + 2)])

    assert response.status_code == 429
    assert [limited(answer) for answer in answers] == [False] * limit + [True] * 2


def test_registration_is_limited_per_address(client, db):
    response, answers = post(client, [operation(REGISTER % f"new{n}@example.com") for n in range(22)])

    assert response.status_code == 429
    assert [limited(answer) for answer in answers] == [False] * 20 + [True] * 2
