"""Train the CRF offline with python-crfsuite and write the numpy model extraction ships.

Run ``python -m loaders.extraction.statistical.train --help``. The shipped model
(``loaders/models/ner-crf.npz``) was trained with::

    nice python -m loaders.extraction.statistical.train --favour LOC=1 \\
        --bio benchmarks/ner/peoples-daily/dev.bio --cluener benchmarks/ner/cluener2020/train.json

Training reads BIO files (a character and a tag per line, PER/ORG/LOC) and CLUENER2020
JSON lines, whose labels are mapped by ``--map`` (a label mapped to ``drop`` removes the
sentences that hold it; labels not named are read as O). Features are those of
:mod:`loaders.extraction.statistical.features`; the class table (character types, and with
``--lexicons`` classes from dkg's lexicons) is stored in the model. Training is
deterministic: the same files and options write the same model. Never train on a test split.

With ``--holdout N`` every Nth sentence of the BIO files is kept out of training and the
model is scored on them (exact spans), which is how the options were chosen. With
``--holdout 5`` on People's Daily dev (all-label F1 of the CRF alone, then of extraction's
``dkg`` engine, rules and CRF merged):

===========================================================  ==========  ===========
training                                                     CRF alone   merged
===========================================================  ==========  ===========
People's Daily, c1 0.1, lexicons                             0.692       0.687
People's Daily, c1 0.1, no lexicons                          0.703
People's Daily, c1 0.03, lexicons                            0.722
+ CLUENER (address dropped), c1 0.1, lexicons                0.665       0.698
+ CLUENER (address as LOC), c1 0.1, lexicons                 0.693       0.710
+ CLUENER (address as LOC), People's Daily twice, c1 0.03    0.710       0.728
the same without lexicons (the defaults)                     0.711       0.727
the same with ``--bits 16``                                  0.665
People's Daily twice, with the rules as the model was made   0.711       0.782
the same, ``--favour LOC=1`` (the shipped model)             0.738       0.789
the same, People's Daily three times                         0.738       0.789
===========================================================  ==========  ===========

The lexicon classes did not help, so they are off by default (and the model does not drift
when the lexicons change). The rules alone score 0.533 on the same sentences.

The last rows were chosen over all five held-out fifths (five models, each trained without its
fifth: 3,819 mentions), as one fifth (819) told them apart no more. ``--favour LOC=1`` adds 1
to the score of a place starting at any character, after training: the CRF alone read places
with precision 0.90 and recall 0.55 on the fifth above, 0.89 and 0.62 favoured, and the merged
F1 over the five fifths went from 0.738 to 0.743 (LOC 0.781 to 0.790). Favouring persons too
(PER=0.5) gained 0.002 more there but took in common words as names on the 新闻联播
transcripts (吉祥, 成钢), and persons, unlike places, go into the graph. Measured again with the
rules of a later day, PER=1 took the five fifths from 0.761 to 0.765 (PER 0.801 to 0.815, its
precision 0.958 to 0.942), MSRA test from 0.721 to 0.729 and People's Daily test from 0.753 to
0.756; on the 59 transcripts it read 20 more names, fewer than half of them names (厉无畏, 金成勋;
not 吉祥, 成钢, 苗绣, 雷达兵, 扎波罗热 and 赫尔松 of a list of fronts, 山大·卢卡申科 cut from
亚历山大·卢卡申科), so persons are still not favoured. Giving People's Daily
three times took the five fifths to 0.748 (four times too), but on the 新闻联播 transcripts
it lost names the shipped model reads (岑浩辉, 孔梓萱) and read words as names (唐人街,
陈内容): news of 1998 weighed more than the news dkg reads. Replacing the names of its
sentences by others of the training names (a copy of each sentence with a name, twice) took
the five fifths to 0.750, mostly as the third copy did; names made of its surnames and
given-name characters did less.

Silver data (``--silver``, written by :mod:`.silver`) was tried and is not in the shipped model:
LAC's reading of 56 新闻联播 days (9,665 sentences split at 。！？, 512k characters; the module
now splits as extraction does, at ；too, into 9,959; the three gold days left out), given once.
With the rules of that day the five fifths went from 0.761 to 0.766 (PER
0.801 to 0.803: the gain was in organisations and places, which the graph does not take from
the CRF), People's Daily test from 0.753 to 0.754, MSRA test from 0.721 to 0.729 (LAC: 0.728)
and CLUENER dev from 0.595 to 0.603. But the CRF learnt LAC's habits with its names: a model given
LAC's reading of the first 30 days read as many names as the shipped one on the other 29, yet cut
foreign names where LAC cuts them (扎哈罗娃 to 哈罗娃, 布萨尔金 to 萨尔金) and lost others (鲁比奥,
威特科夫); on the days it was given it read LAC's errors as names (何尊, 慕尼黑, 暴风雪). Given twice,
the first fifth fell from 0.752 to 0.744; without the sentences in which LAC reads a name, MSRA
scored 0.723 with fewer names (PER 0.677).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from dkg.errors import DkgError, InputError, NotAvailableError
from loaders.extraction.lexicon import load_lexicon
from loaders.extraction.ner_eval import BioSentence, read_bio, read_cluener
from loaders.extraction.statistical.features import class_table, encode, feature_ids
from loaders.extraction.statistical.model import DEFAULT_MODEL, LABELS, CrfModel

__all__ = ["DEFAULT_MAP", "bio_tags", "crfsuite_items", "lexicon_table", "main", "read_cluener_mapped", "score_spans",
           "train_model", "write_bio"]

# CLUENER2020 labels in People's Daily's terms, chosen on a held-out fifth of People's Daily dev (CRF alone, all
# F1: address as LOC 0.693, address dropping its sentences 0.665, People's Daily alone 0.692; at c1 0.1).
DEFAULT_MAP = {"name": "PER", "government": "ORG", "organization": "ORG", "company": "ORG", "address": "LOC"}


def lexicon_table(with_lexicons: bool = True) -> np.ndarray:
    """The class table of :func:`~.features.class_table` from dkg's lexicons (character types alone without)."""
    if not with_lexicons:
        return class_table((), (), (), (), ())
    lexicon = load_lexicon()
    place_endings = [name for name in lexicon.divisions.by_name if len(name) >= 2]
    return class_table(surnames=lexicon.surnames, compound_surnames=lexicon.compound_surnames,
                       title_endings=lexicon.titles,
                       org_endings=[*lexicon.org_suffix_kinds, *lexicon.org_forms, *lexicon.org_kinds],
                       place_endings=place_endings)


