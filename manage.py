#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")
    from saleor_otop.environment import EnvironmentSettingError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except EnvironmentSettingError as error:
        sys.exit(f"configuration error: {error}")
