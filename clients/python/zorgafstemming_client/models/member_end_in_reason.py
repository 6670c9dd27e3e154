from enum import StrEnum


class MemberEndInReason(StrEnum):
    ADDED_IN_ERROR = "added_in_error"
    DECEASED = "deceased"
    LEFT_FAMILY = "left_family"
    MOVED_OUT = "moved_out"

    def __str__(self) -> str:
        return str(self.value)
