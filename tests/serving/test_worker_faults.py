"""A Celery worker killed (SIGKILL, the worker and its pool process at once, as when its machine
dies) in the middle of the weekly payout run: nothing of that run is written, the broker gives
the task to another worker once the visibility timeout has passed, and that one pays each
producer once."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal

import psycopg2
import pytest
import redis
from django.db import connection
from django.utils import timezone
from saleor.plugins.models import PluginConfiguration

from plugins.producer_channels.models import LedgerEntry, Payout, PayoutRun
from plugins.producer_channels.plugin import ProducerChannelsPlugin
from saleor_otop.celeryconf import app as celery_app
from tests.factories.producer_channels import pay, placed_order, producer_product, producer_with_owner
from tests.serving.conftest import PROJECT_DIR, stop_group
from tests.support.processes import database_url
from tests.waiting import wait_until

# Short enough for the test, in the order the settings require (soft < hard < visibility).
TASK_SOFT_TIME_LIMIT, TASK_TIME_LIMIT, VISIBILITY_TIMEOUT = 12, 15, 16


def start_worker(*, queue: str, name: str, broker: str, tmp_path) -> subprocess.Popen:
    """The production worker command (`python -m saleor_otop.serving worker`: prefork, acks late)."""
    environment = {
        **{key: value for key, value in os.environ.items() if key not in ("DEBUG", "PROMETHEUS_MULTIPROC_DIR")},
        "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker, "OTOP_CELERY_QUEUE": queue,
        "CELERY_WORKER_NAME": f"{name}@{socket.gethostname()}", "CELERY_CONCURRENCY": "1",
        "CELERY_TASK_SOFT_TIME_LIMIT": str(TASK_SOFT_TIME_LIMIT), "CELERY_TASK_TIME_LIMIT": str(TASK_TIME_LIMIT),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT), "CELERY_LOG_LEVEL": "WARNING",
        "OTOP_PRIVATE_ROOT": str(tmp_path / "private"), "MEDIA_ROOT": str(tmp_path / "media"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"metrics-{name}"),
    }
    process = subprocess.Popen([sys.executable, "-m", "saleor_otop.serving", "worker"], cwd=PROJECT_DIR, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    node = environment["CELERY_WORKER_NAME"]
    deadline = time.monotonic() + 120
    while not celery_app.control.ping(destination=[node], timeout=1):
        assert process.poll() is None, "the worker exited at start-up"
        assert time.monotonic() < deadline, "the worker did not answer within 120 s"
    return process


def unacknowledged(broker: str, queue: str) -> int:
    """Messages of `queue` a worker took and has not acknowledged (kombu's Redis `unacked` hash)."""
    entries = redis.Redis.from_url(broker).hvals("unacked")
    return sum(1 for entry in entries if json.loads(entry)[2] == queue)


def backends_waiting_for_a_lock() -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def backend_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0] == 1


@pytest.fixture
def due_ledger(transactional_db):
    PluginConfiguration.objects.create(
        identifier=ProducerChannelsPlugin.PLUGIN_ID, active=True,
        configuration=[{"name": "payout_hold_days", "value": "0"}, {"name": "minimum_payout_amount", "value": "1.00"}],
    )
    weavers, _ = producer_with_owner(commission_rate=Decimal("10.00"))
    potters, _ = producer_with_owner(commission_rate=Decimal("15.00"))
    _, scarf = producer_product(weavers, price="500.00")
    _, jar = producer_product(potters, price="120.00")
    for lines in ([(scarf, 2), (jar, 1)], [(scarf, 1)]):
        pay(placed_order(lines))
    LedgerEntry.objects.update(available_on=timezone.now() - timedelta(days=1))
    return {weavers.pk: Decimal("1350.00"), potters.pk: Decimal("102.00")}


def test_a_worker_killed_during_the_payout_run_loses_nothing_and_pays_once(due_ledger, tmp_path):
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis"):
        pytest.skip("CELERY_BROKER_URL is not a Redis broker")
    queue = f"otop-payout-kill-{uuid.uuid4().hex[:8]}"
    # The due ledger entries, locked here: the run stops inside its transaction, after writing
    # its PayoutRun row, where it locks them. (A lock on rows the payouts refer to would stop it
    # only at its COMMIT, where PostgreSQL checks Django's deferred foreign keys.)
    lock = psycopg2.connect(database_url())
    with lock.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {LedgerEntry._meta.db_table} FOR UPDATE")
    first = start_worker(queue=queue, name=f"{queue}-first", broker=broker, tmp_path=tmp_path)
    second = None
    try:
        celery_app.conf.task_always_eager = False  # conftest's fixture sets it back
        celery_app.send_task("plugins.producer_channels.tasks.payout_run_task", queue=queue)
        (blocked,) = wait_until(backends_waiting_for_a_lock, timeout=120)
        delivered_by = time.time()

        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
        lock.rollback()
        # The killed worker's database session ends at its next write to the closed socket.
        wait_until(lambda: not backend_alive(blocked), timeout=60)
        assert (PayoutRun.objects.count(), Payout.objects.count()) == (0, 0)
        assert not LedgerEntry.objects.filter(payout__isnull=False).exists()
        assert unacknowledged(broker, queue) == 1  # the task is still the broker's, not lost

        # The broker gives an unacknowledged task to a worker once it is older than the timeout.
        time.sleep(max(0.0, delivered_by + VISIBILITY_TIMEOUT + 1 - time.time()))
        second = start_worker(queue=queue, name=f"{queue}-second", broker=broker, tmp_path=tmp_path)
        wait_until(lambda: Payout.objects.count() == len(due_ledger), timeout=120)
        wait_until(lambda: unacknowledged(broker, queue) == 0, timeout=60)  # acknowledged once done

        assert PayoutRun.objects.count() == 1
        assert dict(Payout.objects.values_list("producer_id", "amount")) == due_ledger
        assert not LedgerEntry.objects.filter(payout__isnull=True).exists()
    finally:
        lock.close()
        stop_group(first)
        if second is not None:
            stop_group(second)
        redis.Redis.from_url(broker).delete(queue)  # a task left behind by a failed run
