from enum import StrEnum


class ApiV1AccessReviewsItemsStatusType2Type1(StrEnum):
    ANSWERED = "answered"
    OPEN = "open"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
