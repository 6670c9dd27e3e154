from enum import StrEnum


class ExportConsentState(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    CONTESTED = "contested"
    EXPIRED = "expired"
    IN_FORCE = "in_force"
    SCHEDULED = "scheduled"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
