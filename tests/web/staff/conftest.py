import pytest

from tests.factories import StaffFactory

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def sign_in(client, user):
    """A session as the back office's sign-in form makes it (Django's model backend)."""
    client.force_login(user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def officer(db):
    """A programme officer who may manage producers and view the programme report."""
    return StaffFactory(
        email="officer@otop.example",
        permissions=["otop_producers.manage_otop_producers", "otop_curation.view_otop_programme_report"],
    )


@pytest.fixture
def officer_client(client, officer):
    sign_in(client, officer)
    return client
