from decimal import Decimal

import graphene
from django.core.exceptions import ValidationError
from saleor.graphql.core.types import Upload
from saleor.graphql.product.types import Product
from saleor.product.models import Product as ProductModel

from otop_kernel.graphql.enums import OtopCategoryEnum
from otop_kernel.graphql.mutations import OtopBaseMutation

from .. import imports, services
from ..error_codes import OtopStarsErrorCode
from ..errors import field_error
from ..permissions import OtopStarsPermissions
from .enums import OtopReviewModerationEnum
from .types import (
    OtopCertification,
    OtopCertificationImportJob,
    OtopReview,
    OtopStarsError,
)

IMPORT_MAX_BYTES = 5 * 1024 * 1024
class OtopStarsMutation(OtopBaseMutation):
    error_codes = OtopStarsErrorCode
    meta_defaults = {"error_type_class": OtopStarsError, "error_type_field": "otop_stars_errors"}

    class Meta:
        abstract = True


def _decimal(value):
    return None if value is None else Decimal(str(value))


class CertificationGrantInput(graphene.InputObjectType):
    stars = graphene.Int(required=True, description="Official stars, 1 to 5.")
    round_year = graphene.Int(
        required=True, description="Year of the rating round, Common Era (2003 to this year)."
    )
    certificate_number = graphene.String(required=True, description="Number of the certificate; unique.")
    category = OtopCategoryEnum(required=True, description="OTOP category the product was rated in.")
    score = graphene.Float(description="Score of the rating (0-100); must fall in the star level's band.")
    valid_until = graphene.Date(
        description="Last valid day; default 31 December of the round year plus the plugin's validity years."
    )
    note = graphene.String(description="Remark kept in the audit trail.")

    class Meta:
        description = "An official rating to record."


class CertificationMutation(OtopStarsMutation):
    """The rating office's mutations (MANAGE_OTOP_CERTIFICATION)."""

    meta_defaults = {**OtopStarsMutation.meta_defaults, "permissions": (OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION,)}

    class Meta:
        abstract = True


