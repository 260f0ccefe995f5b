"""Text split into the words the search index and the search box share.

Thai is written without spaces between words: PyThaiNLP's newmm tokenizer splits it by
dictionary (PyThaiNLP's own word list, shipped in its wheel, plus OTOP terms from
otop_terms_th.txt and every gazetteer place name, so "มัดหมี่", "บ่อสร้าง" and tambon names
stay whole). Latin text splits at spaces and punctuation; Japanese and Chinese runs stay
whole (they are matched as substrings by trigrams instead).

Indexed text also gets the parts of Thai compounds ("ผ้าไหม" → "ผ้า", "ไหม"), so a word
inside a longer one is found; a query is not split that way, so "บ่อสร้าง" finds only
Bo Sang, not every "บ่อ" and "สร้าง".
"""
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# PyThaiNLP may otherwise create ~/pythainlp-data and download corpora; all it needs here
# ships in its wheel.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from pythainlp.corpus import thai_words  # noqa: E402
from pythainlp.tokenize import Trie, word_tokenize  # noqa: E402
from pythainlp.util import normalize as thai_normalize  # noqa: E402

OTOP_TERMS_FILE = Path(__file__).with_name("otop_terms_th.txt")
THAI = re.compile("[\u0e00-\u0e7f]")
CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD_CHARACTER = re.compile(r"\w")
MIN_COMPOUND_PART = 2


def otop_terms() -> set[str]:
    lines = OTOP_TERMS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _place_names() -> set[str]:
    from plugins.provenance.selectors import place_names_th

    return set(place_names_th())


@lru_cache(maxsize=1)
def dictionary() -> Trie:
    """PyThaiNLP's words, the OTOP terms and the gazetteer's Thai place names."""
    return Trie(set(thai_words()) | otop_terms() | {text_normalize(name) for name in _place_names()})


def dictionary_reset() -> None:
    """Forget the dictionary (after the gazetteer changed); the next call rebuilds it."""
    dictionary.cache_clear()
    _chunk_words.cache_clear()
    index_words.cache_clear()


# Places, producers, categories and GI names repeat across documents: each text is split once.
TEXT_CACHE_SIZE = 50_000


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def text_normalize(text: str) -> str:
    """One spelling per word: Unicode NFKC, lower case, Thai vowels and tone marks in their
    canonical order (a tone mark typed before a vowel, sara am typed as two characters)."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if THAI.search(text):
        text = thai_normalize(text)
    return text


def _is_word(token: str) -> bool:
    if not WORD_CHARACTER.search(token):
        return False
    # A lone Thai character is a cluster newmm could not place, not a word.
    return not (len(token) == 1 and THAI.match(token))


def _without_punctuation(token: str) -> str:
    return "".join(ch for ch in token if not unicodedata.category(ch).startswith(("P", "S", "Z")))


def words(text: str) -> list[str]:
    """The words of a text, normalized, in order."""
    found = []
    for chunk in text_normalize(text).split():
        found.extend(_chunk_words(chunk))
    return found


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    """The words of a text between two spaces (Thai runs of words are split by dictionary)."""
    if not THAI.search(chunk):
        return tuple(piece for piece in re.split(r"[^\w]+", chunk) if piece)
    found = []
    for token in word_tokenize(chunk, custom_dict=dictionary(), engine="newmm", keep_whitespace=False):
        # Thai vowels and tone marks are not \w: Thai tokens only lose their punctuation.
        pieces = [_without_punctuation(token)] if THAI.search(token) else re.split(r"[^\w]+", token)
        found.extend(piece for piece in pieces if piece and _is_word(piece))
    return tuple(found)


def compound_parts(word: str) -> list[str]:
    """The dictionary words a Thai compound is made of, fewest first; [] if it is not one."""
    if not THAI.search(word) or len(word) < 2 * MIN_COMPOUND_PART:
        return []
    trie = dictionary()
    length = len(word)
    # best[i]: the fewest dictionary words that make up word[i:], as a list (None if none do).
    best: list = [None] * length + [[]]
    for start in range(length - 1, -1, -1):
        for prefix in trie.prefixes(word[start:]):
            end = start + len(prefix)
            if len(prefix) < MIN_COMPOUND_PART or prefix == word or best[end] is None:
                continue
            candidate = [prefix, *best[end]]
            if best[start] is None or len(candidate) < len(best[start]):
                best[start] = candidate
    return best[0] or []


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def index_words(text: str) -> tuple[str, ...]:
    """The words of a text as the index stores them: each word, then its compound parts."""
    found = []
    for word in words(text):
        found.append(word)
        found.extend(compound_parts(word))
    return tuple(found)


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text or ""))
