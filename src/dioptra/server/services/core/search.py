"""The `search=` query language of the REST API: parsing and SQL LIKE patterns.

A query is a comma-separated list of terms, all of which must match (AND):

- `text`: unfielded; a substring of any searchable field. Several whitespace-separated
  words match in that order with anything between them (`foo bar` ~ `%foo%bar%`).
- `field:value`: the whole field must match `value`, where `*` matches any run of
  characters and `?` exactly one. Field names are `[A-Za-z_]+` and must be searchable.
- Values may be quoted with `'…'` or `"…"` (needed for spaces in a field value, and to
  use `:` `,` or the other quote without escaping); wildcards still work inside quotes.
- `\\` escapes one of `\\ ? * " ' n : ,` (`\\n` is a newline). Unquoted words may hold
  any other printable character, Unicode included.

Compared with Dioptra 1.2.2 (probed; see tests/unit/server/test_search.py), this parser
also accepts non-ASCII text, a whitespace-only query (no filter), and whitespace after an
unquoted field value; it keeps leading spaces inside quotes instead of dropping them.
Everything the original rejects for another reason is rejected here too, with the
position of the problem in the reason.

Pure: no SQL here. The REST core turns each term into a filter with `to_like_pattern`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

ESCAPES = {"\\": "\\", "?": "?", "*": "*", '"': '"', "'": "'", "n": "\n", ":": ":", ",": ","}
QUOTES = ("'", '"')
WILDCARDS = ("*", "?")
_FIELD_PREFIX = re.compile(r"([A-Za-z_]+)\s*:")
_ESCAPE_LIST = " ".join("\\" + char for char in ESCAPES)


class SearchParseError(Exception):
    """A search query that cannot be parsed, or that names a field not searchable here.

    `query` is the whole query and `reason` says what is wrong and where (0-based
    character position), matching the `{query, reason}` detail of Dioptra's 422 error.
    """

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(query, reason)
        self.query = query
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot parse search query {self.query!r}: {self.reason}"


class TermKind(StrEnum):
    CONTAINS = "contains"  # unfielded: the pattern occurs anywhere in some field
    MATCHES = "matches"  # fielded: the whole field matches the pattern


@dataclass(frozen=True)
class SearchTerm:
    """One term of a query.

    `pattern` is a glob: `*` and `?` are wildcards, `\\*`, `\\?` and `\\\\` are those
    characters literally, and every other character stands for itself.
    """

    field: str | None
    pattern: str
    kind: TermKind

    @property
    def has_wildcards(self) -> bool:
        return any(not escaped and char in WILDCARDS for char, escaped in _glob_chars(self.pattern))


def _glob_chars(pattern: str) -> list[tuple[str, bool]]:
    """The pattern's characters, each with whether it was escaped (is literal)."""
    chars: list[tuple[str, bool]] = []
    index = 0
    while index < len(pattern):
        if pattern[index] == "\\" and index + 1 < len(pattern):
            chars.append((pattern[index + 1], True))
            index += 2
        else:
            chars.append((pattern[index], False))
            index += 1
    return chars


def _literal(char: str) -> str:
    """A character as it must appear in a glob pattern to stand for itself."""
    return "\\" + char if char in ("\\", "*", "?") else char


