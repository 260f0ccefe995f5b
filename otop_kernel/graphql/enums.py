"""GraphQL enums every plugin shares."""
import graphene

from otop_kernel.otop_categories import OtopCategory


def described_enum(name: str, enum, description: str):
    """A graphene enum of a Django TextChoices (or Enum) whose values carry their labels."""

    def describe(value):
        if value is None:
            return description
        return getattr(value, "label", None)

    meta = type("Meta", (), {"enum": enum, "description": describe})
    return type(name, (graphene.Enum,), {"Meta": meta})


OtopCategoryEnum = described_enum(
    "OtopCategoryEnum", OtopCategory, "The five official OTOP Product Champion categories."
)
