import graphene
from saleor.graphql.core.connection import CountableDjangoObjectType
from saleor.graphql.core.types.common import Error
from saleor.graphql.product.types import Product

from otop_kernel.graphql.enums import OtopCategoryEnum

from .. import models, selectors
from ..models import MAX_STARS, MIN_STARS
from .enums import (
    OtopCertificationActionEnum,
    OtopCertificationImportJobStatusEnum,
    OtopCertificationImportOutcomeEnum,
    OtopCertificationStatusEnum,
    OtopReviewStatusEnum,
    OtopStarsErrorCodeEnum,
)


class OtopStarsError(Error):
    code = OtopStarsErrorCodeEnum(description="The error code.", required=True)

    class Meta:
        description = "Why an OTOP stars mutation refused its input."


def _email(user):
    return user.email if user is not None else None


class OtopCertificationAuditEntry(graphene.ObjectType):
    action = OtopCertificationActionEnum(required=True, description="What changed.")
    actor_email = graphene.String(
        description="E-mail of the staff member who made the change; null for the system (expiry)."
    )
    created_at = graphene.DateTime(required=True, description="When the change was made.")
    before = graphene.JSONString(description="The certification's values before the change (null when granted).")
    after = graphene.JSONString(description="The certification's values after the change.")
    note = graphene.String(required=True, description="Reason or remark given with the change.")

    class Meta:
        description = "One change of an official certification."

    @staticmethod
    def resolve_actor_email(root: models.CertificationAuditEntry, _info):
        return _email(root.actor)


class OtopOfficialStars(graphene.ObjectType):
    stars = graphene.Int(required=True, description="Official stars, 1 to 5.")
    round_year = graphene.Int(required=True, description="Year of the rating round, Common Era.")
    round_year_buddhist_era = graphene.Int(
        required=True, description="Year of the rating round in the Buddhist era (Common Era + 543)."
    )
    category = OtopCategoryEnum(required=True, description="OTOP category the product was rated in.")
    valid_until = graphene.Date(required=True, description="Last day the certification is valid.")
    certificate_number = graphene.String(required=True, description="Number of the certificate.")

    class Meta:
        description = "A product's current official OTOP Product Champion rating."


class OtopCertification(CountableDjangoObjectType):
    product = graphene.Field(Product, required=True, description="The rated product.")
    stars = graphene.Int(required=True, description="Official stars, 1 to 5.")
    round_year = graphene.Int(required=True, description="Year of the rating round, Common Era.")
    round_year_buddhist_era = graphene.Int(
        required=True, description="Year of the rating round in the Buddhist era (Common Era + 543)."
    )
    certificate_number = graphene.String(required=True, description="Number of the certificate (unique).")
    category = OtopCategoryEnum(required=True, description="OTOP category the product was rated in.")
    score = graphene.Float(description="Score of the rating, 0 to 100, when known.")
    valid_until = graphene.Date(required=True, description="Last day the certification is valid.")
    status = OtopCertificationStatusEnum(required=True, description="Active, expired or revoked.")
    status_reason = graphene.String(required=True, description="Why the certification was revoked.")
    recorded_by_email = graphene.String(description="E-mail of the staff member who recorded it.")
    recorded_at = graphene.DateTime(required=True, description="When it was recorded.")
    is_current = graphene.Boolean(
        required=True, description="Whether this is the product's current certification (its newest active one)."
    )
    audit_trail = graphene.List(
        graphene.NonNull(OtopCertificationAuditEntry),
        required=True,
        description="Every change of the certification, oldest first.",
    )

    class Meta:
        description = "An official OTOP Product Champion rating of a product in one round."
        model = models.Certification
        interfaces = [graphene.relay.Node]
        only_fields = ["id"]

    @classmethod
    def get_node(cls, info, pk):
        certification = models.Certification.objects.filter(pk=pk).first()
        if certification and selectors.user_can_read_certifications(
            user=info.context.user, product_id=certification.product_id
        ):
            return certification
        return None

    @staticmethod
    def resolve_score(root: models.Certification, _info):
        return None if root.score is None else float(root.score)

    @staticmethod
    def resolve_recorded_by_email(root: models.Certification, _info):
        return _email(root.recorded_by)

    @staticmethod
    def resolve_is_current(root: models.Certification, _info):
        current = selectors.certification_current(product_id=root.product_id)
        return current is not None and current.pk == root.pk

    @staticmethod
    def resolve_audit_trail(root: models.Certification, _info):
        return root.audit_entries.select_related("actor")


class OtopReviewHistogramBar(graphene.ObjectType):
    stars = graphene.Int(required=True, description="Star level, 1 to 5.")
    count = graphene.Int(required=True, description="Approved reviews giving that many stars.")

    class Meta:
        description = "How many approved reviews give one star level."


