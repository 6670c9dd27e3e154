from enum import StrEnum


class ApiV1AuditEventsListEventsOutcomeType3Type1(StrEnum):
    ALLOWED = "allowed"
    DENIED = "denied"
    ERROR = "error"

    def __str__(self) -> str:
        return str(self.value)