class CertificationGrant(CertificationMutation):
    certification = graphene.Field(OtopCertification, description="The recorded certification.")

    class Arguments:
        product = graphene.ID(required=True, description="ID of the rated product.")
        input = CertificationGrantInput(required=True, description="The rating.")

    class Meta:
        description = (
            "Record an official OTOP Product Champion rating of a product. "
            "Requires the MANAGE_OTOP_CERTIFICATION permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, product, input):
        product = cls.get_node_or_error(
            info, product, field="product", only_type=Product, qs=ProductModel.objects.all()
        )
        certification = services.certification_grant(
            product=product,
            stars=input["stars"],
            round_year=input["round_year"],
            certificate_number=input["certificate_number"],
            category=input["category"],
            score=_decimal(input.get("score")),
            valid_until=input.get("valid_until"),
            actor=info.context.user,
            note=input.get("note") or "",
        )
        return cls(certification=certification)


class CertificationCorrectInput(graphene.InputObjectType):
    stars = graphene.Int(description="Official stars, 1 to 5.")
    round_year = graphene.Int(
        description="Year of the rating round, Common Era; without validUntil the date moves with it."
    )
    certificate_number = graphene.String(description="Number of the certificate; unique.")
    category = OtopCategoryEnum(description="OTOP category the product was rated in.")
    score = graphene.Float(description="Score of the rating (0-100); null clears it.")
    valid_until = graphene.Date(description="Last valid day; the status follows it (active or expired).")
    note = graphene.String(description="Why it is corrected; kept in the audit trail.")

    class Meta:
        description = "Values of a certification to correct; fields left out stay as they are."


class CertificationCorrect(CertificationMutation):
    certification = graphene.Field(OtopCertification, description="The corrected certification.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the certification.")
        input = CertificationCorrectInput(required=True, description="The values to change.")

    class Meta:
        description = (
            "Correct a recorded certification (not a revoked one); the change is audited. "
            "Requires the MANAGE_OTOP_CERTIFICATION permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        certification = cls.get_node_or_error(info, id, only_type=OtopCertification)
        changes = {
            name: input[name]
            for name in ("stars", "round_year", "certificate_number", "category", "valid_until")
            if input.get(name) is not None
        }
        if "score" in input:
            changes["score"] = _decimal(input["score"])
        certification = services.certification_correct(
            certification=certification,
            actor=info.context.user,
            note=input.get("note") or "",
            **changes,
        )
        return cls(certification=certification)


class CertificationRevoke(CertificationMutation):
    certification = graphene.Field(OtopCertification, description="The revoked certification.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the certification.")
        reason = graphene.String(description="Why it is revoked. Required: a revoke without a reason is refused.")

    class Meta:
        description = (
            "Revoke a certification, giving the reason; the product's current stars follow. "
            "Requires the MANAGE_OTOP_CERTIFICATION permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id, reason=None):
        certification = cls.get_node_or_error(info, id, only_type=OtopCertification)
        certification = services.certification_revoke(
            certification=certification, actor=info.context.user, reason=reason or ""
        )
        return cls(certification=certification)


class CertificationImport(CertificationMutation):
    job = graphene.Field(
        OtopCertificationImportJob, description="The queued import; read its report when it is done."
    )

    class Arguments:
        file = Upload(description="The CSV file (UTF-8 or TIS-620), as a multipart upload.")
        csv = graphene.String(description="The CSV text, instead of a file.")

    class Meta:
        description = (
            "Import an official result file (data.go.th OPC shape: product, producer, province, "
            "category, stars, round year; Thai or English headers) in the background. "
            "Requires the MANAGE_OTOP_CERTIFICATION permission."
        )

    @classmethod
    def clean_text(cls, info, file, csv):
        if (file is None) == (csv is None):
            raise ValidationError(
                {"file": field_error("Send either a file or CSV text.", OtopStarsErrorCode.REQUIRED)}
            )
        if csv is not None:
            if len(csv.encode()) > IMPORT_MAX_BYTES:
                raise ValidationError(
                    {"csv": field_error("The text is larger than 5 MB.", OtopStarsErrorCode.TOO_LONG)}
                )
            return "csv", csv, ""
        upload = info.context.FILES.get(file)
        if upload is None:
            raise ValidationError(
                {"file": field_error("No file was uploaded under that name.", OtopStarsErrorCode.REQUIRED)}
            )
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(
                {"file": field_error("The file is larger than 5 MB.", OtopStarsErrorCode.TOO_LONG)}
            )
        try:
            return "file", imports.decode_csv_bytes(upload.read()), upload.name
        except imports.ImportFileError as error:
            raise ValidationError({"file": field_error(error.message, error.code)})

    @classmethod
    def perform_mutation(cls, _root, info, file=None, csv=None):
        field, text, file_name = cls.clean_text(info, file, csv)
        try:
            job = imports.certification_import_job_create(
                text=text, file_name=file_name, actor=info.context.user
            )
        except imports.ImportFileError as error:
            raise ValidationError({field: field_error(error.message, error.code)})
        return cls(job=job)


class OtopReviewCreateInput(graphene.InputObjectType):
    stars = graphene.Int(required=True, description="Stars, 1 to 5.")
    title = graphene.String(required=True, description="Title, up to 120 characters.")
    text = graphene.String(description="Text, up to 2,000 characters.")

    class Meta:
        description = "A shopper's review."


class OtopReviewCreate(OtopStarsMutation):
    review = graphene.Field(OtopReview, description="The review, waiting for moderation.")

    class Arguments:
        product = graphene.ID(required=True, description="ID of the product bought.")
        input = OtopReviewCreateInput(required=True, description="The review.")

    class Meta:
        description = (
            "Review a product you bought (one review per product); it shows once approved. "
            "Requires a signed-in shopper with an order containing the product."
        )

    @classmethod
    def check_permissions(cls, context, permissions=None):
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, product, input):
        product = cls.get_node_or_error(info, product, field="product", only_type=Product)
        review = services.review_create(
            product=product,
            user=info.context.user,
            stars=input["stars"],
            title=input["title"],
            text=input.get("text") or "",
        )
        return cls(review=review)


class OtopReviewUpdateInput(graphene.InputObjectType):
    stars = graphene.Int(description="Stars, 1 to 5.")
    title = graphene.String(description="Title, up to 120 characters.")
    text = graphene.String(description="Text, up to 2,000 characters.")

    class Meta:
        description = "Values of a review to change; fields left out stay as they are."


class OtopReviewUpdate(OtopStarsMutation):
    review = graphene.Field(OtopReview, description="The edited review, waiting for moderation again.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the review.")
        input = OtopReviewUpdateInput(required=True, description="The values to change.")

    class Meta:
        description = (
            "Edit your review; it goes back to moderation. Requires being its author."
        )

    @classmethod
    def check_permissions(cls, context, permissions=None):
        return context.user.is_authenticated

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        review = cls.get_node_or_error(info, id, only_type=OtopReview)
        review = services.review_update(
            review=review,
            user=info.context.user,
            stars=input.get("stars"),
            title=input.get("title"),
            text=input.get("text"),
        )
        return cls(review=review)


class OtopReviewModerate(OtopStarsMutation):
    review = graphene.Field(OtopReview, description="The moderated review.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the review.")
        status = OtopReviewModerationEnum(required=True, description="Approve or reject.")
        note = graphene.String(description="Note to the author, e.g. why it was rejected.")

    class Meta:
        description = (
            "Approve or reject a shopper review. Requires the MODERATE_OTOP_REVIEWS permission."
        )
        permissions = (OtopStarsPermissions.MODERATE_OTOP_REVIEWS,)

    @classmethod
    def perform_mutation(cls, _root, info, id, status, note=None):
        review = cls.get_node_or_error(info, id, only_type=OtopReview)
        review = services.review_moderate(
            review=review, moderator=info.context.user, status=status, note=note or ""
        )
        return cls(review=review)

