from enum import StrEnum


class FamilyConsentViewMayWithdrawType0(StrEnum):
    ALL = "all"
    OWN_PART = "own_part"

    def __str__(self) -> str:
        return str(self.value)
