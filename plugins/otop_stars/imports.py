"""Import of official OTOP Product Champion result files (the data.go.th OPC shape).

A file has one row per rated product: product, producer, province, category, stars and
round year, under Thai or English headers (HEADER_ALIASES). Each row ends as

- matched: exactly one product fits; its certification of that round is recorded, or was
  already recorded with the same stars (so a second run of a file changes nothing);
- unmatched: no product fits, or several do (the reason says which);
- rejected: a value is unusable (stars outside 1-5, unknown category, a round year outside
  2003-now, ...) or the row contradicts what is recorded.

Matching: names are compared after Unicode NFC normalisation, case folding and whitespace
collapsing. The product name must equal the product's name or one of its translations (so a
Thai or an English name both match). When the row names a producer, the product must belong
to a producer (producer_channels) whose Thai or English name equals it, or its provenance must
name that producer group. When the row names a province, the product's provenance tambon (or
else its producer's home tambon) must lie in a province whose Thai or English name or DOPA code
equals it ("จังหวัด"/"จ." and "Province" are ignored). A criterion is skipped when the
row leaves its column empty.
"""
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from saleor.product.models import Product, ProductTranslation

from otop_kernel.otop_categories import OtopCategory
from otop_kernel.producer_access import producer_access
from plugins.provenance import selectors as provenance_selectors

from .error_codes import OtopStarsErrorCode
from .models import (
    BUDDHIST_ERA_OFFSET,
    FIRST_ROUND_YEAR,
    MAX_STARS,
    MIN_STARS,
    Certification,
    CertificationImportJob,
    CertificationStatus,
    ImportJobStatus,
)
from .plugin import StarsConfiguration
from .selectors import stars_configuration
from .services import certification_grant

MATCHED = "matched"
UNMATCHED = "unmatched"
REJECTED = "rejected"

REQUIRED_COLUMNS = ("product", "category", "stars", "round_year")

HEADER_ALIASES: dict[str, list[str]] = {
    "product": [
        "product", "product name", "name", "otop product",
        "ชื่อผลิตภัณฑ์", "ผลิตภัณฑ์", "ชื่อสินค้า", "สินค้า", "ชื่อผลิตภัณฑ์ otop",
    ],
    "producer": [
        "producer", "producer name", "producer group", "entrepreneur",
        "ผู้ผลิต", "ชื่อผู้ผลิต", "ผู้ประกอบการ", "ชื่อผู้ประกอบการ", "ผู้ผลิต ผู้ประกอบการ",
        "ชื่อผู้ผลิต ผู้ประกอบการ", "ชื่อกลุ่ม", "กลุ่มผู้ผลิต", "ชื่อกลุ่ม ผู้ประกอบการ",
    ],
    "province": ["province", "province name", "จังหวัด", "ชื่อจังหวัด"],
    "category": [
        "category", "otop category", "product category", "type", "product type",
        "ประเภท", "ประเภทผลิตภัณฑ์", "หมวด", "หมวดหมู่", "หมวดผลิตภัณฑ์", "กลุ่มผลิตภัณฑ์",
    ],
    "stars": [
        "stars", "star", "star level", "star rating", "rating", "level",
        "ระดับดาว", "ดาว", "จำนวนดาว", "ระดับ", "ผลการคัดสรร", "ระดับการคัดสรร",
    ],
    "round_year": [
        "round year", "round", "year", "selection year",
        "ปี", "ปีที่คัดสรร", "ปีคัดสรร", "ปีการคัดสรร", "รอบปี", "รอบการคัดสรร", "ปี พ ศ",
        "ปีที่คัดสรร พ ศ",
    ],
    "certificate_number": [
        "certificate number", "certificate no", "certificate", "certificate id",
        "เลขที่ใบรับรอง", "เลขที่ใบประกาศ", "เลขที่",
    ],
    "score": ["score", "points", "คะแนน", "คะแนนรวม"],
}

