"""Patches of Saleor 2.10's account mutations so that they tell nothing of which addresses have an account.

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
    patch_account_register_uniform()
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


def _without_taken_address(error):
    """The errors of `error` less the e-mail address's "already exists"; None when none is left."""
    from django.core.exceptions import ValidationError

    if not hasattr(error, "error_dict"):
        return error
    remaining = {
        field: [item for item in items if not (field == "email" and item.code == "unique")]
        for field, items in error.error_dict.items()
    }
    remaining = {field: items for field, items in remaining.items() if items}
    return ValidationError(remaining) if remaining else None


def patch_account_register_uniform() -> None:
    """accountRegister answered "User with this Email already exists." (code UNIQUE) for a taken
    address, and the new account's `user` for a new one: anyone could test which addresses have an
    account. Now a well-formed registration of a taken address is checked as a new one is (redirect
    URL, password rules), costs the same password hash and one queued mail, and gets the same answer
    (`user` null, `requiresConfirmation`, no errors); the mail goes to the address's owner and says
    someone tried to register it. With ENABLE_ACCOUNT_CONFIRMATION_BY_EMAIL off a new account could
    sign in at once, which would tell the two apart: keep it on (Saleor's default)."""
    from django.contrib.auth.hashers import make_password
    from django.core.exceptions import ValidationError
    from saleor.account import models
    from saleor.graphql.account.mutations.account import AccountRegister

    from .emails import account_exists_email_task

    original = AccountRegister.perform_mutation.__func__

    @functools.wraps(original)
    def perform_mutation(cls, root, info, **data):
        email = (data.get("input") or {}).get("email")
        owner = models.User.objects.filter(email=email).first() if email else None
        if owner is None:
            response = original(cls, root, info, **data)
            response.user = None
            return response
        instance = cls.get_instance(info, **data)
        cleaned_input = cls.clean_input(info, instance, data["input"])
        instance = cls.construct_instance(instance, cleaned_input)
        try:
            cls.clean_instance(info, instance)
        except ValidationError as error:
            remaining = _without_taken_address(error)
            if remaining is not None:
                raise remaining
        make_password(cleaned_input["password"])  # as the new account's set_password: the same time
        account_exists_email_task.delay(owner.email)
        return cls(user=None, errors=[])

    AccountRegister.perform_mutation = classmethod(perform_mutation)
