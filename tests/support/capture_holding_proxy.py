"""A loopback proxy to a Stripe stand-in that holds the answer to the first charge.

Run as `python -m tests.support.capture_holding_proxy UPSTREAM_URL`: it prints its port on the
first line of standard output. Every request goes to UPSTREAM_URL; the answer to the first
`POST /v1/payment_intents` (the charge) is held back after the charge was made upstream, and
`charged` is printed, so a test can kill the server process between the capture and its
commit. Later requests are answered at once.

With `--lose-first-charge-answer` the first charge's answer is replaced by a 502 at once instead
(a timeout after Stripe charged, as the shop's server sees it).
"""
import asyncio
import socket
import sys

import aiohttp
from aiohttp import web

HOP_HEADERS = {"host", "content-length", "transfer-encoding", "connection"}


def make_app(upstream: str, *, lose_answer: bool = False) -> web.Application:
    held = {"done": False}

    async def forward(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        headers = {name: value for name, value in request.headers.items() if name.lower() not in HOP_HEADERS}
        async with aiohttp.ClientSession() as session:
            async with session.request(
                request.method, f"{upstream}{request.path_qs}", headers=headers, data=body
            ) as answer:
                content = await answer.read()
                status, content_type = answer.status, answer.content_type
        if request.method == "POST" and request.path == "/v1/payment_intents" and not held["done"]:
            held["done"] = True
            print("charged", flush=True)
            if lose_answer:
                return web.Response(status=502, text="Bad Gateway")
            await asyncio.sleep(3600)
        return web.Response(status=status, body=content, content_type=content_type)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    return app


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    print(sock.getsockname()[1], flush=True)
    lose_answer = "--lose-first-charge-answer" in sys.argv[2:]
    web.run_app(make_app(sys.argv[1].rstrip("/"), lose_answer=lose_answer), sock=sock, print=None, access_log=None, handle_signals=True)


if __name__ == "__main__":
    sys.exit(main())
