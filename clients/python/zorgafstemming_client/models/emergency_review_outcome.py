from enum import StrEnum


class EmergencyReviewOutcome(StrEnum):
    JUSTIFIED = "justified"
    NOT_JUSTIFIED = "not_justified"

    def __str__(self) -> str:
        return str(self.value)
