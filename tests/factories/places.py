"""Real DOPA subdistrict codes (geothai) the tests place producers and products in."""

SI_PHUM_CHIANG_MAI = "500101"  # Si Phum, Mueang Chiang Mai, Chiang Mai (North)
KALASIN_MUEANG_KALASIN = "460101"  # Kalasin, Mueang Kalasin, Kalasin (Northeast)
PHON_KALASIN = "461002"  # Phon, Kham Muang, Kalasin (Northeast): Praewa silk
