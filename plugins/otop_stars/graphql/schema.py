import graphene
from django.core.exceptions import ValidationError
from graphql.error import GraphQLError
from graphql_jwt.exceptions import PermissionDenied
from saleor.graphql.core.fields import PrefetchingConnectionField
from saleor.graphql.core.utils import from_global_id_strict_type
from saleor.graphql.decorators import permission_required

from .. import selectors
from ..models import CertificationImportJob
from ..permissions import OtopStarsPermissions
from .enums import OtopReviewStatusEnum
from .mutations import (
    CertificationCorrect,
    CertificationGrant,
    CertificationImport,
    CertificationRevoke,
    OtopReviewCreate,
    OtopReviewModerate,
    OtopReviewUpdate,
)
from .types import OtopCertification, OtopCertificationImportJob, OtopReview


def _product_pk(product_id: str) -> int:
    try:
        return int(from_global_id_strict_type(product_id, "Product", field="product"))
    except (ValidationError, ValueError):
        raise GraphQLError(f"Couldn't resolve to a product: {product_id}")


class OtopStarsQueries(graphene.ObjectType):
    otop_certifications = graphene.List(
        graphene.NonNull(OtopCertification),
        product=graphene.ID(required=True, description="ID of the product."),
        required=True,
        description=(
            "Certification history of a product, newest round first. Requires the "
            "MANAGE_OTOP_CERTIFICATION permission, or being one of the product's producer's people."
        ),
    )
    otop_certification_import_job = graphene.Field(
        OtopCertificationImportJob,
        id=graphene.ID(required=True, description="ID of the import job."),
        description="An import of a result file and its report. Requires the MANAGE_OTOP_CERTIFICATION permission.",
    )
    otop_certification_import_jobs = PrefetchingConnectionField(
        OtopCertificationImportJob,
        description="Imports of result files, newest first. Requires the MANAGE_OTOP_CERTIFICATION permission.",
    )
    otop_reviews = PrefetchingConnectionField(
        OtopReview,
        product=graphene.ID(description="Only reviews of this product."),
        status=OtopReviewStatusEnum(description="Only reviews in this moderation state."),
        description=(
            "Shopper reviews, newest first. Everyone sees approved reviews; a shopper also their "
            "own; a producer's people every review of their products; MODERATE_OTOP_REVIEWS every review."
        ),
    )

    @staticmethod
    def resolve_otop_certifications(_root, info, product):
        product_pk = _product_pk(product)
        if not selectors.user_can_read_certifications(user=info.context.user, product_id=product_pk):
            raise PermissionDenied()
        return selectors.certifications_of_product(product_id=product_pk).select_related("recorded_by")

    @staticmethod
    @permission_required(OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION)
    def resolve_otop_certification_import_job(_root, info, id):
        return graphene.Node.get_node_from_global_id(info, id, OtopCertificationImportJob)

    @staticmethod
    @permission_required(OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION)
    def resolve_otop_certification_import_jobs(_root, _info, **_kwargs):
        return CertificationImportJob.objects.select_related("created_by")

    @staticmethod
    def resolve_otop_reviews(_root, info, product=None, status=None, **_kwargs):
        product_pk = _product_pk(product) if product else None
        reviews = selectors.reviews_visible_to(user=info.context.user, product_id=product_pk)
        if status:
            reviews = reviews.filter(status=status)
        return reviews.select_related("user")


class OtopStarsMutations(graphene.ObjectType):
    certification_grant = CertificationGrant.Field()
    certification_correct = CertificationCorrect.Field()
    certification_revoke = CertificationRevoke.Field()
    certification_import = CertificationImport.Field()
    otop_review_create = OtopReviewCreate.Field()
    otop_review_update = OtopReviewUpdate.Field()
    otop_review_moderate = OtopReviewModerate.Field()
