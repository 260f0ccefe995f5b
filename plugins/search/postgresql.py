"""The search engine on PostgreSQL: full-text search over words split in Python (Thai by
PyThaiNLP), in a `simple` tsvector with a GIN index, and pg_trgm on the names for typos and
for Japanese and Chinese substrings (other texts are found by their words: a trigram index of
descriptions would cost more to keep than it finds). Needs a UTF-8 LC_CTYPE (see
saleor_otop/embedded_db.py)."""
import re
from typing import Iterable, Optional

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from psycopg2.extras import execute_values
from saleor.product.models import Product

from .documents import DocumentSource
from .engine import RANK_ANNOTATION, SearchEngine, Suggestion
from .models import SearchDocument, SearchSuggestion, SearchTerm, SuggestionKind
from .words import THAI, has_cjk, index_words, text_normalize, words

DOCUMENTS = SearchDocument._meta.db_table
LATIN = re.compile("[a-z]")
# Shorter texts make trigram matching and substrings noise.
MIN_TYPO_LENGTH = 3
MIN_SUBSTRING_LENGTH = 3
MIN_TERM_LENGTH = {"thai": 2, "other": 3}
MAX_CORRECTED_WORDS = 8
# pg_trgm's word_similarity of a misspelt word to the name holding the right one
# ("pinapple" in "phuket pineapples": 0.55); an index-backed <% would need 0.6.
TYPO_SIMILARITY = 0.5
# Rank tiers (stars 0-5 are added within a tier).
RANK_NAME, RANK_CONTEXT, RANK_TEXT, RANK_TYPO = 30, 20, 10, 5

_WRITE_SQL = f"""
INSERT INTO {DOCUMENTS} (product_id, vector, names, place_codes, stars, updated_at)
VALUES %s
ON CONFLICT (product_id) DO UPDATE SET
    vector = EXCLUDED.vector, names = EXCLUDED.names,
    place_codes = EXCLUDED.place_codes, stars = EXCLUDED.stars, updated_at = EXCLUDED.updated_at
"""
_WRITE_TEMPLATE = (
    "(%s, setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
    " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D'),"
    " %s, %s::varchar[], %s, now())"
)


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _joined_words(texts: Iterable[str]) -> str:
    return " ".join(word for text in texts if text for word in index_words(text))


def _joined_normalized(texts: Iterable[str]) -> str:
    seen = []
    for text in texts:
        normalized = text_normalize(text).strip()
        if normalized and normalized not in seen:
            seen.append(normalized)
    return " | ".join(seen)


def _is_term(word: str) -> bool:
    if word.isdigit():
        return False
    return len(word) >= MIN_TERM_LENGTH["thai" if THAI.search(word) else "other"] and len(word) <= 100


class _Phrase:
    """A search phrase as the SQL needs it."""

    def __init__(self, phrase: str):
        self.text = text_normalize(phrase).strip()
        self.words = " ".join(words(phrase))
        self.substring = (
            f"%{like_escape(self.text)}%" if has_cjk(self.text) and len(self.text) >= 1 else None
        )
        # Trigram likeness finds typos in words written with spaces between them; in Thai it
        # would find every name holding the typed letters across a word boundary.
        latin = LATIN.search(self.text) and not THAI.search(self.text) and not has_cjk(self.text)
        self.typo = self.text if latin and len(self.text) >= MIN_TYPO_LENGTH else None

    def match_sql(self, alias: str) -> tuple[str, list]:
        conditions, params = [], []
        if self.words:
            conditions.append(f"{alias}.vector @@ plainto_tsquery('simple', %s)")
            params.append(self.words)
        if self.substring:
            conditions.append(f"{alias}.names ILIKE %s")
            params.append(self.substring)
        return " OR ".join(conditions), params


