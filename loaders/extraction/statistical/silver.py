"""Silver training data: unlabelled news, labelled by an engine, written as BIO for ``train --silver``.

People's Daily dev and CLUENER2020 train hold about 13,000 labelled sentences, mostly of 1998
and 2020; the news dkg reads is of today. This module splits plain or Markdown news text
(the 新闻联播 transcripts) into sentences and labels each with one engine of
:mod:`loaders.extraction.ner_eval` (LAC by default, ``pip install 'dkg[ner]'``), so the CRF
learns from recent news what that engine reads in it: distillation, offline, once. At run
time nothing of the engine is needed.

Run ``python -m loaders.extraction.statistical.silver --help``. Leave out any page that is
scored as gold (``--exclude-gold``), or the gold scores would measure memory.

Examples
--------
>>> list(news_sentences("# 标题\\n\\n王明在北京 会见了客人。他说：这次会见很好！"))
['王明在北京会见了客人。', '他说：这次会见很好！']
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dkg.errors import DkgError, InputError
from loaders.extraction.ner_eval import ENGINES, PEOPLES_DAILY_LABELS, BioSentence, engine_spans
from loaders.extraction.sentences import sentence_spans
from loaders.extraction.statistical.train import write_bio

__all__ = ["MAX_CHARS", "MIN_CHARS", "main", "news_sentences", "silver_sentences"]

MIN_CHARS, MAX_CHARS = 8, 300  # shorter pieces are headings and list numbers; longer ones are run-on lists
_SPACE = re.compile(r"\s+")


def news_sentences(text: str) -> Iterator[str]:
    """The sentences of a news text as extraction splits an article (:func:`~loaders.extraction.sentences.
    sentence_spans`), without Markdown headings or white space."""
    for start, end in sentence_spans(text):
        piece = text[start:end].strip()
        if piece.startswith("#"):
            continue
        sentence = _SPACE.sub("", piece)
        if MIN_CHARS <= len(sentence) <= MAX_CHARS:
            yield sentence


def silver_sentences(sentences: Iterable[str], engine: str = "lac") -> Iterator[BioSentence]:
    """Each sentence with the PER, ORG and LOC spans ``engine`` reads in it."""
    for sentence in sentences:
        spans = sorted(engine_spans(sentence, PEOPLES_DAILY_LABELS, engine), key=lambda span: span[1])
        yield BioSentence(sentence, spans)


def _news_files(folder: Path, exclude_gold: list[Path]) -> list[Path]:
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder", "give the folder of news text files (.md or .txt)")
    gold_stems = {path.stem for gold in exclude_gold for path in gold.glob("*.json")}
    return sorted(path for path in folder.iterdir()
                  if path.suffix in (".md", ".txt") and path.stem not in gold_stems)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loaders.extraction.statistical.silver",
        description="Label news text with an NER engine and write it as BIO, to train the CRF with "
                    "(train --silver). Never give a test split, and leave out the gold pages.")
    parser.add_argument("folder", type=Path, help="a folder of news text files (.md or .txt)")
    parser.add_argument("out", type=Path, help="the BIO file to write")
    parser.add_argument("--engine", default="lac", choices=[e for e in ENGINES if e != "dkg+lac"],
                        help="the engine that labels (default lac: needs pip install 'dkg[ner]')")
    parser.add_argument("--exclude-gold", type=Path, action="append", default=[], metavar="DIR",
                        help="leave out the files named like a gold file of DIR (20250110.md for 20250110.json); "
                             "repeatable")
    return parser


def _texts(files: list[Path], skipped: list[Path]) -> Iterator[str]:
    """The sentences of each readable file; a file that cannot be read is reported and left out."""
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            print(f"skipped {path}: {error}", file=sys.stderr)
            skipped.append(path)
            continue
        yield from news_sentences(text)


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    partial = arguments.out.with_name(arguments.out.name + ".part")  # a failed run leaves no half-written file
    skipped: list[Path] = []
    try:
        files = _news_files(arguments.folder, arguments.exclude_gold)
        counts = write_bio(silver_sentences(_texts(files, skipped), arguments.engine), partial)
        partial.replace(arguments.out)
    except DkgError as error:
        partial.unlink(missing_ok=True)
        print(f"error: {error}", file=sys.stderr)
        return 1
    spans = ", ".join(f"{counts[label]} {label}" for label in PEOPLES_DAILY_LABELS)
    read = len(files) - len(skipped)
    print(f"wrote {arguments.out}: {counts['sentences']} sentences of {read} files; {spans}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
