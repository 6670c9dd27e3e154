from enum import StrEnum


class FamilyPlanActionViewOwner(StrEnum):
    FAMILY = "family"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return str(self.value)
