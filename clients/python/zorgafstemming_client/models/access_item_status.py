from enum import StrEnum


class AccessItemStatus(StrEnum):
    ANSWERED = "answered"
    OPEN = "open"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
