"""The default group and the data every installation starts with."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dioptra.server.db.base import utcnow
from dioptra.server.db.tables import Group, GroupMember, Resource, ResourceSnapshot, User

PUBLIC_GROUP_NAME = "public"
PARAMETER_TYPE = "plugin_task_parameter_type"
# Task-engine builtin types, present read-only in the public group (examples use them).
BUILTIN_PARAMETER_TYPES = ("any", "string", "integer", "number", "boolean", "null")


def join_public_group(db: Session, user: User) -> Group:
    """Adds a new user to ``public`` (read + write), creating the group on first use.

    The first user creates it (so it gets id 1 on a fresh database), owns it, and the
    builtin plugin parameter types are seeded into it.
    """
    group = db.scalars(select(Group).where(Group.name == PUBLIC_GROUP_NAME)).first()
    if group is None:
        now = utcnow()
        group = Group(
            name=PUBLIC_GROUP_NAME, creator_id=user.id, created_on=now, last_modified_on=now
        )
        db.add(group)
        db.flush()
        db.add(
            GroupMember(
                group_id=group.id,
                user_id=user.id,
                read=True,
                write=True,
                share_read=True,
                share_write=True,
                owner=True,
                admin=True,
            )
        )
        _seed_builtin_parameter_types(db, group, user)
    else:
        db.add(GroupMember(group_id=group.id, user_id=user.id, read=True, write=True))
    db.flush()
    return group


def _seed_builtin_parameter_types(db: Session, group: Group, user: User) -> None:
    now = utcnow()
    for name in BUILTIN_PARAMETER_TYPES:
        resource = Resource(
            resource_type=PARAMETER_TYPE,
            group_id=group.id,
            created_on=now,
            deleted=False,
            readonly=True,
            unique_name=name,
        )
        db.add(resource)
        db.flush()
        snapshot = ResourceSnapshot(
            resource_id=resource.id,
            resource_type=PARAMETER_TYPE,
            user_id=user.id,
            created_on=now,
            name=name,
            description=None,
            payload={"structure": None},
        )
        db.add(snapshot)
        db.flush()
        resource.latest_snapshot_id = snapshot.id
