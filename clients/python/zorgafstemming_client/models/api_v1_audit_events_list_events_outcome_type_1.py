from enum import StrEnum


class ApiV1AuditEventsListEventsOutcomeType1(StrEnum):
    ALLOWED = "allowed"
    DENIED = "denied"
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
