"""The buying pages of the shop (cart, checkout, account), under the same language prefix
and the `storefront` namespace as the browsing pages."""

urlpatterns = []
