"""Fixtures running Saleor's Stripe gateway against localstripe on loopback."""
import contextlib
import socket

import pytest
import stripe

from saleor_otop.demo_payments import localstripe_running

PUBLIC_KEY = "pk_test_otop_market"
SECRET_KEY = "sk_test_otop_market"


class _Localstripe:
    """The test process's localstripe, started again when it no longer answers: in whole-suite
    runs it was once found gone (connection refused) between two tests."""

    def __init__(self):
        self._stack = contextlib.ExitStack()
        self.url = None

    def answering_url(self) -> str:
        if self.url is None or not _answers(self.url):
            self.close()
            self.url = self._stack.enter_context(localstripe_running())
        return self.url

    def close(self) -> None:
        self._stack.close()
        self.url = None


def _answers(url: str) -> bool:
    host, port = url.rsplit("//", 1)[1].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def localstripe_process():
    process = _Localstripe()
    yield process
    process.close()


@pytest.fixture
def localstripe_url(localstripe_process):
    return localstripe_process.answering_url()


@pytest.fixture
def stripe_gateway(localstripe_url, settings, monkeypatch):
    """Stripe keys from the settings (as from the environment), the SDK pointed at localstripe."""
    settings.STRIPE_PUBLIC_KEY = PUBLIC_KEY
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    monkeypatch.setattr(stripe, "api_base", localstripe_url)
    monkeypatch.setattr(stripe, "api_key", None)
    return localstripe_url


def card_payment_method(number: str = "4242424242424242") -> str:
    """A card PaymentMethod made with the real Stripe SDK, as Stripe.js would make it."""
    payment_method = stripe.PaymentMethod.create(
        type="card", card={"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"}, api_key=SECRET_KEY
    )
    return payment_method.id


def every(resource) -> list:
    """Every object of a Stripe list: localstripe pages from the oldest, so one page of 100 would
    miss a test's own objects once the session's localstripe holds more."""
    return list(resource.list(api_key=SECRET_KEY, limit=100).auto_paging_iter())
