from enum import StrEnum


class ReferralDeclineInReason(StrEnum):
    FAMILY_ELSEWHERE = "family_elsewhere"
    NOT_OUR_SERVICE = "not_our_service"
    NO_CAPACITY = "no_capacity"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
