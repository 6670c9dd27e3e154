from enum import StrEnum


class ApiV1AccessReviewsItemsStatusType1(StrEnum):
    ANSWERED = "answered"
    OPEN = "open"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
