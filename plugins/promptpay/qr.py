import io

import segno


def qr_svg(payload: str) -> str:
    """The QR of a payload as a standalone SVG (error correction M, as banking apps read it)."""
    out = io.BytesIO()
    segno.make_qr(payload, error="m").save(
        out, kind="svg", scale=8, border=4, xmldecl=True, svgns=True, title="PromptPay QR", dark="#000", light="#fff"
    )
    return out.getvalue().decode("utf-8")


def qr_png(payload: str) -> bytes:
    """The same QR as a PNG, for phones: a saved image can be opened from the banking app."""
    out = io.BytesIO()
    segno.make_qr(payload, error="m").save(out, kind="png", scale=10, border=4)
    return out.getvalue()
