from enum import Enum


class ProvenanceErrorCode(str, Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    INVALID_CODE = "invalid_code"
    UNKNOWN_CODE = "unknown_code"
    DISTRICT_NOT_IN_PROVINCE = "district_not_in_province"
    SUBDISTRICT_NOT_IN_DISTRICT = "subdistrict_not_in_district"
    SUBDISTRICT_NOT_IN_PROVINCE = "subdistrict_not_in_province"
    ABOLISHED_UNIT = "abolished_unit"
    NAME_MISMATCH = "name_mismatch"
    GI_NOT_IN_PROVINCE = "gi_not_in_province"
    GI_IN_USE = "gi_in_use"

