from enum import StrEnum


class ReviewItemReason(StrEnum):
    DENIED = "denied"
    EMERGENCY = "emergency"
    READ = "read"

    def __str__(self) -> str:
        return str(self.value)
