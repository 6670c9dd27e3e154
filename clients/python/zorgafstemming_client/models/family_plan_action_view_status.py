from enum import StrEnum


class FamilyPlanActionViewStatus(StrEnum):
    DONE = "done"
    DROPPED = "dropped"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
