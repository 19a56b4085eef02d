"""Bytes → text: detect the encoding of a Chinese text file, refuse binary files.

The order of the checks:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. a known binary signature (PNG, JPEG, ZIP/Office, ...) or NUL bytes that are not
   UTF-16 is a binary file;
3. UTF-16 without a mark shows as NUL bytes on one side of each pair (ASCII digits and
   line breaks between the Chinese characters);
4. strict UTF-8 (most files);
5. charset-normalizer, limited to the encodings Chinese archives use (GB18030, which
   covers GBK and GB2312, and Big5), decides between them by how the text reads.

Anything else is an :class:`~dkg.errors.InputError` naming the file and the first bad byte.

Examples
--------
>>> decode_bytes("徐汇报".encode("utf-8-sig"), "a.txt")
'徐汇报'
>>> decode_bytes("第1版 徐汇报".encode("utf-16-le"), "a.txt")
'第1版 徐汇报'
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "a.txt")
Traceback (most recent call last):
dkg.errors.InputError: a.txt: this is a binary file (a PNG image), not text (...)
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from dkg.errors import InputError

__all__ = ["BINARY_SIGNATURES", "binary_kind", "decode_bytes"]

BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc/.xls)",
    b"%PDF-": "a PDF file",
    b"\x1f\x8b": "a gzip file",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\x7fELF": "a program (ELF)",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_ENCODINGS = ["gb18030", "big5", "cp950", "big5hkscs"]
_SAMPLE = 8192
_BINARY_HINT = "remove it from the input or convert it to text"
# Control characters other than the white space a text file holds (\t \n \v \f \r).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, from its first bytes; ``None`` when no signature matches.

    >>> binary_kind(b"PK\\x03\\x04...")
    'a ZIP archive (or a .docx/.xlsx file)'
    """
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _utf16_by_nuls(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes of the sample sit on one side of the pairs."""
    sample = data[:_SAMPLE]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if len(data) % 2 or even + odd == 0:
        return None
    if odd >= 10 * max(even, 1) or (even == 0 and odd > 0):
        return "utf-16-le"
    if even >= 10 * max(odd, 1) or (odd == 0 and even > 0):
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    """Few control characters: what a decoded text file looks like."""
    sample = text[:_SAMPLE]
    return len(_CONTROLS.findall(sample)) <= len(sample) // 100


def _first_bad_utf8_byte(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return -1


def _chinese_legacy(data: bytes) -> str | None:
    """The text in GB18030 or Big5, whichever reads as language; ``None`` when neither decodes."""
    best = charset_normalizer.from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    return None if best is None else str(best)


def _decode_unmarked(data: bytes) -> str | None:
    utf16 = _utf16_by_nuls(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data[:_SAMPLE]:
        return None
    return _strict(data, "utf-8") or _chinese_legacy(data)


def decode_bytes(data: bytes, path: str) -> str:
    """The text of a file's bytes, its encoding detected; raises InputError for binary or undecodable bytes.

    Parameters
    ----------
    data : bytes
        The whole file.
    path : str
        Named in errors.

    Returns
    -------
    str
        The text, without a byte-order mark.
    """
    bom = _bom_encoding(data)
    if bom:
        text = _strict(data, bom)
    else:
        kind = binary_kind(data)
        if kind:
            raise InputError(path, f"this is a binary file ({kind}), not text", _BINARY_HINT)
        text = _decode_unmarked(data)
    if text is None and b"\x00" in data[:_SAMPLE]:
        raise InputError(path, "this is a binary file (it holds NUL bytes), not text", _BINARY_HINT)
    if text is None:
        where = _first_bad_utf8_byte(data)
        raise InputError(path, f"cannot decode the bytes: not UTF-8 (bad byte at offset {where}), "
                         "nor UTF-16, GB18030 or Big5", "convert it to UTF-8, e.g. iconv -f ENCODING -t UTF-8")
    if not _looks_like_text(text):
        raise InputError(path, "this looks like a binary file (control characters), not text", _BINARY_HINT)
    return text
