from django import template

from plugins.producer_channels import selectors

register = template.Library()


@register.simple_tag
def unread_notification_count(producer) -> int:
    """Unread notifications of the producer (one query, in the header of every page)."""
    return selectors.producer_unread_notification_count(producer=producer) if producer else 0
