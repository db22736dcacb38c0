"""The server-sent-events parser."""

from __future__ import annotations

from dioptra.client.sse import ServerSentEvent, parse_sse


def _parse(text: str) -> list[ServerSentEvent]:
    return list(parse_sse(text.splitlines()))


def test_event_type_and_data() -> None:
    assert _parse('event: status\ndata: {"status": "started"}\n\n') == [
        ServerSentEvent(event="status", data='{"status": "started"}')
    ]


def test_data_lines_join_with_newlines() -> None:
    assert _parse("event: log\ndata: line one\ndata: line two\ndata:\n\n") == [
        ServerSentEvent(event="log", data="line one\nline two\n")
    ]


def test_comments_and_keepalives_are_ignored() -> None:
    events = _parse(": keep-alive\n\n:\n\ndata: x\n: inside an event\n\n: ping\n\n")

    assert events == [ServerSentEvent(event="message", data="x")]


def test_only_one_leading_space_is_stripped() -> None:
    assert _parse("data:  two spaces\ndata:none\n\n")[0].data == " two spaces\nnone"


def test_id_persists_and_retry_is_parsed() -> None:
    events = _parse("id: 7\nretry: 1500\ndata: a\n\ndata: b\n\nid: 8\nretry: soon\ndata: c\n\n")

    assert [(e.id, e.retry, e.data) for e in events] == [
        ("7", 1500, "a"),
        ("7", 1500, "b"),
        ("8", 1500, "c"),
    ]


def test_field_without_colon_and_unknown_fields() -> None:
    assert _parse("data\nfoo: bar\n\n") == [ServerSentEvent(data="")]


def test_typed_event_without_data_is_delivered() -> None:
    assert _parse("event: end\n\n") == [ServerSentEvent(event="end", data="")]


def test_byte_order_mark_and_unterminated_event() -> None:
    events = _parse("\ufeffdata: first\n\ndata: never finished")

    assert events == [ServerSentEvent(data="first")]
