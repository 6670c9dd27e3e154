from enum import StrEnum


class StepInStep(StrEnum):
    ANSWER = "answer"
    EXTEND = "extend"
    REFUSE = "refuse"
    START = "start"

    def __str__(self) -> str:
        return str(self.value)
