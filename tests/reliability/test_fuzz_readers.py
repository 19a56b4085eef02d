"""Fuzzing the readers: any bytes under any name give documents or one clear InputError.

Each property draws files of one family (plain text in every encoding and mixed ones,
random bytes, huge lines, deep and broken HTML, malformed Markdown, JSON of the wrong
shape and types, CSV oddities, damaged PDF and gzip), sometimes with a broken sidecar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import FUZZ
from tests.reliability.properties import Tally, check_read
from tests.reliability.strategies import (
    InputFile,
    any_file,
    csv_files,
    gzip_files,
    html_files,
    json_files,
    markdown_files,
    pdf_files,
    sidecars,
    text_files,
)

WriteCase = Callable[[InputFile], Path]


@FUZZ
@given(text_files)
def test_readers_fuzz_text_in_any_encoding_reads_or_names_the_file(write_case: WriteCase, drawn: InputFile) -> None:
    check_read(write_case(drawn), Tally())


@FUZZ
@given(html_files)
def test_readers_fuzz_deep_and_broken_html_reads_or_names_the_file(write_case: WriteCase, drawn: InputFile) -> None:
    check_read(write_case(drawn), Tally())


@FUZZ
@given(markdown_files)
def test_readers_fuzz_malformed_markdown_reads_or_names_the_file(write_case: WriteCase, drawn: InputFile) -> None:
    check_read(write_case(drawn), Tally())


@FUZZ
@given(st.one_of(json_files, csv_files))
def test_readers_fuzz_records_of_wrong_types_read_or_name_the_file(write_case: WriteCase, drawn: InputFile) -> None:
    check_read(write_case(drawn), Tally())


@settings(FUZZ, max_examples=60)
@given(st.one_of(pdf_files, gzip_files()))
def test_readers_fuzz_damaged_pdf_and_gzip_read_or_name_the_file(write_case: WriteCase, drawn: InputFile) -> None:
    check_read(write_case(drawn), Tally())


@FUZZ
@given(text_files, sidecars)
def test_readers_fuzz_broken_sidecar_is_an_input_error_naming_it(write_case: WriteCase, drawn: InputFile,
                                                                   sidecar: str) -> None:
    check_read(write_case(InputFile(drawn.name or "page.txt", drawn.data, sidecar)), Tally())


@FUZZ
@given(any_file())
def test_readers_fuzz_any_file_reads_or_names_the_file(write_case: WriteCase, drawn: InputFile) -> None:
    check_read(write_case(drawn), Tally())
