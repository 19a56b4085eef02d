"""A huge text is read in parts: same articles, facts and file offsets as read whole, bounded memory.

The part size is lowered here (``PART_CHARS``, ``WHOLE_CHARS``) so a file of a few pages is cut into several.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import opencc
import pytest

import loaders.pipeline
import loaders.readers.plaintext
from loaders.document import Article
from loaders.pipeline import DocumentResult, process_file, process_path_in_parts
from loaders.readers import read_file
from loaders.readers.parts import part_spans
from loaders.readers.script import is_traditional
from loaders.segmentation import segment_document
from tests.conftest import SAMPLE_PAGE

PAGES = sorted((Path(__file__).parent / "pages").glob("*.txt"))


def pages_text(separator: str, copies: int = 4) -> str:
    """The sample page and the test pages (up to 2,500 characters each), ``copies`` times over."""
    texts = [SAMPLE_PAGE.read_text(encoding="utf-8"), *(page.read_text(encoding="utf-8") for page in PAGES)]
    return separator.join(texts * copies)


def set_part_chars(monkeypatch: pytest.MonkeyPatch, characters: int) -> None:
    monkeypatch.setattr(loaders.readers.plaintext, "PART_CHARS", characters)
    monkeypatch.setattr(loaders.readers.plaintext, "WHOLE_CHARS", characters)
    monkeypatch.setattr(loaders.pipeline, "PART_CHARS", characters)


def write_file(tmp_path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path = tmp_path / "paper-2025-01-27-p1.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def cited(result: DocumentResult, article: Article) -> tuple:
    """What an article cites: id, title, its span and body span in the file, and its facts."""
    facts = sorted(str(fact.as_json()) for fact in result.facts.get(article.id, []))
    return (article.id, article.title, article.text, result.document.file_span(article.start, article.end),
            article.file_span(0, len(article.text)), facts)


def citations(path: Path) -> list[tuple]:
    return [cited(result, article) for result in process_file(path, resolve=False) for article in result.articles]


def test_parts_cut_at_form_feeds_give_the_same_articles_facts_and_file_offsets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_file(tmp_path, pages_text("\f"))
    whole = citations(path)
    set_part_chars(monkeypatch, 6_000)
    documents = list(read_file(path))
    assert len(documents) > 3 and [d.part for d in documents] == list(range(len(documents)))
    assert all(d.text.endswith("\f") for d in documents[:-1])  # every cut is a page break
    assert citations(path) == whole


@pytest.mark.parametrize(("encoding", "newline", "script"), [
    ("utf-8", "\n", "s"), ("gb18030", "\r\n", "s"), ("utf-8", "\r\n", "t"), ("utf-16", "\n", "t")])
def test_parts_cut_at_blank_lines_map_every_article_back_to_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, newline: str, script: str) -> None:
    text = pages_text("\n\n")
    if script == "t":
        text = opencc.OpenCC("s2t").convert(text)
    path = write_file(tmp_path, text, encoding, newline)
    file_text = text.replace("\n", newline)
    set_part_chars(monkeypatch, 3_000)
    results = list(process_file(path, resolve=False))
    assert len(results) > 5
    assert [r.document.file_offset for r in results] == [start for start, _ in part_spans(file_text, 3_000)]
    for result in results:
        document = result.document
        start, end = document.file_span(0, len(document.text))
        assert file_text[start:end] == (document.original_text or document.text)
        for article in result.articles:
            first, last = article.file_span(0, len(article.text))
            assert file_text[first:last].replace("\r\n", "\n").startswith(document.original_quote(
                *article.document_span(0, min(5, len(article.text)))).replace("\r\n", "\n"))
    ordinals = [article.ordinal for result in results for article in result.articles]
    assert ordinals == list(range(len(ordinals)))  # numbered on across the parts
    assert len({article.id for result in results for article in result.articles}) == len(ordinals)


def test_a_file_under_the_part_size_is_one_document_as_before(tmp_path: Path) -> None:
    path = write_file(tmp_path, pages_text("\n\n"))
    [document] = read_file(path)
    assert document.part is None and document.file_offset == 0


def test_parts_of_one_file_go_to_the_writer_a_few_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_file(tmp_path, pages_text("\f"))
    set_part_chars(monkeypatch, 6_000)
    outcomes = list(process_path_in_parts(path, resolve=False))
    assert len(outcomes) > 2 and [o.complete for o in outcomes] == [False] * (len(outcomes) - 1) + [True]
    assert all(sum(len(r.document.text) for r in o.documents) < 2 * 6_000 for o in outcomes)


def test_reading_and_segmenting_in_parts_holds_one_part_at_a_time(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    set_part_chars(monkeypatch, 20_000)
    segment_document(next(read_file(write_file(tmp_path, pages_text("\n\n", 1)))))  # lexicons loaded untraced
    peaks = {}
    for copies in (4, 16):
        path = write_file(tmp_path, pages_text("\n\n", copies))
        tracemalloc.start()
        for document in read_file(path):
            segment_document(document)
        peaks[copies] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    # 4x the file: its bytes and text are held (a few MB), the pages' articles are not
    assert peaks[16] < 2 * peaks[4], peaks


def test_script_is_decided_in_chunks_as_on_the_whole_text() -> None:
    to_traditional = opencc.OpenCC("s2t")
    for page in [SAMPLE_PAGE, *PAGES]:
        text = page.read_text(encoding="utf-8")
        for variant in (text, to_traditional.convert(text), text + to_traditional.convert(text[:200])):
            assert is_traditional(variant, chunk_chars=300) == is_traditional(variant)
    assert not is_traditional(pages_text("\n\n"), chunk_chars=500)
    assert is_traditional(to_traditional.convert(pages_text("\n\n")), chunk_chars=500)