class PostgresSearchEngine(SearchEngine):
    def documents_write(self, *, sources: list[DocumentSource]) -> None:
        if not sources:
            return
        rows, suggestions, places, terms = [], [], {}, set()
        for source in sources:
            rows.append((
                source.product_id,
                _joined_words(source.names_weight),
                _joined_words(source.context_weight),
                _joined_words(source.description_weight),
                _joined_words(source.code_weight),
                _joined_normalized(source.names_weight),
                sorted({place.code for place in source.places}),
                source.stars,
            ))
            for language, name in source.names.items():
                suggestions.append(SearchSuggestion(
                    kind=SuggestionKind.PRODUCT, key=str(source.product_id), language=language,
                    text=name[:255], normalized=text_normalize(name)[:255],
                    product_id=source.product_id, weight=source.stars or 0,
                ))
                terms.update(word for word in index_words(name) if _is_term(word))
            for place in source.places:
                for language, name in (("th", place.name_th), ("en", place.name_en)):
                    if name:
                        places[(place.kind, place.code, language)] = SearchSuggestion(
                            kind=place.kind, key=place.code, language=language,
                            text=name[:255], normalized=text_normalize(name)[:255],
                        )
                        terms.update(word for word in index_words(name) if _is_term(word))
        product_ids = [source.product_id for source in sources]
        with transaction.atomic(), connection.cursor() as cursor:
            execute_values(cursor.cursor, _WRITE_SQL, rows, template=_WRITE_TEMPLATE, page_size=500)
            SearchSuggestion.objects.filter(kind=SuggestionKind.PRODUCT, product_id__in=product_ids).delete()
            SearchSuggestion.objects.bulk_create(suggestions, batch_size=1000)
            SearchSuggestion.objects.bulk_create(list(places.values()), batch_size=1000, ignore_conflicts=True)
            SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in sorted(terms)],
                                           batch_size=1000, ignore_conflicts=True)

    def documents_delete(self, *, product_ids: Iterable[int]) -> None:
        product_ids = list(product_ids)
        SearchDocument.objects.filter(product_id__in=product_ids).delete()
        SearchSuggestion.objects.filter(kind=SuggestionKind.PRODUCT, product_id__in=product_ids).delete()

    def products_matching(self, *, phrase: str) -> QuerySet:
        parsed = _Phrase(phrase)
        condition, params = parsed.match_sql("d")
        if condition:
            sql = f"SELECT d.product_id FROM {DOCUMENTS} d WHERE {condition}"
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT EXISTS ({sql})", params)
                if cursor.fetchone()[0]:
                    return Product.objects.filter(pk__in=RawSQL(sql, params))
        if parsed.typo:
            # Nothing matched word for word: names that hold a word like the phrase (a typo).
            sql = f"SELECT d.product_id FROM {DOCUMENTS} d WHERE word_similarity(%s, d.names) >= %s"
            return Product.objects.filter(pk__in=RawSQL(sql, [parsed.typo, TYPO_SIMILARITY]))
        return Product.objects.none()

    def products_rank(self, *, queryset: QuerySet, phrase: str) -> QuerySet:
        parsed = _Phrase(phrase)
        tiers, params = [], []
        if parsed.words:
            tiers += [
                f"WHEN ts_filter(d.vector, '{{a}}') @@ q THEN {RANK_NAME}",
                f"WHEN ts_filter(d.vector, '{{a,b}}') @@ q THEN {RANK_CONTEXT}",
                f"WHEN d.vector @@ q THEN {RANK_TEXT}",
            ]
        if parsed.substring:
            tiers.insert(0, f"WHEN d.names ILIKE %s THEN {RANK_NAME}")
            params.append(parsed.substring)
        if parsed.typo:
            tiers.append(f"WHEN word_similarity(%s, d.names) >= %s THEN {RANK_TYPO}")
            params += [parsed.typo, TYPO_SIMILARITY]
        if not tiers:
            return queryset.annotate(**{RANK_ANNOTATION: Value(0, output_field=IntegerField())})
        table = Product._meta.db_table
        sql = (
            f"SELECT (CASE {' '.join(tiers)} ELSE 0 END) + COALESCE(d.stars, 0) "
            f"FROM {DOCUMENTS} d, plainto_tsquery('simple', %s) q "
            f'WHERE d.product_id = "{table}"."id"'
        )
        rank = RawSQL(sql, [*params, parsed.words], output_field=IntegerField())
        return queryset.annotate(**{RANK_ANNOTATION: rank})

    def suggestions(self, *, text: str, language: str, limit: int) -> list[Suggestion]:
        typed = text_normalize(text).strip()
        if not typed:
            return []
        matches = Q(normalized__startswith=typed)
        if len(typed) >= MIN_SUBSTRING_LENGTH:
            matches |= Q(normalized__contains=typed)
        published = Product.objects.published().values("pk")
        places_with_goods = RawSQL(
            f"SELECT DISTINCT unnest(d.place_codes) FROM {DOCUMENTS} d WHERE d.product_id IN "
            f"(SELECT id FROM {Product._meta.db_table} WHERE is_published)",
            [],
        )
        rows = (
            SearchSuggestion.objects.filter(matches)
            .filter(
                Q(kind=SuggestionKind.PRODUCT, product_id__in=published)
                | (~Q(kind=SuggestionKind.PRODUCT) & Q(key__in=places_with_goods))
            )
            .annotate(
                is_prefix=Case(When(normalized__startswith=typed, then=1), default=0, output_field=IntegerField()),
                in_language=Case(When(language=language, then=1), default=0, output_field=IntegerField()),
            )
            .order_by("-is_prefix", "-in_language", "-weight", "normalized", "kind", "key")[: limit * 4]
        )
        found, seen = [], set()
        for row in rows:
            identity = (row.kind, row.key)
            if identity in seen:
                continue
            seen.add(identity)
            found.append(Suggestion(
                kind=row.kind, text=row.text, language=row.language, product_id=row.product_id,
                place_code=None if row.kind == SuggestionKind.PRODUCT else row.key,
            ))
            if len(found) == limit:
                break
        return found

    def did_you_mean(self, *, text: str) -> Optional[str]:
        chunks = text_normalize(text).split()
        chunk_words = [words(chunk) for chunk in chunks]
        every_word = {word for found in chunk_words for word in found}
        if not every_word or len(every_word) > MAX_CORRECTED_WORDS:
            return None
        known = set(SearchTerm.objects.filter(word__in=every_word).values_list("word", flat=True))
        corrections = {}
        with connection.cursor() as cursor:
            for word in sorted(every_word - known):
                if len(word) < MIN_TERM_LENGTH["thai" if THAI.search(word) else "other"] or word.isdigit():
                    continue
                cursor.execute(
                    f"SELECT word FROM {SearchTerm._meta.db_table} WHERE word %% %s "
                    "ORDER BY similarity(word, %s) DESC, length(word), word LIMIT 1",
                    [word, word],
                )
                row = cursor.fetchone()
                if row is not None:
                    corrections[word] = row[0]
        if not corrections:
            return None
        corrected = []
        for chunk, found in zip(chunks, chunk_words):
            if not any(word in corrections for word in found):
                corrected.append(chunk)
                continue
            joiner = "" if THAI.search(chunk) and " " not in chunk else " "
            corrected.append(joiner.join(corrections.get(word, word) for word in found))
        return " ".join(corrected)
