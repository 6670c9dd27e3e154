from enum import StrEnum


class ObjectionOutState(StrEnum):
    CONTINUE = "continue"
    OPEN = "open"
    STOP = "stop"

    def __str__(self) -> str:
        return str(self.value)
