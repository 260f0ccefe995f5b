"""Per-request batch loaders: a listing asks them once for all its products."""
from otop_kernel.graphql.dataloaders import DataLoader

from .. import selectors


class ProvenanceByProductIdLoader(DataLoader):
    context_key = "otop_provenance_by_product_id"

    def batch_load(self, keys):
        provenances = selectors.provenances_by_product_ids(product_ids=keys)
        return [provenances.get(key) for key in keys]


class ProvincesByRegionCodeLoader(DataLoader):
    context_key = "otop_provinces_by_region_code"

    def batch_load(self, keys):
        grouped = selectors.provinces_by_region_codes(region_codes=keys)
        return [grouped[key] for key in keys]


class ProvincesByGeographicalIndicationIdLoader(DataLoader):
    context_key = "otop_provinces_by_gi_id"

    def batch_load(self, keys):
        grouped = selectors.provinces_by_gi_ids(gi_ids=keys)
        return [grouped[key] for key in keys]


class PublishedProductCountByProvinceLoader(DataLoader):
    context_key = "otop_published_product_count_by_province"

    def batch_load(self, keys):
        counts = selectors.published_product_counts_by_province(province_codes=keys)
        return [counts.get(key, 0) for key in keys]


class PublishedProductCountByRegionLoader(DataLoader):
    context_key = "otop_published_product_count_by_region"

    def batch_load(self, keys):
        counts = selectors.published_product_counts_by_region(region_codes=keys)
        return [counts.get(key, 0) for key in keys]


class SubdistrictSuccessorsLoader(DataLoader):
    context_key = "otop_subdistrict_successors"

    def batch_load(self, keys):
        grouped = selectors.successors_by_subdistrict_codes(codes=keys)
        return [grouped[key] for key in keys]


class DistrictSuccessorsLoader(DataLoader):
    context_key = "otop_district_successors"

    def batch_load(self, keys):
        grouped = selectors.successors_by_district_codes(codes=keys)
        return [grouped[key] for key in keys]
