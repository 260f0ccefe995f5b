"""Settings of the OTOP marketplace: Saleor's own, configured from the environment.

Every variable is read here once and checked; a missing or malformed one stops
start-up with a line naming it (see saleor_otop/environment.py).
"""
import importlib.util
import os
import warnings
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab

from saleor_otop import compat
from saleor_otop import environment as env

compat.apply_import_patches()

PROJECT_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.boolean("DEBUG", default=False)
# saleor.settings reads DEBUG itself (template debug, image creation on demand);
# it must see the same value, whose default there is True.
os.environ["DEBUG"] = "True" if DEBUG else "False"
if not DEBUG and not env.string("ALLOWED_CLIENT_HOSTS"):
    raise env.EnvironmentSettingError(
        "ALLOWED_CLIENT_HOSTS", "is required when DEBUG is off: the storefront hosts e-mailed links may point to"
    )

env.check_saleor_variables()
# A production start (python -m saleor_otop.serving: make serve, the containers) refuses what
# only the demo and tests may use: DEBUG, the embedded PostgreSQL, tasks run in-process.
OTOP_PRODUCTION = env.boolean("OTOP_PRODUCTION", default=False)
if OTOP_PRODUCTION:
    env.check_production(debug=DEBUG)

with warnings.catch_warnings():
    # Saleor warns of a missing SECRET_KEY; ours is checked below.
    warnings.simplefilter("ignore", UserWarning)
    from saleor.settings import *  # noqa: E402,F401,F403
    from saleor.settings import GRAPHQL_JWT, INSTALLED_APPS, PLUGINS, TEMPLATES  # noqa: E402

SECRET_KEY = env.secret_key(debug=DEBUG)

database_url = env.url("DATABASE_URL", schemes={"postgres", "postgresql", "pgsql"})
replica_urls = env.url_list("DATABASE_REPLICA_URLS", schemes={"postgres", "postgresql", "pgsql"})
if replica_urls and not database_url:
    raise env.EnvironmentSettingError("DATABASE_REPLICA_URLS", "needs DATABASE_URL (the primary): the embedded PostgreSQL has no replicas")
if database_url:
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(database_url, conn_max_age=600)}
else:
    from saleor_otop.embedded_db import database_settings

    DATABASES = {"default": database_settings()}

ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
if not ALLOWED_HOSTS:
    raise env.EnvironmentSettingError("ALLOWED_HOSTS", "is empty: no host name would be answered")
# Saleor writes this value into Access-Control-Allow-Origin; its default is "*".
ALLOWED_GRAPHQL_ORIGINS = env.string("ALLOWED_GRAPHQL_ORIGINS", default="http://127.0.0.1:8000")
if ALLOWED_GRAPHQL_ORIGINS == "*" and not DEBUG:
    raise env.EnvironmentSettingError("ALLOWED_GRAPHQL_ORIGINS", "'*' is refused when DEBUG is off")
# The playground page at GET /graphql/; Saleor's default is on, even in production.
PLAYGROUND_ENABLED = env.boolean("PLAYGROUND_ENABLED", default=DEBUG)

ROOT_URLCONF = "saleor_otop.urls"
WSGI_APPLICATION = "saleor_otop.wsgi.application"

TIME_ZONE = "Asia/Bangkok"
LANGUAGE_CODE = "en"
DEFAULT_COUNTRY = env.string("DEFAULT_COUNTRY", default="TH")
DEFAULT_CURRENCY = env.string("DEFAULT_CURRENCY", default="THB")
AVAILABLE_CURRENCIES = [DEFAULT_CURRENCY]

MEDIA_ROOT = env.string("MEDIA_ROOT", default=str(PROJECT_DIR / "var" / "media"))
STATIC_ROOT = env.string("STATIC_ROOT", default=str(PROJECT_DIR / "var" / "static"))

TEMPLATES[0]["DIRS"] = [str(PROJECT_DIR / "saleor_otop" / "templates")]
TEMPLATES[0]["OPTIONS"]["debug"] = DEBUG

