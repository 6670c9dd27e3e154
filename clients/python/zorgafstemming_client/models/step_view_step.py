from enum import StrEnum


class StepViewStep(StrEnum):
    ANSWER = "answer"
    EXTEND = "extend"
    RECEIVE = "receive"
    REFUSE = "refuse"
    START = "start"

    def __str__(self) -> str:
        return str(self.value)
