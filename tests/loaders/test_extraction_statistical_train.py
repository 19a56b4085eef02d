"""Offline training of the CRF (loaders/extraction/statistical/train.py), end to end on a tiny BIO file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from loaders.extraction.ner_eval import BioSentence, read_bio
from loaders.extraction.statistical import train
from loaders.extraction.statistical.model import LABELS, CrfModel

SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["明", "红", "建国", "晓东", "丽", "海涛", "志强", "芳", "文", "伟"]
FRAMES = [("{}出席了会议。", "PER"), ("记者{}报道。", "PER"), ("会议在{}举行。", "LOC"), ("{}发布通知。", "ORG")]
PLACES = ["北京", "上海", "南京", "杭州", "广州"]
ORGS = ["新华社", "教育部", "市政府", "科学院", "人民银行"]


def _tiny_corpus() -> list[BioSentence]:
    sentences = []
    for index in range(60):
        frame, label = FRAMES[index % len(FRAMES)]
        if label == "PER":
            word = SURNAMES[index % len(SURNAMES)] + GIVEN[(index // 3) % len(GIVEN)]
        else:
            word = (PLACES if label == "LOC" else ORGS)[index % 5]
        start = frame.index("{}")
        sentences.append(BioSentence(frame.format(word), [(label, start, start + len(word))]))
    return sentences


def test_numpy_tagger_equals_crfsuites_own_tagger(tmp_path: Path) -> None:
    pycrfsuite = pytest.importorskip("pycrfsuite")
    kept = tmp_path / "model.crfsuite"
    model = train.train_model(_tiny_corpus(), bits=14, iterations=30, c1=0.01, keep=kept, with_lexicons=True)
    assert np.array_equal(model.table, train.lexicon_table())  # the model keeps the classes it was trained with
    tagger = pycrfsuite.Tagger()
    tagger.open(str(kept))
    for text in ("赵海涛出席了会议", "记者陈丽报道", "会议在杭州举行", "教育部发布通知", "李文在上海出席会议"):
        theirs = tagger.tag(train.crfsuite_items(text, model.table, 14))
        ours = [LABELS[i] for i in model.labels(text)]
        assert ours == theirs, text


def test_bio_tags_of_spans() -> None:
    sentence = BioSentence("新华社记者王明", [("ORG", 0, 3), ("PER", 5, 7)])
    assert train.bio_tags(sentence) == ["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-PER", "I-PER"]


def test_cluener_labels_are_mapped_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "train.json"
    records = [{"text": "王明在腾讯工作", "label": {"name": {"王明": [[0, 1]]}, "company": {"腾讯": [[3, 4]]}}},
               {"text": "去北京路走走", "label": {"address": {"北京路": [[1, 3]]}}},
               {"text": "看电影英雄", "label": {"movie": {"英雄": [[3, 4]]}}}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    sentences = list(train.read_cluener_mapped(path, {"name": "PER", "company": "ORG", "address": "drop"}))
    assert [s.text for s in sentences] == ["王明在腾讯工作", "看电影英雄"]
    assert sorted(sentences[0].spans) == [("ORG", 3, 5), ("PER", 0, 2)]
    assert sentences[1].spans == []


def test_training_runs_end_to_end_and_writes_a_model_that_decodes(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pycrfsuite")
    bio = tmp_path / "tiny.bio"
    train.write_bio(_tiny_corpus(), bio)
    out = tmp_path / "model.npz"
    code = train.main(["--bio", str(bio), "--holdout", "4", "--bits", "16", "--iterations", "40", "--c1", "0.01",
                       "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "held-out all" in printed and str(out) in printed
    model = CrfModel.load(out)
    assert model.bits == 16 and model.info["holdout"] == 4
    text = "赵海涛出席了会议。会议在杭州举行。"
    found = {(label, text[s:e]) for label, s, e in model.spans(text)}
    assert ("PER", "赵海涛") in found
    assert ("LOC", "杭州") in found


def test_training_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    corpus = _tiny_corpus()[:30]
    one = train.train_model(corpus, bits=14, iterations=20)
    two = train.train_model(corpus, bits=14, iterations=20)
    assert np.array_equal(one.weights, two.weights)
    assert np.array_equal(one.transitions, two.transitions)


def test_training_without_files_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        train.main([])
    assert "--bio" in capsys.readouterr().err


def test_favour_adds_to_every_start_of_a_label_and_is_recorded(tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    bio = tmp_path / "tiny.bio"
    train.write_bio(_tiny_corpus(), bio)
    plain, favoured = tmp_path / "plain.npz", tmp_path / "favoured.npz"
    common = ["--bio", str(bio), "--bits", "14", "--iterations", "20"]
    assert train.main([*common, "--out", str(plain)]) == 0
    assert train.main([*common, "--favour", "LOC=2.5", "--out", str(favoured)]) == 0
    one, two = CrfModel.load(plain), CrfModel.load(favoured)
    assert two.info["favour"] == {"LOC": 2.5} and one.info["favour"] == {}
    text = "王明在会上说话。"
    difference = two.text_emissions(text) - one.text_emissions(text)
    assert np.allclose(difference[:, LABELS.index("B-LOC")], 2.5, atol=0.01)  # float16 in the file
    assert np.allclose(np.delete(difference, LABELS.index("B-LOC"), axis=1), 0)


def test_a_favour_without_a_label_or_amount_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bio = tmp_path / "tiny.bio"
    train.write_bio(_tiny_corpus()[:4], bio)
    for favour in ("LOC", "CITY=1"):
        assert train.main(["--bio", str(bio), "--favour", favour, "--out", str(tmp_path / "m.npz")]) == 1
        assert "--favour" in capsys.readouterr().err
    assert not (tmp_path / "m.npz").exists()


def test_bio_written_reads_back_as_the_same_sentences(tmp_path: Path) -> None:
    corpus = _tiny_corpus()[:8]
    counts = train.write_bio(corpus, tmp_path / "tiny.bio")
    assert list(read_bio(tmp_path / "tiny.bio")) == corpus
    assert counts["sentences"] == 8 and counts["PER"] + counts["ORG"] + counts["LOC"] == 8


def test_silver_sentences_are_given_once_and_never_held_out(tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    bio, silver = tmp_path / "tiny.bio", tmp_path / "silver.bio"
    train.write_bio(_tiny_corpus()[:40], bio)
    train.write_bio(_tiny_corpus()[40:], silver)
    out = tmp_path / "model.npz"
    assert train.main(["--bio", str(bio), "--silver", str(silver), "--holdout", "4", "--bits", "14",
                       "--iterations", "10", "--out", str(out)]) == 0
    info = CrfModel.load(out).info
    assert info["silver"] == ["silver.bio"]
    assert info["sentences"] == 30 * 2 + 20  # three quarters of the BIO file twice, all the silver once