CATEGORY_ALIASES: dict[str, list[str]] = {
    OtopCategory.FOOD: ["food", "foods", "อาหาร"],
    OtopCategory.BEVERAGE: ["beverage", "beverages", "drink", "drinks", "เครื่องดื่ม"],
    OtopCategory.TEXTILE: [
        "textile", "textiles", "garment", "garments", "textiles and garments",
        "textile and garment", "textiles and clothing", "ผ้า", "ผ้าเครื่องแต่งกาย",
        "ผ้าและเครื่องแต่งกาย", "เครื่องแต่งกาย",
    ],
    OtopCategory.HOUSEHOLD: [
        "household", "household goods", "decorative", "souvenir", "souvenirs", "handicraft",
        "household decorative and souvenir goods", "household decorative souvenir",
        "ของใช้", "ของใช้ของตกแต่งของที่ระลึก", "ของใช้ของตกแต่งและของที่ระลึก",
        "ของใช้ของประดับตกแต่งของที่ระลึก", "ของใช้ของประดับตกแต่งและของที่ระลึก",
        "ของที่ระลึก",
    ],
    OtopCategory.HERBAL: [
        "herbal", "herb", "herbs", "herbal products", "herbal products other than food",
        "herbal products not food", "herbal non food", "สมุนไพร", "สมุนไพรที่ไม่ใช่อาหาร",
        "สมุนไพรที่ไม่ใช่อาหารและยา",
    ],
}

PROVINCE_PREFIXES = ("จังหวัด", "จ.")
PROVINCE_SUFFIX = " province"


class ImportFileError(Exception):
    def __init__(self, message: str, code: OtopStarsErrorCode):
        super().__init__(message)
        self.message = message
        self.code = code


def normalise(text) -> str:
    text = unicodedata.normalize("NFC", str(text or "")).replace("\ufeff", "")
    return " ".join(text.casefold().split())


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[_\-/.()\[\]:]+", " ", normalise(text)).split())


def _category_key(text: str) -> str:
    text = normalise(text).replace(" and ", " ").replace("และ", "")
    return re.sub(r"[\s,/&()\-.]+", "", text)


HEADER_MAP: dict[str, str] = {
    _header_key(alias): column for column, aliases in HEADER_ALIASES.items() for alias in aliases
}

CATEGORY_MAP: dict[str, str] = {}
for _category in OtopCategory:
    CATEGORY_MAP[_category_key(_category.value)] = _category.value
    for _label_part in str(_category.label).split(" / "):
        CATEGORY_MAP[_category_key(_label_part)] = _category.value
for _category, _aliases in CATEGORY_ALIASES.items():
    for _alias in _aliases:
        CATEGORY_MAP[_category_key(_alias)] = str(_category.value)


# Read as cp874, a file in another 8-bit code page (Latin-1 "Café", "Peña") turns its
# accented letters into Thai signs glued to Latin letters, which Thai text never has:
# a Thai character next to an ASCII letter, or a Thai combining mark after a non-Thai one.
_THAI = "\u0e01-\u0e5b"
_THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_NOT_THAI_TEXT = re.compile(f"[A-Za-z][{_THAI}]|[{_THAI}][A-Za-z]|(?:^|[^{_THAI}])[{_THAI_MARKS}]", re.M)


