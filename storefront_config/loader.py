"""Reading and validating the per-market storefront files (storefront_config/markets/*.yaml).

A file is checked in three steps, each problem naming the file and the JSON path:
1. YAML syntax (duplicate keys are refused, YAML would silently keep the last one);
2. the JSON Schema in schema.json, completed per file: language codes are those of
   settings.LANGUAGES and every text must be given in each of the file's own `languages`;
3. rules a schema cannot say (the market matches the file name, known currency, ...).
References to collections, provinces and producers are checked against the database
separately (storefront_config.selectors.config_reference_problems), since loading must
work without one.
"""
import copy
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.numbers import list_currencies
from django.conf import settings
from django_countries import countries
from jsonschema import Draft202012Validator

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_MARKETS_DIR = PACKAGE_DIR / "markets"
SCHEMA_PATH = PACKAGE_DIR / "schema.json"
FILE_SUFFIX = ".yaml"

SECTION_HERO = "hero"
SECTION_FEATURED_PROVINCES = "featured_provinces"
SECTION_FEATURED_PRODUCERS = "featured_producers"
SECTION_BANNER = "banner"


@dataclass(frozen=True)
class ConfigProblem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


class StorefrontConfigError(Exception):
    def __init__(self, problems: list[ConfigProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


LocalizedText = dict[str, str]


@dataclass(frozen=True)
class Link:
    collection: str = ""
    province: str = ""
    producer: str = ""
    path: str = ""


@dataclass(frozen=True)
class HeroSection:
    collection: str
    title: LocalizedText
    subtitle: LocalizedText = field(default_factory=dict)


@dataclass(frozen=True)
class FeaturedProvincesSection:
    title: LocalizedText
    provinces: tuple[str, ...]


@dataclass(frozen=True)
class FeaturedProducersSection:
    title: LocalizedText
    producers: tuple[str, ...]


@dataclass(frozen=True)
class BannerSection:
    key: str
    text: LocalizedText
    link: Link | None = None


Section = HeroSection | FeaturedProvincesSection | FeaturedProducersSection | BannerSection


@dataclass(frozen=True)
class NavigationItem:
    label: LocalizedText
    link: Link


@dataclass(frozen=True)
class MarketConfig:
    file: str
    market: str
    version: int
    currency: str
    languages: tuple[str, ...]
    default_language: str
    homepage: tuple[Section, ...]
    navigation: tuple[NavigationItem, ...]

    def references(self) -> list[tuple[str, str, str]]:
        """(kind, key, JSON path) of every collection, province and producer the file names."""
        found = []
        for index, section in enumerate(self.homepage):
            base = f"$.homepage[{index}]"
            if isinstance(section, HeroSection):
                found.append(("collection", section.collection, f"{base}.collection"))
            elif isinstance(section, FeaturedProvincesSection):
                found += [("province", code, f"{base}.provinces[{i}]") for i, code in enumerate(section.provinces)]
            elif isinstance(section, FeaturedProducersSection):
                found += [("producer", slug, f"{base}.producers[{i}]") for i, slug in enumerate(section.producers)]
            elif section.link is not None:
                found += _link_references(section.link, f"{base}.link")
        for index, item in enumerate(self.navigation):
            found += _link_references(item.link, f"$.navigation[{index}].link")
        return found


def _link_references(link: Link, path: str) -> list[tuple[str, str, str]]:
    for kind in ("collection", "province", "producer"):
        key = getattr(link, kind)
        if key:
            return [(kind, key, f"{path}.{kind}")]
    return []


class _UniqueKeyLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@functools.lru_cache(maxsize=1)
def _base_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_for(languages: list[str]) -> dict:
    schema = copy.deepcopy(_base_schema())
    schema["$defs"]["languageCode"]["enum"] = language_codes()
    text = schema["$defs"]["localizedText"]
    text["x-localized"] = True
    if languages:
        text["required"] = languages
        text["propertyNames"] = {"enum": languages}
    return schema


def _json_path(parts) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _schema_problems(file: str, data, languages: list[str]) -> list[ConfigProblem]:
    validator = Draft202012Validator(_schema_for(languages))
    problems = []
    for error in validator.iter_errors(data):
        path = list(error.absolute_path)
        problems += _explain(file, path, error, languages)
    return problems


def _explain(file: str, path: list, error, languages: list[str]) -> list[ConfigProblem]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        what = "section" if not path else "key"
        return [
            ConfigProblem(
                file,
                _json_path(path + [key]),
                f"unknown {what} {key!r}; allowed: {', '.join(allowed)}",
            )
            for key in instance
            if key not in allowed
        ]
    if error.validator == "required" and schema.get("x-localized"):
        return [
            ConfigProblem(
                file,
                _json_path(path + [language]),
                f"missing translation for language {language!r} (the market's languages: {', '.join(languages)})",
            )
            for language in error.validator_value
            if language not in instance
        ]
    if "propertyNames" in error.relative_schema_path and languages:
        return [
            ConfigProblem(
                file,
                _json_path(path + [instance]),
                f"{instance!r} is not one of the market's languages ({', '.join(languages)})",
            )
        ]
    if error.validator in ("minProperties", "maxProperties") and path and path[-1] == "link":
        return [
            ConfigProblem(
                file,
                _json_path(path),
                "a link names exactly one of: collection, province, producer, path",
            )
        ]
    if error.validator == "enum" and path and path[-1] == "section":
        return [
            ConfigProblem(
                file,
                _json_path(path),
                f"unknown section type {instance!r}; allowed: {', '.join(error.validator_value)}",
            )
        ]
    return [ConfigProblem(file, _json_path(path), error.message)]


def _rule_problems(file: str, stem: str, data: dict) -> list[ConfigProblem]:
    problems = []
    market = data["market"]
    if market not in dict(countries):
        problems.append(ConfigProblem(file, "$.market", f"{market!r} is not an ISO 3166-1 country code"))
    if market.lower() != stem.lower():
        problems.append(
            ConfigProblem(file, "$.market", f"market {market!r} does not match the file name {stem!r}")
        )
    if data["currency"] not in list_currencies():
        problems.append(ConfigProblem(file, "$.currency", f"{data['currency']!r} is not an ISO 4217 currency"))
    if data["default_language"] not in data["languages"]:
        problems.append(
            ConfigProblem(
                file,
                "$.default_language",
                f"{data['default_language']!r} is not one of the market's languages ({', '.join(data['languages'])})",
            )
        )
    hero_paths = [
        f"$.homepage[{index}]"
        for index, section in enumerate(data["homepage"])
        if section["section"] == SECTION_HERO
    ]
    for path in hero_paths[1:]:
        problems.append(ConfigProblem(file, path, "a homepage has one hero section; this is a second one"))
    return problems


def _link(raw: dict | None) -> Link | None:
    return Link(**raw) if raw else None


def _section(raw: dict) -> Section:
    kind = raw["section"]
    if kind == SECTION_HERO:
        return HeroSection(collection=raw["collection"], title=raw["title"], subtitle=raw.get("subtitle", {}))
    if kind == SECTION_FEATURED_PROVINCES:
        return FeaturedProvincesSection(title=raw["title"], provinces=tuple(raw["provinces"]))
    if kind == SECTION_FEATURED_PRODUCERS:
        return FeaturedProducersSection(title=raw["title"], producers=tuple(raw["producers"]))
    return BannerSection(key=raw["key"], text=raw["text"], link=_link(raw.get("link")))


def market_config_load(path: Path, *, root: Path | None = None) -> MarketConfig:
    """Read and validate one market file; raises StorefrontConfigError listing every problem."""
    path = Path(path)
    file = str(path.relative_to(root)) if root else path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "$"
        problem = getattr(error, "problem", None) or str(error)
        raise StorefrontConfigError([ConfigProblem(file, where, f"not valid YAML: {problem}")])
    except OSError as error:
        raise StorefrontConfigError([ConfigProblem(file, "$", f"cannot be read: {error.strerror}")])
    if not isinstance(data, dict):
        raise StorefrontConfigError([ConfigProblem(file, "$", "expected a mapping of sections")])
    raw_languages = data.get("languages")
    languages = (
        [code for code in raw_languages if isinstance(code, str)] if isinstance(raw_languages, list) else []
    )
    problems = _schema_problems(file, data, languages)
    if not problems:
        problems = _rule_problems(file, path.stem, data)
    if problems:
        raise StorefrontConfigError(problems)
    return MarketConfig(
        file=file,
        market=data["market"],
        version=data["version"],
        currency=data["currency"],
        languages=tuple(data["languages"]),
        default_language=data["default_language"],
        homepage=tuple(_section(raw) for raw in data["homepage"]),
        navigation=tuple(
            NavigationItem(label=raw["label"], link=_link(raw["link"])) for raw in data["navigation"]
        ),
    )


def markets_dir() -> Path:
    return Path(getattr(settings, "OTOP_STOREFRONT_CONFIG_DIR", DEFAULT_MARKETS_DIR))


def market_files(directory: Path) -> list[Path]:
    return sorted(directory.glob(f"*{FILE_SUFFIX}"))


@dataclass(frozen=True)
class MarketConfigs:
    """Every market file of a folder: the valid ones and the problems of the others."""

    configs: dict[str, MarketConfig]
    errors: dict[str, StorefrontConfigError]

    @property
    def problems(self) -> list[ConfigProblem]:
        return [problem for error in self.errors.values() for problem in error.problems]


def market_configs_load(directory: Path) -> MarketConfigs:
    configs, errors = {}, {}
    seen_files = {}
    for path in market_files(directory):
        market = path.stem.upper()
        try:
            config = market_config_load(path, root=directory.parent)
        except StorefrontConfigError as error:
            errors[market] = error
            continue
        if market in seen_files:
            errors[market] = StorefrontConfigError(
                [ConfigProblem(config.file, "$.market", f"market {market} is also configured in {seen_files[market]}")]
            )
            continue
        seen_files[market] = config.file
        configs[market] = config
    return MarketConfigs(configs=configs, errors=errors)


@functools.lru_cache(maxsize=8)
def _cached_market_configs(directory: str) -> MarketConfigs:
    return market_configs_load(Path(directory))


def market_configs() -> MarketConfigs:
    """The configured folder, read once per process (the files ship with a release)."""
    return _cached_market_configs(str(markets_dir()))


def market_configs_clear_cache() -> None:
    _cached_market_configs.cache_clear()
