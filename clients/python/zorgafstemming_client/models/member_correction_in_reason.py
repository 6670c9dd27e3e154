from enum import StrEnum


class MemberCorrectionInReason(StrEnum):
    ADDRESS_CHANGED = "address_changed"
    CONTACT_CHANGED = "contact_changed"
    NAME_CHANGED = "name_changed"
    TYPO = "typo"
    WRONG_BIRTH_DATE = "wrong_birth_date"
    WRONG_NATIONAL_NUMBER = "wrong_national_number"

    def __str__(self) -> str:
        return str(self.value)