def bio_tags(sentence: BioSentence) -> list[str]:
    """The BIO tag of every character of a sentence, from its spans (the first of overlapping spans wins).

    >>> bio_tags(BioSentence("王明在北京", [("PER", 0, 2), ("LOC", 3, 5)]))
    ['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']
    """
    tags = ["O"] * len(sentence.text)
    for label, start, end in sorted(sentence.spans, key=lambda span: span[1]):
        if any(tag != "O" for tag in tags[start:end]):
            continue
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


def read_cluener_mapped(path: Path, mapping: dict[str, str]) -> Iterator[BioSentence]:
    """CLUENER2020 sentences with labels mapped to PER/ORG/LOC; those holding a ``drop`` label are left out."""
    for sentence in read_cluener(path, labels=mapping):
        if any(mapping[label] == "drop" for label, _, _ in sentence.spans):
            continue
        spans = [(mapping[label], start, end) for label, start, end in sentence.spans
                 if mapping[label] in ("PER", "ORG", "LOC")]
        yield BioSentence(sentence.text, spans)


def _split(sentences: Iterable[BioSentence], holdout: int) -> tuple[list[BioSentence], list[BioSentence]]:
    train, held = [], []
    for index, sentence in enumerate(sentences):
        (held if holdout and index % holdout == holdout - 1 else train).append(sentence)
    return train, held


def crfsuite_items(text: str, table: np.ndarray, bits: int) -> list[list[str]]:
    """The attributes crfsuite is given for each character: its feature ids, as the tagger computes them."""
    return [[str(i) for i in row] for row in feature_ids(encode(text), table, bits).tolist()]


