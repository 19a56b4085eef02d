"""Light fuzzing: any text segments without raising, and every span stays inside the document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.document import Document
from loaders.segmentation import segment_document

# Pieces that trigger the rules (headlines, bylines, credits, labels, dates, teasers, breaks).
PIECES = ["\n", "\n\n", "\n\n\n", " ", "\u3000", "。", "，", ",", "、", "（", "）", "(", ")", "：", "——",
          "□ 记者 ", "本报讯（记者 张三）", "通讯员", "摄", "摄影报道", "（王五 摄）", "(来源:区委办)", "图片新闻",
          "小启", "编者按", "2025年1月27日", "07 ", "第3版 ", "（下转第2版）", "区委召开会议", "1月20日上午",
          "香港科", "技大学", "举行", "徐汇区融媒体中心", "刘坤 陈文卿", "星期一", "主管", "\r\n", "\t"]

page_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map("".join)


def _check(document: Document) -> None:
    articles, teasers = segment_document(document)
    size = len(document.text)
    assert [a.ordinal for a in articles] == list(range(len(articles)))
    for article in articles:
        assert 0 <= article.start <= article.end <= size
        assert len(article.offsets) == len(article.text) + 1
        assert all(0 <= offset <= size for offset in article.offsets)
        assert [document.text[offset] for offset in article.offsets[:-1]] == list(article.text)
    for teaser in teasers:
        assert 0 <= teaser.start <= teaser.end <= size


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_text)
def test_segmentation_fuzz_any_page_text_segments_inside_the_document(text):
    _check(Document(text=text, source="fuzz.txt"))


@settings(max_examples=60, deadline=None)
@given(page_text, st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=4))
def test_segmentation_fuzz_listed_spans_stay_inside_the_document(text, bounds):
    spans = [{"title": "稿件", "start": start, "end": end} for start, end in bounds]
    _check(Document(text=text, source="fuzz.jsonl", metadata={"articles": spans}))


@settings(max_examples=60, deadline=None)
@given(page_text)
def test_segmentation_fuzz_a_titled_document_segments_inside_the_document(text):
    _check(Document(text=text, source="fuzz.html", title="标题"))
