"""The quick refusals in front of the credit reader answer as reading every token would.

``credits._holds_a_stranger`` refuses a line with a token that can be no part of a credit
before the line is split; ``classify._not_in_credit_words`` skips the "markers or tails
alone" checks for a line with a character no marker or tail holds. On lines made of the
pieces a credit is made of, mixed with body text, both must agree with the token-by-token
reading.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.segmentation import classify, credits
from loaders.segmentation.lexicon import layout_lexicon

LEXICON = layout_lexicon()
WORDS = [*LEXICON.all_markers, *LEXICON.all_tails, *LEXICON.lead_markers]
NAMES = ["张三", "欧阳明华", "王芳", "阿卜杜拉·买买提", "张宏图", "国强"]
OTHERS = ["北京报道", "发自浦东", "1月8日", "会议。", "ABC", "区委", "张三。", "（", "）", "□", "文/图", "·", "2025"]
SEPARATORS = [" ", "、", "，", "/", "：", "\u3000", "|", ""]

credit_like = st.lists(st.tuples(st.sampled_from(WORDS + NAMES + OTHERS), st.sampled_from(SEPARATORS)),
                       min_size=1, max_size=8).map(lambda parts: "".join(word + sep for word, sep in parts))
lines = st.one_of(credit_like, st.text(alphabet=st.sampled_from(list("记者摄影张三报道图文 /：。1a·、")), max_size=20))


def _every_token(text: str, strict_names: bool) -> credits.Credit | None:
    cleaned = credits._cleaned(text, LEXICON)
    tokens = [token for token in credits._SEPARATORS.split(cleaned) if token]
    return credits._read_tokens(tokens, LEXICON, strict_names)


@settings(max_examples=400, deadline=None)
@given(lines, st.booleans())
def test_segmentation_credit_refusal_agrees_with_reading_every_token(text: str, strict_names: bool) -> None:
    assert credits.parse_credit(text, strict_names) == _every_token(text, strict_names)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_segmentation_bare_credit_check_agrees_with_splitting_the_line(text: str) -> None:
    bare = text.strip(LEXICON.ornaments + " ")
    tokens = [token for token in classify._CREDIT_TOKEN_BREAK.split(bare) if token]
    only_words = bool(tokens) and (LEXICON.tail_words.issuperset(tokens)
                                   or LEXICON.bare_marker_words.issuperset(tokens))
    if classify._not_in_credit_words(LEXICON.credit_chars).search(bare):
        assert not only_words


def test_segmentation_credit_refusal_keeps_datelines_and_refuses_body_text() -> None:
    assert credits.parse_credit("本报记者 张三 北京报道").reporters == ["张三"]
    assert credits.parse_credit("区委书记出席会议，并讲话。") is None
    assert credits._holds_a_stranger("会议召开。", LEXICON)
    assert not credits._holds_a_stranger("记者 张三", LEXICON)
