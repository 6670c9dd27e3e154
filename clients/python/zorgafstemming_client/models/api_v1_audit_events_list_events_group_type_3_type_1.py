from enum import StrEnum


class ApiV1AuditEventsListEventsGroupType3Type1(StrEnum):
    ADMIN = "admin"
    CHANGE = "change"
    CONSENT = "consent"
    DENIED = "denied"
    EMERGENCY = "emergency"
    READ = "read"

    def __str__(self) -> str:
        return str(self.value)
