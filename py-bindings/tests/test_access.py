"""Team workspaces from Python: actors, PermissionDenied, scoped reads, the audit log."""

from __future__ import annotations

import pytest

import wfm
import wfm.timeoff


def _team() -> wfm.Workspace:
    ws = wfm.timeoff._example_workspace()
    admin = ws.as_actor("root")
    admin.access.add_user("sam", ["supervisor"], groups=["Early team"])
    admin.access.add_user("agent1", ["agent"], agent="agent1")
    return admin


def test_a_refusal_is_permission_denied_naming_permission_and_target() -> None:
    ws = _team()
    agent = ws.as_actor("agent1")
    with pytest.raises(wfm.PermissionDenied) as e:
        agent.time_off.adjust("agent1", "VACAY_SK", 1.0, "more")
    assert isinstance(e.value, wfm.WfmError) and isinstance(e.value, PermissionError)
    assert (e.value.actor, e.value.permission, e.value.target) == (
        "agent1",
        "time_off_balance.edit",
        "agent agent1",
    )
    # outside the actor's scope: nothing of the target
    sam = ws.as_actor("sam")
    with pytest.raises(wfm.PermissionDenied) as e:
        sam.time_off.adjust("agent1", "VACAY_SK", 1.0, "more")
    assert e.value.target == "a target not found or not permitted"
    assert "agent1" not in str(e.value)


def test_an_unknown_actor_is_refused_once_users_exist() -> None:
    ws = _team()
    with pytest.raises(wfm.PermissionDenied):
        ws.as_actor("mallory").create_group("X", ["1099"])


def test_reads_are_filtered_by_scope() -> None:
    ws = _team()
    assert set(ws.time_off.balances()["AGENT"].to_list()) == {"agent1", "ana", "dora"}
    agent = ws.as_actor("agent1")
    assert agent.time_off.balances()["AGENT"].unique().to_list() == ["agent1"]
    sam = ws.as_actor("sam")
    assert "agent1" not in sam.time_off.balances()["AGENT"].to_list()


def test_the_audit_log_is_a_dataframe_of_every_change() -> None:
    ws = _team()
    log = ws.audit()
    assert log.columns == ["seq", "at", "actor", "operation", "target", "detail"]
    assert "users.add" in log["operation"].to_list()
    only = ws.audit(actor="root", operation="users.")
    assert set(only["operation"].to_list()) == {"users.add"} and only.height == 3
    with pytest.raises(wfm.PermissionDenied):
        ws.as_actor("sam").audit()
