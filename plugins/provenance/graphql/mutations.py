
import graphene
from graphql_jwt.exceptions import PermissionDenied
from saleor.graphql.core.utils import from_global_id_strict_type
from saleor.graphql.product.types import Product
from saleor.product import models as product_models

from otop_kernel.graphql.enums import OtopCategoryEnum
from otop_kernel.graphql.mutations import OtopBaseMutation

from .. import selectors, services
from ..error_codes import ProvenanceErrorCode
from ..permissions import ProvenancePermissions
from .enums import GeographicalIndicationKindEnum
from .types import GeographicalIndication, OtopProvenance, ProvenanceError

MANAGE = ProvenancePermissions.MANAGE_OTOP_PROVENANCE.name
class ProvenanceMutation(OtopBaseMutation):
    error_codes = ProvenanceErrorCode
    meta_defaults = {"error_type_class": ProvenanceError, "error_type_field": "provenance_errors"}

    class Meta:
        abstract = True


class ProductProvenanceInput(graphene.InputObjectType):
    subdistrict_code = graphene.String(
        required=True,
        description="Six-digit DOPA code of the subdistrict (tambon) where the product is made. "
        "The code of an abolished subdistrict with one successor is recorded as that successor.",
    )
    district_code = graphene.String(description="Four-digit DOPA district code, checked against the subdistrict.")
    province_code = graphene.String(description="Two-digit DOPA province code, checked against the subdistrict.")
    subdistrict_name = graphene.String(description="Thai or English name of the subdistrict, checked against the code.")
    district_name = graphene.String(description="Thai or English name of the district, checked against the code.")
    province_name = graphene.String(description="Thai or English name of the province, checked against the code.")
    category = OtopCategoryEnum(required=True, description="Official OTOP category of the product.")
    producer_group_name = graphene.String(description="Name of the producer group that makes the product.")
    geographical_indication = graphene.ID(
        description="ID of a Geographical Indication of the product's province that the product carries."
    )
    story_th = graphene.String(description="Story of the product, in Thai.")
    story_en = graphene.String(description="Story of the product, in English.")


class ProductProvenanceSet(ProvenanceMutation):
    product = graphene.Field(Product, description="The product.")
    provenance = graphene.Field(OtopProvenance, description="The product's provenance as now set.")

    class Arguments:
        product_id = graphene.ID(required=True, description="ID of the product.")
        input = ProductProvenanceInput(required=True, description="Where the product comes from.")

    class Meta:
        description = (
            "Sets or replaces where a product is made (tambon, OTOP category, producer group, GI, story). "
            f"Requires the {MANAGE} permission, or membership of the producer that owns the product."
        )

    @classmethod
    def check_permissions(cls, context, permissions=None):
        if permissions:
            return super().check_permissions(context, permissions)
        # Whether this user may act on this product is decided per product, in perform_mutation.
        return context.user.is_authenticated or getattr(context, "app", None) is not None

    @classmethod
    def perform_mutation(cls, _root, info, product_id, input):
        product_pk = from_global_id_strict_type(product_id, Product, field="product_id")
        allowed = cls.check_permissions(
            info.context, (ProvenancePermissions.MANAGE_OTOP_PROVENANCE,)
        ) or selectors.user_can_set_provenance(user=info.context.user, product_id=product_pk)
        if not allowed:
            raise PermissionDenied()
        product = cls.get_node_or_error(
            info, product_id, field="product_id", only_type=Product, qs=product_models.Product.objects.all()
        )
        gi = None
        if input.get("geographical_indication"):
            gi = cls.get_node_or_error(
                info, input["geographical_indication"], field="geographical_indication", only_type=GeographicalIndication
            )
        provenance = services.product_provenance_set(
            product=product,
            subdistrict_code=input["subdistrict_code"],
            category=input["category"],
            province_code=input.get("province_code"),
            district_code=input.get("district_code"),
            province_name=input.get("province_name"),
            district_name=input.get("district_name"),
            subdistrict_name=input.get("subdistrict_name"),
            producer_group_name=input.get("producer_group_name") or "",
            geographical_indication=gi,
            story_th=input.get("story_th") or "",
            story_en=input.get("story_en") or "",
        )
        return cls(product=product, provenance=provenance)


class GeographicalIndicationCreateInput(graphene.InputObjectType):
    name_th = graphene.String(required=True, description="Thai name.")
    name_en = graphene.String(required=True, description="English name.")
    kind = GeographicalIndicationKindEnum(required=True, description="Agricultural, handicraft or industrial.")
    provinces = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Two-digit codes of the GI's provinces."
    )
    registration_number = graphene.String(description="Registration number at the Department of Intellectual Property.")
    slug = graphene.String(description="Stable key; made from the English name when left out.")


class GeographicalIndicationUpdateInput(graphene.InputObjectType):
    name_th = graphene.String(description="Thai name.")
    name_en = graphene.String(description="English name.")
    kind = GeographicalIndicationKindEnum(description="Agricultural, handicraft or industrial.")
    provinces = graphene.List(graphene.NonNull(graphene.String), description="Two-digit codes of the GI's provinces.")
    registration_number = graphene.String(description="Registration number at the Department of Intellectual Property.")
    slug = graphene.String(description="Stable key.")


class ProvenanceStaffMutation(ProvenanceMutation):
    """Programme staff's mutations (MANAGE_OTOP_PROVENANCE)."""

    meta_defaults = {**ProvenanceMutation.meta_defaults, "permissions": (ProvenancePermissions.MANAGE_OTOP_PROVENANCE,)}

    class Meta:
        abstract = True


class GeographicalIndicationCreate(ProvenanceStaffMutation):
    geographical_indication = graphene.Field(GeographicalIndication, description="The new GI.")

    class Arguments:
        input = GeographicalIndicationCreateInput(required=True, description="Fields of the GI.")

    class Meta:
        description = f"Adds a Geographical Indication. Requires the {MANAGE} permission."

    @classmethod
    def perform_mutation(cls, _root, info, input):
        gi = services.geographical_indication_create(
            name_th=input["name_th"],
            name_en=input["name_en"],
            kind=input["kind"],
            province_codes=input["provinces"],
            registration_number=input.get("registration_number") or "",
            slug=input.get("slug"),
        )
        return cls(geographical_indication=gi)


class GeographicalIndicationUpdate(ProvenanceStaffMutation):
    geographical_indication = graphene.Field(GeographicalIndication, description="The GI.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the GI.")
        input = GeographicalIndicationUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = f"Changes a Geographical Indication. Requires the {MANAGE} permission."

    @classmethod
    def perform_mutation(cls, _root, info, id, input):
        gi = cls.get_node_or_error(info, id, only_type=GeographicalIndication)
        gi = services.geographical_indication_update(
            gi=gi,
            name_th=input.get("name_th"),
            name_en=input.get("name_en"),
            kind=input.get("kind"),
            province_codes=input.get("provinces"),
            registration_number=input.get("registration_number"),
            slug=input.get("slug"),
        )
        return cls(geographical_indication=gi)


class GeographicalIndicationDelete(ProvenanceStaffMutation):
    geographical_indication = graphene.Field(GeographicalIndication, description="The deleted GI.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the GI.")

    class Meta:
        description = (
            "Deletes a Geographical Indication no product carries. "
            f"Requires the {MANAGE} permission."
        )

    @classmethod
    def perform_mutation(cls, _root, info, id):
        gi = cls.get_node_or_error(info, id, only_type=GeographicalIndication)
        gi_pk = gi.pk
        services.geographical_indication_delete(gi=gi)
        gi.pk = gi_pk
        return cls(geographical_indication=gi)
