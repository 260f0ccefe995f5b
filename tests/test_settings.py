"""Settings from the environment: bad values stop start-up with one line, defaults are safe."""
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from graphql_jwt.utils import jwt_encode, jwt_payload

from tests import factories

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTROLLED = {
    "DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "JWT_EXPIRATION_MINUTES", "ALLOWED_HOSTS",
    "ALLOWED_GRAPHQL_ORIGINS", "ALLOWED_CLIENT_HOSTS", "PLAYGROUND_ENABLED", "MEDIA_ROOT", "STATIC_ROOT",
    "EMAIL_URL", "CACHE_URL", "REDIS_URL", "SENTRY_DSN", "ENABLE_SSL", "MAX_CHECKOUT_LINE_QUANTITY",
    "STRIPE_API_BASE", "STRIPE_PUBLIC_KEY", "STRIPE_SECRET_KEY",
    "JWT_REFRESH_MAX_HOURS", "RATE_LIMIT_TOKEN_CREATE", "RATE_LIMIT_PASSWORD_RESET", "RATE_LIMIT_ACCOUNT_REGISTER",
    "OTOP_PRIVATE_ROOT", "OTOP_PRIVATE_S3_BUCKET", "DATABASE_REPLICA_URLS", "DATABASE_REPLICA_STICKY_SECONDS",
}
GOOD_ENVIRONMENT = {
    "SECRET_KEY": "tests-only-secret-key-0123456789abcdef",
    "ALLOWED_CLIENT_HOSTS": "shop.otop.test",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/otop_settings_check",
}


def run_python(args, **changes):
    """Run the project's Python in a production-like environment (DEBUG unset) with `changes`."""
    environment = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    environment.update(GOOD_ENVIRONMENT)
    for name, value in changes.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [sys.executable, *args], check=False, cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


BAD_ENVIRONMENTS = [
    ("SECRET_KEY", {"SECRET_KEY": None}),
    ("SECRET_KEY", {"SECRET_KEY": "too-short"}),
    ("DEBUG", {"DEBUG": "maybe"}),
    ("DATABASE_URL", {"DATABASE_URL": "mysql://otop@127.0.0.1/otop"}),
    ("DATABASE_URL", {"DATABASE_URL": "not a url"}),
    ("CELERY_BROKER_URL", {"CELERY_BROKER_URL": "ftp://x"}),
    ("JWT_EXPIRATION_MINUTES", {"JWT_EXPIRATION_MINUTES": "abc"}),
    ("ALLOWED_GRAPHQL_ORIGINS", {"ALLOWED_GRAPHQL_ORIGINS": "*"}),
    ("ALLOWED_CLIENT_HOSTS", {"ALLOWED_CLIENT_HOSTS": None}),
    ("ALLOWED_HOSTS", {"ALLOWED_HOSTS": ""}),
    ("PLAYGROUND_ENABLED", {"PLAYGROUND_ENABLED": "perhaps"}),
    ("ENABLE_SSL", {"ENABLE_SSL": "maybe"}),
    ("MAX_CHECKOUT_LINE_QUANTITY", {"MAX_CHECKOUT_LINE_QUANTITY": "lots"}),
    ("EMAIL_URL", {"EMAIL_URL": "bogus"}),
    ("CACHE_URL", {"CACHE_URL": "bogus://cache"}),
    ("SENTRY_DSN", {"SENTRY_DSN": "nope"}),
    ("STRIPE_API_BASE", {"STRIPE_API_BASE": "ftp://stripe"}),
    ("STRIPE_PUBLIC_KEY", {"STRIPE_SECRET_KEY": "sk_live_123"}),
    ("STRIPE_SECRET_KEY", {"STRIPE_PUBLIC_KEY": "pk_live_123", "STRIPE_SECRET_KEY": "pk_live_123"}),
    ("JWT_REFRESH_MAX_HOURS", {"JWT_REFRESH_MAX_HOURS": "0"}),
    ("RATE_LIMIT_TOKEN_CREATE", {"RATE_LIMIT_TOKEN_CREATE": "10 per minute"}),
    ("RATE_LIMIT_PASSWORD_RESET", {"RATE_LIMIT_PASSWORD_RESET": "3/h"}),
    ("RATE_LIMIT_ACCOUNT_REGISTER", {"RATE_LIMIT_ACCOUNT_REGISTER": "0/h,20/h"}),
    ("OTOP_PRIVATE_ROOT", {"MEDIA_ROOT": "/srv/otop/media", "OTOP_PRIVATE_ROOT": "/srv/otop/media/private"}),
    ("OTOP_PRIVATE_ROOT", {"MEDIA_ROOT": "/srv/otop/private/media", "OTOP_PRIVATE_ROOT": "/srv/otop/private"}),
    ("DATABASE_REPLICA_URLS", {"DATABASE_REPLICA_URLS": "mysql://otop@10.0.0.2/otop"}),
    ("DATABASE_REPLICA_URLS", {"DATABASE_REPLICA_URLS": "postgres://otop@10.0.0.2/otop,"}),
    ("DATABASE_REPLICA_URLS", {"DATABASE_URL": None, "DATABASE_REPLICA_URLS": "postgres://otop@10.0.0.2/otop"}),
    ("DATABASE_REPLICA_STICKY_SECONDS", {"DATABASE_REPLICA_STICKY_SECONDS": "0"}),
]


