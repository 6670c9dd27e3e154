from enum import StrEnum


class PlanActionInOwner(StrEnum):
    FAMILY = "family"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return str(self.value)
