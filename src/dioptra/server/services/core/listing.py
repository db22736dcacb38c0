"""Paging, sorting and search shared by every list endpoint."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.orm import Session

from dioptra.server.services.core.errors import SortParameterValidationError
from dioptra.server.services.core.kinds import SearchField

T = TypeVar("T")
# A SELECT of any columns (SQLAlchemy 2.1 types selects by their column tuple).
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class ListQuery:
    """What a list request asks for (already validated for range by the API)."""

    index: int = 0
    page_length: int = 10
    group_id: int | None = None
    search: str | None = None
    sort_by: str | None = None
    descending: bool = False
    show_deleted: bool = False


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int


def search_condition(
    query: str | None, fields: Mapping[str, SearchField]
) -> ColumnElement[bool] | None:
    """Terms are AND-ed (as in Dioptra); an unfielded term matches any searchable field.

    Raises the search module's ``SearchParseError`` (422) for a malformed query or an
    unknown field.
    """
    if not query:
        return None
    from dioptra.server.services.core.search import parse_search, to_like_pattern

    conditions: list[ColumnElement[bool]] = []
    for term in parse_search(query, fields=list(fields)):
        pattern = to_like_pattern(term)
        if term.field is None:
            conditions.append(or_(*(build(pattern) for build in fields.values())))
        else:
            conditions.append(fields[term.field](pattern))
    return and_(*conditions) if conditions else None


def sort_clauses(
    sort_by: str | None,
    descending: bool,
    sort_fields: Mapping[str, Any],
    entity_display: str,
    tie_breaker: Any,
) -> list[Any]:
    """ORDER BY for a list: the requested field (NULLs first ascending, as SQLite does),
    then insertion order so pages never overlap. Descending is ascending reversed, ties
    included: rows created in the same instant still list newest first."""
    order = tie_breaker.desc() if descending else tie_breaker.asc()
    if sort_by is None:
        return [order]
    if sort_by not in sort_fields:
        raise SortParameterValidationError(entity_display, sort_by)
    column = sort_fields[sort_by]
    ordered = column.desc().nulls_last() if descending else column.asc().nulls_first()
    return [ordered, order]


def paginate(
    db: Session,
    statement: AnySelect,
    count_statement: AnySelect,
    index: int,
    page_length: int,
) -> tuple[Sequence[Any], int]:
    """Runs the page query and its count (two statements; the count skips ORDER BY)."""
    total = db.execute(count_statement).scalar_one()
    if total <= index:
        return [], total
    rows = db.execute(statement.limit(page_length).offset(index)).all()
    return rows, total
