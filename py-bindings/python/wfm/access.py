"""Team workspaces (SPEC §10; the command line's ``wfm users …``, ``wfm roles …`` and
``wfm audit``): users with roles and a scope, custom roles, and the audit log.

A workspace without users behaves as before: every actor is admin. Once users exist,
every operation runs as the workspace's actor (``Workspace(path, actor="sam")``,
``ws.as_actor("sam")``; default ``$WFM_ACTOR``, else the login) and is checked: a refusal
raises :class:`wfm.PermissionDenied` naming the permission and the target (for a target
outside the actor's scope, nothing of it). Every change is in the audit log.

>>> import pathlib, tempfile, wfm
>>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
>>> ws.access.add_user("ann", ["analyst"])
>>> "ann" in ws.access.users()["user"].to_list()
True
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import TYPE_CHECKING, List, Optional, Union

import polars as pl

from wfm import _wfm

if TYPE_CHECKING:
    from wfm.workspace import Workspace

When = Union[str, _dt.datetime, _dt.date]


def _when(value: Optional[When]) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


class Access:
    """The users and roles of one workspace (``ws.access``); every method needs the
    ``access.admin`` permission once the workspace has users.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> "supervisor" in ws.access.roles()["role"].to_list()
    True
    """

    def __init__(self, ws: "_wfm._Workspace") -> None:
        self._ws = ws

    def __repr__(self) -> str:
        return "Access()"

    def users(self) -> pl.DataFrame:
        """Every user: ``user``, ``roles`` (a list) and ``scope``.

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.users().height
        0
        """
        rows = _wfm.access_users(self._ws)
        return pl.DataFrame(
            {
                "user": [r[0] for r in rows],
                "roles": [r[1] for r in rows],
                "scope": [r[2] for r in rows],
            },
            schema={"user": pl.String, "roles": pl.List(pl.String), "scope": pl.String},
        )

    def add_user(
        self,
        name: str,
        roles: List[str],
        groups: Optional[List[str]] = None,
        agent: Optional[str] = None,
    ) -> None:
        """Adds (or replaces) a user with ``roles`` (``admin``, ``planner``,
        ``supervisor``, ``analyst``, ``agent`` or custom ones), scoped to staffing
        ``groups`` (at most 45), to one ``agent`` (themselves), or to everything. The
        first user added by someone else makes that someone an admin.

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.add_user("sam", ["supervisor"], groups=["Day team"])
        >>> ws.access.users().filter(user="sam")["scope"].item()
        'groups: Day team'
        """
        _wfm.access_add_user(self._ws, name, list(roles), groups, agent)

    def remove_user(self, name: str) -> None:
        """Removes a user.

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.add_user("ann", ["analyst"])
        >>> ws.access.remove_user("ann")
        >>> "ann" in ws.access.users()["user"].to_list()
        False
        """
        _wfm.access_remove_user(self._ws, name)

    def grant(self, name: str, role: str) -> None:
        """Gives a user a role.

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.add_user("ann", ["analyst"])
        >>> ws.access.grant("ann", "planner")
        >>> ws.access.users().filter(user="ann")["roles"].item().to_list()
        ['analyst', 'planner']
        """
        _wfm.access_grant(self._ws, name, role, True)

    def revoke(self, name: str, role: str) -> None:
        """Takes a role from a user.

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.add_user("ann", ["analyst", "planner"])
        >>> ws.access.revoke("ann", "planner")
        >>> ws.access.users().filter(user="ann")["roles"].item().to_list()
        ['analyst']
        """
        _wfm.access_grant(self._ws, name, role, False)

    def set_scope(
        self, name: str, groups: Optional[List[str]] = None, agent: Optional[str] = None
    ) -> None:
        """Sets a user's scope: staffing ``groups``, one ``agent``, or (neither) all.

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.add_user("agent1", ["agent"])
        >>> ws.access.set_scope("agent1", agent="agent1")
        >>> ws.access.users().filter(user="agent1")["scope"].item()
        'agent: agent1'
        """
        _wfm.access_set_scope(self._ws, name, groups, agent)

    def roles(self) -> pl.DataFrame:
        """Every role: ``role``, ``builtin`` and ``permissions`` (a list).

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.roles().filter(role="agent")["permissions"].item().to_list()[:2]
        ['agent_calendar.view', 'agent_calendar.edit']
        """
        rows = _wfm.access_roles(self._ws)
        return pl.DataFrame(
            {
                "role": [r[0] for r in rows],
                "builtin": [r[1] for r in rows],
                "permissions": [r[2] for r in rows],
            },
            schema={"role": pl.String, "builtin": pl.Boolean, "permissions": pl.List(pl.String)},
        )

    def define_role(self, name: str, permissions: List[str]) -> None:
        """Defines (or redefines) a custom role as a set of permissions
        (``forecasting.view``, ``time_off.approve``, …).

        >>> import pathlib, tempfile, wfm
        >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
        >>> ws.access.define_role("forecaster", ["forecasting.view", "forecasting.edit"])
        >>> ws.access.roles().filter(role="forecaster")["builtin"].item()
        False
        """
        _wfm.access_define_role(self._ws, name, list(permissions))


def audit(
    ws: "Workspace",
    actor: Optional[str] = None,
    operation: Optional[str] = None,
    target: Optional[str] = None,
    since: Optional[When] = None,
    until: Optional[When] = None,
) -> pl.DataFrame:
    """The audit log of ``ws`` (oldest first): ``seq``, ``at``, ``actor``, ``operation``,
    ``target``, ``detail``; only an ``actor``'s, an ``operation`` (or a prefix ending in
    ``.``), targets containing ``target``, from ``since``, before ``until``.

    >>> import pathlib, tempfile, wfm
    >>> ws = wfm.Workspace.create(pathlib.Path(tempfile.mkdtemp()) / "w.wfm", interval=30)
    >>> _ = ws.create_group("Sales", ["1001"])
    >>> wfm.access.audit(ws)["operation"].to_list()
    ['group.create']
    """
    text = _wfm.access_audit(ws._ws, actor, operation, target, _when(since), _when(until))
    return pl.read_csv(
        io.StringIO(text),
        schema={
            "seq": pl.Int64,
            "at": pl.String,
            "actor": pl.String,
            "operation": pl.String,
            "target": pl.String,
            "detail": pl.String,
        },
    ).with_columns(pl.col("at").str.to_datetime(time_zone="UTC"))
