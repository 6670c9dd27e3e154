from enum import StrEnum


class ReviewDecisionInOutcome(StrEnum):
    REFERRED_BACK = "referred_back"
    REVIEWED = "reviewed"

    def __str__(self) -> str:
        return str(self.value)
