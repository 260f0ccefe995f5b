"""Writing market files for tests: a valid one, and variations of it."""
import copy
from pathlib import Path

import yaml

VALID = {
    "market": "JP",
    "version": 3,
    "currency": "JPY",
    "languages": ["ja", "en"],
    "default_language": "ja",
    "homepage": [
        {"section": "hero", "collection": "japan-picks", "title": {"ja": "日本向け", "en": "For Japan"}},
        {"section": "featured_provinces", "title": {"ja": "県", "en": "Provinces"}, "provinces": ["46", "50"]},
        {"section": "featured_producers", "title": {"ja": "生産者", "en": "Producers"}, "producers": ["weavers"]},
        {"section": "banner", "key": "ems", "text": {"ja": "EMSで配送", "en": "Sent by EMS"},
         "link": {"path": "/shipping/"}},
    ],
    "navigation": [
        {"label": {"ja": "セレクション", "en": "Selection"}, "link": {"collection": "japan-picks"}},
        {"label": {"ja": "カラシン", "en": "Kalasin"}, "link": {"province": "46"}},
    ],
}


def market_data(**changes) -> dict:
    data = copy.deepcopy(VALID)
    data.update(changes)
    return data


def write_market(directory: Path, data: dict, name: str = "") -> Path:
    path = Path(directory) / f"{name or data.get('market', 'xx').lower()}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
