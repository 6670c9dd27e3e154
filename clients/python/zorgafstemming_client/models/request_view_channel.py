from enum import StrEnum


class RequestViewChannel(StrEnum):
    FAMILY_PORTAL = "family_portal"
    ON_BEHALF = "on_behalf"

    def __str__(self) -> str:
        return str(self.value)
