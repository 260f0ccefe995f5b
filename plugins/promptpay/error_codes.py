from enum import Enum


class PromptPayErrorCode(str, Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    INVALID_PROMPTPAY_ID = "invalid_promptpay_id"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_CSV = "invalid_csv"