def decode_csv_bytes(data: bytes) -> str:
    """Official files come in UTF-8 (often with a BOM) or in the Thai Windows code page.

    Anything else is refused rather than guessed: cp874 gives a character to almost
    every byte, so a file is taken as cp874 only when it reads as Thai text."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is None or _NOT_THAI_TEXT.search(text):
        raise ImportFileError(
            "The file is neither UTF-8 nor Thai (TIS-620/cp874) text: save it as UTF-8.", OtopStarsErrorCode.INVALID_FILE
        )
    return text


@dataclass
class ParsedFile:
    columns: dict[str, int]
    rows: list[list[str]]
    # Line number in the file of each row (the header is line 1).
    lines: list[int]


def parse_csv_text(text: str) -> ParsedFile:
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", "\t", ";"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty.", OtopStarsErrorCode.INVALID_FILE)
    except csv.Error as error:
        raise ImportFileError(f"The file is not CSV: {error}.", OtopStarsErrorCode.INVALID_FILE)
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        column = HEADER_MAP.get(_header_key(title))
        if column and column not in columns:
            columns[column] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        accepted = "; ".join(
            f"{column}: {', '.join(HEADER_ALIASES[column][:4])}, ..." for column in missing
        )
        raise ImportFileError(
            f"Columns missing: {', '.join(missing)} (accepted headers - {accepted}).",
            OtopStarsErrorCode.MISSING_COLUMNS,
        )
    rows, lines = [], []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as error:
        raise ImportFileError(
            f"Line {reader.line_num} is not valid CSV: {error}.", OtopStarsErrorCode.INVALID_FILE
        )
    return ParsedFile(columns=columns, rows=rows, lines=lines)


@dataclass
class RowOutcome:
    line: int
    outcome: str
    product: str
    reason: str = ""
    product_id: int | None = None
    certificate_number: str = ""
    created: bool = False


@dataclass
class ImportReport:
    rows: list[RowOutcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def created_count(self) -> int:
        return sum(1 for row in self.rows if row.created)

    def as_json(self) -> list[dict]:
        return [asdict(row) for row in self.rows]


class RowRejected(Exception):
    pass


def parse_stars(text: str) -> int:
    digits = re.search(r"\d+", text)
    if digits:
        stars = int(digits.group())
    else:
        stars = text.count("★") or text.count("*")
    if not MIN_STARS <= stars <= MAX_STARS:
        raise RowRejected(f"stars must be {MIN_STARS} to {MAX_STARS}, got {text!r}")
    return stars


def parse_round_year(text: str) -> int:
    """A year of the Common Era or of the Buddhist era (as Thai files give it)."""
    digits = re.search(r"\d{4}", text)
    if not digits:
        raise RowRejected(f"the round year {text!r} is not a year")
    year = int(digits.group())
    if year > 2400:
        year -= BUDDHIST_ERA_OFFSET
    this_year = timezone.localdate().year
    if not FIRST_ROUND_YEAR <= year <= this_year:
        raise RowRejected(f"the round year must be {FIRST_ROUND_YEAR} to {this_year}, got {text!r}")
    return year


def parse_category(text: str) -> str:
    category = CATEGORY_MAP.get(_category_key(text))
    if category is None:
        raise RowRejected(f"unknown OTOP category {text!r}")
    return category


def _province_key(text: str) -> str:
    key = normalise(text)
    for prefix in PROVINCE_PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):].strip()
    if key.endswith(PROVINCE_SUFFIX):
        key = key[: -len(PROVINCE_SUFFIX)].strip()
    return key


@dataclass
class ProductFacts:
    producer_names: set[str] = field(default_factory=set)
    province_keys: set[str] = field(default_factory=set)


class ProductMatcher:
    """Finds the product a row names; loads what it needs for the whole file up front."""

    def __init__(self, product_names: Iterable[str]):
        wanted = {normalise(name) for name in product_names if normalise(name)}
        self.ids_by_name: dict[str, set[int]] = {}
        for product_id, name in Product.objects.values_list("pk", "name").iterator():
            key = normalise(name)
            if key in wanted:
                self.ids_by_name.setdefault(key, set()).add(product_id)
        for product_id, name in ProductTranslation.objects.values_list("product_id", "name").iterator():
            key = normalise(name)
            if key in wanted:
                self.ids_by_name.setdefault(key, set()).add(product_id)
        candidate_ids = set().union(*self.ids_by_name.values()) if self.ids_by_name else set()
        self.facts = self._load_facts(candidate_ids)

    @staticmethod
    def _load_facts(product_ids: set[int]) -> dict[int, ProductFacts]:
        facts = {product_id: ProductFacts() for product_id in product_ids}
        if not product_ids:
            return facts
        home_subdistricts: dict[int, str] = {}
        for product_id, producer in producer_access().producers_of_products(product_ids=product_ids).items():
            for name in (producer.name_th, producer.name_en):
                if normalise(name):
                    facts[product_id].producer_names.add(normalise(name))
            if producer.home_subdistrict_id:
                home_subdistricts[product_id] = producer.home_subdistrict_id
        provenances = provenance_selectors.provenances_by_product_ids(product_ids=product_ids)
        for product_id, provenance in provenances.items():
            if normalise(provenance.producer_group_name):
                facts[product_id].producer_names.add(normalise(provenance.producer_group_name))
            facts[product_id].province_keys |= _province_keys(provenance.subdistrict.district.province)
        missing_province = {
            product_id: code for product_id, code in home_subdistricts.items() if not facts[product_id].province_keys
        }
        if missing_province:
            provinces = provenance_selectors.provinces_by_subdistrict_codes(codes=set(missing_province.values()))
            for product_id, code in missing_province.items():
                if code in provinces:
                    facts[product_id].province_keys |= _province_keys(provinces[code])
        return facts

    def match(self, *, product: str, producer: str, province: str) -> int:
        """The one product the row names; raises LookupError saying why there is none."""
        described = f"no product named {product!r}"
        candidates = sorted(self.ids_by_name.get(normalise(product), ()))
        if candidates and normalise(producer):
            candidates = [pk for pk in candidates if normalise(producer) in self.facts[pk].producer_names]
            described += f" by producer {producer!r}"
        if candidates and _province_key(province):
            candidates = [pk for pk in candidates if _province_key(province) in self.facts[pk].province_keys]
            described += f" in province {province!r}"
        if not candidates:
            raise LookupError(described)
        if len(candidates) > 1:
            ids = ", ".join(str(pk) for pk in candidates)
            raise LookupError(f"{len(candidates)} products fit (ids {ids}); cannot tell which one is meant")
        return candidates[0]


def _province_keys(province) -> set[str]:
    return {
        key
        for key in (_province_key(province.name_th), _province_key(province.name_en), province.code)
        if key
    }


def _cell(row: list[str], columns: dict[str, int], column: str) -> str:
    index = columns.get(column)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _generated_certificate_number(*, round_year: int, product_id: int) -> str:
    return f"OPC-{round_year}-P{product_id}"


def _import_row(
    *,
    row: list[str],
    line: int,
    columns: dict[str, int],
    matcher: ProductMatcher,
    actor,
    job: CertificationImportJob | None,
    configuration: StarsConfiguration,
    source: str,
) -> RowOutcome:
    product_name = _cell(row, columns, "product")
    outcome = RowOutcome(line=line, outcome=REJECTED, product=product_name)
    if not product_name:
        outcome.reason = "the product name is empty"
        return outcome
    try:
        stars = parse_stars(_cell(row, columns, "stars"))
        round_year = parse_round_year(_cell(row, columns, "round_year"))
        category = parse_category(_cell(row, columns, "category"))
    except RowRejected as error:
        outcome.reason = str(error)
        return outcome
    score = _cell(row, columns, "score") or None
    try:
        product_id = matcher.match(
            product=product_name,
            producer=_cell(row, columns, "producer"),
            province=_cell(row, columns, "province"),
        )
    except LookupError as error:
        outcome.outcome = UNMATCHED
        outcome.reason = str(error)
        return outcome
    outcome.product_id = product_id
    same_round = (
        Certification.objects.filter(product_id=product_id, round_year=round_year)
        .exclude(status=CertificationStatus.REVOKED)
        .first()
    ) or Certification.objects.filter(product_id=product_id, round_year=round_year).first()
    if same_round is not None:
        outcome.certificate_number = same_round.certificate_number
        if same_round.status == CertificationStatus.REVOKED:
            outcome.reason = (
                f"certification {same_round.certificate_number} of the {round_year} round was "
                f"revoked ({same_round.status_reason}); an import does not grant it again"
            )
            return outcome
        if same_round.stars != stars:
            outcome.reason = (
                f"certification {same_round.certificate_number} records {same_round.stars} stars "
                f"for the {round_year} round, the file {stars}; staff correct it "
                "(certificationCorrect) if the file is right"
            )
            return outcome
        outcome.outcome = MATCHED
        outcome.reason = f"already recorded as {same_round.certificate_number}"
        return outcome
    certificate_number = _cell(row, columns, "certificate_number") or _generated_certificate_number(
        round_year=round_year, product_id=product_id
    )
    try:
        certification = certification_grant(
            product=Product.objects.get(pk=product_id),
            stars=stars,
            round_year=round_year,
            certificate_number=certificate_number,
            category=category,
            score=score,
            actor=actor,
            import_job=job,
            note=f"Imported from {source}, line {line}.",
            configuration=configuration,
        )
    except ValidationError as error:
        outcome.reason = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        return outcome
    outcome.outcome = MATCHED
    outcome.certificate_number = certification.certificate_number
    outcome.created = True
    outcome.reason = f"recorded as {certification.certificate_number}"
    return outcome


def certification_import(
    *,
    text: str,
    actor=None,
    job: CertificationImportJob | None = None,
    source: str = "a file",
    on_start: Callable[[int], None] | None = None,
    on_row: Callable[[RowOutcome], None] | None = None,
) -> ImportReport:
    """Import an official result file; every row's outcome is in the report. Each matched
    row is written in its own transaction, so one bad row does not undo the others."""
    parsed = parse_csv_text(text)
    if on_start is not None:
        on_start(len(parsed.rows))
    configuration = stars_configuration()
    matcher = ProductMatcher(_cell(row, parsed.columns, "product") for row in parsed.rows)
    report = ImportReport()
    for row, line in zip(parsed.rows, parsed.lines):
        outcome = _import_row(
            row=row,
            line=line,
            columns=parsed.columns,
            matcher=matcher,
            actor=actor,
            job=job,
            configuration=configuration,
            source=source,
        )
        report.rows.append(outcome)
        if on_row is not None:
            on_row(outcome)
    return report


def certification_import_job_create(*, text: str, file_name: str, actor) -> CertificationImportJob:
    """Store a file to import and queue its import."""
    from .tasks import certification_import_task

    parse_csv_text(text)
    job = CertificationImportJob.objects.create(
        content=text, file_name=file_name[:255], created_by=actor if actor.is_authenticated else None
    )
    transaction.on_commit(lambda: certification_import_task.delay(job.pk))
    return job


def certification_import_job_run(*, job_id: int) -> CertificationImportJob:
    with transaction.atomic():
        job = CertificationImportJob.objects.select_for_update().get(pk=job_id)
        if job.status != ImportJobStatus.PENDING:
            return job
        job.status = ImportJobStatus.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["status", "started_at"])
    progress = {MATCHED: 0, UNMATCHED: 0, REJECTED: 0}

    def started(row_count: int) -> None:
        CertificationImportJob.objects.filter(pk=job.pk).update(row_count=row_count)

    def row_done(outcome: RowOutcome) -> None:
        # The counts so far, for the back office's progress bar (each row is its own transaction).
        progress[outcome.outcome] = progress.get(outcome.outcome, 0) + 1
        CertificationImportJob.objects.filter(pk=job.pk).update(
            matched_count=progress[MATCHED], unmatched_count=progress[UNMATCHED], rejected_count=progress[REJECTED]
        )

    try:
        report = certification_import(
            text=job.content,
            actor=job.created_by,
            job=job,
            source=f"import job {job.pk} ({job.file_name or 'pasted text'})",
            on_start=started,
            on_row=row_done,
        )
    except ImportFileError as error:
        job.status = ImportJobStatus.FAILED
        job.error = error.message
    except Exception as error:
        job.status = ImportJobStatus.FAILED
        job.error = f"The import stopped: {error}"
        job.finished_at = timezone.now()
        job.save()
        raise
    else:
        job.status = ImportJobStatus.SUCCEEDED
        job.row_count = len(report.rows)
        job.matched_count = report.count(MATCHED)
        job.unmatched_count = report.count(UNMATCHED)
        job.rejected_count = report.count(REJECTED)
        job.created_count = report.created_count
        job.report = report.as_json()
    job.finished_at = timezone.now()
    job.save()
    return job
