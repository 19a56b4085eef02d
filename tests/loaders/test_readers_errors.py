"""Bad input: each case is an InputError whose one line names the file, says what is wrong and what to do."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dkg.errors import InputError
from loaders.readers import read_file

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
CHINESE = "区委书记出席会议并讲话。".encode()


def _truncated_gzip() -> bytes:
    whole = gzip.compress(CHINESE * 50)
    return whole[: len(whole) // 2]


BAD_FILES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # case: (file name, bytes, what the reason says)
    "empty": ("page.txt", lambda: b"", "the file is empty"),
    "only white space": ("page.txt", lambda: b" \n\r\n\t ", "the file is empty"),
    "png bytes": ("page.txt", lambda: PNG, "this is a binary file (a PNG image), not text"),
    "png without extension": ("page", lambda: PNG, "this is a binary file (a PNG image), not text"),
    "nul bytes": ("page.txt", lambda: CHINESE + b"\x00\x01\x02\x00\xff\x00" * 40 + b"\x00",
                  "this is a binary file (it holds NUL bytes), not text"),
    "control bytes": ("page.txt", lambda: bytes(range(1, 9)) * 200, "this looks like a binary file"),
    "zip as text": ("page.txt", lambda: b"PK\x03\x04" + b"\x14" * 40, "this is a binary file (a ZIP archive"),
    "truncated gzip": ("page.txt.gz", _truncated_gzip, "the gzip file is truncated or corrupt"),
    "gzip of nothing": ("page.txt.gz", lambda: gzip.compress(b""), "the gzip file holds an empty file"),
    "undecodable bytes": ("page.txt", lambda: CHINESE + b"\xff\xfe\xfd\x80" + CHINESE,
                          "cannot decode the bytes: not UTF-8 (bad byte at offset 36)"),
    "html without text": ("page.html", lambda: b"<html><body><script>render()</script></body></html>",
                          "the web page has no main text"),
    "markdown without text": ("page.md", lambda: b"---\n\n---\n", "the Markdown file has no text"),
    "csv without body": ("a.csv", lambda: "标题,日期\n会议,2025-01-01\n".encode(), "the CSV has no body column"),
    "json wrong shape": ("a.json", lambda: b"[[1, 2]]", "1 of 1 records could not be read; record 1: expected"),
    "json nested too deep": ("a.json", lambda: b"[" * 100_000 + b"]" * 100_000, "the JSON nested too deep to read"),
    "json line nested too deep": ("a.jsonl", lambda: b'{"body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
                                  "1 of 1 records could not be read; line 1: the JSON nested too deep to read"),
    "json number too long": ("a.json", lambda: b'[{"body": "x", "page": ' + b"9" * 5_000 + b"}]",
                             "the JSON holds a number too long to read"),
    "pdf without text layer": ("scan.pdf", lambda: _blank_pdf(), "the PDF has no text layer"),
    "not a pdf": ("scan.pdf", lambda: b"%PDF-1.4\n" + b"garbage " * 30, "not a readable PDF"),
}


def _blank_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    out = BytesIO()
    page = canvas.Canvas(out)
    page.line(10, 10, 200, 200)
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_readers_bad_file_is_one_clear_input_error(case: str, tmp_path: Path) -> None:
    name, make_bytes, reason = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(make_bytes())
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    error = caught.value
    assert error.path == str(path)
    assert error.reason.startswith(reason), error.reason
    assert error.hint, "every error says what to do"
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}: ")


def test_readers_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_file(tmp_path / "nowhere.txt"))


def test_readers_unknown_forced_reader_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("区委书记出席会议", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_file(path, reader="docx"))
    assert caught.value.reason == "there is no reader named 'docx'"
    assert "text, html, markdown, pdf, jsonl, csv, gzip" in caught.value.hint


def test_readers_folder_reads_the_good_files_and_names_the_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("区委书记出席会议。", encoding="utf-8")
    (tmp_path / "sub" / "b.png").write_bytes(PNG)
    (tmp_path / "sub" / "c.jsonl").write_text(
        json.dumps({"title": "标题", "body": "正文。"}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    documents = []
    with pytest.raises(InputError) as caught:
        for document in read_file(tmp_path):
            documents.append(document)
    assert [d.text for d in documents] == ["区委书记出席会议。", "标题\n正文。"]
    assert [e.path for e in caught.value.errors] == [str(tmp_path / "sub" / "b.png"), str(tmp_path / "sub" / "c.jsonl")]
    assert caught.value.errors[1].reason.startswith("line 2: not valid JSON")
