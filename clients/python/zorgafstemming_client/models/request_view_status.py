from enum import StrEnum


class RequestViewStatus(StrEnum):
    ANSWERED = "answered"
    EXTENDED = "extended"
    IN_PROGRESS = "in_progress"
    RECEIVED = "received"
    REFUSED = "refused"

    def __str__(self) -> str:
        return str(self.value)