class _Parser:
    def __init__(self, query: str, fields: Collection[str]) -> None:
        self.query = query
        self.fields = fields
        self.pos = 0

    # -- helpers -------------------------------------------------------------------------

    def fail(self, reason: str) -> SearchParseError:
        return SearchParseError(self.query, reason)

    def at_end(self) -> bool:
        return self.pos >= len(self.query)

    def peek(self) -> str:
        return self.query[self.pos]

    def skip_space(self) -> None:
        while not self.at_end() and self.peek().isspace():
            self.pos += 1

    def check_printable(self, char: str) -> None:
        if not char.isprintable() and not char.isspace():
            raise self.fail(f"control character {char!r} at position {self.pos}")

    def escape(self) -> str:
        """The escaped character at `pos` (a backslash), as a literal glob fragment."""
        start = self.pos
        if start + 1 >= len(self.query):
            raise self.fail(f"'\\' at position {start} ends the query and escapes nothing")
        char = self.query[start + 1]
        if char not in ESCAPES:
            raise self.fail(
                f"invalid escape '\\{char}' at position {start}; only {_ESCAPE_LIST} are allowed"
            )
        self.pos += 2
        return _literal(ESCAPES[char])

    # -- grammar -------------------------------------------------------------------------

    def parse(self) -> list[SearchTerm]:
        terms: list[SearchTerm] = []
        while True:
            self.skip_space()
            terms.append(self.term())
            self.skip_space()
            if self.at_end():
                return terms
            if self.peek() != ",":
                raise self.fail(
                    f"unexpected {self.peek()!r} at position {self.pos}; terms are separated "
                    "by ',' and a quoted value must be the whole value"
                )
            self.pos += 1

    def term(self) -> SearchTerm:
        if self.at_end() or self.peek() == ",":
            raise self.fail(f"empty search term at position {self.pos}")
        prefix = _FIELD_PREFIX.match(self.query, self.pos)
        if prefix is None:
            return SearchTerm(None, self.value(field=None), TermKind.CONTAINS)
        field = prefix.group(1)
        if field not in self.fields:
            known = ", ".join(sorted(self.fields)) or "none"
            raise self.fail(
                f"'{field}' at position {self.pos} is not a searchable field; "
                f"searchable fields: {known}"
            )
        self.pos = prefix.end()
        self.skip_space()
        if self.at_end() or self.peek() == ",":
            raise self.fail(f"missing value after '{field}:' at position {self.pos}")
        return SearchTerm(field, self.value(field=field), TermKind.MATCHES)

    def value(self, field: str | None) -> str:
        if self.peek() in QUOTES:
            return self.quoted()
        return self.unquoted(field)

    def quoted(self) -> str:
        quote, opened_at = self.peek(), self.pos
        self.pos += 1
        pieces: list[str] = []
        while True:
            if self.at_end():
                raise self.fail(f"the {quote} quote opened at position {opened_at} is never closed")
            char = self.peek()
            if char == quote:
                self.pos += 1
                break
            if char == "\\":
                pieces.append(self.escape())
                continue
            self.check_printable(char)
            pieces.append(char if char in WILDCARDS else _literal(char))
            self.pos += 1
        if not pieces:
            raise self.fail(f"empty quoted value at position {opened_at}")
        return "".join(pieces)

    def unquoted(self, field: str | None) -> str:
        """Words up to the next ',' (one word only after `field:`)."""
        words: list[str] = []
        word: list[str] = []
        while not self.at_end():
            char = self.peek()
            if char == ",":
                break
            if char.isspace():
                if field is not None:
                    self.reject_inner_space(field)
                    break
                if word:
                    words.append("".join(word))
                    word = []
                self.pos += 1
            elif char == "\\":
                word.append(self.escape())
            elif char in QUOTES:
                raise self.fail(
                    f"quote at position {self.pos} inside an unquoted value; quote the whole "
                    "value or escape the quote"
                )
            elif char == ":":
                raise self.fail(self.colon_reason(field))
            else:
                self.check_printable(char)
                word.append(char if char in WILDCARDS else _literal(char))
                self.pos += 1
        if word:
            words.append("".join(word))
        return "*".join(words)

    def reject_inner_space(self, field: str) -> None:
        """Whitespace may only trail a field value: it must be followed by ',' or the end."""
        space_at = self.pos
        self.skip_space()
        if not self.at_end() and self.peek() != ",":
            raise self.fail(
                f"space at position {space_at} in the value of '{field}'; "
                "quote a field value that contains spaces"
            )

    def colon_reason(self, field: str | None) -> str:
        where = f"':' at position {self.pos}"
        if field is not None:
            return f"{where} in the value of '{field}'; quote the value or escape it as '\\:'"
        return (
            f"{where}; a field name (letters and underscores only) must directly precede "
            "':', and a literal ':' must be quoted or escaped as '\\:'"
        )


def parse_search(query: str, *, fields: Collection[str]) -> list[SearchTerm]:
    """Parse a `search=` query into AND-ed terms; `fields` are the searchable field names.

    An empty (or all-whitespace) query gives no terms. Raises `SearchParseError`.
    """
    if not query.strip():
        return []
    return _Parser(query, fields).parse()


def to_like_pattern(term: SearchTerm) -> str:
    """The SQL LIKE pattern of a term, to be used with `ESCAPE '\\'`.

    Literal `%`, `_` and `\\` are escaped, `*` becomes `%` and `?` becomes `_`;
    an unfielded (CONTAINS) term is wrapped in `%…%`. Runs of `%` are merged.
    """
    pieces: list[str] = ["%"] if term.kind is TermKind.CONTAINS else []
    for char, escaped in _glob_chars(term.pattern):
        if escaped or char not in WILDCARDS:
            pieces.append("\\" + char if char in ("%", "_", "\\") else char)
        elif char == "?":
            pieces.append("_")
        elif not pieces or pieces[-1] != "%":
            pieces.append("%")
    if term.kind is TermKind.CONTAINS and pieces[-1] != "%":
        pieces.append("%")
    return "".join(pieces)
