"""How a PromptPay payment passes through Saleor 2.10's checkout — the one place that decides it.

Saleor's `checkoutComplete` charges before it creates the order: it calls
`gateway.process_payment`, and only when that transaction succeeds without
`action_required` does it create the order (allocating stock) and delete the checkout.
(`action_required` would make it answer `confirmationNeeded` and create no order until a
second call: 3-D Secure's path, wrong for a QR the shopper pays minutes later.)

A PromptPay shopper must see the order's QR before paying, and the stock must be held while
they pay. So `process_payment` of otop.promptpay (`promptpay_payment_start`):

1. issues the QR: in Stripe mode it creates and confirms a PaymentIntent and keeps the QR
   data Stripe gives; in direct mode it builds our EMVCo payload to the programme's
   PromptPay ID, for the amount, with a reference;
2. answers a successful AUTH transaction (the same kind Saleor's Stripe gateway answers with
   automatic capture off). Saleor then creates the order with its stock allocated and the
   payment NOT_CHARGED: the order exists, unpaid;
3. later the money arrives (Stripe's `payment_intent.succeeded`, a statement row, a staff
   confirmation) and services._charge_settle adds the CAPTURE transaction; Saleor's
   gateway_postprocess marks the payment fully charged and, the order being fully paid,
   calls `order_fully_paid` (producer_channels writes the ledger) and sends the payment
   e-mail — once, under the charge's row lock;
4. or the QR expires first: services.charge_expire voids the payment and cancels the order,
   which releases its stock (Saleor's cancel_order).

`capture_payment` of the plugin refuses (a PromptPay payment is captured only by step 3), so
a checkout flow that captures after creating the order must leave PromptPay payments
pending: their GatewayConfig says `auto_capture=False`.

Two small runtime patches, installed by the app's ready():
- Saleor 2.10's PaymentData carries no payment id; PromptPay keys its charge to the payment,
  so create_payment_information's answer gains `payment_id` (PaymentDataWithPayment);
- Checkout.availablePaymentGateways lists PromptPay only for checkouts charged in THB.
"""
from dataclasses import dataclass, fields
from typing import Optional

from saleor.payment import TransactionKind
from saleor.payment.interface import GatewayResponse, PaymentData

from . import services, stripe_promptpay
from .models import ChargeMode, PromptPayCharge
from .plugin import CHARGE_CURRENCY, PLUGIN_ID, PromptPayConfiguration


@dataclass
class PaymentDataWithPayment(PaymentData):
    payment_id: Optional[int] = None


def _response(payment_information, *, success: bool, transaction_id: str, error: str = None, raw=None):
    return GatewayResponse(
        is_success=success, action_required=False, kind=TransactionKind.AUTH,
        amount=payment_information.amount, currency=payment_information.currency,
        transaction_id=transaction_id, error=error, raw_response=raw or {},
    )


def promptpay_payment_start(*, payment_information, configuration: PromptPayConfiguration) -> GatewayResponse:
    """process_payment of otop.promptpay: the QR issued, the payment authorized (pending)."""
    token = payment_information.token
    payment_id = getattr(payment_information, "payment_id", None)
    if payment_information.currency != CHARGE_CURRENCY:
        return _response(payment_information, success=False, transaction_id=token,
                         error="PromptPay takes payments in Thai baht (THB) only.")
    if payment_id is None:
        return _response(payment_information, success=False, transaction_id=token,
                         error="PromptPay could not identify the payment.")
    mode = configuration.mode
    if mode == ChargeMode.DIRECT and not configuration.promptpay_id:
        return _response(payment_information, success=False, transaction_id=token,
                         error="PromptPay is not configured.")
    try:
        charge = services.charge_issue(
            payment_id=payment_id, amount=payment_information.amount, currency=payment_information.currency,
            email=payment_information.customer_email, mode=mode, promptpay_id=configuration.promptpay_id,
            expiry_minutes=configuration.qr_expiry_minutes,
        )
    except services.PaymentError as error:
        return _response(payment_information, success=False, transaction_id=token, error=str(error))
    except Exception:  # Stripe or network failure: the shopper may try again, nothing was kept
        services.logger.exception("PromptPay QR could not be issued for payment %s", payment_id)
        return _response(payment_information, success=False, transaction_id=token,
                         error="PromptPay is not available right now; please try again.")
    return _response(payment_information, success=True, transaction_id=charge.stripe_payment_intent or charge.reference,
                     raw={"promptpay_reference": charge.reference, "expires_at": charge.expires_at.isoformat()})


def promptpay_payment_refund(*, payment_information) -> GatewayResponse:
    """refund_payment of otop.promptpay: Stripe refunds; a direct transfer is refunded by the
    programme's bank, outside Saleor."""
    charge = PromptPayCharge.objects.filter(payment_id=getattr(payment_information, "payment_id", None)).first()
    response = dict(
        action_required=False, kind=TransactionKind.REFUND, amount=payment_information.amount,
        currency=payment_information.currency, transaction_id=payment_information.token,
    )
    if charge is None or charge.mode != ChargeMode.STRIPE:
        return GatewayResponse(is_success=False, error="A direct PromptPay payment is refunded by bank transfer.",
                               **response)
    try:
        refund_id = stripe_promptpay.intent_refund(
            intent_id=charge.stripe_payment_intent, amount=payment_information.amount,
            idempotency_key=f"otop-promptpay-refund-{charge.reference}-{payment_information.amount}",
        )
    except Exception:
        services.logger.exception("Stripe refund of PromptPay payment %s failed", charge.reference)
        return GatewayResponse(is_success=False, error="The refund could not be made at Stripe.", **response)
    return GatewayResponse(is_success=True, error=None, **{**response, "transaction_id": refund_id})


def install_payment_data_with_payment() -> None:
    import saleor.payment.gateway as gateway_module
    import saleor.payment.utils as utils_module

    original = utils_module.create_payment_information
    if getattr(original, "otop_with_payment", False):
        return

    def create_payment_information(payment, *args, **kwargs):
        data = original(payment, *args, **kwargs)
        values = {item.name: getattr(data, item.name) for item in fields(data)}
        return PaymentDataWithPayment(**values, payment_id=payment.pk)

    create_payment_information.otop_with_payment = True
    utils_module.create_payment_information = create_payment_information
    gateway_module.create_payment_information = create_payment_information


def install_checkout_gateway_filter() -> None:
    from saleor.graphql.checkout.types import Checkout

    original = Checkout.resolve_available_payment_gateways
    if getattr(original, "otop_thb_only", False):
        return

    def resolve_available_payment_gateways(root, info):
        gateways = original(root, info)
        if root.currency == CHARGE_CURRENCY:
            return gateways
        return [gateway for gateway in gateways if gateway["id"] != PLUGIN_ID]

    resolve_available_payment_gateways.otop_thb_only = True
    Checkout.resolve_available_payment_gateways = staticmethod(resolve_available_payment_gateways)
