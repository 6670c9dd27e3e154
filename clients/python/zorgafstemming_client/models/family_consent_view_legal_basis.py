from enum import StrEnum


class FamilyConsentViewLegalBasis(StrEnum):
    CONSENT = "consent"
    DIJH_ART74 = "dijh_art74"

    def __str__(self) -> str:
        return str(self.value)
