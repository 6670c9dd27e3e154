from enum import StrEnum


class MemberRole(StrEnum):
    CHILD = "child"
    GUARDIAN = "guardian"
    OTHER = "other"
    PARENT = "parent"
    YOUTH = "youth"

    def __str__(self) -> str:
        return str(self.value)
