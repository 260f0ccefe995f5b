"""`make fuzz`: a bounded schemathesis run of the GraphQL schema against a live gunicorn server.

The server (DEBUG off, one sync worker, an OS-chosen port) serves a scratch copy of the
configured database (`test_<name>_fuzz`, migrated here, kept between runs); schemathesis runs
from its own venv on schema.graphql (introspection stays off) with two checks: no server error, no internal exception
text in any response. FUZZ_MAX_EXAMPLES (default 3) bounds the examples per operation.
"""
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import django

PROJECT_DIR = Path(__file__).resolve().parents[3]


def scratch_database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    settings["TEST"]["NAME"] = f"test_{settings['NAME']}_fuzz"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    host = settings["HOST"] or "127.0.0.1"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def schema_for_graphql_core_3() -> Path:
    """schema.graphql in the SDL graphql-core 3 reads: `implements A & B`, not `implements A, B`."""
    text = (PROJECT_DIR / "schema.graphql").read_text()
    text = re.sub(r"(implements [^{]+)", lambda match: match.group(1).replace(", ", " & "), text)
    path = PROJECT_DIR / "var" / "schema-graphql-core-3.graphql"
    path.write_text(text)
    return path


def _wait_until_serving(url: str, server: subprocess.Popen) -> None:
    """The first request builds the schema (tens of seconds on a busy machine): make it here."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, data=b'{"query": "{ __typename }"}', headers={"Content-Type": "application/json"})
    for _attempt in range(300):
        if server.poll() is not None:
            raise SystemExit("gunicorn exited at start-up")
        try:
            urllib.request.urlopen(request, timeout=120).read()
            return
        except urllib.error.HTTPError as error:
            raise SystemExit(f"gunicorn answered {error.code}: {error.read()[:300]!r}")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)  # a loaded machine may take longer than one attempt to build the schema
    raise SystemExit("gunicorn did not answer")


def main() -> int:
    sys.path.insert(0, str(PROJECT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")
    django.setup()
    database_url = scratch_database_url()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/graphql/"
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "CELERY_BROKER_URL": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "saleor_otop.wsgi:application", "--bind", f"fd://{listener.fileno()}",
         "--workers", "1", "--timeout", "120", "--log-level", "warning"],
        cwd=PROJECT_DIR, env=env, pass_fds=[listener.fileno()],
    )
    try:
        _wait_until_serving(url, server)
        schemathesis = PROJECT_DIR / "var" / "schemathesis-venv" / "bin" / "schemathesis"
        fuzz_env = {**os.environ, "SCHEMATHESIS_HOOKS": "hooks", "PYTHONPATH": str(Path(__file__).parent)}
        command = [
            str(schemathesis), "run", str(schema_for_graphql_core_3()), "--url", url,
            "--checks", "no_server_error_status,no_internal_error_text",
            "--max-examples", os.environ.get("FUZZ_MAX_EXAMPLES", "3"), "--workers", "1",
            "--phases", "examples,fuzzing", "--wait-for-schema", "60", "--seed", os.environ.get("FUZZ_SEED", "1"),
            "--suppress-health-check", "all", "--continue-on-failure", "--request-timeout", "60",
        ]
        return subprocess.run(command, cwd=PROJECT_DIR, env=fuzz_env).returncode
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main())
