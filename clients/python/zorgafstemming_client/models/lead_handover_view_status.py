from enum import StrEnum


class LeadHandoverViewStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    OFFERED = "offered"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