def train_model(sentences: Iterable[BioSentence], bits: int = 20, c1: float = 0.03, c2: float = 0.01,
                iterations: int = 150, info: dict | None = None, keep: Path | None = None,
                with_lexicons: bool = False) -> CrfModel:
    """A CRF trained by crfsuite (L-BFGS, elastic net) on ``sentences``, as a numpy :class:`CrfModel`.

    ``keep`` names a file to keep crfsuite's own model in (to compare taggers).
    """
    try:
        import pycrfsuite
    except ImportError:
        raise NotAvailableError(
            "training needs the 'train' extra: pip install 'dkg[train]' (python-crfsuite)") from None
    table = lexicon_table(with_lexicons)
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        if sentence.text:
            trainer.append(crfsuite_items(sentence.text, table, bits), bio_tags(sentence))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as folder:
        model_path = str(keep or Path(folder) / "model.crfsuite")
        trainer.train(model_path)
        tagger = pycrfsuite.Tagger()
        tagger.open(model_path)
        crf = tagger.info()
    return _exported(crf, bits, table, info or {})


def _exported(crf, bits: int, table: np.ndarray, info: dict) -> CrfModel:
    """crfsuite's weights as dense rows per bucket, and its transitions."""
    label_index = {label: i for i, label in enumerate(LABELS)}
    by_bucket: dict[int, np.ndarray] = {}
    for (attribute, label), weight in crf.state_features.items():
        row = by_bucket.setdefault(int(attribute), np.zeros(len(LABELS), np.float32))
        row[label_index[label]] = weight
    transitions = np.zeros((len(LABELS), len(LABELS)), np.float32)
    for (before, after), weight in crf.transitions.items():
        transitions[label_index[before], label_index[after]] = weight
    buckets = np.array(sorted(by_bucket), dtype=np.int64)
    rows = np.array([by_bucket[b] for b in buckets.tolist()], dtype=np.float32).reshape(-1, len(LABELS))
    return CrfModel.from_weights(bits, table, buckets, rows.astype(np.float16), transitions, info)


def score_spans(model: CrfModel, sentences: Iterable[BioSentence]) -> dict[str, tuple[float, float, float]]:
    """Exact-span precision, recall and F1 of ``model`` per type and ``all``."""
    counts = {label: [0, 0, 0] for label in ("PER", "ORG", "LOC", "all")}
    for sentence in sentences:
        predicted, gold = set(model.spans(sentence.text)), set(sentence.spans)
        for label in counts:
            mine = {s for s in predicted if label in ("all", s[0])}
            theirs = {s for s in gold if label in ("all", s[0])}
            counts[label][0] += len(mine & theirs)
            counts[label][1] += len(mine)
            counts[label][2] += len(theirs)
    scores = {}
    for label, (hits, predicted, gold) in counts.items():
        precision, recall = hits / max(predicted, 1), hits / max(gold, 1)
        scores[label] = (precision, recall, 2 * precision * recall / max(precision + recall, 1e-9))
    return scores


def _mapping(text: str | None) -> dict[str, str]:
    if not text:
        return dict(DEFAULT_MAP)
    mapping = {}
    for pair in text.split(","):
        label, _, target = pair.partition("=")
        if target not in ("PER", "ORG", "LOC", "O", "drop"):
            raise InputError("--map", f"{pair!r} maps to {target!r}", "map each label to PER, ORG, LOC, O or drop")
        mapping[label.strip()] = target
    return mapping


def _favours(pairs: list[str]) -> dict[str, float]:
    """``--favour`` as {label: amount}."""
    favours = {}
    for pair in pairs:
        label, _, amount = pair.partition("=")
        try:
            favours[label.strip()] = float(amount)
        except ValueError:
            raise InputError("--favour", f"{pair!r} has no amount", "write LABEL=AMOUNT, e.g. LOC=1") from None
        if label.strip() not in ("PER", "ORG", "LOC"):
            raise InputError("--favour", f"{pair!r} names no label", "favour PER, ORG or LOC")
    return favours


def write_bio(sentences: Iterable[BioSentence], path: Path) -> Counter:
    """Write ``sentences`` as BIO (a character and its tag a line, a blank after each); count them and their spans."""
    counts: Counter = Counter()
    with path.open("w", encoding="utf-8") as out:
        for sentence in sentences:
            tags = bio_tags(sentence)
            out.writelines(f"{char} {tag}\n" for char, tag in zip(sentence.text, tags, strict=True))
            out.write("\n")
            counts.update(tag[2:] for tag in tags if tag.startswith("B-"))
            counts["sentences"] += 1
    return counts


