"""The host's URLs before the digital download route was added (see test_emails)."""
from saleor_otop.urls import urlpatterns as host_urlpatterns

urlpatterns = [pattern for pattern in host_urlpatterns if getattr(pattern, "name", None) != "digital-product"]
