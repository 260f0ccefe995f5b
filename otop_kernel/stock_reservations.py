"""Units held for checkouts being paid, as the plugins ask it.

The checkout completion (saleor_otop, above every plugin) reserves units while a charge is at
the gateway; a producer setting its stock must count them as taken. The completion registers
its answer here in AppConfig.ready; until then nothing is reserved.
"""
from collections.abc import Callable, Iterable

ReservedByStock = Callable[..., dict]


def _nothing_reserved(*, stock_ids: Iterable[int]) -> dict:
    return {}


_reserved_by_stock: ReservedByStock = _nothing_reserved


def register_reserved_by_stock(answer: ReservedByStock) -> None:
    global _reserved_by_stock
    _reserved_by_stock = answer


def reserved_by_stock(*, stock_ids: Iterable[int]) -> dict:
    """{stock id: units reserved}; stocks with none are left out."""
    return _reserved_by_stock(stock_ids=stock_ids)
