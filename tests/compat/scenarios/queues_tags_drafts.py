"""Queues, tags and drafts through the original client, with the paging, sorting and
search the client passes on, and its collection URLs (no trailing slash) answered in one
round trip."""

from __future__ import annotations

from urllib.parse import quote

import requests
from _support import (
    address_from_argv,
    done,
    expect_status,
    logged_in_client,
    names,
    plain_session,
    public_group_id,
    unique,
)


def check_no_redirect(address: str, session: requests.Session) -> None:
    """The client asks for ``/api/v1/queues`` (no slash); where Dioptra redirects to the
    slashed route, this server answers at once, as the slashed route would."""
    for method, expected in (("GET", 200), ("POST", 400)):
        response = session.request(
            method, f"{address}/api/v1/queues?index=0", allow_redirects=False
        )
        assert response.status_code == expected, (method, response.status_code)
        slashed = session.request(method, f"{address}/api/v1/queues/?index=0")
        assert response.json() == slashed.json(), (response.text, slashed.text)


def main() -> None:
    client, _ = logged_in_client()
    group = public_group_id(client)
    check_no_redirect(address_from_argv(), plain_session())
    prefix = unique("q")

    # queues: create, get, list with paging links, sort, search
    first = client.queues.create(group_id=group, name=f"{prefix}-00", description="first")
    assert first["name"] == f"{prefix}-00" and first["deleted"] is False, first
    assert first["group"]["id"] == group and first["description"] == "first", first
    for n in range(1, 12):
        client.queues.create(group_id=group, name=f"{prefix}-{n:02d}", description=None)
    assert client.queues.get_by_id(first["id"]) == first
    mine = f"name:{prefix}-*"
    page = client.queues.get(index=10, page_length=5, search=mine)
    assert page["totalNumResults"] == 12, page
    assert page["isComplete"] is True and page["index"] == 10, page
    query = quote(mine, safe="")
    assert page["first"] == (
        f"/api/v1/queues?index=0&pageLength=5&search={query}&showDeleted=False"
    ), page
    assert page["prev"] == (
        f"/api/v1/queues?index=5&pageLength=5&search={query}&showDeleted=False"
    ), page
    assert names(page) == [f"{prefix}-10", f"{prefix}-11"], page
    opening = client.queues.get(index=0, page_length=5, search=mine)
    assert opening["isComplete"] is False and "next" in opening, opening
    assert names(opening) == [f"{prefix}-{n:02d}" for n in range(5)], opening
    ordered = client.queues.get(sort_by="name", descending=True, page_length=2, search=mine)
    assert names(ordered) == [f"{prefix}-11", f"{prefix}-10"], ordered
    assert "sortBy=name&descending=True" in ordered["first"], ordered["first"]
    found = client.queues.get(search=f"name:{prefix}-0?,description:first")
    assert [q["id"] for q in found["data"]] == [first["id"]], found
    assert client.queues.get(group_id=group, search=mine)["totalNumResults"] == 12
    expect_status(422, client.queues.get, search="bogus:x")
    expect_status(400, client.queues.get, sort_by="bogus")
    expect_status(409, client.queues.create, group_id=group, name=f"{prefix}-00")
    expect_status(400, client.queues.create, group_id=group, name="no/slashes")
    expect_status(404, client.queues.get_by_id, 999999)

    # modify (new snapshot) and snapshots
    renamed = unique("renamed")
    modified = client.queues.modify_by_id(first["id"], name=renamed, description="x")
    assert modified["snapshot"] > first["snapshot"], modified
    assert modified["id"] == first["id"] and modified["description"] == "x", modified
    snapshots = client.queues.snapshots.get(first["id"])
    assert names(snapshots) == [f"{prefix}-00", renamed], snapshots
    one = client.queues.snapshots.get_by_id(first["id"], snapshot_id=first["snapshot"])
    assert one["latestSnapshot"] is False and one["name"] == f"{prefix}-00", one

    # tags
    tag = client.tags.create(group_id=group, name=unique("tag"))
    client.queues.tags.append(first["id"], ids=[tag["id"]])
    assert [t["id"] for t in client.queues.tags.get(first["id"])] == [tag["id"]]
    assert [t["id"] for t in client.queues.get_by_id(first["id"])["tags"]] == [tag["id"]]
    tagged = client.tags.get_resources_for_tag(tag["id"], resource_type="queue")
    assert tagged["totalNumResults"] == 1, tagged
    assert client.queues.get(search=f"tag:{unique('tag')}")["totalNumResults"] == 1
    client.queues.tags.remove(first["id"], tag_id=tag["id"])
    assert client.queues.tags.get(first["id"]) == []
    other = client.tags.create(group_id=group, name=unique("tag-b"))
    replaced = client.queues.tags.modify(first["id"], ids=[tag["id"], other["id"]])
    assert sorted(t["id"] for t in replaced) == sorted([tag["id"], other["id"]]), replaced
    client.queues.tags.remove_all(first["id"])
    assert client.queues.tags.get(first["id"]) == []
    assert client.tags.modify_by_id(tag["id"], name=unique("tag2"))["name"] == unique("tag2")
    client.tags.delete_by_id(tag["id"])
    expect_status(404, client.tags.get_by_id, tag["id"])

    # drafts: new resource, modification, commit, conflict
    drafted_name = unique("from-draft")
    draft = client.queues.new_resource_drafts.create(
        group_id=group, name=drafted_name, description=None
    )
    assert draft["payload"]["name"] == drafted_name, draft
    listed = client.queues.new_resource_drafts.get()
    assert draft["id"] in [d["id"] for d in listed["data"]], listed
    client.queues.new_resource_drafts.modify(
        draft_id=draft["id"], name=drafted_name, description="d"
    )
    again = client.queues.new_resource_drafts.get_by_id(draft_id=draft["id"])
    assert again["payload"]["description"] == "d", again
    committed = client.workflows.commit_draft(draft["id"])
    created = client.queues.get_by_id(committed["id"][0])
    assert created["name"] == drafted_name and created["description"] == "d", created
    expect_status(404, client.queues.new_resource_drafts.get_by_id, draft_id=draft["id"])
    change = client.queues.modify_resource_drafts.create(
        created["id"], name=unique("drafted"), description=None
    )
    assert client.queues.get_by_id(created["id"])["hasDraft"] is True
    client.queues.modify_by_id(created["id"], name=unique("moved-on"), description=None)
    expect_status(400, client.workflows.commit_draft, change["id"])
    latest = client.queues.get_by_id(created["id"])["snapshot"]
    client.queues.modify_resource_drafts.modify(
        created["id"], resource_snapshot_id=latest, name=unique("drafted"), description="d"
    )
    client.workflows.commit_draft(change["id"])
    assert client.queues.get_by_id(created["id"])["name"] == unique("drafted")

    # delete (1.2: still readable, hidden from lists unless asked)
    client.queues.delete_by_id(created["id"])
    assert client.queues.get_by_id(created["id"])["deleted"] is True
    gone = f"name:{unique('drafted')}"
    assert client.queues.get(search=gone)["totalNumResults"] == 0
    assert client.queues.get(search=gone, show_deleted=True)["totalNumResults"] == 1

    assert "public" in names(client.groups.get())
    client.auth.logout()
    expect_status(401, client.queues.get)
    done("queues_tags_drafts")


if __name__ == "__main__":
    main()
