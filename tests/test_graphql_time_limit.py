"""The per-request time limit: the last line behind the query limits."""
import pytest
from django.db import OperationalError, connection

from saleor_otop.graphql.time_limit import request_time_limit


@pytest.mark.django_db
def test_a_statement_running_past_the_limit_is_cancelled():
    with request_time_limit(1) as clock:
        with pytest.raises(OperationalError, match="canceling statement"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(60)")
    assert clock.expired


@pytest.mark.django_db
def test_a_request_within_the_limit_is_left_alone():
    with request_time_limit(5) as clock:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert not clock.expired
