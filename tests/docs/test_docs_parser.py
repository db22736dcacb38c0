"""The rules of the runnable-example parser, on small pages written here."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from docs_examples import DocsTestError, Reader, chain, parse_page, reader_env


def parse(text: str):
    return parse_page(textwrap.dedent(text), "tutorials/sample.md")


def test_blocks_outside_tabs_belong_to_both_tracks_and_keep_their_lines() -> None:
    page = parse(
        """\
        # Sample

        ```bash
        echo one
        ```

        ```python
        x = 1
        ```
        """
    )
    assert [(b.line, b.language, b.code, b.runs) for b in page.blocks] == [
        (3, "bash", "echo one\n", True),
        (7, "python", "x = 1\n", True),
    ]
    assert all(b.tracks == {"python", "cli"} for b in page.blocks)
    assert page.blocks[0].where == "docs/tutorials/sample.md:3"


def test_content_tabs_choose_the_track_and_lose_their_indentation() -> None:
    page = parse(
        """\
        === "Web UI"

            1. Click **Queues**.

            ```bash
            echo never runs
            ```

        === "Python client"

            ```python
            client.queues.create(group_id=1, name="default")
            if True:
                print("indented")
            ```

        === "CLI"

            ```bash
            dioptra queues create default
            ```

        ```bash
        echo both
        ```
        """
    )
    web, python, cli, both = page.blocks
    assert web.tracks == frozenset() and not web.runs
    assert python.tracks == {"python"}
    assert python.code == (
        'client.queues.create(group_id=1, name="default")\nif True:\n    print("indented")\n'
    )
    assert cli.tracks == {"cli"} and cli.code == "dioptra queues create default\n"
    assert both.tracks == {"python", "cli"}
    assert [b.line for b in page.acting("cli")] == [cli.line, both.line]
    assert [b.line for b in page.acting("python")] == [python.line, both.line]


def test_other_tabs_and_admonitions_keep_the_track_of_what_encloses_them() -> None:
    page = parse(
        """\
        === "CLI"

            !!! note

                ```bash
                echo in a note
                ```

            === "Linux"

                ```bash
                echo nested
                ```
        """
    )
    assert [(b.code, b.tracks) for b in page.blocks] == [
        ("echo in a note\n", {"cli"}),
        ("echo nested\n", {"cli"}),
    ]


def test_a_titled_block_is_a_file_written_not_run_whatever_its_language() -> None:
    page = parse(
        """\
        ```python title="plugins/hello.py"
        print("hi")
        ```

        ```yaml title="entrypoint.yml"
        tasks: {}
        ```

        ```yaml
        not: written
        ```
        """
    )
    hello, entrypoint, plain = page.blocks
    assert (hello.title, hello.is_file, hello.runs) == ("plugins/hello.py", True, False)
    assert entrypoint.title == "entrypoint.yml" and entrypoint.acts_in("cli")
    assert not plain.runs and not plain.acts_in("cli")


def test_a_skip_needs_a_reason_and_applies_to_the_next_block_only() -> None:
    page = parse(
        """\
        <!-- docs-test: skip the harness starts the server -->

        ```bash
        dioptra up
        ```

        ```bash
        dioptra queues
        ```
        """
    )
    skipped, kept = page.blocks
    assert skipped.skip_reason == "the harness starts the server" and not skipped.runs
    assert kept.skip_reason is None and kept.runs

    with pytest.raises(DocsTestError, match=r"sample.md:1: say why"):
        parse("<!-- docs-test: skip -->\n\n```bash\ntrue\n```\n")


def test_a_skip_marker_must_come_right_before_a_block() -> None:
    with pytest.raises(DocsTestError, match="followed by a code block"):
        parse("<!-- docs-test: skip reason -->\nSome text.\n\n```bash\ntrue\n```\n")
    with pytest.raises(DocsTestError, match="followed by a code block"):
        parse("```bash\ntrue\n```\n\n<!-- docs-test: skip reason -->\n")


def test_continues_names_a_page_before_the_first_block() -> None:
    page = parse("<!-- docs-test: continues tutorials/hello-world.md -->\n\n```bash\ntrue\n```\n")
    assert page.continues == "tutorials/hello-world.md"
    with pytest.raises(DocsTestError, match="before the page's first code block"):
        parse("```bash\ntrue\n```\n<!-- docs-test: continues tutorials/hello-world.md -->\n")
    with pytest.raises(DocsTestError, match="relative to docs/"):
        parse("<!-- docs-test: continues docs/tutorials/hello-world.md -->\n")


def test_mistakes_in_markers_titles_and_fences_are_named_with_their_line() -> None:
    with pytest.raises(DocsTestError, match=r"sample.md:2: unknown docs-test marker 'skipp'"):
        parse("\n<!-- docs-test: skipp because -->\n")
    with pytest.raises(DocsTestError, match="relative path inside the working directory"):
        parse('```python title="../outside.py"\nx = 1\n```\n')
    with pytest.raises(DocsTestError, match=r"sample.md:3: this code block is never closed"):
        parse("Text\n\n```bash\ntrue\n")


def test_a_longer_fence_holds_a_shorter_one() -> None:
    page = parse("````markdown\n```bash\nnot a block\n```\n````\n")
    assert len(page.blocks) == 1 and page.blocks[0].language == "markdown"


def test_continues_chains_run_the_first_page_first_and_refuse_cycles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docs_examples

    (tmp_path / "tutorials").mkdir()
    (tmp_path / "tutorials" / "a.md").write_text("```bash\necho a\n```\n")
    (tmp_path / "tutorials" / "b.md").write_text("<!-- docs-test: continues tutorials/a.md -->\n")
    (tmp_path / "tutorials" / "c.md").write_text("<!-- docs-test: continues tutorials/b.md -->\n")
    (tmp_path / "tutorials" / "x.md").write_text("<!-- docs-test: continues tutorials/y.md -->\n")
    (tmp_path / "tutorials" / "y.md").write_text("<!-- docs-test: continues tutorials/x.md -->\n")
    (tmp_path / "tutorials" / "z.md").write_text("<!-- docs-test: continues tutorials/no.md -->\n")
    monkeypatch.setattr(docs_examples, "DOCS", tmp_path)
    assert [page.path for page in chain("tutorials/c.md")] == [
        "tutorials/a.md",
        "tutorials/b.md",
        "tutorials/c.md",
    ]
    with pytest.raises(DocsTestError, match="goes round"):
        chain("tutorials/x.md")
    with pytest.raises(DocsTestError, match=r"z.md: continues tutorials/no.md.*no such page"):
        chain("tutorials/z.md")


def test_blocks_run_like_a_reader_pastes_them(tmp_path: Path) -> None:
    """Files are written, bash blocks run strict, python blocks share one namespace, and a
    failure names the page line with the block's output (no server needed for this)."""
    text = textwrap.dedent(
        """\
        ```text title="data/greeting.txt"
        hello
        ```

        ```bash
        test "$(cat data/greeting.txt)" = hello
        echo shell-ok > from-shell.txt
        ```

        ```python
        greeting = open("data/greeting.txt").read().strip()
        ```

        ```python
        assert greeting == "hello"
        print("python-ok", open("from-shell.txt").read().strip())
        ```

        ```bash
        false | cat
        echo unreachable
        ```

        ```python
        raise ValueError("wrong " + greeting)
        ```
        """
    )
    page = parse_page(text, "tutorials/sample.md")
    workdir = tmp_path / "work"
    workdir.mkdir()
    reader = Reader(
        root=tmp_path, workdir=workdir, env=reader_env(tmp_path), server_log=tmp_path / "log"
    )
    (tmp_path / "log").write_text("server log\n")
    file, shell, first, second, failing_shell, failing_python = page.blocks
    import docs_examples

    docs_dir = tmp_path / "docs"
    (docs_dir / "tutorials").mkdir(parents=True)
    (docs_dir / "tutorials" / "sample.md").write_text(text)
    try:
        original = docs_examples.DOCS
        docs_examples.DOCS = docs_dir
        for block in (file, shell, first, second):
            reader.run(block, "cli")
        assert (workdir / "from-shell.txt").read_text() == "shell-ok\n"
        with pytest.raises(AssertionError) as shell_failure:
            reader.run(failing_shell, "cli")
        message = str(shell_failure.value)
        assert message.startswith(
            "docs/tutorials/sample.md:19: the bash block (cli track) exited 1"
        )
        assert "unreachable" not in message.split("----- its output -----")[1]
        with pytest.raises(AssertionError) as python_failure:
            reader.run(failing_python, "python")
        message = str(python_failure.value)
        assert "docs/tutorials/sample.md:24: the python block (python track) raised" in message
        assert 'File "docs/tutorials/sample.md", line 25' in message
        assert 'raise ValueError("wrong " + greeting)' in message
        assert "ValueError: wrong hello" in message
    finally:
        docs_examples.DOCS = original
        reader.close()


