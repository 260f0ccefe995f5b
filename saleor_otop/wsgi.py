import os
import sys

from django.core.wsgi import get_wsgi_application

from saleor_otop.environment import EnvironmentSettingError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_otop.settings")
try:
    application = get_wsgi_application()
except EnvironmentSettingError as error:
    sys.exit(f"configuration error: {error}")
