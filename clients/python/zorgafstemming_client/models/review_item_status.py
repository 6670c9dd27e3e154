from enum import StrEnum


class ReviewItemStatus(StrEnum):
    ANSWERED = "answered"
    OPEN = "open"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
