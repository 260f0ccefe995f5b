"""Patches of Saleor 2.10's account mutations so that they tell nothing of unknown accounts.

Applied where the schema is built (saleor_otop/graphql/schema.py): importing Saleor's GraphQL
mutations earlier would build Saleor's PermissionEnum before the plugins registered theirs; tests/accounts/test_uniform_answers.py shows each leak
comes back without its patch (the originals stay reachable as `__wrapped__`).
"""
import functools

_applied = False


def apply_account_patches() -> None:
    global _applied
    if _applied:
        return
    patch_request_password_reset_uniform()
    _applied = True


def patch_request_password_reset_uniform() -> None:
    """requestPasswordReset answered NOT_FOUND "User with this email doesn't exist" for an
    unknown address: anyone could test which e-mail addresses have an account. Now every
    well-formed request gets the same empty answer, and the mail goes only to an active account."""
    from django.core.exceptions import ValidationError
    from saleor.account import models
    from saleor.account.emails import send_user_password_reset_email_with_url
    from saleor.account.error_codes import AccountErrorCode
    from saleor.core.utils.url import validate_storefront_url
    from saleor.graphql.account.mutations.base import RequestPasswordReset

    original = RequestPasswordReset.perform_mutation.__func__

    @functools.wraps(original)
    def perform_mutation(cls, _root, info, **data):
        redirect_url = data["redirect_url"]
        try:
            validate_storefront_url(redirect_url)
        except ValidationError as error:
            raise ValidationError({"redirect_url": error}, code=AccountErrorCode.INVALID)
        user = models.User.objects.filter(email=data["email"], is_active=True).first()
        if user is not None:
            send_user_password_reset_email_with_url(redirect_url, user)
        return cls()

    RequestPasswordReset.perform_mutation = classmethod(perform_mutation)
