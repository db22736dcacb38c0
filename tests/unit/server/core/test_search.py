"""The search language.

The accept/reject tables were learnt by probing the original server (dioptra-platform
1.2.2) with `GET /api/v1/queues/?search=<query>` (searchable fields `name, description,
tag`): every query under ACCEPTED answered 200 and every one under REJECTED answered 422.
The few places where this parser deliberately differs are listed in DEVIATIONS.
"""

from __future__ import annotations

import sqlite3

import pytest

from dioptra.server.services.core.search import (
    SearchParseError,
    SearchTerm,
    TermKind,
    parse_search,
    to_like_pattern,
)

FIELDS = ("name", "description", "tag")


def parsed(query: str) -> list[tuple[str | None, str]]:
    """(field, LIKE pattern) of each term."""
    return [(term.field, to_like_pattern(term)) for term in parse_search(query, fields=FIELDS)]


# The original answered 200 to each of these. The right column is our reading of it.
ACCEPTED: list[tuple[str, list[tuple[str | None, str]]]] = [
    ("", []),
    ("foo", [(None, "%foo%")]),
    ("foo bar", [(None, "%foo%bar%")]),  # words in order, anything between (as the original)
    ("a  b", [(None, "%a%b%")]),
    ("a\tb", [(None, "%a%b%")]),
    (" foo", [(None, "%foo%")]),
    ("foo ", [(None, "%foo%")]),
    ("name:foo", [("name", "foo")]),
    ("name: foo", [("name", "foo")]),
    ("name :foo", [("name", "foo")]),
    ("name\t:x", [("name", "x")]),
    ("  name:x", [("name", "x")]),
    ("name:\tfoo", [("name", "foo")]),
    ("name:'foo bar'", [("name", "foo bar")]),
    ('name:"foo bar"', [("name", "foo bar")]),
    ("name:'x' ", [("name", "x")]),
    ("name:foo*", [("name", "foo%")]),
    ("name:*foo?", [("name", "%foo_")]),
    ("name:a?b", [("name", "a_b")]),
    ("name:??", [("name", "__")]),
    ("name:*", [("name", "%")]),
    ("tag:*", [("tag", "%")]),
    ("name:foo* ", [("name", "foo%")]),
    ("*", [(None, "%")]),
    ("?", [(None, "%_%")]),
    ("**", [(None, "%")]),
    ("?x", [(None, "%_x%")]),
    ("x*y z", [(None, "%x%y%z%")]),
    ("'*'", [(None, "%")]),
    ("name:'*'", [("name", "%")]),
    ("name:'a*b c?'", [("name", "a%b c_")]),
    ("foo,bar", [(None, "%foo%"), (None, "%bar%")]),
    ("foo, bar", [(None, "%foo%"), (None, "%bar%")]),
    ("foo ,bar", [(None, "%foo%"), (None, "%bar%")]),
    ("tag:a,tag:b", [("tag", "a"), ("tag", "b")]),  # AND-ed, despite the original's docs
    ("description:hello,name:q*", [("description", "hello"), ("name", "q%")]),
    ("hello world, name:x", [(None, "%hello%world%"), ("name", "x")]),
    ("name:x,description:y,tag:z", [("name", "x"), ("description", "y"), ("tag", "z")]),
    ("name:\"x\",description:'y z'", [("name", "x"), ("description", "y z")]),
    ("name:'x',foo", [("name", "x"), (None, "%foo%")]),
    ("'x' , 'y'", [(None, "%x%"), (None, "%y%")]),
    # escapes
    ("name:a\\:b", [("name", "a:b")]),
    ("a\\,b", [(None, "%a,b%")]),
    ("name:\\,", [("name", ",")]),
    ("a\\\\b", [(None, "%a\\\\b%")]),  # a literal backslash, escaped for LIKE
    ("\\\\", [(None, "%\\\\%")]),
    ("name:a\\*b", [("name", "a*b")]),  # a literal '*' is not a wildcard
    ("a\\*", [(None, "%a*%")]),
    ("\\?", [(None, "%?%")]),
    ("name:\\?", [("name", "?")]),
    ("name:\\*", [("name", "*")]),
    ("\\'", [(None, "%'%")]),
    ('\\"', [(None, '%"%')]),
    ("name:\\n", [("name", "\n")]),
    ("a\\nb", [(None, "%a\nb%")]),
    ("'\\n'", [(None, "%\n%")]),
    ("name:'a\\'b'", [("name", "a'b")]),
    ('name:"a\\"b"', [("name", 'a"b')]),
    ("name:'a\\,b'", [("name", "a,b")]),
    # quotes protect grammar characters; the other quote needs no escape
    ("'a\"b'", [(None, '%a"b%')]),
    ("name:'a\"b'", [("name", 'a"b')]),
    ("name:'a,b:c'", [("name", "a,b:c")]),
    ('"a,b"', [(None, "%a,b%")]),
    ("'a:b'", [(None, "%a:b%")]),
    ("name:'trail  '", [("name", "trail  ")]),
    # 1.2: any printable non-grammar character in unquoted words
    ("name:ok*-1.2_x", [("name", "ok%-1.2\\_x")]),
    ("foo.bar/baz-1", [(None, "%foo.bar/baz-1%")]),
    ("name:foo.bar", [("name", "foo.bar")]),
    ("~!@#$%^&()-=+[]{}|;<>./", [(None, "%~!@#$\\%^&()-=+[]{}|;<>./%")]),
    ("100%", [(None, "%100\\%%")]),
    ("a_b", [(None, "%a\\_b%")]),
    ("name:a%b_c", [("name", "a\\%b\\_c")]),
    ("name:%", [("name", "\\%")]),
    ("name:-1.2", [("name", "-1.2")]),
    ("name:[x]", [("name", "[x]")]),
    ("name:a@b.c", [("name", "a@b.c")]),
    ("1abc", [(None, "%1abc%")]),
]


