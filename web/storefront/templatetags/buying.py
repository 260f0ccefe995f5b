"""Template helpers of the buying pages."""
from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` for dicts keyed by ids (a line's bound form)."""
    if not mapping:
        return None
    return mapping.get(key)
