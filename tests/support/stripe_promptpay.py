"""A stand-in for Stripe's PromptPay endpoints on a loopback port (localstripe 1.15 has no
PromptPay), and Stripe's side of the webhook: it signs events as Stripe does.

It records every request it is sent, so tests see exactly what the gateway sent Stripe.
It answers the calls stripe 2.76.0 makes for a PromptPay PaymentIntent: create, confirm
(answering `next_action.promptpay_display_qr_code`), retrieve, cancel, and refunds, with
Stripe's idempotency-key replay. `pay()` is the shopper paying at their bank.
"""
import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest
import stripe

SECRET_KEY = "sk_test_otop_promptpay"
PUBLIC_KEY = "pk_test_otop_promptpay"
WEBHOOK_SECRET = "whsec_otop_promptpay_test"


class StripePromptPay:
    def __init__(self):
        self.requests = []  # (method, path, params)
        self.intents = {}
        self.refunds = {}
        self._replies = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- what the shopper and Stripe do --------------------------------------------------
    def pay(self, intent_id: str) -> dict:
        intent = self.intents[intent_id]
        intent.update(status="succeeded", amount_received=intent["amount"], next_action=None)
        return self.event("payment_intent.succeeded", intent)

    def event(self, event_type: str, intent: dict) -> dict:
        return {"id": f"evt_{next(self._ids)}", "object": "event", "type": event_type,
                "created": int(time.time()), "data": {"object": dict(intent)}}

    @staticmethod
    def signed(event: dict, secret: str = WEBHOOK_SECRET):
        """The body and Stripe-Signature header Stripe sends with an event."""
        body = json.dumps(event)
        timestamp = int(time.time())
        digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
        return body, f"t={timestamp},v1={digest}"

    def deliver(self, event: dict, url: str) -> int:
        body, signature = self.signed(event)
        request = urllib.request.Request(url, data=body.encode(), method="POST", headers={
            "Content-Type": "application/json", "Stripe-Signature": signature})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status

    def calls(self, method: str, path_prefix: str) -> list:
        return [params for verb, path, params in self.requests if verb == method and path.startswith(path_prefix)]

    # --- the HTTP side ----------------------------------------------------------------------
    def _answer(self, method: str, path: str, params: dict):
        parts = path.strip("/").split("/")  # v1, resource, id, action
        if method == "POST" and parts == ["v1", "payment_intents"]:
            intent_id = f"pi_{next(self._ids)}"
            self.intents[intent_id] = {
                "id": intent_id, "object": "payment_intent", "amount": int(params["amount"]),
                "currency": params["currency"], "status": "requires_payment_method", "amount_received": 0,
                "payment_method_types": [value for key, value in params.items() if key.startswith("payment_method_types")],
                "metadata": {key[9:-1]: value for key, value in params.items() if key.startswith("metadata[")},
                "next_action": None,
            }
            return 200, self.intents[intent_id]
        if len(parts) >= 3 and parts[:2] == ["v1", "payment_intents"]:
            intent = self.intents.get(parts[2])
            if intent is None:
                return 404, {"error": {"type": "invalid_request_error", "message": "No such payment_intent"}}
            action = parts[3] if len(parts) > 3 else ""
            if method == "GET" and not action:
                return 200, intent
            if action == "confirm":
                if params.get("payment_method_data[type]") != "promptpay" or intent["status"] != "requires_payment_method":
                    return 400, {"error": {"type": "invalid_request_error", "message": "cannot confirm"}}
                intent.update(status="requires_action", next_action={
                    "type": "promptpay_display_qr_code",
                    "promptpay_display_qr_code": {
                        "data": f"00020101021230{intent['id']}STANDIN{intent['amount']}",
                        "hosted_instructions_url": f"{self.url}/instructions/{intent['id']}",
                        "image_url_png": f"{self.url}/qr/{intent['id']}.png",
                        "image_url_svg": f"{self.url}/qr/{intent['id']}.svg",
                    }})
                return 200, intent
            if action == "cancel":
                if intent["status"] == "succeeded":
                    return 400, {"error": {"type": "invalid_request_error",
                                           "message": "This PaymentIntent's status is succeeded"}}
                intent.update(status="canceled", next_action=None)
                return 200, intent
        if method == "POST" and parts == ["v1", "refunds"]:
            intent = self.intents[params["payment_intent"]]
            refund_id = f"re_{next(self._ids)}"
            self.refunds[refund_id] = {"id": refund_id, "object": "refund", "status": "succeeded",
                                       "payment_intent": intent["id"], "amount": int(params.get("amount", intent["amount"]))}
            return 200, self.refunds[refund_id]
        return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL {path}"}}

    def _handler(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                path, _, query = self.path.partition("?")
                params = dict(parse_qsl(body or query, keep_blank_values=True))
                key = self.headers.get("Idempotency-Key")
                with stand_in._lock:
                    stand_in.requests.append((method, path, params))
                    if key and key in stand_in._replies:
                        status, reply = stand_in._replies[key]
                    else:
                        status, reply = stand_in._answer(method, path, params)
                        reply = json.loads(json.dumps(reply))
                        if key:
                            stand_in._replies[key] = (status, reply)
                payload = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def stripe_promptpay(settings, monkeypatch):
    """Stripe keys set (Stripe PromptPay mode), the SDK pointed at the stand-in."""
    stand_in = StripePromptPay()
    stand_in.thread.start()
    settings.STRIPE_PUBLIC_KEY, settings.STRIPE_SECRET_KEY = PUBLIC_KEY, SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    monkeypatch.setattr(stripe, "api_base", stand_in.url)
    monkeypatch.setattr(stripe, "max_network_retries", 0)
    try:
        yield stand_in
    finally:
        stand_in.server.shutdown()
        stand_in.server.server_close()
