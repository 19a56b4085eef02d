"""The bugs the fuzzers and the resource runs found, each pinned by the case that showed it.

- a sidecar or manifest whose fields have the wrong type (``page: abc``, ``publication: 12``,
  ``issue_date: 20250127``) raised ValueError/TypeError out of ``read_file`` and stopped the
  whole ingest, or let a non-date reach the stages; now an InputError naming the sidecar;
- a YAML error in a sidecar, and a CSV header whose quoted names hold line breaks, gave
  error messages of several lines;
- a file of many records was written as one batch (its whole graph in memory and in one
  transaction); now a batch holds at most ``--batch-size`` documents.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dkg.errors import InputError
from dkg.ingest import ingest_paths
from loaders.readers import read_file
from tests.reliability.helpers import BatchRecorder, run_dkg, write_records

PAGE = "区委书记出席会议并讲话。"

BAD_SIDECARS = {
    "page: abc": "page 'abc' is not a page number",
    "page: [1, 2]": "page [1, 2] is not a page number",
    "page: -3": "page -3 is not a page number",
    "page: 1.5": "page 1.5 is not a page number",
    "issue_date: 20250127": "issue_date 20250127 is not YYYY-MM-DD",
    "issue_date: {a: 1}": "issue_date {'a': 1} is not YYYY-MM-DD",
    "publication: [a, b]": "publication must be text, not list",
    "publication: 12": "publication must be text, not int",
    "jurisdiction: 3": "jurisdiction must be text, not int",
    "publication: [unclosed": "cannot read this metadata file (while parsing a flow sequence",
}


@pytest.mark.parametrize("sidecar", sorted(BAD_SIDECARS))
def test_metadata_sidecar_of_wrong_type_is_an_input_error_naming_it(tmp_path: Path, sidecar: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.txt.meta.yaml").write_text(sidecar + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_file(page))
    assert caught.value.path == str(tmp_path / "page.txt.meta.yaml")
    assert caught.value.reason.startswith(BAD_SIDECARS[sidecar]), caught.value.reason
    assert "\n" not in str(caught.value)


def test_metadata_manifest_entry_of_wrong_shape_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("files:\n  page.txt: 3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"the entry of page\.txt under files is not a mapping"):
        list(read_file(tmp_path / "page.txt"))


def test_metadata_sidecar_timestamp_and_quoted_page_are_read(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.txt.meta.yaml").write_text("issue_date: 2025-01-27 08:00:00\npage: '3'\n", encoding="utf-8")
    document = next(read_file(page))
    assert (document.issue_date, document.page) == (dt.date(2025, 1, 27), 3)
    assert type(document.issue_date) is dt.date


def test_ingest_bad_sidecar_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.txt.meta.yaml").write_text("page: abc\n", encoding="utf-8")
    done = run_dkg("ingest", str(tmp_path), "--store", str(tmp_path / "store"), "--json")
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["files"], summary["documents"]) == (2, 1)
    assert [failure["path"] for failure in summary["failures"]] == [str(tmp_path / "a.txt.meta.yaml")]


def test_ingest_never_reads_its_own_store_inside_the_input_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    for _ in range(2):  # the first run creates the store inside the folder, the second finds it there
        done = run_dkg("ingest", ".", "--json", cwd=tmp_path)  # the default store is ./dkg-data
        assert done.returncode == 0, done.stderr
        assert (json.loads(done.stdout)["files"], json.loads(done.stdout)["failures"]) == (1, [])
    assert (tmp_path / "dkg-data" / "oxigraph").is_dir()


def test_csv_header_with_line_breaks_gives_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'"ti\ntle",date\n')
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert "\n" not in str(caught.value)
    assert "columns: ti tle, date" in caught.value.reason


def test_ingest_file_of_many_records_is_written_in_batches_of_the_batch_size(tmp_path: Path) -> None:
    records = write_records(tmp_path / "archive.jsonl", 0.03)
    recorder = BatchRecorder()
    summary = ingest_paths([tmp_path / "archive.jsonl"], recorder, batch_size=7)
    assert summary.documents == records
    assert max(recorder.documents_per_write) <= 7
    assert len(recorder.documents_per_write) == summary.batches == -(-records // 7)


def test_records_keys_with_line_breaks_give_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"ti\ntle": "标题"}), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert "\n" not in str(caught.value)
    assert "no body field (keys: ti tle)" in caught.value.errors[0].reason


def test_pdf_damaged_so_that_closing_fails_too_is_one_input_error(tmp_path: Path) -> None:
    """pdfplumber's close() walked the damaged pages again and its error replaced the InputError."""
    from tests.reliability.strategies import sample_pdf

    damaged = (sample_pdf().replace(b"%PDF", b"\x00PDF", 1).replace(b"/Ordering (GB1)", b"/Ordering \x00GB1)")
               .replace(b"\n7 0 obj", b"\n\x00 0 obj"))
    path = tmp_path / "scan.pdf"
    path.write_bytes(damaged)
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith("cannot read the PDF's pages")


def test_html_that_trips_the_date_finder_is_read(tmp_path: Path) -> None:
    """htmldate (through trafilatura's metadata) raised a bare AssertionError on an <html> inside an <svg>."""
    path = tmp_path / "page.html"
    path.write_bytes("<svg><title><html><p>区委书记出席会议。</p>".encode())
    documents = list(read_file(path))
    assert len(documents) == 1 and "区委书记出席会议。" in documents[0].text


@pytest.mark.parametrize("fragment", ["<div>区委\x1f书记</div>", "区委\x1f书记", "<p>区委</p>0000\x1f书记"])
def test_markup_control_characters_neither_raise_nor_lose_the_text(fragment: str) -> None:
    """lxml refused to set text holding a control character (ValueError out of the Markdown reader)."""
    from loaders.readers.markup import html_lines

    assert "".join(html_lines(fragment)).replace("0000", "") == "区委书记"


def test_markdown_with_a_control_character_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(("## 标题\n\n<div>区委书记</div>\n0000\x1f" + "出席会议。" * 30 + "\n").encode())
    assert "区委书记" in next(read_file(path)).text
