from enum import StrEnum


class ReviewStatusStatus(StrEnum):
    NONE = "none"
    REFERRED_BACK = "referred_back"
    REVIEWED = "reviewed"

    def __str__(self) -> str:
        return str(self.value)
