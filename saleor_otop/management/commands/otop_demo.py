"""`manage.py otop_demo`: migrate, load the demo catalogue, serve the API and playground.

Steps, each safe to repeat (a second run writes nothing new):
1. `migrate`;
2. saleor_otop.demo.demo_catalogue_load: site "OTOP Market" (THB), the five OTOP categories
   with Thai translations, product type, the products of otop_kernel/demo_catalogue.py
   (one variant each, stock, Thai ProductTranslation), a Bangkok warehouse, shipping
   zones Thailand (Thailand Post EMS) and International (EMS World), a staff superuser
   whose password is generated once into var/demo-staff-password;
3. saleor_otop.demo.demo_plugins_load: each plugin's optional
   `plugins/<p>/devtools/demo.py: demo_load(*, catalogue, log)`, in the order provenance, otop_stars,
   producer_channels, export_markets, curation (contract: otop_kernel/demo_catalogue.py);
4. serve on --host:--port until stopped (Django's server, no reloader), unless --no-serve; without
   Stripe keys, card payments go through localstripe on loopback meanwhile
   (saleor_otop/demo_payments.py).
"""
import logging
import secrets
import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection

from saleor_otop.demo import demo_catalogue_load, demo_plugins_load
from saleor_otop.demo_payments import demo_card_payments

STAFF_EMAIL = "staff@otop-market.example"
PROJECT_DIR = Path(__file__).resolve().parents[3]


def staff_password(path: Path) -> str:
    """The demo staff password: generated once, kept in `path` so it survives restarts."""
    if path.exists() and path.read_text().strip():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    path.touch(mode=0o600)
    path.write_text(password + "\n")
    return password


def _exit_cleanly_on_signals() -> None:
    """Stop on Ctrl+C, kill (TERM) or a closed terminal (HUP) through a normal exit, so the
    embedded PostgreSQL is stopped too (it stops at the exit of the last process using it).
    Ctrl+C is restored explicitly: a shell starts background jobs with it ignored."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_: sys.exit(0))


def _check_database() -> None:
    """One line naming the database when it cannot be reached (or does not exist)."""
    try:
        connection.ensure_connection()
    except OperationalError as error:
        database = settings.DATABASES["default"]
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__
        raise CommandError(
            f"cannot open database {database['NAME']!r} on {database['HOST'] or 'localhost'}: {reason}"
        ) from None


class Command(BaseCommand):
    help = "Load the OTOP demo catalogue (idempotent) and serve the GraphQL API and playground."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
        parser.add_argument("--port", type=int, default=8000, help="port to serve on")
        parser.add_argument("--no-serve", action="store_true", help="load the demo, then exit")

    def handle(self, *args, host, port, no_serve, **options):
        _check_database()
        self.stdout.write("Applying migrations...")
        call_command("migrate", interactive=False, verbosity=0)
        password = staff_password(PROJECT_DIR / "var" / "demo-staff-password")
        # Saleor's signals run a Celery task per saved variant (eager here): one log line each.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        catalogue = demo_catalogue_load(
            staff_email=STAFF_EMAIL, staff_password=password, log=self.stdout.write,
            site_domain=f"{host}:{port}",
        )
        loaded = demo_plugins_load(catalogue=catalogue, log=self.stdout.write)
        self.stdout.write(f"Plugin demo data: {', '.join(loaded) if loaded else 'none yet'}")
        url = f"http://{host}:{port}/graphql/"
        self.stdout.write(self.style.SUCCESS(
            "\nOTOP Market demo ready\n"
            f"  Shop:         http://{host}:{port}/ (Thai, English, Japanese, Chinese)\n"
            f"  GraphQL API:  {url}\n"
            f"  Playground:   {url} (open in a browser)" + ("" if settings.PLAYGROUND_ENABLED else
                                                           " (off: set DEBUG=1 or PLAYGROUND_ENABLED=1)") + "\n"
            f"  Staff login:  {STAFF_EMAIL} / {password}  (tokenCreate mutation)\n"
            f"  Database:     {settings.DATABASES['default']['NAME']} on "
            f"{settings.DATABASES['default']['HOST'] or 'localhost'}\n"
        ))
        if no_serve:
            return
        _exit_cleanly_on_signals()
        with demo_card_payments(log=self.stdout.write):
            self.stdout.write("Serving until stopped (Ctrl+C)...")
            call_command("runserver", f"{host}:{port}", use_reloader=False)