def make_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: dict[str, str]) -> None:
    import docs_examples

    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    monkeypatch.setattr(docs_examples, "DOCS", tmp_path / "docs")


def continuing(previous: str | None, name: str) -> str:
    head = f"<!-- docs-test: continues tutorials/{previous}.md -->\n" if previous else ""
    return f"{head}```bash\necho {name} >> trail\n```\n"


CHAIN_PAGES = {
    f"tutorials/{name}.md": continuing(previous, name)
    for name, previous in [("a", None), ("b", "a"), ("c", "b"), ("d", "a"), ("e", None)]
}


def test_pages_are_ordered_as_chains_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docs_examples import ordered_pages

    make_docs(tmp_path, monkeypatch, CHAIN_PAGES)
    shuffled = [
        "tutorials/e.md",
        "tutorials/d.md",
        "tutorials/c.md",
        "tutorials/b.md",
        "tutorials/a.md",
    ]
    assert ordered_pages(shuffled) == [
        "tutorials/a.md",
        "tutorials/b.md",
        "tutorials/c.md",
        "tutorials/d.md",
        "tutorials/e.md",
    ]


def test_a_reader_goes_on_only_from_exactly_the_pages_continued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """b goes on from a's reader and c from b's; d continues a, not c, so it starts afresh
    and replays a; a failing page's reader is not reused."""
    import docs_examples
    from docs_examples import Readers

    make_docs(tmp_path, monkeypatch, CHAIN_PAGES)
    started: list[Reader] = []

    def start_reader(root: Path) -> Reader:
        (root / "work").mkdir(parents=True)
        reader = Reader(root, root / "work", reader_env(root), root / "log")
        (root / "log").write_text("")
        started.append(reader)
        return reader

    monkeypatch.setattr(docs_examples, "start_reader", start_reader)
    roots = iter(tmp_path / f"reader{n}" for n in range(10))
    readers = Readers(lambda: next(roots))
    try:
        for name in ("a", "b", "c", "d"):
            readers.run(f"tutorials/{name}.md", "cli")
        trails = [(r.workdir / "trail").read_text().split() for r in started]
        assert trails == [["a", "b", "c"], ["a", "d"]]

        (tmp_path / "docs" / "tutorials" / "b.md").write_text(
            "<!-- docs-test: continues tutorials/a.md -->\n```bash\nfalse\n```\n"
        )
        with pytest.raises(AssertionError, match=r"b\.md:2"):
            readers.run("tutorials/b.md", "cli")
        readers.run("tutorials/a.md", "cli")
        assert len(started) == 4  # after the failure, a fresh reader
    finally:
        readers.close()
