"""Drives our server with Dioptra 1.2.2's own Python client (run by the compat venv's
Python, not by pytest). Usage: python original_client_script.py http://127.0.0.1:PORT

Exits non-zero (with the failing assertion) when the client and the server disagree.
"""

import sys

from dioptra.client import connect_json_dioptra_client
from dioptra.client.base import StatusCodeError


def expect_status(status, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except StatusCodeError as error:
        assert error.status_code == status, (error.status_code, error.message)
        return error
    raise AssertionError(f"expected HTTP {status} from {call.__name__}")


def main(address):
    client = connect_json_dioptra_client(address)

    user = client.users.create("compat", "compat@example.org", "pw")
    assert user["groups"][0]["name"] == "public", user
    expect_status(401, client.auth.login, "compat", "wrong")
    client.auth.login("compat", "pw")
    assert client.users.get_current()["username"] == "compat"

    # queues: create, get, list with paging links, sort, search
    first = client.queues.create(group_id=1, name="compat-00", description="first")
    assert first["name"] == "compat-00" and first["deleted"] is False, first
    for n in range(1, 12):
        client.queues.create(group_id=1, name=f"compat-{n:02d}", description=None)
    assert client.queues.get_by_id(first["id"]) == first
    page = client.queues.get(index=10, page_length=5)
    assert page["totalNumResults"] == 12, page
    assert page["isComplete"] is True
    assert page["first"] == "/api/v1/queues?index=0&pageLength=5&showDeleted=False", page
    assert page["prev"] == "/api/v1/queues?index=5&pageLength=5&showDeleted=False", page
    assert [q["name"] for q in page["data"]] == ["compat-10", "compat-11"]
    ordered = client.queues.get(sort_by="name", descending=True, page_length=2)
    assert [q["name"] for q in ordered["data"]] == ["compat-11", "compat-10"], ordered
    assert "sortBy=name&descending=True" in ordered["first"], ordered["first"]
    found = client.queues.get(search="name:compat-0?,description:first")
    assert [q["id"] for q in found["data"]] == [first["id"]], found
    expect_status(422, client.queues.get, search="bogus:x")
    expect_status(400, client.queues.get, sort_by="bogus")
    expect_status(409, client.queues.create, group_id=1, name="compat-00")
    expect_status(400, client.queues.create, group_id=1, name="no/slashes")
    expect_status(404, client.queues.get_by_id, 999999)

    # modify (new snapshot) and snapshots
    modified = client.queues.modify_by_id(first["id"], name="compat-renamed", description="x")
    assert modified["snapshot"] > first["snapshot"], modified
    snapshots = client.queues.snapshots.get(first["id"])
    assert [s["name"] for s in snapshots["data"]] == ["compat-00", "compat-renamed"], snapshots
    one = client.queues.snapshots.get_by_id(first["id"], snapshot_id=first["snapshot"])
    assert one["latestSnapshot"] is False

    # tags
    tag = client.tags.create(group_id=1, name="compat-tag")
    client.queues.tags.append(first["id"], ids=[tag["id"]])
    assert [t["id"] for t in client.queues.tags.get(first["id"])] == [tag["id"]]
    tagged = client.tags.get_resources_for_tag(tag["id"], resource_type="queue")
    assert tagged["totalNumResults"] == 1, tagged
    assert client.queues.get(search="tag:compat-tag")["totalNumResults"] == 1
    client.queues.tags.remove(first["id"], tag_id=tag["id"])
    assert client.queues.tags.get(first["id"]) == []
    assert client.tags.modify_by_id(tag["id"], name="compat-tag2")["name"] == "compat-tag2"
    client.tags.delete_by_id(tag["id"])
    expect_status(404, client.tags.get_by_id, tag["id"])

    # drafts: new resource, modification, commit, conflict
    draft = client.queues.new_resource_drafts.create(
        group_id=1, name="from-draft", description=None
    )
    assert client.queues.new_resource_drafts.get()["totalNumResults"] == 1
    committed = client.workflows.commit_draft(draft["id"])
    created = client.queues.get_by_id(committed["id"][0])
    assert created["name"] == "from-draft", created
    change = client.queues.modify_resource_drafts.create(
        created["id"], name="drafted", description=None
    )
    assert client.queues.get_by_id(created["id"])["hasDraft"] is True
    client.queues.modify_by_id(created["id"], name="moved-on", description=None)
    expect_status(400, client.workflows.commit_draft, change["id"])
    latest = client.queues.get_by_id(created["id"])["snapshot"]
    client.queues.modify_resource_drafts.modify(
        created["id"], resource_snapshot_id=latest, name="drafted", description="d"
    )
    client.workflows.commit_draft(change["id"])
    assert client.queues.get_by_id(created["id"])["name"] == "drafted"

    # delete (1.2: still readable, hidden from lists unless asked)
    client.queues.delete_by_id(created["id"])
    assert client.queues.get_by_id(created["id"])["deleted"] is True
    assert client.queues.get(search="name:drafted")["totalNumResults"] == 0
    assert client.queues.get(search="name:drafted", show_deleted=True)["totalNumResults"] == 1

    assert client.groups.get()["data"][0]["name"] == "public"
    client.auth.logout()
    expect_status(401, client.queues.get)
    print("original client: all checks passed")


if __name__ == "__main__":
    main(sys.argv[1])
