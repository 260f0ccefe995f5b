import pytest


@pytest.fixture(autouse=True)
def media_root_in_tmp(settings, tmp_path):
    """Payout files land in MEDIA_ROOT by default: keep them out of the project's var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