GRAPHQL_JWT = {
    **GRAPHQL_JWT,
    "JWT_VERIFY_EXPIRATION": True,
    "JWT_EXPIRATION_DELTA": timedelta(minutes=env.positive_int("JWT_EXPIRATION_MINUTES", default=15)),
}

CELERY_BROKER_URL = env.url("CELERY_BROKER_URL", schemes={"redis", "rediss", "amqp", "amqps"})
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TIMEZONE = TIME_ZONE
# A broker that does not answer costs a request one quick attempt, not Celery's retries over
# seconds: the task then waits in the outbox (saleor_otop/task_outbox.py). The worker's own
# connection keeps retrying (broker_connection_max_retries).
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 0, "socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULE = {
    # each plugin adds its periodic tasks here
    "otop-stars-expire-certifications": {
        "task": "plugins.otop_stars.tasks.certification_expire_due_task",
        "schedule": crontab(hour=0, minute=15),  # daily, CELERY_TIMEZONE (Asia/Bangkok)
    },
    "otop-producer-payout-run": {
        "task": "plugins.producer_channels.tasks.payout_run_task",
        "schedule": crontab(hour=2, minute=0, day_of_week="mon"),  # weekly, Monday 02:00 Bangkok
    },
    "otop-export-exchange-rates-refresh": {
        "task": "plugins.export_markets.tasks.exchange_rates_refresh_task",
        "schedule": crontab(hour="*/6", minute=5),  # every 6 hours, where a rate source is configured
    },
    "otop-export-eligibility-refresh-dated": {
        "task": "plugins.export_markets.tasks.product_eligibility_refresh_dated_task",
        "schedule": crontab(hour=0, minute=30),  # daily: certificates that started or ran out
    },
    "otop-curation-close-ended-collections": {
        "task": "plugins.curation.tasks.featured_collections_close_ended_task",
        "schedule": crontab(hour=0, minute=5),  # daily: unpublish in Saleor what left its window
    },
    "otop-task-outbox-drain": {
        "task": "saleor_otop.tasks.task_outbox_drain_task",
        "schedule": 60.0,  # tasks that waited for the broker go out within a minute of its return
    },
    "otop-checkout-charges-reconcile": {
        "task": "saleor_otop.tasks.checkout_charges_reconcile_task",
        "schedule": 60.0,  # charges left open longer than OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS
    },
    "otop-curation-rule-collections-refresh": {
        "task": "plugins.curation.tasks.rule_collections_refresh_task",
        "schedule": crontab(hour=1, minute=0),  # daily, after star expiry and eligibility have run
    },
}

# A checkoutComplete charge left open this long (its process died, its client never came back)
# is completed into its order or given back (saleor_otop/checkout_completion.py). Under Stripe's
# 24 hours of idempotency keys, so a charge resumed by the reconciler is never made twice.
OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS = env.positive_int("OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS", default=900)
if OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS > 20 * 3600:
    raise env.EnvironmentSettingError("OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS", "must be at most 72000 (20 hours): Stripe keeps idempotency keys 24 hours")

EMAIL_BACKEND = env.string("EMAIL_BACKEND", default=EMAIL_BACKEND)  # noqa: F405
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", default="OTOP Market <noreply@otop.example>")

# Saleor's Stripe gateway takes them (saleor_otop/payments.py) and is active when both are set.
STRIPE_PUBLIC_KEY, STRIPE_SECRET_KEY = env.stripe_keys()
# Points the Stripe SDK at another API host (localstripe in tests); unset in production.
STRIPE_API_BASE = env.url("STRIPE_API_BASE", schemes={"http", "https"})

