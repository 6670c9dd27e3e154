from enum import StrEnum


class ObjectionDecisionInOutcome(StrEnum):
    CONTINUE = "continue"
    STOP = "stop"

    def __str__(self) -> str:
        return str(self.value)
