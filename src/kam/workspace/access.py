"""Who is acting: the `Actor` every workspace session carries, and the local operator of the command line.

A session knows its actor (`session_scope(engine, actor)` puts it in `session.info`), so the one base
repository scopes every query to what that actor may see and the audit trail records who made each
change, from the same place: they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kam.domain.users import Role

ACTOR = "kam.actor"  # the key of the actor in `Session.info`


@dataclass(frozen=True)
class Actor:
    """The subject of a request or command: a user with their role and teams, or the local operator.

    The local operator is whoever runs `kam` on a workspace without `--as LOGIN`: someone who holds the
    database itself, and so may do anything an admin may; the audit records them as the local operator.
    """

    user_id: int | None
    login: str
    role: Role
    team_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_local_operator(self) -> bool:
        return self.user_id is None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


LOCAL_OPERATOR = Actor(user_id=None, login="", role=Role.ADMIN)


def actor_of(session: Session) -> Actor:
    """The actor of `session`; a session without one is a programming error (see session_scope)."""
    actor = session.info.get(ACTOR)
    if not isinstance(actor, Actor):
        raise RuntimeError("a workspace session needs an actor: open it with session_scope(engine, actor)")
    return actor


def act_as(session: Session, actor: Actor) -> None:
    """Make `actor` the subject of the rest of `session` (a command run `--as LOGIN`, once the login is
    known)."""
    session.info[ACTOR] = actor
