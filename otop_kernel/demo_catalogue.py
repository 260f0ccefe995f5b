"""The demo catalogue: OTOP goods, their producers and the Saleor objects built from them.

`manage.py otop_demo` (and `make demo`) builds Saleor objects from `PRODUCTS`/`PRODUCERS`
(see saleor_otop/demo.py), attaches them to a `DemoCatalogue`, then calls each plugin's
optional `plugins/<p>/devtools/demo.py: demo_load(*, catalogue: DemoCatalogue, log)` in the order
provenance, otop_stars, producer_channels, export_markets, curation. A plugin reads what it
needs from the catalogue, e.g.

    for demo_product, product in catalogue.items:          # (DemoProduct, saleor Product)
        provenance_set(product=product, subdistrict_code=demo_product.subdistrict_code, ...)
    for producer in catalogue.producers:                   # DemoProducer
        products = catalogue.products_of_producer(producer.key)

`demo_load` must be idempotent (the demo runs at every `make demo`): get_or_create / update
by natural keys. `log(message)` prints a line to the demo's output.

Codes are real: `subdistrict_code` is a 6-digit DOPA code (geothai), `hs_code` a 6-digit
HS code of the right chapter, `gi_key` a key of `GEOGRAPHICAL_INDICATIONS` (registered Thai GIs,
each in its own province), `stars`/`star_year` an official OTOP Product Champion rating round.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from otop_kernel.otop_categories import OtopCategory

COMMUNITY_GROUP = "community_group"
INDIVIDUAL = "individual"
SMALL_FIRM = "small_firm"
PRODUCER_KINDS = (COMMUNITY_GROUP, INDIVIDUAL, SMALL_FIRM)


@dataclass(frozen=True)
class DemoGeographicalIndication:
    key: str  # also a slug
    name_th: str
    name_en: str
    province_codes: tuple  # DOPA 2-digit codes of the provinces the GI covers
    kind: str  # "AGRICULTURAL" or "HANDICRAFT"


@dataclass(frozen=True)
class DemoProducer:
    key: str
    name_th: str
    name_en: str
    kind: str  # one of PRODUCER_KINDS
    subdistrict_code: str  # home tambon, 6-digit DOPA code
    contact_email: str

    @property
    def province_code(self) -> str:
        return self.subdistrict_code[:2]


@dataclass(frozen=True)
class DemoProduct:
    key: str  # also the Saleor product slug
    name_en: str
    name_th: str
    description_en: str
    description_th: str
    category: OtopCategory
    price: Decimal  # THB, 2 decimals
    weight_grams: int
    subdistrict_code: str  # where it is made, 6-digit DOPA code
    producer_key: str
    stars: int  # official OTOP star level, 1-5
    star_year: int  # the rating round (2019, 2022, 2024)
    hs_code: str  # 6 digits
    gi_key: str | None = None

    @property
    def province_code(self) -> str:
        return self.subdistrict_code[:2]

    @property
    def sku(self) -> str:
        return f"OTOP-{self.key.upper()}"


@dataclass
class DemoCatalogue:
    """The demo data plus the Saleor objects the demo built from it.

    `items`: (DemoProduct, saleor Product) pairs, in PRODUCTS order; each product has one
    variant (`product.variants.first()`, sku `DemoProduct.sku`) stocked in `warehouse`.
    `categories`: {OtopCategory value: saleor Category}. `staff_user`: the demo superuser.
    """

    products: tuple = ()
    producers: tuple = ()
    geographical_indications: tuple = ()
    items: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)
    product_type: Any = None
    warehouse: Any = None
    domestic_zone: Any = None
    international_zone: Any = None
    domestic_shipping_method: Any = None
    international_shipping_method: Any = None
    staff_user: Any = None

    def producer(self, key: str) -> DemoProducer:
        for producer in self.producers:
            if producer.key == key:
                return producer
        raise KeyError(key)

    def products_of_producer(self, key: str) -> list:
        """The (DemoProduct, saleor Product) pairs made by one producer."""
        return [(item, product) for item, product in self.items if item.producer_key == key]

    def saleor_product(self, key: str):
        for item, product in self.items:
            if item.key == key:
                return product
        raise KeyError(key)


def catalogue() -> DemoCatalogue:
    """The demo data, without Saleor objects yet."""
    return DemoCatalogue(
        products=PRODUCTS, producers=PRODUCERS, geographical_indications=GEOGRAPHICAL_INDICATIONS
    )



_GI = DemoGeographicalIndication
GEOGRAPHICAL_INDICATIONS = (
    _GI("praewa-kalasin-silk", "ผ้าไหมแพรวากาฬสินธุ์", "Praewa Kalasin silk", ("46",), "HANDICRAFT"),
    _GI("ratchaburi-dragon-jar", "โอ่งมังกรราชบุรี", "Ratchaburi dragon jar", ("70",), "HANDICRAFT"),
    _GI("phetchaburi-palm-sugar", "น้ำตาลโตนดเมืองเพชร", "Phetchaburi palm sugar", ("76",), "AGRICULTURAL"),
    _GI("lamphun-brocade-silk", "ผ้าไหมยกดอกลำพูน", "Lamphun brocade silk", ("51",), "HANDICRAFT"),
    _GI("doi-tung-coffee", "กาแฟดอยตุง", "Doi Tung coffee", ("57",), "AGRICULTURAL"),
    _GI(
        "thung-kula-rong-hai-hom-mali-rice",
        "ข้าวหอมมะลิทุ่งกุลาร้องไห้",
        "Thung Kula Rong Hai Thai hom mali rice",
        ("45", "32", "33", "35", "44"),
        "AGRICULTURAL",
    ),
    _GI("dan-kwian-pottery", "เครื่องปั้นดินเผาด่านเกวียน", "Dan Kwian pottery", ("30",), "HANDICRAFT"),
    _GI("chaiya-salted-egg", "ไข่เค็มไชยา", "Chaiya salted egg", ("84",), "AGRICULTURAL"),
    _GI("phuket-pineapple", "สับปะรดภูเก็ต", "Phuket pineapple", ("83",), "AGRICULTURAL"),
    _GI(
        "lamphun-golden-dried-longan",
        "ลำไยอบแห้งเนื้อสีทองลำพูน",
        "Lamphun golden dried longan",
        ("51",),
        "AGRICULTURAL",
    ),
)

_Producer = DemoProducer
PRODUCERS = (
    # North
    _Producer("bo-sang-umbrella", "กลุ่มทำร่มบ่อสร้าง", "Bo Sang Umbrella Makers Group", COMMUNITY_GROUP, "501312", "bosang.umbrella@otop.example"),
    _Producer("ban-tawai-woodcraft", "บ้านถวายหัตถศิลป์", "Ban Tawai Woodcraft Co.", SMALL_FIRM, "501505", "sales@tawai-woodcraft.example"),
    _Producer("doi-tung-highland", "วิสาหกิจชุมชนกาแฟดอยตุง", "Doi Tung Highland Growers Community Enterprise", COMMUNITY_GROUP, "571504", "coffee@doitung-highland.example"),
    _Producer("mae-salong-tea", "ไร่ชาแม่สลองของคุณหลี่", "Mr Li's Mae Salong Tea Garden", INDIVIDUAL, "571502", "li.tea@maesalong.example"),
    _Producer("pa-sang-yok-dok", "กลุ่มทอผ้าไหมยกดอกป่าซาง", "Pa Sang Brocade Silk Weavers", COMMUNITY_GROUP, "510602", "yokdok@pasang.example"),
    _Producer("thai-lue-pa-kha", "กลุ่มทอผ้าไทลื้อบ้านหนองบัว", "Ban Nong Bua Thai Lue Weavers", COMMUNITY_GROUP, "550602", "thailue@nongbua.example"),
    _Producer("phrae-mo-hom", "ม่อฮ่อมป้าแสงดา", "Auntie Saengda's Mo Hom Indigo", INDIVIDUAL, "540105", "saengda.mohom@otop.example"),
    _Producer("lampang-ceramics", "เซรามิกลำปางชมพู", "Chomphu Lampang Ceramics Ltd.", SMALL_FIRM, "520106", "info@chomphu-ceramics.example"),
    # Northeast
    _Producer("ban-phon-praewa", "กลุ่มทอผ้าไหมแพรวาบ้านโพน", "Ban Phon Praewa Silk Weavers", COMMUNITY_GROUP, "461002", "praewa@banphon.example"),
    _Producer("chonnabot-mudmee", "ไหมมัดหมี่คุณสมจิต", "Somjit Chonnabot Mudmee Silk", INDIVIDUAL, "401801", "somjit.mudmee@otop.example"),
    _Producer("ban-chiang-heritage", "กลุ่มหัตถกรรมบ้านเชียง", "Ban Chiang Heritage Crafts Group", COMMUNITY_GROUP, "410609", "crafts@banchiang.example"),
    _Producer("dan-kwian-pottery", "วิสาหกิจชุมชนเครื่องปั้นดินเผาด่านเกวียน", "Dan Kwian Pottery Community Enterprise", COMMUNITY_GROUP, "300710", "pottery@dankwian.example"),
    _Producer("pa-ao-brass", "กลุ่มหล่อทองเหลืองบ้านปะอาว", "Ban Pa Ao Lost-Wax Brass Group", COMMUNITY_GROUP, "340120", "brass@pa-ao.example"),
    _Producer("surin-tha-sawang-silk", "กลุ่มทอผ้าไหมบ้านท่าสว่าง", "Tha Sawang Royal Silk Weavers", COMMUNITY_GROUP, "320105", "silk@thasawang.example"),
    _Producer("kaset-wisai-rice", "วิสาหกิจชุมชนข้าวหอมมะลิเกษตรวิสัย", "Kaset Wisai Hom Mali Rice Farmers", COMMUNITY_GROUP, "450201", "rice@kasetwisai.example"),
    _Producer("phanna-indigo", "กลุ่มผ้าย้อมครามพรรณา", "Phanna Natural Indigo Group", COMMUNITY_GROUP, "470401", "indigo@phanna.example"),
    _Producer("si-than-pillows", "กลุ่มหมอนขิดบ้านศรีฐาน", "Ban Si Than Khit Pillow Makers", COMMUNITY_GROUP, "350505", "pillows@sithan.example"),
    _Producer("yang-chum-noi-shallot", "หอมแดงยางชุมน้อย", "Yang Chum Noi Shallot Growers", COMMUNITY_GROUP, "330201", "shallot@yangchumnoi.example"),
    # Central
    _Producer("ban-bat-bowls", "ชุมชนบ้านบาตร", "Ban Bat Alms Bowl Makers", COMMUNITY_GROUP, "100804", "bowls@banbat.example"),
    _Producer("aranyik-forge", "โรงตีมีดอรัญญิก", "Aranyik Forge Co.", SMALL_FIRM, "140302", "forge@aranyik.example"),
    _Producer("pratu-chai-roti", "โรตีสายไหมป้าแดง", "Auntie Daeng's Roti Sai Mai", INDIVIDUAL, "140101", "auntie.daeng@otop.example"),
    _Producer("ekkarat-drums", "กลุ่มทำกลองบ้านเอกราช", "Ban Ekkarat Drum Makers", COMMUNITY_GROUP, "150307", "drums@ekkarat.example"),
    _Producer("nakhon-chai-si-pomelo", "กลุ่มแม่บ้านส้มโอนครชัยศรี", "Nakhon Chai Si Pomelo Housewives Group", COMMUNITY_GROUP, "730301", "pomelo@nakhonchaisi.example"),
    _Producer("bang-pla-ma-chili", "น้ำพริกบางปลาม้า", "Bang Pla Ma Chili Paste Kitchen", INDIVIDUAL, "720402", "chili@bangplama.example"),
    _Producer("hat-siao-weavers", "กลุ่มทอผ้าตีนจกหาดเสี้ยว", "Hat Siao Teen Jok Weavers", COMMUNITY_GROUP, "640501", "teenjok@hatsiao.example"),
    _Producer("sangkhalok-kilns", "สังคโลกศรีสัชนาลัย", "Si Satchanalai Sangkhalok Kilns", SMALL_FIRM, "640508", "kilns@sangkhalok.example"),
    _Producer("bang-krathum-banana", "วิสาหกิจชุมชนกล้วยตากบางกระทุ่ม", "Bang Krathum Sun-Dried Banana Enterprise", COMMUNITY_GROUP, "650501", "banana@bangkrathum.example"),
    _Producer("ko-kret-pottery", "กลุ่มเครื่องปั้นดินเผาเกาะเกร็ด", "Ko Kret Mon Pottery Group", COMMUNITY_GROUP, "120608", "pottery@kokret.example"),
    _Producer("amphawa-coconut", "น้ำตาลมะพร้าวอัมพวา", "Amphawa Coconut Sugar Group", COMMUNITY_GROUP, "750301", "sugar@amphawa.example"),
    # East
    _Producer("bang-sa-kao-reed", "กลุ่มทอเสื่อกกบางสระเก่า", "Bang Sa Kao Reed Mat Weavers", COMMUNITY_GROUP, "220606", "reed@bangsakao.example"),
    _Producer("khitchakut-orchard", "สวนผลไม้เขาคิชฌกูฏ", "Khitchakut Orchard Products Ltd.", SMALL_FIRM, "221002", "orchard@khitchakut.example"),
    _Producer("rayong-fish-sauce", "น้ำปลาปากน้ำระยอง", "Pak Nam Rayong Fish Sauce", SMALL_FIRM, "210104", "sauce@paknam-rayong.example"),
    _Producer("trat-herbal", "กลุ่มสมุนไพรท่าพริก", "Tha Phrik Herbal Group", COMMUNITY_GROUP, "230110", "herbs@thaphrik.example"),
    _Producer("phanat-nikhom-basketry", "กลุ่มจักสานพนัสนิคม", "Phanat Nikhom Basketry Group", COMMUNITY_GROUP, "200601", "basketry@phanat.example"),
    _Producer("dong-phra-ram-herbs", "สมุนไพรดงพระราม", "Dong Phra Ram Herb Growers", COMMUNITY_GROUP, "250107", "herbs@dongphraram.example"),
    # West
    _Producer("ratchaburi-jars", "โอ่งมังกรหน้าเมือง", "Na Mueang Dragon Jar Works", SMALL_FIRM, "700101", "jars@namueang.example"),
    _Producer("khu-bua-jok", "กลุ่มทอผ้าจกไทยวนคูบัว", "Khu Bua Tai Yuan Jok Weavers", COMMUNITY_GROUP, "700120", "jok@khubua.example"),
    _Producer("damnoen-coconut", "น้ำมะพร้าวดำเนินสะดวก", "Damnoen Saduak Coconut Farm", INDIVIDUAL, "700401", "coconut@damnoen.example"),
    _Producer("ban-lat-palm-sugar", "วิสาหกิจชุมชนตาลโตนดบ้านลาด", "Ban Lat Toddy Palm Community Enterprise", COMMUNITY_GROUP, "760601", "palm@banlat.example"),
    _Producer("tha-rap-desserts", "ขนมหม้อแกงแม่บุญ", "Mae Boon's Khanom Mo Kaeng", INDIVIDUAL, "760101", "maeboon@otop.example"),
    _Producer("sai-yok-honey", "น้ำผึ้งป่าไทรโยค", "Sai Yok Wild Honey Collectors", COMMUNITY_GROUP, "710204", "honey@saiyok.example"),
    _Producer("mae-ramat-karen", "กลุ่มทอผ้ากะเหรี่ยงแม่ระมาด", "Mae Ramat Karen Weavers", COMMUNITY_GROUP, "630401", "karen@maeramat.example"),
    _Producer("sam-roi-yot-coconut", "น้ำมันมะพร้าวสามร้อยยอด", "Sam Roi Yot Virgin Coconut Oil", INDIVIDUAL, "770801", "oil@samroiyot.example"),
    # South
    _Producer("ko-yo-weavers", "กลุ่มทอผ้าเกาะยอ", "Ko Yo Loom Weavers", COMMUNITY_GROUP, "900106", "loom@koyo.example"),
    _Producer("sathing-phra-palm", "ตาลโตนดคูขุด", "Khu Khut Tanot Palm Group", COMMUNITY_GROUP, "900207", "palm@khukhut.example"),
    _Producer("khiriwong-dyes", "กลุ่มมัดย้อมสีธรรมชาติคีรีวง", "Khiriwong Natural Dye Group", COMMUNITY_GROUP, "800304", "dyes@khiriwong.example"),
    _Producer("yan-lipao-tha-ruea", "ย่านลิเภาท่าเรือ", "Tha Ruea Yan Lipao Weavers", COMMUNITY_GROUP, "800122", "yanlipao@tharuea.example"),
    _Producer("chaiya-salted-egg", "กลุ่มไข่เค็มไชยา", "Chaiya Salted Egg Group", COMMUNITY_GROUP, "840601", "eggs@chaiya.example"),
    _Producer("pa-khlok-pineapple", "สับปะรดภูเก็ตป่าคลอก", "Pa Khlok Phuket Pineapple Growers", COMMUNITY_GROUP, "830304", "pineapple@pakhlok.example"),
    _Producer("andaman-batik", "อันดามันบาติก", "Andaman Batik Studio", SMALL_FIRM, "830107", "studio@andaman-batik.example"),
    _Producer("ao-luek-pandan", "กลุ่มจักสานเตยปาหนันอ่าวลึก", "Ao Luek Pandanus Weavers", COMMUNITY_GROUP, "810505", "pandan@aoluek.example"),
    _Producer("bana-keropok", "ข้าวเกรียบปลาบานา", "Bana Fish Cracker Group", COMMUNITY_GROUP, "940104", "keropok@bana.example"),
    _Producer("thale-noi-krajood", "กลุ่มกระจูดทะเลน้อย", "Thale Noi Krajood Weavers", COMMUNITY_GROUP, "930502", "krajood@thalenoi.example"),
)

F, B, T, H, R = (
    OtopCategory.FOOD,
    OtopCategory.BEVERAGE,
    OtopCategory.TEXTILE,
    OtopCategory.HOUSEHOLD,
    OtopCategory.HERBAL,
)
_Product = DemoProduct
D = Decimal
# key, name EN, name TH, description EN, description TH, category, price THB, grams,
# subdistrict, producer, stars, round, HS code, GI
PRODUCTS = (
    # North
    _Product("bo-sang-saa-paper-umbrella", "Bo Sang saa paper umbrella, 50 cm", "ร่มกระดาษสาบ่อสร้าง 50 ซม.",
            "Hand-painted mulberry-paper umbrella on a bamboo frame, oiled against rain.",
            "ร่มกระดาษสาโครงไม้ไผ่ เขียนลายด้วยมือ ทาน้ำมันกันฝน",
            H, D("650.00"), 900, "501312", "bo-sang-umbrella", 5, 2024, "660199"),
    _Product("bo-sang-saa-paper-fan", "Saa paper hand fan", "พัดกระดาษสา",
            "Folding fan of mulberry paper, painted with Lanna flowers.",
            "พัดกระดาษสาพับได้ เขียนลายดอกไม้ล้านนา",
            H, D("120.00"), 80, "501312", "bo-sang-umbrella", 4, 2022, "482390"),
    _Product("bo-sang-saa-paper-notebook", "Saa paper notebook, A5", "สมุดกระดาษสา ขนาด A5",
            "Notebook of 80 handmade mulberry-paper leaves, bound in saa cloth.",
            "สมุดกระดาษสาทำมือ 80 แผ่น ปกหุ้มผ้า",
            H, D("180.00"), 250, "501312", "bo-sang-umbrella", 4, 2022, "482020"),
    _Product("ban-tawai-teak-elephant", "Carved teak elephant, 30 cm", "ช้างไม้สักแกะสลัก 30 ซม.",
            "Elephant carved by hand from reclaimed teak, oil finish.",
            "ช้างแกะสลักจากไม้สักเก่า ขัดเคลือบน้ำมัน",
            H, D("1450.00"), 1200, "501505", "ban-tawai-woodcraft", 4, 2022, "442011"),
    _Product("ban-tawai-mango-wood-bowl", "Mango wood salad bowl", "ชามสลัดไม้มะม่วง",
            "Turned mango-wood bowl, food-safe finish, 25 cm across.",
            "ชามไม้มะม่วงกลึง เคลือบสีปลอดภัยต่ออาหาร กว้าง 25 ซม.",
            H, D("390.00"), 700, "501505", "ban-tawai-woodcraft", 4, 2024, "441990"),
    _Product("doi-tung-arabica-beans", "Doi Tung arabica, medium roast, 250 g", "กาแฟอาราบิก้าดอยตุง คั่วกลาง 250 ก.",
            "Shade-grown arabica from the Doi Tung highlands, roasted whole bean.",
            "กาแฟอาราบิก้าปลูกใต้ร่มไม้บนดอยตุง เมล็ดคั่วกลาง",
            B, D("320.00"), 270, "571504", "doi-tung-highland", 5, 2024, "090121", "doi-tung-coffee"),
    _Product("doi-tung-drip-bags", "Doi Tung drip coffee, 10 bags", "กาแฟดริปดอยตุง 10 ซอง",
            "Ground Doi Tung arabica in single-cup drip bags.",
            "กาแฟอาราบิก้าดอยตุงบดในซองดริป ชงได้ครั้งละแก้ว",
            B, D("250.00"), 150, "571504", "doi-tung-highland", 5, 2024, "090121", "doi-tung-coffee"),
    _Product("doi-tung-roasted-macadamia", "Roasted macadamia nuts, 200 g", "แมคคาเดเมียอบ 200 ก.",
            "Macadamias from the Doi Tung reforestation project, lightly salted.",
            "แมคคาเดเมียจากโครงการปลูกป่าดอยตุง อบเกลือเล็กน้อย",
            F, D("290.00"), 220, "571504", "doi-tung-highland", 4, 2022, "200819"),
    _Product("mae-salong-oolong", "Mae Salong oolong tea no. 12, 100 g", "ชาอูหลงเบอร์ 12 ดอยแม่สลอง 100 ก.",
            "Rolled oolong from the Mae Salong hills, floral and creamy.",
            "ชาอูหลงม้วนจากดอยแม่สลอง หอมดอกไม้ รสนุ่ม",
            B, D("350.00"), 120, "571502", "mae-salong-tea", 4, 2022, "090230"),
    _Product("mae-salong-jasmine-green-tea", "Jasmine green tea, 100 g", "ชาเขียวมะลิ 100 ก.",
            "Green tea scented with fresh jasmine flowers.",
            "ชาเขียวอบกลิ่นดอกมะลิสด",
            B, D("220.00"), 120, "571502", "mae-salong-tea", 3, 2019, "090210"),
    _Product("lamphun-brocade-silk-2m", "Lamphun brocade silk, 2 m", "ผ้าไหมยกดอกลำพูน 2 เมตร",
            "Yok dok silk woven with supplementary weft patterns on a Pa Sang loom.",
            "ผ้าไหมยกดอกทอมือด้วยกี่ป่าซาง",
            T, D("4800.00"), 400, "510602", "pa-sang-yok-dok", 5, 2024, "500720", "lamphun-brocade-silk"),
    _Product("lamphun-brocade-silk-scarf", "Brocade silk scarf", "ผ้าพันคอไหมยกดอก",
            "Silk scarf in the Lamphun brocade weave, 180 x 40 cm.",
            "ผ้าพันคอไหมยกดอกลำพูน ขนาด 180 x 40 ซม.",
            T, D("1290.00"), 120, "510602", "pa-sang-yok-dok", 5, 2024, "621410", "lamphun-brocade-silk"),
    _Product("lamphun-golden-dried-longan", "Golden dried longan, 500 g", "ลำไยอบแห้งเนื้อสีทอง 500 ก.",
            "Seedless longan flesh dried until golden, no sugar added.",
            "เนื้อลำไยอบแห้งสีทอง ไม่เติมน้ำตาล",
            F, D("180.00"), 520, "510602", "pa-sang-yok-dok", 4, 2022, "081340", "lamphun-golden-dried-longan"),
    _Product("thai-lue-cotton-fabric", "Thai Lue nam lai cotton, 2 m", "ผ้าฝ้ายไทลื้อลายน้ำไหล 2 เมตร",
            "Hand-woven cotton in the 'flowing water' pattern of the Thai Lue.",
            "ผ้าฝ้ายทอมือลายน้ำไหลแบบไทลื้อ",
            T, D("950.00"), 350, "550602", "thai-lue-pa-kha", 4, 2022, "520839"),
    _Product("thai-lue-mulberry-leaf-tea", "Mulberry leaf tea, 50 g", "ชาใบหม่อน 50 ก.",
            "Roasted leaves of the mulberry trees that feed the weavers' silkworms.",
            "ใบหม่อนคั่วจากแปลงเลี้ยงไหมของกลุ่ม",
            B, D("95.00"), 60, "550602", "thai-lue-pa-kha", 3, 2019, "121190"),
    _Product("phrae-mo-hom-shirt", "Mo hom indigo shirt", "เสื้อม่อฮ่อม",
            "Traditional farmer's shirt of cotton dyed in Phrae indigo.",
            "เสื้อผ้าฝ้ายย้อมห้อมแบบชาวนาเมืองแพร่",
            T, D("450.00"), 300, "540105", "phrae-mo-hom", 4, 2024, "620520"),
    _Product("phrae-indigo-tote", "Indigo cotton tote bag", "กระเป๋าผ้าย้อมห้อม",
            "Tote bag of heavy indigo-dyed cotton.",
            "กระเป๋าผ้าฝ้ายหนาย้อมห้อม",
            T, D("290.00"), 200, "540105", "phrae-mo-hom", 3, 2019, "420222"),
    _Product("lampang-chicken-bowl", "Lampang rooster bowl", "ชามตราไก่ลำปาง",
            "Kaolin porcelain bowl hand-painted with the Lampang rooster.",
            "ชามเซรามิกดินขาวเขียนลายไก่ด้วยมือ",
            H, D("250.00"), 450, "520106", "lampang-ceramics", 5, 2024, "691110"),
    _Product("lampang-ceramic-mug-set", "Rooster mug set of two", "ชุดแก้วมัคลายไก่ 2 ใบ",
            "Two porcelain mugs in the rooster pattern, gift boxed.",
            "แก้วมัคเซรามิกลายไก่ 2 ใบ ในกล่องของขวัญ",
            H, D("420.00"), 800, "520106", "lampang-ceramics", 4, 2022, "691110"),
    # Northeast
    _Product("praewa-silk-shawl", "Praewa silk shawl", "ผ้าสไบไหมแพรวา",
            "Phu Tai silk shawl with dense supplementary-weft motifs.",
            "ผ้าสไบไหมแพรวาลายขิดเต็มผืนแบบผู้ไท",
            T, D("3500.00"), 150, "461002", "ban-phon-praewa", 5, 2024, "621410", "praewa-kalasin-silk"),
    _Product("praewa-silk-fabric-2m", "Praewa silk, 2 m", "ผ้าไหมแพรวา 2 เมตร",
            "A full length of Praewa silk from Ban Phon, natural dyes.",
            "ผ้าไหมแพรวาบ้านโพน ย้อมสีธรรมชาติ",
            T, D("6900.00"), 350, "461002", "ban-phon-praewa", 5, 2024, "500720", "praewa-kalasin-silk"),
    _Product("praewa-silk-table-runner", "Praewa silk table runner", "ผ้าปูโต๊ะไหมแพรวา",
            "Table runner woven in Praewa patterns, 150 x 35 cm.",
            "ผ้าปูโต๊ะทอลายแพรวา ขนาด 150 x 35 ซม.",
            T, D("1200.00"), 200, "461002", "ban-phon-praewa", 4, 2022, "630259", "praewa-kalasin-silk"),
    _Product("chonnabot-mudmee-silk-4m", "Chonnabot mudmee silk, 4 m", "ผ้าไหมมัดหมี่ชนบท 4 เมตร",
            "Ikat silk tied and dyed by hand in Chonnabot.",
            "ผ้าไหมมัดหมี่ทอมือจากอำเภอชนบท",
            T, D("4200.00"), 500, "401801", "chonnabot-mudmee", 5, 2022, "500720"),
    _Product("chonnabot-silk-cushion-cover", "Mudmee silk cushion cover", "ปลอกหมอนไหมมัดหมี่",
            "Cushion cover of mudmee silk, 45 x 45 cm, zip closure.",
            "ปลอกหมอนไหมมัดหมี่ ขนาด 45 x 45 ซม. มีซิป",
            T, D("450.00"), 150, "401801", "chonnabot-mudmee", 3, 2019, "630499"),
    _Product("ban-chiang-painted-vase", "Ban Chiang painted vase", "แจกันเขียนลายบ้านเชียง",
            "Buff clay vase painted with the red spirals of Ban Chiang.",
            "แจกันดินเผาเขียนลายก้นหอยสีแดงแบบบ้านเชียง",
            H, D("590.00"), 1100, "410609", "ban-chiang-heritage", 4, 2022, "691390"),
    _Product("ban-chiang-khit-cushion", "Khit triangle cushion", "หมอนขิดสามเหลี่ยม",
            "Triangle floor cushion covered in khit cotton.",
            "หมอนอิงสามเหลี่ยมหุ้มผ้าขิด",
            H, D("690.00"), 1500, "410609", "ban-chiang-heritage", 4, 2024, "940490"),
    _Product("dan-kwian-terracotta-vase", "Dan Kwian terracotta vase", "แจกันดินเผาด่านเกวียน",
            "Iron-rich Mun river clay fired to a dark metallic sheen.",
            "ดินเหนียวแม่น้ำมูลเผาจนผิวเป็นสีสนิมเหล็ก",
            H, D("450.00"), 1800, "300710", "dan-kwian-pottery", 4, 2024, "691390", "dan-kwian-pottery"),
    _Product("dan-kwian-wind-chime", "Dan Kwian clay wind chime", "โมบายดินเผาด่านเกวียน",
            "Wind chime of small fired-clay bells.",
            "โมบายกระดิ่งดินเผา",
            H, D("220.00"), 400, "300710", "dan-kwian-pottery", 3, 2022, "691390", "dan-kwian-pottery"),
    _Product("dan-kwian-garden-lamp", "Dan Kwian garden lamp", "โคมไฟดินเผาด่านเกวียน",
            "Pierced terracotta lantern for a candle or bulb.",
            "โคมไฟดินเผาฉลุลาย ใส่เทียนหรือหลอดไฟ",
            H, D("850.00"), 2500, "300710", "dan-kwian-pottery", 4, 2022, "691390", "dan-kwian-pottery"),
    _Product("pa-ao-brass-bell", "Pa Ao lost-wax brass bell", "กระดิ่งทองเหลืองบ้านปะอาว",
            "Brass bell cast by the lost-wax method in Ban Pa Ao.",
            "กระดิ่งทองเหลืองหล่อแบบขี้ผึ้งหาย",
            H, D("690.00"), 500, "340120", "pa-ao-brass", 4, 2022, "830610"),
    _Product("pa-ao-brass-elephant", "Brass elephant figurine", "ช้างทองเหลือง",
            "Lost-wax brass elephant, 12 cm.",
            "ช้างทองเหลืองหล่อแบบขี้ผึ้งหาย สูง 12 ซม.",
            H, D("890.00"), 600, "340120", "pa-ao-brass", 3, 2019, "830629"),
    _Product("surin-hol-silk", "Surin hol silk, 2 m", "ผ้าไหมโฮลสุรินทร์ 2 เมตร",
            "Khmer-style hol silk from Tha Sawang, woven for court dress.",
            "ผ้าไหมโฮลแบบเขมรจากบ้านท่าสว่าง",
            T, D("3200.00"), 450, "320105", "surin-tha-sawang-silk", 5, 2024, "500720"),
    _Product("thung-kula-hom-mali-1kg", "Thung Kula Rong Hai hom mali rice, 1 kg", "ข้าวหอมมะลิทุ่งกุลาร้องไห้ 1 กก.",
            "New-crop jasmine rice from the Thung Kula plain, vacuum packed.",
            "ข้าวหอมมะลิใหม่จากทุ่งกุลาร้องไห้ บรรจุสุญญากาศ",
            F, D("95.00"), 1000, "450201", "kaset-wisai-rice", 5, 2024, "100630", "thung-kula-rong-hai-hom-mali-rice"),
    _Product("thung-kula-brown-rice-1kg", "Hom mali brown rice, 1 kg", "ข้าวกล้องหอมมะลิ 1 กก.",
            "Husked, unpolished hom mali rice from Kaset Wisai.",
            "ข้าวกล้องหอมมะลิจากเกษตรวิสัย",
            F, D("110.00"), 1000, "450201", "kaset-wisai-rice", 4, 2022, "100620", "thung-kula-rong-hai-hom-mali-rice"),
    _Product("germinated-rice-drink", "Germinated brown rice drink, 10 sachets", "เครื่องดื่มข้าวกล้องงอก 10 ซอง",
            "Instant drink of germinated hom mali brown rice.",
            "เครื่องดื่มข้าวกล้องงอกหอมมะลิชนิดผง",
            B, D("150.00"), 250, "450201", "kaset-wisai-rice", 3, 2019, "190190"),
    _Product("phanna-indigo-scarf", "Sakon Nakhon indigo scarf", "ผ้าพันคอย้อมครามสกลนคร",
            "Hand-woven cotton scarf dyed in fermented natural indigo.",
            "ผ้าพันคอฝ้ายทอมือย้อมครามธรรมชาติ",
            T, D("490.00"), 100, "470401", "phanna-indigo", 5, 2024, "621490"),
    _Product("phanna-indigo-shirt", "Indigo cotton shirt", "เสื้อผ้าฝ้ายย้อมคราม",
            "Collarless shirt of indigo-dyed hand-woven cotton.",
            "เสื้อคอจีนผ้าฝ้ายทอมือย้อมคราม",
            T, D("890.00"), 350, "470401", "phanna-indigo", 4, 2022, "620520"),
    _Product("si-than-axe-pillow", "Khit axe pillow", "หมอนขวานขิด",
            "Ten-compartment axe-shaped pillow stuffed with kapok.",
            "หมอนขวานสิบช่อง ยัดนุ่น",
            H, D("790.00"), 1800, "350505", "si-than-pillows", 5, 2024, "940490"),
    _Product("si-sa-ket-fried-shallots", "Crispy fried shallots, 200 g", "หอมเจียว 200 ก.",
            "Si Sa Ket red shallots, sliced and fried in rice-bran oil.",
            "หอมแดงศรีสะเกษซอยเจียวในน้ำมันรำข้าว",
            F, D("85.00"), 220, "330201", "yang-chum-noi-shallot", 4, 2022, "200599"),
    # Central
    _Product("ban-bat-alms-bowl", "Ban Bat hand-hammered alms bowl", "บาตรพระบ้านบาตร",
            "Alms bowl of eight steel pieces, hammered and fired by hand.",
            "บาตรพระแปดชิ้นตีขึ้นรูปและสุมไฟด้วยมือ",
            H, D("2500.00"), 1500, "100804", "ban-bat-bowls", 4, 2022, "732399"),
    _Product("ban-bat-mini-bowl", "Decorative mini alms bowl", "บาตรจิ๋วตั้งโชว์",
            "Hand-hammered miniature bowl on a lacquered stand.",
            "บาตรจิ๋วตีมือบนฐานไม้ลงรัก",
            H, D("450.00"), 300, "100804", "ban-bat-bowls", 3, 2019, "732399"),
    _Product("aranyik-chef-knife", "Aranyik chef's knife", "มีดเชฟอรัญญิก",
            "Forged carbon-steel kitchen knife with a tamarind-wood handle.",
            "มีดครัวเหล็กกล้าตีมือ ด้ามไม้มะขาม",
            H, D("890.00"), 350, "140302", "aranyik-forge", 5, 2024, "821192"),
    _Product("aranyik-cleaver", "Aranyik cleaver", "มีดปังตออรัญญิก",
            "Heavy forged cleaver for bone and coconut.",
            "มีดปังตอตีมือสำหรับสับกระดูกและมะพร้าว",
            H, D("1190.00"), 600, "140302", "aranyik-forge", 4, 2022, "821192"),
    _Product("ayutthaya-roti-sai-mai", "Roti sai mai, 1 set", "โรตีสายไหม 1 ชุด",
            "Pandan crepes with threads of cotton-candy sugar.",
            "แป้งโรตีใบเตยกับสายไหม",
            F, D("120.00"), 500, "140101", "pratu-chai-roti", 4, 2022, "170490"),
    _Product("ekkarat-thon-drum", "Ekkarat thon drum", "กลองโทนบ้านเอกราช",
            "Goblet drum of jackfruit wood and cowhide.",
            "กลองโทนไม้ขนุนขึงหนังวัว",
            H, D("1800.00"), 2500, "150307", "ekkarat-drums", 4, 2022, "920600"),
    _Product("nakhon-chai-si-candied-pomelo", "Candied pomelo peel, 200 g", "เปลือกส้มโอแช่อิ่ม 200 ก.",
            "Khao Nam Phueng pomelo peel candied in syrup.",
            "เปลือกส้มโอขาวน้ำผึ้งแช่อิ่ม",
            F, D("150.00"), 220, "730301", "nakhon-chai-si-pomelo", 3, 2019, "200600"),
    _Product("bang-pla-ma-grilled-fish-chili-paste", "Grilled fish chili paste, 200 g", "น้ำพริกปลาย่าง 200 ก.",
            "Chili paste of smoked river fish, shallots and garlic.",
            "น้ำพริกปลาย่างรมควัน หอมแดง กระเทียม",
            F, D("89.00"), 230, "720402", "bang-pla-ma-chili", 4, 2022, "210390"),
    _Product("hat-siao-teen-jok-sarong", "Hat Siao teen jok sarong", "ผ้าซิ่นตีนจกหาดเสี้ยว",
            "Sarong with a hand-picked jok border, Thai Phuan style.",
            "ผ้าซิ่นตีนจกแบบไทพวน",
            T, D("5500.00"), 600, "640501", "hat-siao-weavers", 5, 2024, "520839"),
    _Product("sangkhalok-celadon-plate", "Sangkhalok celadon plate", "จานศิลาดลสังคโลก",
            "Stoneware plate in the Sukhothai celadon glaze, 27 cm.",
            "จานเซรามิกเคลือบศิลาดลแบบสุโขทัย 27 ซม.",
            H, D("780.00"), 900, "640508", "sangkhalok-kilns", 4, 2022, "691200"),
    _Product("bang-krathum-kluai-tak", "Sun-dried bananas, 350 g", "กล้วยตากบางกระทุ่ม 350 ก.",
            "Namwa bananas dried in solar domes, no sugar added.",
            "กล้วยน้ำว้าตากในโดมพลังแสงอาทิตย์ ไม่เติมน้ำตาล",
            F, D("75.00"), 370, "650501", "bang-krathum-banana", 5, 2024, "080390"),
    _Product("bang-krathum-honey-banana-chips", "Honey banana chips, 150 g", "กล้วยอบน้ำผึ้ง 150 ก.",
            "Crisp banana slices glazed with longan honey.",
            "กล้วยอบกรอบเคลือบน้ำผึ้งดอกลำไย",
            F, D("60.00"), 170, "650501", "bang-krathum-banana", 4, 2022, "200899"),
    _Product("ko-kret-carved-water-jar", "Ko Kret carved water jar", "โอ่งน้ำแกะลายเกาะเกร็ด",
            "Mon-style water jar with incised floral panels.",
            "โอ่งน้ำดินเผาแกะลายดอกไม้แบบมอญ",
            H, D("690.00"), 1500, "120608", "ko-kret-pottery", 4, 2022, "691390"),
    _Product("amphawa-coconut-sugar", "Amphawa coconut sugar, 500 g", "น้ำตาลมะพร้าวอัมพวา 500 ก.",
            "Coconut-blossom sap boiled down in open pans.",
            "น้ำตาลจากน้ำตาลมะพร้าวเคี่ยวในกระทะเปิด",
            F, D("85.00"), 520, "750301", "amphawa-coconut", 4, 2022, "170290"),
    # East
    _Product("chanthaburi-reed-mat", "Chanthaburi reed mat", "เสื่อกกจันทบูร",
            "Double-weave reed mat in natural and deep red, 90 x 180 cm.",
            "เสื่อกกทอสองชั้นสีธรรมชาติสลับแดง 90 x 180 ซม.",
            H, D("590.00"), 1500, "220606", "bang-sa-kao-reed", 5, 2024, "460129"),
    _Product("chanthaburi-reed-tote", "Reed tote bag", "กระเป๋าเสื่อกก",
            "Tote bag of woven reed with leather handles.",
            "กระเป๋าทอจากต้นกก หูหนัง",
            H, D("420.00"), 400, "220606", "bang-sa-kao-reed", 4, 2022, "460229"),
    _Product("freeze-dried-durian", "Freeze-dried Monthong durian, 100 g", "ทุเรียนหมอนทองฟรีซดราย 100 ก.",
            "Ripe Monthong durian freeze-dried to a crisp.",
            "ทุเรียนหมอนทองสุกอบแห้งแบบเยือกแข็ง",
            F, D("250.00"), 110, "221002", "khitchakut-orchard", 4, 2024, "081340"),
    _Product("mangosteen-peel-soap", "Mangosteen peel soap", "สบู่เปลือกมังคุด",
            "Cold-process soap with mangosteen peel extract.",
            "สบู่ทำแบบเย็นผสมสารสกัดเปลือกมังคุด",
            R, D("95.00"), 100, "221002", "khitchakut-orchard", 4, 2022, "340111"),
    _Product("rayong-anchovy-fish-sauce", "Rayong anchovy fish sauce, 700 ml", "น้ำปลาแท้ปลากะตักระยอง 700 มล.",
            "First-press fish sauce of anchovies and sea salt, aged 18 months.",
            "น้ำปลาหัวจากปลากะตักและเกลือทะเล หมัก 18 เดือน",
            F, D("65.00"), 900, "210104", "rayong-fish-sauce", 4, 2022, "210390"),
    _Product("trat-yellow-oil", "Trat yellow herbal oil, 24 ml", "น้ำมันเหลืองตราด 24 มล.",
            "Herbal liniment of plai, camphor and menthol.",
            "น้ำมันสมุนไพรไพล การบูร เมนทอล",
            R, D("55.00"), 40, "230110", "trat-herbal", 4, 2022, "300490"),
    _Product("trat-herbal-inhaler", "Herbal inhaler", "ยาดมสมุนไพร",
            "Pocket inhaler of dried herbs and borneol.",
            "ยาดมสมุนไพรแห้งกับพิมเสน",
            R, D("45.00"), 30, "230110", "trat-herbal", 3, 2019, "300490"),
    _Product("phanat-nikhom-bamboo-bag", "Phanat Nikhom bamboo basket bag", "กระเป๋าจักสานไม้ไผ่พนัสนิคม",
            "Fine bamboo-strip basketry bag, lacquered.",
            "กระเป๋าจักสานตอกไม้ไผ่ละเอียด เคลือบแล็กเกอร์",
            H, D("650.00"), 400, "200601", "phanat-nikhom-basketry", 4, 2022, "460211"),
    _Product("plai-massage-balm", "Plai massage balm, 50 g", "ยาหม่องไพล 50 ก.",
            "Balm of plai (Zingiber cassumunar) grown in Prachin Buri.",
            "ยาหม่องไพลจากแปลงปลูกปราจีนบุรี",
            R, D("120.00"), 80, "250107", "dong-phra-ram-herbs", 5, 2024, "300490"),
    _Product("turmeric-body-scrub", "Turmeric body scrub, 200 g", "สครับขมิ้นชัน 200 ก.",
            "Body scrub of turmeric, tamarind and rice bran.",
            "สครับขัดผิวขมิ้นชัน มะขาม รำข้าว",
            R, D("160.00"), 230, "250107", "dong-phra-ram-herbs", 4, 2022, "330499"),
    # West
    _Product("ratchaburi-dragon-jar-small", "Ratchaburi dragon jar, 30 cm", "โอ่งมังกรราชบุรี 30 ซม.",
            "Glazed stoneware jar with a dragon in slip relief.",
            "โอ่งเคลือบปั้นลายมังกรนูน",
            H, D("1500.00"), 6000, "700101", "ratchaburi-jars", 5, 2024, "691200", "ratchaburi-dragon-jar"),
    _Product("ratchaburi-dragon-planter", "Dragon jar planter", "กระถางลายมังกร",
            "Planter in the Ratchaburi dragon glaze, drainage hole.",
            "กระถางต้นไม้เคลือบลายมังกร มีรูระบายน้ำ",
            H, D("890.00"), 3000, "700101", "ratchaburi-jars", 4, 2022, "691390", "ratchaburi-dragon-jar"),
    _Product("khu-bua-jok-fabric", "Khu Bua Tai Yuan jok, 1 m", "ผ้าจกไทยวนคูบัว 1 เมตร",
            "Silk and cotton jok in the Tai Yuan patterns of Khu Bua.",
            "ผ้าจกไหมผสมฝ้ายลายไทยวนคูบัว",
            T, D("3900.00"), 300, "700120", "khu-bua-jok", 5, 2022, "500720"),
    _Product("damnoen-aromatic-coconut-juice", "Aromatic coconut water, 350 ml", "น้ำมะพร้าวน้ำหอม 350 มล.",
            "Nam hom coconut water, chilled and bottled the day it is opened.",
            "น้ำมะพร้าวน้ำหอมบรรจุขวดวันที่เปิดลูก",
            B, D("45.00"), 380, "700401", "damnoen-coconut", 3, 2022, "200989"),
    _Product("phetchaburi-palm-sugar-500g", "Phetchaburi palm sugar, 500 g", "น้ำตาลโตนดเมืองเพชร 500 ก.",
            "Toddy-palm sap from Ban Lat, boiled over a wood fire.",
            "น้ำตาลจากน้ำตาลโตนดบ้านลาด เคี่ยวด้วยเตาฟืน",
            F, D("95.00"), 520, "760601", "ban-lat-palm-sugar", 5, 2024, "170290", "phetchaburi-palm-sugar"),
    _Product("palm-sugar-toffee", "Palm sugar toffee, 150 g", "ลูกอมน้ำตาลโตนด 150 ก.",
            "Chewy toffee of palm sugar and coconut cream.",
            "ลูกอมน้ำตาลโตนดกับกะทิ",
            F, D("60.00"), 170, "760601", "ban-lat-palm-sugar", 3, 2019, "170490"),
    _Product("khanom-mo-kaeng", "Khanom mo kaeng, 1 tray", "ขนมหม้อแกง 1 ถาด",
            "Baked custard of duck eggs, coconut and palm sugar, with fried shallots.",
            "ขนมหม้อแกงไข่เป็ด กะทิ น้ำตาลโตนด โรยหอมเจียว",
            F, D("120.00"), 600, "760101", "tha-rap-desserts", 4, 2022, "190590"),
    _Product("sai-yok-wild-honey", "Sai Yok wild forest honey, 500 g", "น้ำผึ้งป่าไทรโยค 500 ก.",
            "Raw honey gathered from wild giant-bee combs in the Tenasserim hills.",
            "น้ำผึ้งดิบจากรังผึ้งหลวงในป่าเทือกเขาตะนาวศรี",
            F, D("220.00"), 650, "710204", "sai-yok-honey", 4, 2022, "040900"),
    _Product("karen-shoulder-bag", "Karen woven shoulder bag", "ย่ามกะเหรี่ยง",
            "Back-strap-loom cotton bag with Job's-tears seed decoration.",
            "ย่ามผ้าฝ้ายทอกี่เอว ปักลูกเดือย",
            T, D("350.00"), 250, "630401", "mae-ramat-karen", 3, 2019, "420222"),
    _Product("virgin-coconut-oil", "Cold-pressed virgin coconut oil, 250 ml", "น้ำมันมะพร้าวสกัดเย็น 250 มล.",
            "Virgin oil pressed cold from fresh Sam Roi Yot coconuts.",
            "น้ำมันมะพร้าวสกัดเย็นจากมะพร้าวสดสามร้อยยอด",
            F, D("180.00"), 320, "770801", "sam-roi-yot-coconut", 4, 2024, "151311"),
    # South
    _Product("ko-yo-cotton-fabric", "Ko Yo woven cotton, 2 m", "ผ้าทอเกาะยอ 2 เมตร",
            "Cotton in the 'rain drops' pattern of Ko Yo island.",
            "ผ้าฝ้ายทอลายราชวัตรแบบเกาะยอ",
            T, D("890.00"), 350, "900106", "ko-yo-weavers", 4, 2022, "520839"),
    _Product("sathing-phra-tanot-sugar", "Tanot palm sugar, 500 g", "น้ำตาลโตนดสทิงพระ 500 ก.",
            "Palm sugar of the Songkhla lake shore, set in cups.",
            "น้ำตาลโตนดริมทะเลสาบสงขลา หยอดถ้วย",
            F, D("70.00"), 520, "900207", "sathing-phra-palm", 4, 2022, "170290"),
    _Product("khiriwong-natural-dye-scarf", "Khiriwong natural-dye scarf", "ผ้าพันคอมัดย้อมสีธรรมชาติคีรีวง",
            "Tie-dyed scarf coloured with mangosteen bark and sappan wood.",
            "ผ้าพันคอมัดย้อมด้วยเปลือกมังคุดและแก่นฝาง",
            T, D("690.00"), 120, "800304", "khiriwong-dyes", 5, 2024, "621490"),
    _Product("khiriwong-herbal-compress", "Herbal compress balls, set of 2", "ลูกประคบสมุนไพร 2 ลูก",
            "Steam compresses of plai, lemongrass and kaffir lime.",
            "ลูกประคบไพล ตะไคร้ มะกรูด สำหรับนึ่ง",
            R, D("150.00"), 300, "800304", "khiriwong-dyes", 4, 2022, "121190"),
    _Product("yan-lipao-handbag", "Yan lipao handbag", "กระเป๋าย่านลิเภา",
            "Fine basketry handbag of lygodium fern vine, silver clasp.",
            "กระเป๋าสานย่านลิเภาละเอียด หัวเงิน",
            H, D("4500.00"), 400, "800122", "yan-lipao-tha-ruea", 5, 2024, "460290"),
    _Product("chaiya-salted-eggs-6", "Chaiya salted duck eggs, 6 pcs", "ไข่เค็มไชยา 6 ฟอง",
            "Duck eggs cured in termite-mound clay and rice husk ash.",
            "ไข่เป็ดพอกดินจอมปลวกผสมขี้เถ้าแกลบ",
            F, D("72.00"), 450, "840601", "chaiya-salted-egg", 5, 2024, "040790", "chaiya-salted-egg"),
    _Product("phuket-pineapple-pair", "Phuket pineapples, 2 fruits", "สับปะรดภูเก็ต 2 ลูก",
            "Small, sweet Phuket pineapples picked ripe.",
            "สับปะรดภูเก็ตผลเล็ก หวาน เก็บสุก",
            F, D("150.00"), 2000, "830304", "pa-khlok-pineapple", 4, 2022, "080430", "phuket-pineapple"),
    _Product("phuket-batik-sarong", "Phuket batik sarong", "ผ้าปาเต๊ะบาติกภูเก็ต",
            "Hand-drawn batik on cotton, Andaman sea motifs.",
            "ผ้าฝ้ายเขียนเทียนลายทะเลอันดามัน",
            T, D("890.00"), 250, "830107", "andaman-batik", 4, 2024, "520852"),
    _Product("ao-luek-pandanus-basket", "Pandanus basket", "ตะกร้าเตยปาหนัน",
            "Lidded basket of dyed screw-pine leaves.",
            "ตะกร้ามีฝาสานจากใบเตยปาหนันย้อมสี",
            H, D("380.00"), 300, "810505", "ao-luek-pandan", 3, 2019, "460219"),
    _Product("krabi-roasted-cashews", "Roasted cashew nuts, 500 g", "เม็ดมะม่วงหิมพานต์อบ 500 ก.",
            "Southern cashews roasted in the shell, cracked by hand.",
            "เม็ดมะม่วงหิมพานต์ปักษ์ใต้คั่วทั้งเปลือก กะเทาะด้วยมือ",
            F, D("280.00"), 520, "810505", "ao-luek-pandan", 4, 2022, "200819"),
    _Product("pattani-fish-crackers", "Pattani fish crackers (keropok), 250 g", "ข้าวเกรียบปลาปัตตานี 250 ก.",
            "Sun-dried crackers of mackerel and tapioca, fry at home.",
            "ข้าวเกรียบปลาทูกับแป้งมันตากแดด ทอดเองที่บ้าน",
            F, D("70.00"), 270, "940104", "bana-keropok", 4, 2022, "190590"),
    _Product("pattani-budu", "Budu fermented fish sauce, 500 ml", "บูดู 500 มล.",
            "Anchovy budu for khao yam, the southern rice salad.",
            "บูดูปลากะตักสำหรับข้าวยำปักษ์ใต้",
            F, D("55.00"), 600, "940104", "bana-keropok", 3, 2019, "210390"),
    _Product("thale-noi-krajood-bag", "Thale Noi krajood bag", "กระเป๋ากระจูดทะเลน้อย",
            "Sedge-reed bag woven in the Thale Noi wetland.",
            "กระเป๋าสานกระจูดจากพรุทะเลน้อย",
            H, D("790.00"), 500, "930502", "thale-noi-krajood", 5, 2024, "460229"),
)


# --- Search examples: Japanese and Chinese names of a few products ---------------------------
# Only what the search tests look for (plugins/search/devtools/demo.py adds each one that is missing;
# fuller ja/zh-hans translations of the catalogue, where present, take precedence).
SEARCH_EXAMPLE_TRANSLATIONS = {
    "bo-sang-saa-paper-umbrella": {"ja": "ボーサーンの紙傘 50cm", "zh-hans": "博桑纸伞 50厘米"},
    "doi-tung-drip-bags": {"ja": "ドイトゥン ドリップコーヒー 10袋", "zh-hans": "夜功山滴滤咖啡 10袋"},
    "chonnabot-mudmee-silk-4m": {"ja": "チョンナボットのマットミーシルク 4m", "zh-hans": "春那博扎染丝绸 4米"},
    "mae-salong-oolong": {"ja": "メーサロン烏龍茶 12号 100g", "zh-hans": "美斯乐乌龙茶 12号 100克"},
}
