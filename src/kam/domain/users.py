"""Who works in the workspace: the roles of its users."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a user may see and change: a rep their own accounts, a manager their teams', an admin all."""

    REP = "rep"
    MANAGER = "manager"
    ADMIN = "admin"
