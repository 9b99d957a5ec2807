"""wfm.Workspace on PostgreSQL: a ``postgres://`` location opens the same workspace API
on a database of the throw-away test cluster (``scripts/postgres.sh``; skipped without
one unless ``WFM_REQUIRE_POSTGRES=1``), and the password never shows."""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest

import wfm

SECRET = "Sup3rS3cret"


@pytest.fixture
def url() -> str:
    """A fresh empty database of the test cluster, its URL carrying a password."""
    admin = os.environ.get("WFM_TEST_POSTGRES")
    if not admin:
        if os.environ.get("WFM_REQUIRE_POSTGRES") == "1":
            pytest.fail("WFM_REQUIRE_POSTGRES=1 but WFM_TEST_POSTGRES is not set")
        pytest.skip("no PostgreSQL test cluster (WFM_TEST_POSTGRES unset)")
    name = f"wfm_py_{uuid.uuid4().hex[:12]}"
    subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    base = admin.rsplit("/", 1)[0].replace("://wfm@", f"://wfm:{SECRET}@", 1)
    return f"{base}/{name}"


def test_a_postgres_workspace_works_like_a_file(url: str) -> None:
    ws = wfm.Workspace.create(url, 30, "Europe/Berlin")
    ws.create_group("Sales", ["1001"])
    again = wfm.Workspace(url)
    assert again.groups() == {"Sales": ["1001"]}
    assert again.interval == 30 and again.time_zone == "Europe/Berlin"
    assert wfm.Workspace.upgrade(url) is None
    assert SECRET not in repr(again) and "***" in again.path
    with pytest.raises(wfm.ConflictError) as refused:
        wfm.Workspace.create(url, 30)
    assert SECRET not in str(refused.value)
