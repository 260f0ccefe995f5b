"""A production start (python -m saleor_otop.serving) refuses, in one line, what only the demo
and tests may use, and bad serving numbers."""
import pytest

from tests.test_settings import run_python

REFUSED = [
    ("DATABASE_URL", "web", {"DATABASE_URL": None}, "the embedded PostgreSQL is for the demo and tests only"),
    ("CELERY_BROKER_URL", "worker", {"CELERY_BROKER_URL": None}, "tasks would run in-process"),
    ("DEBUG", "beat", {"DEBUG": "true"}, "must be off in production"),
    ("CREATE_IMAGES_ON_DEMAND", "web", {"CREATE_IMAGES_ON_DEMAND": "true"}, "thumbnails are made by the workers"),
    ("GUNICORN_TIMEOUT", "web", {"GUNICORN_TIMEOUT": "20"}, "must be above GRAPHQL_TIME_LIMIT_SECONDS (20)"),
    ("GUNICORN_WORKERS", "web", {"GUNICORN_WORKERS": "many"}, "expected a whole number"),
    ("CELERY_CONCURRENCY", "worker", {"CELERY_CONCURRENCY": "0"}, "expected a number above 0"),
    ("CELERY_VISIBILITY_TIMEOUT", "worker", {"CELERY_VISIBILITY_TIMEOUT": "600"}, "must be above CELERY_TASK_TIME_LIMIT"),
    ("CELERY_TASK_SOFT_TIME_LIMIT", "worker", {"CELERY_TASK_SOFT_TIME_LIMIT": "900"}, "must be below CELERY_TASK_TIME_LIMIT"),
    ("LOG_FORMAT", "web", {"LOG_FORMAT": "xml"}, "expected json or text"),
]


@pytest.mark.parametrize(("variable", "command", "changes", "reason"), REFUSED, ids=[case[0] for case in REFUSED])
def test_production_start_refuses_with_one_line(variable, command, changes, reason):
    result = run_python(["-m", "saleor_otop.serving", command], **{"CELERY_BROKER_URL": "redis://127.0.0.1:1/0", **changes})
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"configuration error: {variable}: ")
    assert reason in line


def test_the_demo_and_tests_keep_the_embedded_database_and_in_process_tasks():
    # Without OTOP_PRODUCTION nothing changes for `make demo` and the test suite.
    result = run_python(["-c", "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER, settings.STATICFILES_STORAGE)"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "whitenoise.storage.CompressedStaticFilesStorage"]


def test_an_unknown_command_is_refused_with_the_usage():
    result = run_python(["-m", "saleor_otop.serving", "serve-everything"])
    assert result.returncode != 0
    assert result.stderr.strip() == "usage: python -m saleor_otop.serving {web|worker|beat|release|worker-check}"


SESSION_ENGINE = "from django.conf import settings; print(settings.SESSION_ENGINE)"


def test_sessions_are_read_through_a_shared_cache():
    result = run_python(["-c", SESSION_ENGINE], CACHE_URL="redis://127.0.0.1:6379/3")
    assert result.stdout.strip() == "django.contrib.sessions.backends.cached_db", result.stderr


def test_sessions_stay_in_the_database_with_a_per_process_cache():
    # A local-memory cache (the demo's) is one per process: sessions read through it could be stale.
    result = run_python(["-c", SESSION_ENGINE])
    assert result.stdout.strip() == "django.contrib.sessions.backends.db", result.stderr
