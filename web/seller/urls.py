from django.urls import path

from .views import home, join, language, money, notifications, orders, products, shop, team

app_name = "seller"

urlpatterns = [
    path("", home.home, name="home"),
    path("language/", language.language_set, name="language"),
    path("join/", join.join, name="join"),
    path("places/districts/", join.districts, name="place_districts"),
    path("places/tambons/", join.tambons, name="place_tambons"),
    path("products/", products.product_list, name="products"),
    path("products/new/", products.product_edit, name="product_new"),
    path("products/<int:product_id>/", products.product_edit, name="product"),
    path("products/<int:product_id>/publish/", products.product_publish, name="product_publish"),
    path("products/<int:product_id>/variants/", products.variant_add, name="variant_add"),
    path("products/<int:product_id>/photos/", products.photo_add, name="photo_add"),
    path("products/<int:product_id>/export/", products.export_profile, name="export_profile"),
    path("products/bulk/", products.bulk_update, name="bulk_update"),
    # --- orders, money, notifications ---
    path("orders/", orders.order_list, name="orders"),
    path("orders/export.csv", orders.orders_csv, name="orders_csv"),
    path("orders/<int:sub_order_id>/", orders.order_detail, name="order"),
    path("orders/<int:sub_order_id>/ship/", orders.order_fulfil, name="order_fulfil"),
    path("orders/<int:sub_order_id>/packing-slip/", orders.packing_slip, name="packing_slip"),
    path("orders/<int:sub_order_id>/cn23.pdf", orders.customs_declaration, name="order_cn23"),
    path("money/", money.money_home, name="money"),
    path("money/ledger/", money.ledger, name="ledger"),
    path("money/payouts/", money.payout_list, name="payouts"),
    path("money/statements/<int:year>-<int:month>.<str:file_format>", money.statement, name="statement"),
    path("money/payout-details/", money.payout_details, name="payout_details"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
    # --- end of orders, money, notifications ---
    path("team/", team.team, name="team"),
    path("team/members/<int:member_id>/remove/", team.member_remove, name="member_remove"),
    path("team/invitations/<int:invitation_id>/cancel/", team.invitation_cancel, name="invitation_cancel"),
    path("invitations/", team.invitations_received, name="invitations"),
    path("invitations/<int:invitation_id>/accept/", team.invitation_accept, name="invitation_accept"),
    path("invitations/<int:invitation_id>/decline/", team.invitation_decline, name="invitation_decline"),
    path("shop/", shop.shop_edit, name="shop"),
]