def _training_info(arguments: argparse.Namespace, mapping: dict[str, str], sentences: int) -> dict:
    """How a model was trained, stored in its file."""
    return {"bio": [p.name for p in arguments.bio], "cluener": [p.name for p in arguments.cluener],
            "silver": [p.name for p in arguments.silver], "map": mapping,
            "repeat_bio": arguments.repeat_bio, "holdout": arguments.holdout, "c1": arguments.c1, "c2": arguments.c2,
            "iterations": arguments.iterations, "lexicons": arguments.lexicons, "bits": arguments.bits,
            "sentences": sentences, "favour": _favours(arguments.favour)}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loaders.extraction.statistical.train",
        description="Train the character CRF of extraction (needs python-crfsuite: pip install 'dkg[train]') "
                    "and write it as a numpy model file. Never give a test split.")
    parser.add_argument("--bio", type=Path, action="append", default=[],
                        help="a BIO training file (character, tag per line; PER/ORG/LOC); repeatable")
    parser.add_argument("--cluener", type=Path, action="append", default=[],
                        help="a CLUENER2020 JSON-lines training file; repeatable")
    parser.add_argument("--silver", type=Path, action="append", default=[],
                        help="a BIO file labelled by an engine (python -m loaders.extraction.statistical.silver), "
                             "given once and never held out; repeatable")
    parser.add_argument("--map", dest="mapping", default=None,
                        help="CLUENER labels as LABEL=PER|ORG|LOC|O|drop, comma-separated "
                             f"(default {','.join(f'{k}={v}' for k, v in DEFAULT_MAP.items())}; others are O)")
    parser.add_argument("--repeat-bio", type=int, default=2,
                        help="give each BIO training sentence this many times, to weigh them against CLUENER's "
                             "(default 2)")
    parser.add_argument("--holdout", type=int, default=0,
                        help="keep every Nth BIO sentence out of training and score the model on them")
    parser.add_argument("--holdout-out", type=Path, default=None, help="write the held-out sentences as BIO here")
    parser.add_argument("--lexicons", action="store_true",
                        help="add dkg's lexicon classes (surname, title, organisation and place endings) to the "
                             "character types (off: they did not help on People's Daily dev)")
    parser.add_argument("--bits", type=int, default=20, help="feature buckets: 2**bits (default 20)")
    parser.add_argument("--c1", type=float, default=0.03, help="L1 penalty (default 0.03; higher, smaller model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty (default 0.01)")
    parser.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations (default 150)")
    parser.add_argument("--favour", action="append", default=[], metavar="LABEL=AMOUNT",
                        help="after training, add AMOUNT to the score of a LABEL span starting at any character "
                             "(more such spans, less precise); repeatable. The shipped model has LOC=1")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL,
                        help=f"model file to write (default {DEFAULT_MODEL})")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if not arguments.bio and not arguments.cluener and not arguments.silver:
        _parser().error("give at least one --bio, --cluener or --silver training file")
    try:
        mapping = _mapping(arguments.mapping)
        bio = [sentence for path in arguments.bio for sentence in read_bio(path)]
        train, held = _split(bio, arguments.holdout)
        train = train * max(arguments.repeat_bio, 1)
        train += [sentence for path in arguments.cluener for sentence in read_cluener_mapped(path, mapping)]
        train += [sentence for path in arguments.silver for sentence in read_bio(path)]
        info = _training_info(arguments, mapping, len(train))
        started = time.process_time()
        model = train_model(train, arguments.bits, arguments.c1, arguments.c2, arguments.iterations, info,
                            with_lexicons=arguments.lexicons)
        for label, amount in info["favour"].items():
            model.favour_starts(label, amount)
        print(f"trained on {len(train)} sentences in {time.process_time() - started:.0f} CPU-s; "
              f"{int(model.weights.any(axis=1).sum())} feature buckets with weights")
        model.save(arguments.out)
        print(f"wrote {arguments.out} ({arguments.out.stat().st_size / 1e6:.2f} MB)")
        if held:
            for label, (p, r, f) in score_spans(model, held).items():
                print(f"held-out {label:4} P {p:.3f} R {r:.3f} F1 {f:.3f}")
            if arguments.holdout_out:
                write_bio(held, arguments.holdout_out)
    except DkgError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
