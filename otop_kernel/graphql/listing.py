"""What a plugin hands to the product listing (see saleor_otop/graphql/products.py)."""
from dataclasses import dataclass
from typing import Callable, List, Optional

from django.db.models import QuerySet


@dataclass(frozen=True)
class SortField:
    # Model fields or annotation names to order by, most significant first.
    fields: List[str]
    description: str
    # Adds the annotations `fields` name; called by Saleor's sort_queryset.
    annotate: Optional[Callable[[QuerySet], QuerySet]] = None
