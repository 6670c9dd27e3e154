from enum import StrEnum


class ApiV1RightsRequestsQueueStatus(StrEnum):
    ALL = "all"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
