"""Reads for the storefront configuration: the market files and what they reference.

Every collection, province and producer a file names is fetched in one query per kind,
however many the file names.
"""
from dataclasses import dataclass, field
from pathlib import Path

from saleor.product.models import Collection

from plugins.producer_channels import selectors as producer_selectors
from plugins.provenance import selectors as provenance_selectors

from .loader import (
    ConfigProblem,
    MarketConfig,
    StorefrontConfigError,
    market_configs,
    market_configs_load,
)


@dataclass
class References:
    collections: dict[str, Collection] = field(default_factory=dict)
    provinces: dict = field(default_factory=dict)  # provenance's Province by code
    producers: dict = field(default_factory=dict)  # producer_channels' Producer by slug

    def get(self, kind: str, key: str):
        return getattr(self, f"{kind}s").get(key)


def references_resolve(config: MarketConfig) -> References:
    wanted: dict[str, set] = {"collection": set(), "province": set(), "producer": set()}
    for kind, key, _path in config.references():
        wanted[kind].add(key)
    found = References()
    if wanted["collection"]:
        found.collections = {c.slug: c for c in Collection.objects.filter(slug__in=wanted["collection"])}
    if wanted["province"]:
        found.provinces = provenance_selectors.provinces_by_codes(codes=wanted["province"])
    if wanted["producer"]:
        found.producers = producer_selectors.producers_by_slugs(slugs=wanted["producer"])
    return found


def _unusable(kind: str, obj) -> str | None:
    if kind == "collection" and not obj.is_published:
        return "is not published"
    if kind == "producer" and not producer_selectors.producer_is_approved(obj):
        return f"is {obj.status}, not approved"
    return None


def reference_problems(config: MarketConfig, references: References) -> list[ConfigProblem]:
    """References to things that do not exist, or that shoppers may not see."""
    problems = []
    for kind, key, path in config.references():
        obj = references.get(kind, key)
        if obj is None:
            problems.append(ConfigProblem(config.file, path, f"no {kind} {key!r} exists"))
            continue
        reason = _unusable(kind, obj)
        if reason:
            problems.append(ConfigProblem(config.file, path, f"{kind} {key!r} {reason}"))
    return problems


def usable_references(config: MarketConfig, references: References) -> References:
    """Only what shoppers may see; the rest is left out of what is served."""
    usable = References()
    for kind in ("collection", "province", "producer"):
        items = getattr(references, f"{kind}s")
        setattr(usable, f"{kind}s", {key: obj for key, obj in items.items() if not _unusable(kind, obj)})
    return usable


def market_config(*, market: str) -> MarketConfig:
    """The configuration of one market; raises StorefrontConfigError naming the problems."""
    configs = market_configs()
    market = market.strip().upper()
    if market in configs.errors:
        raise configs.errors[market]
    config = configs.configs.get(market)
    if config is None:
        known = ", ".join(sorted(configs.configs)) or "none"
        raise StorefrontConfigError(
            [ConfigProblem("markets", "$", f"no storefront configuration for market {market!r}; configured: {known}")]
        )
    return config


def all_problems(*, directory: Path | None = None) -> list[ConfigProblem]:
    """Every problem of every market file, references included (for the check command)."""
    configs = market_configs_load(directory) if directory is not None else market_configs()
    problems = list(configs.problems)
    for config in configs.configs.values():
        problems += reference_problems(config, references_resolve(config))
    return problems
