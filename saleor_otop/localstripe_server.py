"""localstripe 1.15 on a free loopback port, accepting what Saleor 2.10's Stripe gateway sends.

Run as `python -m saleor_otop.localstripe_server` (saleor_otop.demo_payments.localstripe_running
does): it prints its port on the first line of standard output, then serves until terminated.
`make demo` takes card payments through it when no Stripe keys are set; the tests pay through
it. Only this stand-in is relaxed; the gateway sends Stripe exactly what it sends in
production.
"""
import os
import socket
import sys

from aiohttp import web
from localstripe import resources, server

# Saleor's authorize() always sends these to PaymentIntent.create; localstripe
# refuses any parameter it does not model ("Unexpected confirmation_method, ...").
PAYMENT_INTENT_EXTRA_PARAMETERS = ("confirmation_method", "setup_future_usage", "shipping")

original_payment_intent_init = resources.PaymentIntent.__init__


def payment_intent_init(self, **parameters):
    extra = {name: parameters.pop(name, None) for name in PAYMENT_INTENT_EXTRA_PARAMETERS}
    original_payment_intent_init(self, **parameters)
    for name, value in extra.items():
        setattr(self, name, value)


def charge_payment_method_details(charge) -> dict:
    """The card a charge was paid with; Saleor reads its brand, last4 and expiry."""
    payment_method = resources.PaymentMethod._api_retrieve(charge.payment_method)
    return {"type": payment_method.type, payment_method.type: getattr(payment_method, payment_method.type)}


def charge_refund(id, amount=None, **_parameters):
    """POST /v1/charges/{id}/refund, the older refund call of stripe 2.x's Charge.refund()."""
    resources.Refund._api_create(charge=id, amount=amount)
    return resources.Charge._api_retrieve(id)


_answers_by_idempotency_key = {}


@web.middleware
async def idempotent_posts(request, handler):
    """Stripe answers a POST repeated with the same Idempotency-Key with the first answer, and
    makes no second object (https://stripe.com/docs/api/idempotent_requests); localstripe 1.15
    ignores the header."""
    key = request.headers.get("Idempotency-Key")
    if request.method != "POST" or not key:
        return await handler(request)
    stored = _answers_by_idempotency_key.get((key, request.path))
    if stored is None:
        response = await handler(request)
        stored = (response.status, response.body, response.content_type)
        if response.status < 500:
            _answers_by_idempotency_key[(key, request.path)] = stored
    status, body, content_type = stored
    return web.Response(status=status, body=body, content_type=content_type)
# localstripe 1.15's Stripe.js stand-in has `createPaymentMethod: async () => {}`. The
# storefront's card field calls it as with Stripe's own Stripe.js, so this stand-in gives it
# one: the card field's inputs are sent with the public key (as Stripe.js does) to a route of
# the stand-in's own, which creates the PaymentMethod.
PAYMENT_METHODS_PATH = "/js.stripe.com/v3/payment_methods"
CREATE_PAYMENT_METHOD_JS = """
(function () {
  const makeStripe = Stripe;
  Stripe = (apiKey) => {
    const stripe = makeStripe(apiKey);
    stripe.createPaymentMethod = async ({type, card}) => {
      const body = ['type=' + encodeURIComponent(type), 'key=' + encodeURIComponent(apiKey)];
      Object.keys(card.value.card).forEach(field => {
        body.push('card[' + field + ']=' + encodeURIComponent(card.value.card[field]));
      });
      const response = await fetch(`${LOCALSTRIPE_BASE_API}%s`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: body.join('&'),
      });
      const result = await response.json().catch(() => ({}));
      return response.status === 200 && !result.error ? {paymentMethod: result} : {error: result.error || {}};
    };
    return stripe;
  };
})();
""" % PAYMENT_METHODS_PATH


@web.middleware
async def stripe_js_with_create_payment_method(request, handler):
    if request.method != "GET" or request.path != "/js.stripe.com/v3/":
        return await handler(request)
    with open(os.path.join(os.path.dirname(server.__file__), "localstripe-v3.js")) as script:
        text = script.read() + CREATE_PAYMENT_METHOD_JS
    return web.Response(text=text, content_type="application/javascript")


async def payment_method_create_with_public_key(request):
    data = await server.get_post_data(request, remove_auth=False) or {}
    if not str(data.pop("key", "")).startswith("pk_"):
        raise server.UserError(401, "Unauthorized")
    return server.json_response(resources.PaymentMethod._api_create(**data)._export())


def main() -> None:
    server.app.middlewares.insert(0, idempotent_posts)
    resources.PaymentIntent.__init__ = payment_intent_init
    # localstripe pickles its whole store to /tmp/localstripe.pickle on every write,
    # a file every instance on the machine would share.
    resources.Store.dump_to_disk = lambda self: None
    # Real Stripe charges carry it; localstripe 1.15's do not.
    resources.Charge.payment_method_details = property(charge_payment_method_details)
    server.app.router.add_route(
        "POST", "/v1/charges/{id}/refund", server.api_extra(charge_refund, "/v1/charges/{id}/refund")
    )

    server.app.middlewares.append(stripe_js_with_create_payment_method)
    server.app.router.add_route("POST", PAYMENT_METHODS_PATH, payment_method_create_with_public_key)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1], flush=True)
    web.run_app(server.app, sock=sock, print=None, access_log=None, handle_signals=True)


if __name__ == "__main__":
    sys.exit(main())
