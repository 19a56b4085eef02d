"""Readers' resource limits: input that expands past a bound is refused with an InputError, in bounded memory.

The limits are lowered for the tests (``MAX_EXPANDED_BYTES`` is 512 MiB in use), so a
bomb of 64 MiB of zeros packed into 64 KB shows the bound in a fraction of a second.
"""

from __future__ import annotations

import base64
import functools
import gzip
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dkg.errors import InputError
from loaders.readers import PartialInputError, compressed, pdf, read_file

LIMIT = 2**20
BOMB_CHUNKS = 64  # MiB of zeros in the bomb: 64 times the limit
PAGE = "区委书记出席会议并讲话。\n".encode()


@functools.cache
def gzip_bomb(mebibytes: int, wbits: int = 31, fill: bytes = b"\0") -> bytes:
    """``mebibytes`` MiB of ``fill`` deflated a chunk at a time (never held unpacked).

    ``wbits`` 31 writes a gzip file, 15 a zlib stream (what a PDF's FlateDecode holds).
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = fill * 2**20
    return b"".join([*(packer.compress(chunk) for _ in range(mebibytes)), packer.flush()])


def pdf_with_content(stream: bytes, filters: str) -> bytes:
    """A one-page PDF whose page content is ``stream`` under ``filters`` (e.g. ``/FlateDecode``)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream" % (len(stream), filters.encode(), stream)]
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, text) for number, text in enumerate(objects, start=1))
    return b"%PDF-1.4\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def low_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(compressed, "MAX_EXPANDED_BYTES", LIMIT)
    monkeypatch.setattr(pdf, "MAX_EXPANDED_BYTES", LIMIT)
    yield LIMIT


def traced_peak(work: Callable[[], object]) -> int:
    """The most memory Python held while ``work`` ran (it is expected to raise InputError)."""
    tracemalloc.start()
    try:
        with pytest.raises(InputError):
            work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reader_limits_bomb_is_small_packed_and_large_unpacked() -> None:
    bomb = gzip_bomb(BOMB_CHUNKS)
    assert len(bomb) < BOMB_CHUNKS * 2**20 // 500
    assert len(zlib.decompressobj(31).decompress(bomb)) == BOMB_CHUNKS * 2**20


def test_reader_limits_gzip_bomb_is_refused_in_bounded_memory(tmp_path: Path, low_limit: int) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip_bomb(BOMB_CHUNKS))
    peak = traced_peak(lambda: list(read_file(path)))
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    error = caught.value
    assert error.path == str(path)
    assert "expands to more than 1 MiB" in error.reason and "gzip bomb" in error.reason
    assert "gunzip -l" in error.hint and "under 1 MiB" in error.hint
    assert peak < 4 * low_limit, f"peak {peak / 2**20:.1f} MiB while refusing a {BOMB_CHUNKS} MiB bomb"


def test_reader_limits_gzip_up_to_the_limit_reads(tmp_path: Path, low_limit: int) -> None:
    page = (PAGE * (low_limit // len(PAGE) + 1))[:low_limit]
    page = page[: len(page.decode(errors="ignore").encode())]  # whole characters only
    fits, over = tmp_path / "fits.txt.gz", tmp_path / "over.txt.gz"
    fits.write_bytes(gzip.compress(page))
    over.write_bytes(gzip.compress(page + PAGE))
    documents = list(read_file(fits))  # one document, or (over WHOLE_CHARS characters) parts that cover the text
    assert "".join(document.text for document in documents).encode() == page
    with pytest.raises(InputError, match="expands to more than"):
        list(read_file(over))


def test_reader_limits_gzip_bomb_in_a_folder_spares_the_other_files(tmp_path: Path, low_limit: int) -> None:
    (tmp_path / "a-bomb.txt.gz").write_bytes(gzip_bomb(BOMB_CHUNKS))
    (tmp_path / "b-page.txt").write_bytes(PAGE)
    documents = []
    with pytest.raises(PartialInputError) as caught:
        documents.extend(read_file(tmp_path))
    assert [document.text for document in documents] == [PAGE.decode()]
    [error] = caught.value.errors
    assert error.path.endswith("a-bomb.txt.gz") and "expands to more than" in error.reason


def test_reader_limits_nested_gzips_are_unpacked_to_a_bound(tmp_path: Path) -> None:
    packed = PAGE
    for _ in range(compressed.MAX_LAYERS):
        packed = gzip.compress(packed)
    deepest, deeper = tmp_path / "deepest.txt.gz", tmp_path / "deeper.txt.gz"
    deepest.write_bytes(packed)
    deeper.write_bytes(gzip.compress(packed))
    assert [document.text for document in read_file(deepest)] == [PAGE.decode()]
    with pytest.raises(InputError, match=f"nested more than {compressed.MAX_LAYERS} deep"):
        list(read_file(deeper))


@pytest.mark.parametrize("filters", ["/FlateDecode", "[/ASCII85Decode /FlateDecode]"])
def test_reader_limits_pdf_bomb_is_refused_in_bounded_memory(tmp_path: Path, low_limit: int, filters: str) -> None:
    stream = gzip_bomb(BOMB_CHUNKS, wbits=15, fill=b" ")
    if "ASCII85" in filters:
        stream = base64.a85encode(stream) + b"~>"
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf_with_content(stream, filters))
    peak = traced_peak(lambda: list(read_file(path)))
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert caught.value.reason.startswith("the PDF's compressed streams expand to more than 1 MiB")
    assert caught.value.hint
    assert peak < 4 * low_limit, f"peak {peak / 2**20:.1f} MiB while refusing a {BOMB_CHUNKS} MiB PDF bomb"


def test_reader_limits_pdf_under_the_limit_reads(tmp_path: Path, low_limit: int) -> None:
    text = b"BT /F1 12 Tf 72 720 Td (District council meets) Tj ET"
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf_with_content(zlib.compress(text + b" " * (low_limit - len(text) - 1)), "/FlateDecode")
                     .replace(b"/MediaBox", b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 "
                              b"/BaseFont /Helvetica >> >> >> /MediaBox"))
    [document] = read_file(path)
    assert document.text == "District council meets"
