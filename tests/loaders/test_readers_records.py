"""JSON Lines and CSV of article records: a document per record, bad records reported, good ones kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dkg.errors import InputError
from loaders.readers import DocumentMetadata, PartialInputError, read_file

ARTICLES = [
    {"title": "区政协召开常委会议", "date": "2025-01-20", "body": "1月20日，区政协召开常委会议。\n会议审议了报告。",
     "url": "https://example.org/a/1", "publication": "某区报"},
    {"title": "街道开展迎新春活动", "date": "2025年1月22日", "body": "街道开展迎新春活动。", "publication": "某区报"},
]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_all(path: Path, overrides: DocumentMetadata | None = None) -> tuple[list, PartialInputError | None]:
    """The documents read before an error, and the error."""
    documents = []
    try:
        for document in read_file(path, overrides):
            documents.append(document)
    except PartialInputError as error:
        return documents, error
    return documents, None


def test_readers_jsonl_gives_a_document_per_record_with_its_article_span(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "articles.jsonl", [json.dumps(a, ensure_ascii=False) for a in ARTICLES])
    documents, error = read_all(path)
    assert error is None
    assert [d.title for d in documents] == [a["title"] for a in ARTICLES]
    for document, article in zip(documents, ARTICLES, strict=True):
        (span,) = document.metadata["articles"]
        assert span["title"] == article["title"]
        assert document.text[span["start"]:span["end"]] == article["body"]
        assert document.publication == "某区报"
    assert [d.issue_date for d in documents] == [dt.date(2025, 1, 20), dt.date(2025, 1, 22)]
    assert documents[0].source == "https://example.org/a/1"
    assert documents[1].source == f"{path}:line 2"


def test_readers_jsonl_malformed_line_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = [json.dumps(ARTICLES[0], ensure_ascii=False), '{"title": "断行", "body": "正文', "",
             json.dumps(ARTICLES[1], ensure_ascii=False)]
    path = write_jsonl(tmp_path / "articles.jsonl", lines)
    documents, error = read_all(path)
    assert [d.title for d in documents] == [ARTICLES[0]["title"], ARTICLES[1]["title"]]
    assert error is not None and error.path == str(path)
    assert [e.reason.split(":")[0] for e in error.errors] == ["line 2"]
    assert "not valid JSON" in error.errors[0].reason
    assert str(path) in str(error) and "1 of 3 records" in str(error)


@pytest.mark.parametrize(("line", "reason"), [
    ('["a list", "of strings"]', "expected an object with a body, got list"),
    ("42", "expected an object with a body, got int"),
    ('{"title": "无正文"}', "no body field"),
    ('{"title": "标题", "body": 123}', "'body' must be text, not int"),
    ('{"title": "标题", "body": "   "}', "the body is empty"),
    ('{"title": ["a"], "body": "正文"}', "'title' must be text, not list"),
    ('{"body": "正文", "date": "yesterday"}', "'date' value 'yesterday' is not a date"),
    ('{"body": "正文", "date": 20250230}', "'date' value 20250230 is not a date"),
    ('{"body": "正文", "page": "A3"}', "'page' value 'A3' is not a page number"),
])
def test_readers_jsonl_record_of_the_wrong_shape_is_a_record_error(line: str, reason: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "records.jsonl", [json.dumps(ARTICLES[1], ensure_ascii=False), line])
    documents, error = read_all(path)
    assert len(documents) == 1
    assert error is not None and len(error.errors) == 1
    assert error.errors[0].path == str(path)
    assert error.errors[0].reason.startswith(f"line 2: {reason}")


def test_readers_json_array_file_reads_each_record(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(json.dumps([ARTICLES[0], "not a record", ARTICLES[1]], ensure_ascii=False), encoding="utf-8")
    documents, error = read_all(path)
    assert len(documents) == 2
    assert error is not None and error.errors[0].reason.startswith("record 2: expected an object")


@pytest.mark.parametrize(("content", "reason"), [
    ('{"title": "x", ', "not valid JSON"),
    ("42", "JSON of the wrong shape: a int"),
    ('"just text"', "JSON of the wrong shape: a str"),
])
def test_readers_json_file_of_the_wrong_shape_is_an_input_error(content: str, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith(reason)


def test_readers_record_without_title_is_a_page_for_segmentation(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pages.jsonl", [json.dumps({"body": "第一篇\n正文。"}, ensure_ascii=False)])
    (document,) = read_file(path)
    assert document.text == "第一篇\n正文。"
    assert document.title is None and "articles" not in document.metadata


def test_readers_record_metadata_ranks_after_options_and_before_sidecar(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "other-2024-12-01-p7.jsonl", [json.dumps(ARTICLES[0], ensure_ascii=False),
                                                                json.dumps({"title": "无日期", "body": "正文。"})])
    path.with_name(path.name + ".meta.yaml").write_text("publication: 旁注报\njurisdiction: 某区\n", encoding="utf-8")
    first, second = read_file(path, DocumentMetadata(page=2))
    assert (first.publication, first.issue_date, first.page) == ("某区报", dt.date(2025, 1, 20), 2)
    assert (second.publication, second.issue_date, second.page) == ("旁注报", dt.date(2024, 12, 1), 2)
    assert second.metadata["jurisdiction"] == "某区"
    overridden = next(read_file(path, DocumentMetadata(publication="选项报", issue_date=dt.date(2025, 2, 1))))
    assert (overridden.publication, overridden.issue_date) == ("选项报", dt.date(2025, 2, 1))


def test_readers_csv_gives_a_document_per_row(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text('标题,日期,正文,链接\n区政协召开常委会议,2025-01-20,"1月20日，区政协召开常委会议。\n会议审议了报告。",'
                    "https://example.org/a/1\n街道开展迎新春活动,2025/1/22,街道开展迎新春活动。,\n", encoding="utf-8")
    documents, error = read_all(path)
    assert error is None
    assert [(d.title, d.issue_date) for d in documents] == [("区政协召开常委会议", dt.date(2025, 1, 20)),
                                                           ("街道开展迎新春活动", dt.date(2025, 1, 22))]
    span = documents[0].metadata["articles"][0]
    assert documents[0].text[span["start"]:span["end"]] == "1月20日，区政协召开常委会议。\n会议审议了报告。"
    assert documents[1].metadata["record"] == "line 4"  # the first row spans lines 2 and 3
    assert documents[0].reader == "csv"


def test_readers_csv_without_body_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text("title,date,summary\n标题,2025-01-20,摘要\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert caught.value.reason == "the CSV has no body column (columns: title, date, summary)"
    assert "body" in caught.value.hint


def test_readers_csv_row_with_wrong_field_count_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "articles.tsv"
    path.write_text("title\tbody\n标题一\t正文一\n标题二\t正文二\t多余\n标题三\n标题四\t正文四\n", encoding="utf-8")
    documents, error = read_all(path)
    assert [d.title for d in documents] == ["标题一", "标题四"]
    assert error is not None
    assert [e.reason for e in error.errors] == ["line 3: 3 fields where the header has 2",
                                                "line 4: 1 field where the header has 2"]


def test_readers_csv_row_longer_than_csv_field_limit_is_read(tmp_path: Path) -> None:
    # Python's csv refuses fields over 131,072 characters unless told otherwise; a long article is one.
    body = "区委书记出席会议并讲话。" * 20_000
    path = tmp_path / "articles.csv"
    path.write_text(f"title,body\n长文,{body}\n短文,正文。\n", encoding="utf-8")
    documents, error = read_all(path)
    assert error is None
    assert [d.title for d in documents] == ["长文", "短文"]
    span = documents[0].metadata["articles"][0]
    assert documents[0].text[span["start"]:span["end"]] == body
