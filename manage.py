#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")
    from saleor_otop.environment import EnvironmentSettingError

    try:
        from django.conf import settings
        from django.core.management import execute_from_command_line

        # Django's command runner swallows a settings error on its first read and may not read
        # the settings again before a check needs the app registry: read them here.
        _ = settings.INSTALLED_APPS
        execute_from_command_line(sys.argv)
    except EnvironmentSettingError as error:
        sys.exit(f"configuration error: {error}")
