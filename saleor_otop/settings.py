"""Settings of the OTOP marketplace: Saleor's own, configured from the environment.

Every variable is read here once and checked; a missing or malformed one stops
start-up with a line naming it (see saleor_otop/environment.py).
"""
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

with warnings.catch_warnings():
    # Saleor warns of a missing SECRET_KEY; ours is checked below.
    warnings.simplefilter("ignore", UserWarning)
    from saleor.settings import *  # noqa: E402,F401,F403
    from saleor.settings import GRAPHQL_JWT, INSTALLED_APPS, PLUGINS, TEMPLATES  # noqa: E402

SECRET_KEY = env.secret_key(debug=DEBUG)

database_url = env.url("DATABASE_URL", schemes={"postgres", "postgresql", "pgsql"})
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
    "otop-curation-rule-collections-refresh": {
        "task": "plugins.curation.tasks.rule_collections_refresh_task",
        "schedule": crontab(hour=1, minute=0),  # daily, after star expiry and eligibility have run
    },
}

EMAIL_BACKEND = env.string("EMAIL_BACKEND", default=EMAIL_BACKEND)  # noqa: F405
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", default="OTOP Market <noreply@otop.example>")

# Saleor's Stripe gateway takes them (saleor_otop/payments.py) and is active when both are set.
STRIPE_PUBLIC_KEY, STRIPE_SECRET_KEY = env.stripe_keys()
# Points the Stripe SDK at another API host (localstripe in tests); unset in production.
STRIPE_API_BASE = env.url("STRIPE_API_BASE", schemes={"http", "https"})

# PromptPay (plugins/promptpay): the signing secret of Stripe's webhook endpoint
# /otop/promptpay/stripe/webhook/; without it Stripe PromptPay events are refused.
STRIPE_WEBHOOK_SECRET = env.string("STRIPE_WEBHOOK_SECRET", default="")
CELERY_BEAT_SCHEDULE["otop-promptpay-expire-charges"] = {
    "task": "plugins.promptpay.tasks.charges_expire_due_task",
    "schedule": timedelta(minutes=1),  # unpaid QRs past their time: orders cancelled, stock released
}

OTOP_APPS = [
    "saleor_otop",
    "plugins.provenance",
    "plugins.otop_stars",
    "plugins.producer_channels",
    "plugins.export_markets",
    "plugins.curation",
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