@pytest.mark.parametrize(("query", "expected"), ACCEPTED, ids=[repr(q) for q, _ in ACCEPTED])
def test_queries_the_original_accepts(query: str, expected: list[tuple[str | None, str]]) -> None:
    assert parsed(query) == expected


# The original answered 422 to each of these; the reason must say what and where.
REJECTED: list[tuple[str, str]] = [
    ("bogus:foo", "'bogus' at position 0 is not a searchable field"),
    ("Name:foo", "'Name' at position 0 is not a searchable field"),  # field names are exact
    ("na_me:x", "'na_me' at position 0 is not a searchable field"),
    ("_:x", "'_' at position 0 is not a searchable field"),
    ("a:b", "'a' at position 0 is not a searchable field"),
    ("name:", "missing value after 'name:' at position 5"),
    ("description:", "missing value after 'description:' at position 12"),
    ("name:,foo", "missing value after 'name:' at position 5"),
    (":foo", "':' at position 0"),
    ("*:x", "':' at position 1"),
    ("x:", "'x' at position 0 is not a searchable field"),
    ("na1me:x", "':' at position 5"),
    ("foo bar:baz", "':' at position 7"),
    ("foo:bar:baz", "'foo' at position 0 is not a searchable field"),
    ("name:a:b", "':' at position 6 in the value of 'name'"),
    ("name:foo bar", "space at position 8 in the value of 'name'"),
    ("name:a b", "space at position 6 in the value of 'name'"),
    ("name:ok name-1.2_x", "space at position 7 in the value of 'name'"),
    ("name:foo *", "space at position 8 in the value of 'name'"),
    ("name:x\ty", "space at position 6 in the value of 'name'"),
    ("a,,b", "empty search term at position 2"),
    (",", "empty search term at position 0"),
    (",foo", "empty search term at position 0"),
    ("foo,", "empty search term at position 4"),
    ("name:x,", "empty search term at position 7"),
    ("a, ,b", "empty search term at position 3"),
    (",,", "empty search term at position 0"),
    ("a\\x", "invalid escape '\\x' at position 1"),
    ("foo\\ bar", "invalid escape '\\ ' at position 3"),
    ("'\\x'", "invalid escape '\\x' at position 1"),
    ("a\\", "'\\' at position 1 ends the query"),
    ("'unterminated", "the ' quote opened at position 0 is never closed"),
    ("\"x'", 'the " quote opened at position 0 is never closed'),
    ("''", "empty quoted value at position 0"),
    ('""', "empty quoted value at position 0"),
    ("name:''", "empty quoted value at position 5"),
    ("'foo'bar", "unexpected 'b' at position 5"),
    ("name:'a'b'", "unexpected 'b' at position 8"),
    ("name:'it''s'", 'unexpected "\'" at position 9'),
    ("'a' 'b'", 'unexpected "\'" at position 4'),
    ("'a'b'", "unexpected 'b' at position 3"),
    ("name:'x'*", "unexpected '*' at position 8"),
    ("name:*'x'", "quote at position 6 inside an unquoted value"),
    ("name:a'b", "quote at position 6 inside an unquoted value"),
    ("a'b", "quote at position 1 inside an unquoted value"),
    ("a 'b'", "quote at position 2 inside an unquoted value"),
]


@pytest.mark.parametrize(("query", "reason"), REJECTED, ids=[repr(q) for q, _ in REJECTED])
def test_queries_the_original_rejects(query: str, reason: str) -> None:
    with pytest.raises(SearchParseError) as caught:
        parse_search(query, fields=FIELDS)
    assert caught.value.query == query
    assert reason in caught.value.reason
    assert caught.value.args == (query, caught.value.reason)  # the 422 detail {query, reason}


# Deliberate differences from 1.2.2: (query, what the original answered, what we give).
DEVIATIONS: list[tuple[str, int, list[tuple[str | None, str]]]] = [
    # 1.2.2 accepts only ASCII (pyparsing's `printables`), even inside quotes.
    ("naïve", 422, [(None, "%naïve%")]),
    ("name:naïve", 422, [("name", "naïve")]),
    ("日本", 422, [(None, "%日本%")]),
    ("name:'日本 語'", 422, [("name", "日本 語")]),
    ("café,name:Zürich*", 422, [(None, "%café%"), ("name", "Zürich%")]),
    # Trailing space after an unquoted field value: 422 there, yet `name:foo* ` was 200.
    ("name:foo ", 422, [("name", "foo")]),
    ("name:foo ,tag:x", 422, [("name", "foo"), ("tag", "x")]),
    # A whitespace-only query is no query (the original: 422, but "" was 200).
    ("  ", 422, []),
    ("\t\n", 422, []),
    # Leading spaces inside quotes are kept (the original silently dropped them).
    ("name:'  lead'", 200, [("name", "  lead")]),
    # A lone quoted space is a value like any other.
    ("name:' '", 422, [("name", " ")]),
]


