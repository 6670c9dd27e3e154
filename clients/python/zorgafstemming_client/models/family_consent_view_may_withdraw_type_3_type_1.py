from enum import StrEnum


class FamilyConsentViewMayWithdrawType3Type1(StrEnum):
    ALL = "all"
    OWN_PART = "own_part"

    def __str__(self) -> str:
        return str(self.value)