@pytest.mark.parametrize(("variable", "changes"), BAD_ENVIRONMENTS, ids=[str(changes) for _v, changes in BAD_ENVIRONMENTS])
def test_bad_variable_stops_start_up_with_one_line_naming_it(variable, changes):
    result = run_python(["manage.py", "check"], **changes)
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"configuration error: {variable}: ")


def test_wsgi_start_up_with_a_bad_variable_stops_with_one_line():
    result = run_python(["-c", "import saleor_otop.wsgi"], SECRET_KEY=None)
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("configuration error: SECRET_KEY: ")


def test_good_environment_passes_the_checks():
    result = run_python(["manage.py", "check"])
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def default_settings():
    names = ["DEBUG", "GRAPHQL_JWT", "ALLOWED_GRAPHQL_ORIGINS", "PLAYGROUND_ENABLED", "MEDIA_ROOT", "STATIC_ROOT",
             "DEFAULT_CURRENCY", "DEFAULT_COUNTRY"]
    script = (
        "import json; from saleor_otop import settings as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {names!r}}}, default=str))"
    )
    result = run_python(["-c", script])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_by_default(default_settings):
    assert default_settings["DEBUG"] is False
    assert default_settings["PLAYGROUND_ENABLED"] is False


def test_tokens_expire_by_default(default_settings):
    assert default_settings["GRAPHQL_JWT"]["JWT_VERIFY_EXPIRATION"] is True
    assert default_settings["GRAPHQL_JWT"]["JWT_EXPIRATION_DELTA"] == "0:15:00"


def test_cors_origin_is_not_everyone_by_default(default_settings):
    assert default_settings["ALLOWED_GRAPHQL_ORIGINS"] not in ("*", "")


def test_media_and_static_roots_are_outside_site_packages(default_settings):
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        assert "site-packages" not in default_settings[name]
        assert default_settings[name].startswith(PROJECT_DIR)


def test_shop_sells_in_baht_in_thailand(default_settings):
    assert (default_settings["DEFAULT_CURRENCY"], default_settings["DEFAULT_COUNTRY"]) == ("THB", "TH")


def test_expired_token_is_refused(client, db):
    payload = jwt_payload(factories.UserFactory())
    payload["exp"] = datetime.now(UTC) - timedelta(minutes=1)
    response = client.post(
        "/graphql/", {"query": "{ me { email } }"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"JWT {jwt_encode(payload)}",
    )
    assert "expired" in response.json()["errors"][0]["message"]


def test_graphql_answer_does_not_allow_every_origin(client, db):
    response = client.post("/graphql/", {"query": "{ shop { name } }"}, content_type="application/json")
    assert response["Access-Control-Allow-Origin"] not in ("*", "")


def test_replica_urls_become_database_aliases_behind_the_router():
    script = (
        "import json; from saleor_otop import settings as s; "
        "print(json.dumps([s.DATABASE_REPLICAS, [s.DATABASES[a]['HOST'] for a in s.DATABASE_REPLICAS], s.DATABASE_ROUTERS]))"
    )
    result = run_python(["-c", script], DATABASE_REPLICA_URLS="postgres://otop@10.0.0.2/otop, postgres://otop@10.0.0.3/otop")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["replica_1", "replica_2"], ["10.0.0.2", "10.0.0.3"], ["saleor_otop.serving.replicas.ReplicaRouter"]]
