"""Request-scoped batch loaders, the way later Saleor releases have them.

Saleor 2.10 has none. A loader is created once per request (kept on the
request object) so every product of a listing asks the same loader, which then
runs one query for all of them.
"""
from typing import Generic, Iterable, List, TypeVar

from promise import Promise
from promise.dataloader import DataLoader as PromiseDataLoader

Key = TypeVar("Key")
Value = TypeVar("Value")


class DataLoader(PromiseDataLoader, Generic[Key, Value]):
    context_key: str = ""

    def __new__(cls, context):
        key = cls.context_key or f"{cls.__module__}.{cls.__qualname__}"
        loaders = getattr(context, "otop_dataloaders", None)
        if loaders is None:
            loaders = {}
            context.otop_dataloaders = loaders
        if key not in loaders:
            loader = super().__new__(cls)
            loader.context = context
            PromiseDataLoader.__init__(loader)
            loaders[key] = loader
        return loaders[key]

    def __init__(self, context):  # noqa: D107 - set up once in __new__
        pass

    def batch_load_fn(self, keys: List[Key]) -> Promise:
        return Promise.resolve(self.batch_load(keys))

    def batch_load(self, keys: Iterable[Key]) -> List[Value]:
        raise NotImplementedError
