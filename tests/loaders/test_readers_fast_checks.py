"""The readers' fast checks give the answers of their plain definitions.

``decoding._looks_like_text`` counts control characters with a pattern, ``markup.html_lines``
reads a fragment without markup as its own text, and
``script.is_traditional`` counts one direction of OpenCC over the whole text and the
other only until the answer is settled; each must answer as the plain rule would.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.readers import decoding, markup, script
from tests.loaders.readers.variants import page_text, traditional

PAGE_LINES = [line for line in page_text().splitlines() if line.strip()]
# Each line in each script, converted once: a converter takes milliseconds to load.
SCRIPTS = {config: traditional("\n".join(PAGE_LINES), config).split("\n") if config else PAGE_LINES
           for config in ("", "s2t", "s2tw", "s2hk")}
CONVERTER = script._converter


def _plain_looks_like_text(text: str) -> bool:
    """The per-character definition: few control characters other than white space."""
    sample = text[:decoding._SAMPLE]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f\v")
    return controls <= len(sample) // 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(code) for code in range(40)] + list("区委书记 。\u3000\x7f")),
               max_size=400))
def test_readers_text_check_agrees_with_the_per_character_rule(text: str) -> None:
    assert decoding._looks_like_text(text) is _plain_looks_like_text(text)


def test_readers_text_check_agrees_on_a_long_sample_near_the_threshold() -> None:
    # 1 % of the sample is the limit: one control character more or less flips the answer
    for controls in (81, 82, 83):
        text = "区" * (decoding._SAMPLE - controls) + "\x01" * controls + "\x02" * 500
        assert decoding._looks_like_text(text) is _plain_looks_like_text(text)


def _plain_is_traditional(text: str, chunk_chars: int = script.CHUNK_CHARS) -> bool:
    """The rule counted both ways over every chunk."""
    chunks = list(script._chunks(text, chunk_chars))
    to_simple = sum(script._changed_characters(chunk, "t2s") for chunk in chunks)
    to_traditional = sum(script._changed_characters(chunk, "s2t") for chunk in chunks)
    return to_simple > 0 and to_simple > to_traditional


@st.composite
def mixed_scripts(draw: st.DrawFn) -> str:
    """Lines of the sample page, some in Traditional characters, some blank or without a break."""
    lines = draw(st.lists(st.tuples(st.integers(0, len(PAGE_LINES) - 1), st.sampled_from(list(SCRIPTS)),
                                    st.sampled_from(["\n", "\n\n", "", " "])), max_size=30))
    return "".join(SCRIPTS[config][index] + end for index, config, end in lines)


@settings(max_examples=150, deadline=None)
@given(mixed_scripts(), st.sampled_from([8, 40, 300, script.CHUNK_CHARS]), st.sampled_from([1, 16, 120]))
def test_readers_script_check_by_pieces_agrees_with_counting_the_whole(text: str, chunk_chars: int,
                                                                      piece_chars: int) -> None:
    with mock.patch.object(script, "PIECE_CHARS", piece_chars):
        assert script.is_traditional(text, chunk_chars) is _plain_is_traditional(text, chunk_chars)


def test_readers_script_check_decides_pages_of_either_script_in_many_pieces() -> None:
    page = page_text()
    with mock.patch.object(script, "PIECE_CHARS", 50):
        for text in (page, traditional(page), page + traditional(page[:400]), traditional(page) + page[:400]):
            assert script.is_traditional(text) is _plain_is_traditional(text)


class _LengthChangingConverter:
    """A converter that writes one phrase longer, as an OpenCC dictionary could."""

    def __init__(self, config: str) -> None:
        self.real = CONVERTER(config)

    def convert(self, text: str) -> str:
        return self.real.convert(text).replace("會議", "會議會")


def test_readers_script_check_counts_whole_chunks_when_a_length_changes() -> None:
    text = "\n".join(["区委书记出席会议"] * 3 + ["區委書記出席會議"] * 4)
    with mock.patch.object(script, "PIECE_CHARS", 4), mock.patch.object(script, "_converter", _LengthChangingConverter):
        expected = _plain_is_traditional(text)
        with mock.patch.object(script, "_changes", wraps=script._changes) as whole:
            assert script.is_traditional(text) is expected
        assert [call.args[1] for call in whole.call_args_list] == ["t2s", "s2t"]


# Characters lxml's parser refuses, changes or reads as markup, beside plain text and white space.
ODD_CHARACTERS = [*"区委书记 \n\t\u3000\u00a0\u2028\u200b\ufeff\ufffe\uffff\x85\x0b\x00\x7f\r<>&;/ab\"'",
                  "😀", "&amp;", "<b>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ODD_CHARACTERS), max_size=30).map("".join))
def test_readers_plain_fragment_reads_as_the_parser_reads_it(fragment: str) -> None:
    assert markup.html_lines(fragment) == markup._parsed_lines(markup._CONTROLS.sub("", fragment))
