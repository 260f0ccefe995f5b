from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def order_payment_method(order) -> str:
    """How the order is paid ('PromptPay QR', a card, ...), for e-mails."""
    return selectors.order_payment_method_label(order=order)
