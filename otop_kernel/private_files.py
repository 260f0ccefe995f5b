"""Storage of the files that must never be public: payout files, CN23 declarations.

They live outside MEDIA_ROOT (or in a private S3 bucket) so nothing that serves media can
serve them, under names nobody can guess, readable by the server's own user only (0600).
People get them through download views that check who is asking.
"""
import os
import secrets
from datetime import date

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.http import FileResponse, HttpResponseNotFound

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder of OTOP_PRIVATE_ROOT, read at each use so tests can point it elsewhere."""

    def __init__(self, **kwargs):
        super().__init__(file_permissions_mode=FILE_MODE, directory_permissions_mode=DIRECTORY_MODE, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.OTOP_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address: use their download view.")


def _private_s3_storage_class():
    from storages.backends.s3boto3 import S3Boto3Storage

    class PrivateS3Storage(S3Boto3Storage):
        """A private bucket: objects written with the private ACL, never overwritten, and
        streamed by the download views (no signed or public URL is handed out)."""

        default_acl = "private"
        file_overwrite = False
        querystring_auth = True
        custom_domain = None

        def get_default_settings(self):
            return {**super().get_default_settings(), "bucket_name": settings.OTOP_PRIVATE_S3_BUCKET}

        def url(self, name, parameters=None, expire=None, http_method=None):
            raise ValueError("Private files have no public address: use their download view.")

    return PrivateS3Storage


def private_storage() -> Storage:
    """The storage of private files (a callable, as Django's FileField(storage=...) takes)."""
    if settings.OTOP_PRIVATE_S3_BUCKET:
        return _private_s3_storage_class()()
    return PrivateFileSystemStorage()


def private_file_name(*, folder: str, suffix: str) -> str:
    """`folder/YYYY/<32 random characters>-suffix`: the readable part says what it is, the
    random part makes it unguessable."""
    return f"{folder}/{date.today():%Y}/{secrets.token_urlsafe(24)}-{suffix}"


def private_file_response(*, name: str, download_name: str, content_type: str) -> FileResponse:
    response = FileResponse(
        private_storage().open(name, "rb"), content_type=content_type, as_attachment=True, filename=download_name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_user(request):
    """The user a download is for, from the JWT in the Authorization header; None without one
    (or with an expired or revoked one)."""
    from django.contrib.auth import authenticate
    from graphql_jwt.exceptions import JSONWebTokenError

    try:
        return authenticate(request=request)
    except JSONWebTokenError:
        return None


def sign_in_required():
    from django.http import HttpResponse

    response = HttpResponse("Sign in with a JWT in the Authorization header.", status=401, content_type="text/plain")
    response["WWW-Authenticate"] = "JWT"
    return response


def private_file_not_found() -> HttpResponseNotFound:
    """One plain answer for a file that does not exist and one that is not the caller's, so
    ids cannot be probed (the shop's 404 page echoes the address it was asked for)."""
    return HttpResponseNotFound("Not found.", content_type="text/plain; charset=utf-8")