class OtopReviewSummary(graphene.ObjectType):
    average = graphene.Float(description="Average stars of the approved reviews (null when there are none).")
    count = graphene.Int(required=True, source="review_count", description="Number of approved reviews.")
    histogram = graphene.List(
        graphene.NonNull(OtopReviewHistogramBar),
        required=True,
        description="Approved reviews per star level, from 5 stars down to 1.",
    )

    class Meta:
        description = "What shoppers say of a product: approved reviews only."

    @staticmethod
    def resolve_average(root, _info):
        if root.review_average is None:
            return None
        return float(root.review_average)

    @staticmethod
    def resolve_histogram(root, _info):
        counts = root.review_histogram
        return [
            OtopReviewHistogramBar(stars=level, count=counts.get(str(level), 0))
            for level in range(MAX_STARS, MIN_STARS - 1, -1)
        ]


class OtopReview(CountableDjangoObjectType):
    product = graphene.Field(Product, description="The reviewed product.")
    stars = graphene.Int(required=True, description="The shopper's stars, 1 to 5.")
    title = graphene.String(required=True, description="Title of the review.")
    text = graphene.String(required=True, description="Text of the review.")
    status = OtopReviewStatusEnum(required=True, description="Moderation state; only approved reviews show to everyone.")
    author_name = graphene.String(
        required=True, description="How the author is shown: first name and initial, or 'Verified buyer'."
    )
    is_mine = graphene.Boolean(required=True, description="Whether the signed-in shopper wrote it.")
    moderation_note = graphene.String(required=True, description="The moderator's note (e.g. why it was rejected).")
    moderated_at = graphene.DateTime(description="When it was last moderated.")
    created_at = graphene.DateTime(required=True, description="When it was written.")
    updated_at = graphene.DateTime(required=True, description="When it was last changed.")

    class Meta:
        description = "A shopper's review of a product they bought."
        model = models.Review
        interfaces = [graphene.relay.Node]
        only_fields = ["id"]

    @classmethod
    def get_node(cls, info, pk):
        return selectors.reviews_visible_to(user=info.context.user).filter(pk=pk).first()

    @staticmethod
    def resolve_product(root: models.Review, info):
        return Product.get_node(info, root.product_id)

    @staticmethod
    def resolve_author_name(root: models.Review, _info):
        user = root.user
        if user is None or not user.first_name:
            return "Verified buyer"
        initial = f" {user.last_name[:1]}." if user.last_name else ""
        return f"{user.first_name}{initial}"

    @staticmethod
    def resolve_is_mine(root: models.Review, info):
        user = info.context.user
        return bool(user and user.is_authenticated and root.user_id == user.pk)


class OtopCertificationImportRow(graphene.ObjectType):
    line = graphene.Int(required=True, description="Line of the file (the header is line 1).")
    outcome = OtopCertificationImportOutcomeEnum(required=True, description="What became of the row.")
    product = graphene.String(required=True, description="Product name as the file gives it.")
    product_id = graphene.ID(description="ID of the matched product.")
    certificate_number = graphene.String(required=True, description="Certificate the row is recorded as.")
    created = graphene.Boolean(required=True, description="Whether this import recorded the certification.")
    reason = graphene.String(required=True, description="Why the row ended as it did.")

    class Meta:
        description = "One row of an imported result file."

    @staticmethod
    def resolve_product_id(root, _info):
        if root.get("product_id") is None:
            return None
        return graphene.Node.to_global_id("Product", root["product_id"])


class OtopCertificationImportJob(CountableDjangoObjectType):
    status = OtopCertificationImportJobStatusEnum(required=True, description="Progress of the import.")
    file_name = graphene.String(required=True, description="Name of the uploaded file (empty for pasted text).")
    created_by_email = graphene.String(description="E-mail of the staff member who started it.")
    created_at = graphene.DateTime(required=True, description="When it was started.")
    started_at = graphene.DateTime(description="When the worker began.")
    finished_at = graphene.DateTime(description="When it finished.")
    row_count = graphene.Int(required=True, description="Rows read.")
    matched_count = graphene.Int(required=True, description="Rows that matched a product.")
    unmatched_count = graphene.Int(required=True, description="Rows no single product fits.")
    rejected_count = graphene.Int(required=True, description="Rows with unusable values.")
    created_count = graphene.Int(required=True, description="Certifications this import recorded.")
    error = graphene.String(required=True, description="Why the whole file failed, if it did.")
    rows = graphene.List(
        graphene.NonNull(OtopCertificationImportRow),
        outcome=OtopCertificationImportOutcomeEnum(description="Only rows with this outcome."),
        required=True,
        description="The outcome of every row.",
    )

    class Meta:
        description = "An import of an official OTOP Product Champion result file and its report."
        model = models.CertificationImportJob
        interfaces = [graphene.relay.Node]
        only_fields = ["id"]

    @classmethod
    def get_node(cls, info, pk):
        if not selectors.user_can_manage_certifications(user=info.context.user):
            return None
        return models.CertificationImportJob.objects.filter(pk=pk).first()

    @staticmethod
    def resolve_created_by_email(root, _info):
        return _email(root.created_by)

    @staticmethod
    def resolve_rows(root, _info, outcome=None):
        return [row for row in root.report if outcome is None or row["outcome"] == outcome]