# --- Storefront buying pages (web/storefront: cart, checkout, order, account) ---
# Stripe.js for the card field: Stripe's own in production; localstripe's stand-in
# (http://127.0.0.1:<port>/js.stripe.com/v3/) in tests and the demo. The payment page's
# Content-Security-Policy allows this origin only.
STOREFRONT_STRIPE_JS_URL = env.url("STRIPE_JS_URL", schemes={"http", "https"}) or "https://js.stripe.com/v3/"
# Saleor renders form widgets through TemplatesSetting, which finds Django's widget templates here.
INSTALLED_APPS += ["django.forms"]  # noqa: F405
LOGIN_URL = "storefront:sign_in"
# PromptPay (plugins/promptpay): the signing secret of Stripe's webhook endpoint
# /otop/promptpay/stripe/webhook/; without it Stripe PromptPay events are refused.
STRIPE_WEBHOOK_SECRET = env.string("STRIPE_WEBHOOK_SECRET", default="")
CELERY_BEAT_SCHEDULE["otop-promptpay-expire-charges"] = {
    "task": "plugins.promptpay.tasks.charges_expire_due_task",
    "schedule": timedelta(minutes=1),  # unpaid QRs past their time: orders cancelled, stock released
}

OTOP_APPS = [
    "otop_kernel",
    "saleor_otop",
    "plugins.provenance",
    "plugins.producer_channels",
    "plugins.otop_stars",
    "plugins.export_markets",
    "plugins.curation",
    "plugins.search",
    "storefront_config",
    "plugins.promptpay",
]
INSTALLED_APPS = INSTALLED_APPS + OTOP_APPS

PLUGINS = [
    "saleor_otop.payments.OtopStripeGatewayPlugin"
    if path == "saleor.payment.gateways.stripe.plugin.StripeGatewayPlugin"
    else path
    for path in PLUGINS
] + [
    "plugins.provenance.plugin.ProvenancePlugin",
    "plugins.otop_stars.plugin.OtopStarsPlugin",
    "plugins.producer_channels.plugin.ProducerChannelsPlugin",
    "plugins.export_markets.plugin.ExportMarketsPlugin",
    "plugins.curation.plugin.CurationPlugin",
    "plugins.promptpay.plugin.PromptPayGatewayPlugin",
]

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
SILENCED_SYSTEM_CHECKS = ["fields.W904"]  # Saleor 2.10 models use the postgres JSONField
# A private queue lets a test's worker take only that test run's tasks.
CELERY_TASK_DEFAULT_QUEUE = env.string("OTOP_CELERY_QUEUE", default="celery")

# GraphQL request limits (saleor_otop/graphql/limits.py; README "API limits"). Every query of the
# tests and the storefront stays within them.
GRAPHQL_MAX_BODY_BYTES = env.positive_int("GRAPHQL_MAX_BODY_BYTES", default=2 * 1024 * 1024)
GRAPHQL_MAX_QUERY_LENGTH = env.positive_int("GRAPHQL_MAX_QUERY_LENGTH", default=100_000)
GRAPHQL_MAX_BATCH = env.positive_int("GRAPHQL_MAX_BATCH", default=10)
GRAPHQL_MAX_JSON_DEPTH = env.positive_int("GRAPHQL_MAX_JSON_DEPTH", default=32)
GRAPHQL_MAX_TOKENS = env.positive_int("GRAPHQL_MAX_TOKENS", default=10_000)
GRAPHQL_MAX_NESTING = env.positive_int("GRAPHQL_MAX_NESTING", default=50)
GRAPHQL_MAX_DEPTH = env.positive_int("GRAPHQL_MAX_DEPTH", default=12)
GRAPHQL_MAX_ALIASES = env.positive_int("GRAPHQL_MAX_ALIASES", default=30)
GRAPHQL_MAX_COST = env.positive_int("GRAPHQL_MAX_COST", default=50_000)
GRAPHQL_MAX_SEARCH_LENGTH = env.positive_int("GRAPHQL_MAX_SEARCH_LENGTH", default=200)
GRAPHQL_TIME_LIMIT_SECONDS = env.positive_int("GRAPHQL_TIME_LIMIT_SECONDS", default=20)
GRAPHQL_INTROSPECTION = env.boolean("GRAPHQL_INTROSPECTION", default=DEBUG)
# Search (plugins/search): Saleor's products(filter: {search:}) goes through our backend; the
# engine behind it is PostgreSQL full-text + pg_trgm unless another engine class is named.
SEARCH_BACKEND = "plugins.search.backend"
OTOP_SEARCH_ENGINE = env.string("OTOP_SEARCH_ENGINE", default="plugins.search.postgresql.PostgresSearchEngine")
# The test database, like the embedded one, gets a UTF-8 character classification (pg_trgm
# and Thai words need it) whatever the server's default locale.
DATABASES["default"]["ENGINE"] = "saleor_otop.postgresql"
# --- private files and account safety ----------------------------------------------------
# Payout files and CN23 declarations: never under MEDIA_ROOT, never served as media.
OTOP_PRIVATE_ROOT = env.private_root(
    "OTOP_PRIVATE_ROOT",
    default=str(PROJECT_DIR / "var" / "private"),
    public_roots={"MEDIA_ROOT": MEDIA_ROOT, "STATIC_ROOT": STATIC_ROOT},
)
# Set: private files go to this S3 bucket (private ACL; AWS_* credentials as django-storages reads them).
OTOP_PRIVATE_S3_BUCKET = env.string("OTOP_PRIVATE_S3_BUCKET")

