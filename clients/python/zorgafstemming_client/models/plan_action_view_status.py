from enum import StrEnum


class PlanActionViewStatus(StrEnum):
    DONE = "done"
    DROPPED = "dropped"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
