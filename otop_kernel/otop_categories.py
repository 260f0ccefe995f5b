from django.db import models


class OtopCategory(models.TextChoices):
    """The five official OTOP Product Champion categories."""

    FOOD = "FOOD", "Food / อาหาร"
    BEVERAGE = "BEVERAGE", "Beverages / เครื่องดื่ม"
    TEXTILE = "TEXTILE", "Textiles and garments / ผ้า เครื่องแต่งกาย"
    HOUSEHOLD = "HOUSEHOLD", "Household, decorative and souvenir goods / ของใช้ ของตกแต่ง ของที่ระลึก"
    HERBAL = "HERBAL", "Herbal products other than food / สมุนไพรที่ไม่ใช่อาหาร"
