from io import StringIO

from django.core.management import call_command


def test_models_have_migrations(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        raise AssertionError(f"models changed without migrations:\n{out.getvalue()}")