@pytest.mark.parametrize(
    ("query", "original_status", "expected"), DEVIATIONS, ids=[repr(q) for q, _, _ in DEVIATIONS]
)
def test_deliberate_deviations(
    query: str, original_status: int, expected: list[tuple[str | None, str]]
) -> None:
    assert original_status in (200, 422)  # recorded for the reader
    assert parsed(query) == expected


@pytest.mark.parametrize(
    ("query", "position"),
    [("a\x00b", 1), ("name:x\x07", 6), ("'a\x1bb'", 2), ("x\x7f", 1)],
)
def test_control_characters_are_rejected(query: str, position: int) -> None:
    with pytest.raises(SearchParseError, match=f"control character .* at position {position}"):
        parse_search(query, fields=FIELDS)


def test_terms_carry_field_glob_pattern_and_kind() -> None:
    terms = parse_search("foo bar, name:a\\*b?, 'x y'", fields=FIELDS)
    assert terms == [
        SearchTerm(None, "foo*bar", TermKind.CONTAINS),
        SearchTerm("name", "a\\*b?", TermKind.MATCHES),
        SearchTerm(None, "x y", TermKind.CONTAINS),
    ]
    assert [term.has_wildcards for term in terms] == [True, True, False]
    assert not parse_search("name:a\\*\\?", fields=FIELDS)[0].has_wildcards


def test_unknown_field_reason_lists_the_searchable_fields() -> None:
    with pytest.raises(SearchParseError) as caught:
        parse_search("owner:me", fields=["username", "email"])
    assert caught.value.reason == (
        "'owner' at position 0 is not a searchable field; searchable fields: email, username"
    )
    assert "cannot parse search query 'owner:me'" in str(caught.value)


def test_fields_are_whatever_the_resource_allows() -> None:
    assert parsed_with("task_graph:*load*", ["task_graph"]) == [("task_graph", "%load%")]
    with pytest.raises(SearchParseError, match="not a searchable field; searchable fields: none"):
        parse_search("name:x", fields=[])


def parsed_with(query: str, fields: list[str]) -> list[tuple[str | None, str]]:
    return [(term.field, to_like_pattern(term)) for term in parse_search(query, fields=fields)]


# -- the LIKE patterns do what the terms mean, on a real SQL engine ----------------------
# The same rows came back from the original for each query (stored as queue descriptions,
# `name:` asked as `description:`), except 'ünï', which the original refuses to parse.

VALUES = [
    "foo",
    "foobar",
    "barfoo",
    "food",
    "fo",
    "a*b",
    "axb",
    "a_b",
    "a%b",
    "a\\b",
    "foo bar",
    "foo  bar",
    "bar foo",
    "it's",
    "x:y",
    "new\nline",
    "ünï",
]

MATCHING: list[tuple[str, set[str]]] = [
    ("name:foo", {"foo"}),
    ("name:foo*", {"foo", "foobar", "food", "foo bar", "foo  bar"}),
    ("name:fo?", {"foo"}),
    ("name:'foo bar'", {"foo bar"}),
    ("foo bar", {"foobar", "foo bar", "foo  bar"}),
    ("name:a\\*b", {"a*b"}),
    ("name:a*b", {"a*b", "axb", "a_b", "a%b", "a\\b"}),
    ("name:a_b", {"a_b"}),
    ("name:a%b", {"a%b"}),
    ("name:a\\\\b", {"a\\b"}),
    ("it\\'s", {"it's"}),
    ("x\\:y", {"x:y"}),
    ("new\\nline", {"new\nline"}),
    ("ünï", {"ünï"}),
    ("bar,foo", {"foobar", "barfoo", "foo bar", "foo  bar", "bar foo"}),
]


@pytest.mark.parametrize(("query", "expected"), MATCHING, ids=[repr(q) for q, _ in MATCHING])
def test_like_patterns_match_the_intended_rows(query: str, expected: set[str]) -> None:
    database = sqlite3.connect(":memory:")
    database.execute("PRAGMA case_sensitive_like = ON")  # like PostgreSQL's LIKE
    database.execute("CREATE TABLE t (name TEXT)")
    database.executemany("INSERT INTO t VALUES (?)", [(value,) for value in VALUES])
    sql = "SELECT name FROM t WHERE 1"
    arguments: list[str] = []
    for term in parse_search(query, fields=["name"]):
        sql += " AND name LIKE ? ESCAPE '\\'"
        arguments.append(to_like_pattern(term))
    assert {row[0] for row in database.execute(sql, arguments)} == expected
