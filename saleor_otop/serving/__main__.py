"""`python -m saleor_otop.serving web|worker|beat|release|worker-check`: what the Procfile,
`make serve`, the Dockerfile and the compose file run, so all of them start the same processes.

Each process is a production start (OTOP_PRODUCTION): the settings refuse DEBUG, the embedded
PostgreSQL and in-process tasks with one line, checked here before gunicorn or Celery start.
"""
import os
import sys

from saleor_otop.environment import EnvironmentSettingError


def main(argv: list) -> None:
    os.environ["OTOP_PRODUCTION"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")
    from saleor_otop.serving import launch

    if len(argv) != 1 or argv[0] not in launch.COMMANDS:
        sys.exit(f"usage: python -m saleor_otop.serving {{{'|'.join(launch.COMMANDS)}}}")
    try:
        launch.COMMANDS[argv[0]]()
    except EnvironmentSettingError as error:
        sys.exit(f"configuration error: {error}")


if __name__ == "__main__":
    main(sys.argv[1:])
