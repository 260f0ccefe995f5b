# The market's image. Every container runs one of the commands `make serve` runs (Procfile):
#   web | worker | beat | release (migrations, static files) | worker-check
# Configuration comes from the environment (README "Production"); compose.yaml wires it up.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# weasyprint's libraries (CN23 PDFs), Thai and CJK fonts, libmagic for python-magic.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 \
       fonts-dejavu-core fonts-thai-tlwg fonts-noto-cjk libmagic1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/otop
COPY requirements.txt .
RUN pip install --no-deps --ignore-requires-python -r requirements.txt
COPY . .
# The shop's translations, and the static files with hashed names and their gzip and brotli copies.
RUN pybabel -q compile -d web/storefront/locale -D django \
    && OTOP_PRODUCTION=true SECRET_KEY=image-build-only-0123456789abcdefghij ALLOWED_CLIENT_HOSTS=build.invalid \
       DATABASE_URL=postgres://build@127.0.0.1/build CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \
       python manage.py collectstatic --no-input -v 0 \
    && useradd --system --uid 10001 --home-dir /srv/otop otop \
    && mkdir -p var/media var/private var/run \
    && chown -R otop var

USER 10001
ENV GUNICORN_BIND=0.0.0.0:8000 CELERY_BEAT_SCHEDULE_FILE=/srv/otop/var/run/celerybeat-schedule
EXPOSE 8000
ENTRYPOINT ["python", "-m", "saleor_otop.serving"]
CMD ["web"]