GRAPHQL_JWT = {
    **GRAPHQL_JWT,
    # A token carries a version derived from the password hash (saleor_otop/accounts/tokens.py).
    "JWT_PAYLOAD_HANDLER": "saleor_otop.accounts.tokens.jwt_payload",
    "JWT_DECODE_HANDLER": "saleor_otop.accounts.tokens.jwt_decode",
    "JWT_GET_USER_BY_NATURAL_KEY_HANDLER": "saleor_otop.accounts.tokens.user_by_natural_key",
    # Counted from the first sign-in: refreshing never extends it.
    "JWT_REFRESH_EXPIRATION_DELTA": timedelta(hours=env.positive_int("JWT_REFRESH_MAX_HOURS", default=24)),
}
OTOP_RATE_LIMITS = {
    "token_create": env.rate_limit("RATE_LIMIT_TOKEN_CREATE", default="10/15m,60/15m"),
    "password_reset": env.rate_limit("RATE_LIMIT_PASSWORD_RESET", default="3/h,20/h"),
    "account_register": env.rate_limit("RATE_LIMIT_ACCOUNT_REGISTER", default="3/h,20/h"),
}
# CACHE_URL (Saleor's settings read it; unset: local memory, the demo's): django-cache-url turns
# redis:// into Django 4's Redis backend, which Django 3.2 lacks; django-redis serves it here. The
# rate limits count in this cache, so several server processes need it shared (Redis, memcached).
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":  # noqa: F405
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"  # noqa: F405
RATELIMIT_USE_CACHE = "default"
GRAPHENE = {  # noqa: F405
    **GRAPHENE,  # noqa: F405
    "MIDDLEWARE": [
        "saleor_otop.accounts.rate_limits.AccountRateLimitMiddleware",
        "saleor_otop.graphql.global_ids.GlobalIdMiddleware",
        *GRAPHENE["MIDDLEWARE"],  # noqa: F405
    ],
}
MIDDLEWARE = [
    "saleor_otop.plugins_manager.OnePluginsManagerMiddleware",  # one Saleor plugins manager per request
    "saleor_otop.accounts.rate_limits.RateLimitStatusMiddleware",
    *MIDDLEWARE,  # noqa: F405
]
# --- Storefront (web/storefront): pages for shoppers, see WEB.md ---
# The shop's languages; LANGUAGES stays Saleor's list, which names the languages of
# catalogue translations in the API.
STOREFRONT_LANGUAGES = [("th", "ไทย"), ("en", "English"), ("ja", "日本語"), ("zh-hans", "简体中文")]
STOREFRONT_DEFAULT_LANGUAGE = "en"
STOREFRONT_LANGUAGE_COOKIE = "otop_language"
STOREFRONT_MARKET_COOKIE = "otop_market"
# --- Producer portal (web/seller) at /seller/: Thai first, the member's choice in a cookie ---
SELLER_LANGUAGES = [("th", "ไทย"), ("en", "English")]
SELLER_DEFAULT_LANGUAGE = "th"
SELLER_LANGUAGE_COOKIE = "otop_seller_language"
SELLER_PAGE_SIZE = 20  # products per portal list page
STOREFRONT_CATALOGUE_PAGE_SIZE = 24  # goods per catalogue page (`make bench` measures pages of 50)
INSTALLED_APPS += [
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_htmx",
    "web.storefront",
    "web.seller",
]
MIDDLEWARE = (
    MIDDLEWARE[:1]  # noqa: F405
    + ["whitenoise.middleware.WhiteNoiseMiddleware"]
    + MIDDLEWARE[1:]  # noqa: F405
    + [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "web.storefront.middleware.StorefrontLanguageMiddleware",
        "web.seller.middleware.SellerLanguageMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django_htmx.middleware.HtmxMiddleware",
        "csp.middleware.CSPMiddleware",
    ]
)
TEMPLATES[0]["OPTIONS"]["context_processors"] = TEMPLATES[0]["OPTIONS"]["context_processors"] + [
    "django.template.context_processors.request",
    "django.template.context_processors.csrf",
    "django.contrib.messages.context_processors.messages",
    "web.storefront.context_processors.storefront",
    "web.seller.context_processors.seller",
]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.boolean("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# htmx comes from the django-unfold wheel (no third-party asset in the repository).
STATICFILES_DIRS = STATICFILES_DIRS + [  # noqa: F405
    ("unfold", str(Path(importlib.util.find_spec("unfold").origin).parent / "static" / "unfold")),
]
STATICFILES_STORAGE = "whitenoise.storage.CompressedStaticFilesStorage"
WHITENOISE_USE_FINDERS = True  # serves the apps' static files without a collectstatic step
# Content-Security-Policy of the pages (django-csp): no inline script or style, nothing from other hosts.
CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'",)
CSP_STYLE_SRC = ("'self'",)
CSP_IMG_SRC = ("'self'", "data:")
CSP_OBJECT_SRC = ("'none'",)
CSP_BASE_URI = ("'self'",)
CSP_FORM_ACTION = ("'self'",)
CSP_FRAME_ANCESTORS = ("'none'",)
# The playground page at /graphql/ is one self-contained page with its own script.
CSP_EXCLUDE_URL_PREFIXES = ("/graphql/",)
# --- serving (saleor_otop/serving; README "Production") ------------------------------------
# A task is acknowledged once it has run, and given back when its worker dies, so a killed
# worker loses nothing (our tasks are idempotent); each worker process holds one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_TIME_LIMIT = env.positive_int("CELERY_TASK_TIME_LIMIT", default=900)
CELERY_TASK_SOFT_TIME_LIMIT = env.positive_int("CELERY_TASK_SOFT_TIME_LIMIT", default=840)
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise env.EnvironmentSettingError("CELERY_TASK_SOFT_TIME_LIMIT", "must be below CELERY_TASK_TIME_LIMIT")
# Redis gives an unacknowledged task to another worker after this many seconds: above the
# longest task, else a slow task would run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": env.positive_int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= CELERY_TASK_TIME_LIMIT:
    raise env.EnvironmentSettingError("CELERY_VISIBILITY_TIMEOUT", "must be above CELERY_TASK_TIME_LIMIT")
if database_url:
    # An unreachable database answers "not ready" within seconds instead of hanging a request.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.positive_int("DATABASE_CONNECT_TIMEOUT", default=5)
# Read replicas (saleor_otop/serving/replicas.py; README "Production"): the storefront's anonymous
# reads go to one of them, everything else to DATABASE_URL.
DATABASE_REPLICAS = []
for number, replica_url in enumerate(replica_urls, start=1):
    alias = f"replica_{number}"
    DATABASES[alias] = {
        **dj_database_url.parse(replica_url, conn_max_age=600),
        "ENGINE": DATABASES["default"]["ENGINE"],
        "OPTIONS": dict(DATABASES["default"].get("OPTIONS", {})),
        "TEST": {"MIRROR": "default"},  # tests read the test database through it
    }
    DATABASE_REPLICAS.append(alias)
# Longer than a replica lags: a client that wrote reads from the primary this long.
DATABASE_REPLICA_STICKY_SECONDS = env.positive_int("DATABASE_REPLICA_STICKY_SECONDS", default=15)
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["saleor_otop.serving.replicas.ReplicaRouter"]
if OTOP_PRODUCTION:
    # Hashed, compressed names from collectstatic (`python -m saleor_otop.serving release`).
    STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    WHITENOISE_USE_FINDERS = False
    VERSATILEIMAGEFIELD_SETTINGS = {**VERSATILEIMAGEFIELD_SETTINGS, "create_images_on_demand": False}  # noqa: F405
# Product images from MEDIA_ROOT are served by Django when DEBUG is off too, unless a bucket
# (AWS_MEDIA_BUCKET_NAME) or a proxy in front serves them.
SERVE_MEDIA = env.boolean("SERVE_MEDIA", default=not AWS_MEDIA_BUCKET_NAME)  # noqa: F405
# Sessions (guest carts) stay in the database, read through the cache when it is shared by
# every process (CACHE_URL): any process on any machine serves the same shopper.
if CACHES["default"]["BACKEND"] not in (  # noqa: F405
    "django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache",
):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOG_FORMAT = env.string("LOG_FORMAT", default="json" if OTOP_PRODUCTION else "text")
if LOG_FORMAT not in ("json", "text"):
    raise env.EnvironmentSettingError("LOG_FORMAT", f"expected json or text, got {LOG_FORMAT!r}")
LOGGING["filters"]["request_id"] = {"()": "saleor_otop.serving.observability.RequestIdFilter"}  # noqa: F405
LOGGING["handlers"]["console"]["filters"] = ["request_id"]  # noqa: F405
if LOG_FORMAT == "json":
    LOGGING["formatters"]["json"] = {"()": "saleor_otop.serving.observability.JsonFormatter"}  # noqa: F405
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
    CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # the worker's lines go through LOGGING too
# Prometheus: request latency and counts (django-prometheus), tasks (saleor_otop/serving/metrics.py)
# at /metrics; with METRICS_TOKEN set only for `Authorization: Bearer <token>`.
METRICS_TOKEN = env.string("METRICS_TOKEN")
INSTALLED_APPS += ["django_prometheus"]
MIDDLEWARE = [
    "saleor_otop.serving.health.HealthMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "saleor_otop.serving.observability.RequestIdMiddleware",
    "saleor_otop.serving.health.DatabaseUnavailableMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
# --- Back office (web/staff; issue 17): Django admin at /staff/, themed by django-unfold ----------
# SimpleAdminConfig: no autodiscover of admin.py into Django's default site; the staff site
# (otop_kernel/staff_site.py) collects each plugin's staff_admin.py (web.staff's ready, last app).
INSTALLED_APPS = ["unfold", *INSTALLED_APPS, "django.contrib.admin.apps.SimpleAdminConfig", "web.staff"]
TEMPLATES[0]["OPTIONS"]["context_processors"] = [
    "django.contrib.auth.context_processors.auth",
    *TEMPLATES[0]["OPTIONS"]["context_processors"],
]
# After CSPMiddleware, so the staff pages' CSP amendment is on the response before it is read.
MIDDLEWARE = [*MIDDLEWARE, "web.staff.middleware.StaffMiddleware"]
STAFF_LANGUAGES = [("th", "ไทย"), ("en", "English")]
STAFF_LANGUAGE_COOKIE = "otop_staff_language"
UNFOLD = {
    "SITE_URL": "/",
    "SITE_SYMBOL": "storefront",
    "SHOW_VIEW_ON_SITE": False,
    "DASHBOARD_CALLBACK": "web.staff.dashboard.dashboard_callback",
    "SITE_DROPDOWN": "web.staff.views.language_links",
    "SIDEBAR": {"show_search": True, "show_all_applications": True},
    "COLORS": {
        "primary": {
            "50": "255 247 237", "100": "255 237 213", "200": "254 215 170", "300": "253 186 116",
            "400": "251 146 60", "500": "249 115 22", "600": "234 88 12", "700": "194 65 12",
            "800": "154 52 18", "900": "124 45 18", "950": "67 20 7",
        },
    },
}
if DATABASE_REPLICAS:
    MIDDLEWARE.append("saleor_otop.serving.replicas.ReplicaReadsMiddleware")
