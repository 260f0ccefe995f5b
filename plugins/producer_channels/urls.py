from django.urls import path

from .views import payout_run_file

urlpatterns = [
    path("payout-runs/<int:run_id>/file.csv", payout_run_file, name="otop-payout-run-file"),
]
