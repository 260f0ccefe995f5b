"""Pictures producers upload (product photos from a phone's camera, shop logo and cover):
size and type limits, then re-encoded by Pillow, so only pixels we wrote are ever served."""
import secrets
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from ..error_codes import ProducerErrorCode
from .rules import error

MAX_UPLOAD_BYTES = 12 * 1024 * 1024  # a phone camera's JPEG is 2-8 MB
MAX_PIXELS = 50_000_000  # refuses decompression bombs before decoding
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}  # MPO: some phones' camera JPEGs


def image_reencoded(upload, *, field: str, max_side: int, name_prefix: str) -> ContentFile:
    """A JPEG at most `max_side` pixels on its longer side, turned upright as the camera held
    it, without the upload's metadata (location); refuses what is not a picture."""
    if upload is None:
        raise error(field, "Choose a picture.", ProducerErrorCode.REQUIRED)
    if upload.size > MAX_UPLOAD_BYTES:
        raise error(field, "The picture is larger than 12 MB.", ProducerErrorCode.OUT_OF_RANGE)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS or probe.width * probe.height > MAX_PIXELS:
                raise error(field, "This file is not a picture we accept.", ProducerErrorCode.INVALID)
        upload.seek(0)
        with Image.open(upload) as picture:
            picture = ImageOps.exif_transpose(picture)
            picture = picture.convert("RGB")
            picture.thumbnail((max_side, max_side))
            out = BytesIO()
            picture.save(out, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise error(field, "This file is not a picture we accept.", ProducerErrorCode.INVALID) from None
    return ContentFile(out.getvalue(), name=f"{name_prefix}-{secrets.token_hex(8)}.jpg")
