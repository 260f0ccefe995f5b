"""How well search finds the demo catalogue's goods: queries a shopper would type, each with
the products acceptable as its first result (otop_kernel/demo_catalogue.py). Precision is
the share of queries whose first result is one of them (`manage.py otop_search_precision`,
tests/search/test_precision.py)."""
from dataclasses import dataclass

from saleor.product.models import Product

from .engine import RANK_ANNOTATION
from .selectors import products_search

UMBRELLA = "bo-sang-saa-paper-umbrella"
DRIP_COFFEE = "doi-tung-drip-bags"
COFFEE = {DRIP_COFFEE, "doi-tung-arabica-beans"}
MUDMEE = "chonnabot-mudmee-silk-4m"
SILK_CLOTH = {MUDMEE, "praewa-silk-fabric-2m", "lamphun-brocade-silk-2m", "surin-hol-silk"}
PRAEWA = {"praewa-silk-shawl", "praewa-silk-fabric-2m"}

# (what is typed, why, first results accepted)
QUERIES = (
    ("ผ้าไหม", "Thai: silk cloth", SILK_CLOTH),
    ("ร่ม", "Thai: umbrella", {UMBRELLA}),
    ("น้ำพริก", "Thai: chili paste", {"bang-pla-ma-grilled-fish-chili-paste"}),
    ("กาแฟ", "Thai: coffee", COFFEE),
    ("ดอยตุง", "Thai: Doi Tung", COFFEE),
    ("กระดาษสา", "Thai: saa paper", {UMBRELLA}),
    ("มัดหมี่", "Thai: mudmee (OTOP term)", {MUDMEE}),
    ("บ่อสร้าง", "Thai: Bo Sang (OTOP term)", {UMBRELLA}),
    ("แพรวา", "Thai: Praewa", PRAEWA),
    ("ไข่เค็ม", "Thai: salted egg", {"chaiya-salted-eggs-6"}),
    ("ข้าวหอมมะลิ", "Thai: hom mali rice", {"thung-kula-hom-mali-1kg"}),
    ("ทุเรียน", "Thai: durian", {"freeze-dried-durian"}),
    ("เสื่อกก", "Thai: reed mat", {"chanthaburi-reed-mat"}),
    ("ม่อฮ่อม", "Thai with tone marks: mo hom", {"phrae-mo-hom-shirt"}),
    ("นํ้าพริก", "Thai, sara am typed as two characters", {"bang-pla-ma-grilled-fish-chili-paste"}),
    ("โอ่งมังกร", "Thai with tone marks: dragon jar", {"ratchaburi-dragon-jar-small"}),
    ("ไหม", "Thai word inside a compound (ผ้าไหม)", SILK_CLOTH | PRAEWA | {"lamphun-brocade-silk-scarf"}),
    ("กระดาษ", "Thai word inside a compound (กระดาษสา)", {UMBRELLA}),
    ("umbrella", "English", {UMBRELLA}),
    ("silk scarf", "English, two words", {"lamphun-brocade-silk-scarf"}),
    ("coffee", "English", COFFEE),
    ("fish sauce", "English, two words", {"rayong-anchovy-fish-sauce"}),
    ("elephant", "English", {"ban-tawai-teak-elephant"}),
    ("umbrela", "English, misspelt", {UMBRELLA}),
    ("cofee", "English, misspelt", {DRIP_COFFEE}),
    ("pinapple", "English, misspelt", {"phuket-pineapple-pair"}),
    ("Somjit", "producer's English name", {MUDMEE}),
    ("กลุ่มทำร่มบ่อสร้าง", "producer's Thai name", {UMBRELLA}),
    ("Auntie Daeng", "producer's English name", {"ayutthaya-roti-sai-mai"}),
    ("ขอนแก่น", "province, Thai", {MUDMEE}),
    ("Kalasin", "province, English", PRAEWA),
    ("สุรินทร์", "province, Thai", {"surin-hol-silk"}),
    ("Phuket", "province, English", {"phuket-pineapple-pair", "phuket-batik-sarong"}),
    ("ชนบท", "district, Thai", {MUDMEE}),
    ("San Kamphaeng", "district, English", {UMBRELLA}),
    ("Praewa Kalasin silk", "geographical indication", PRAEWA),
    ("紙傘", "Japanese name", {UMBRELLA}),
    ("烏龍茶", "Japanese name", {"mae-salong-oolong"}),
    ("咖啡", "Chinese name", {DRIP_COFFEE}),
    ("丝绸", "Chinese name", {MUDMEE}),
    ("OTOP-PRAEWA-SILK-SHAWL", "SKU", {"praewa-silk-shawl"}),
)


@dataclass(frozen=True)
class QueryResult:
    query: str
    why: str
    expected: frozenset
    first: str | None

    @property
    def hit(self) -> bool:
        return self.first in self.expected


def first_result(phrase: str) -> str | None:
    found = products_search(queryset=Product.objects.published(), phrase=phrase)
    return found.order_by(f"-{RANK_ANNOTATION}", "-pk").values_list("slug", flat=True).first()


def search_precision() -> tuple[float, list[QueryResult]]:
    results = [
        QueryResult(query=query, why=why, expected=frozenset(expected), first=first_result(query))
        for query, why, expected in QUERIES
    ]
    return sum(result.hit for result in results) / len(results), results
