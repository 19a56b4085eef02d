"""The statistical NER stage (loaders/extraction/statistical): features, model file, decoding, merge policy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dkg.errors import InputError
from loaders.extraction.ner_eval import PEOPLES_DAILY_LABELS, engine_spans
from loaders.extraction.pipeline import STAGES, analyse_text
from loaders.extraction.statistical import model as crf
from loaders.extraction.statistical.features import FEATURE_COUNT, PAD, class_table, encode, feature_ids
from loaders.extraction.statistical.stage import statistical_spans

TABLE = class_table(surnames="王李张", compound_surnames=["欧阳"], title_endings=["市长"], org_endings=["委员会"],
                    place_endings=["北京市"])


def test_feature_ids_are_deterministic_and_bounded() -> None:
    codepoints = encode("王明在北京市工作。")
    first = feature_ids(codepoints, TABLE, bits=12)
    assert first.shape == (len(codepoints), FEATURE_COUNT)
    assert np.array_equal(first, feature_ids(codepoints.copy(), TABLE, bits=12))
    assert first.min() >= 0 and first.max() < 2 ** 12


def test_features_see_only_a_two_character_window() -> None:
    one = feature_ids(encode("甲乙丙丁戊己庚"), TABLE, bits=20)
    other = feature_ids(encode("子乙丙丁戊己午"), TABLE, bits=20)
    assert np.array_equal(one[3], other[3])  # 丁's window is 乙丙丁戊己 in both
    assert not np.array_equal(one[2], other[2])  # 丙's window reaches 甲 / 子


def test_joined_units_have_the_features_of_units_alone() -> None:
    units = [encode("王明出席。"), encode("李红主持会议。")]
    joined = np.concatenate([units[0], [PAD, PAD], units[1]])  # as the model joins a text's sentences
    starts = [0, len(units[0]) + 2]
    together = feature_ids(joined, TABLE, bits=16)
    for unit, start in zip(units, starts, strict=True):
        assert np.array_equal(together[start:start + len(unit)], feature_ids(unit, TABLE, bits=16))


def test_text_emissions_equal_those_of_each_sentence_alone() -> None:
    model = crf.load_model()
    text = "王明出席会议。李红主持会议！"
    emissions = model.text_emissions(text)
    first = model.emissions(encode("王明出席会议。"))
    assert np.allclose(emissions[:7], first)
    assert np.allclose(emissions[7:], model.emissions(encode("李红主持会议！")))


def test_spans_of_labels_start_a_span_at_a_stray_inside_tag() -> None:
    labels = np.array([crf.LABELS.index(tag) for tag in ("I-PER", "I-PER", "O", "B-LOC", "I-ORG")])
    assert crf.spans_of_labels(labels) == [("PER", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5)]


def _brute_force_best(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """The best label sequence by trying every one (a few characters only)."""
    from itertools import pairwise, product

    best, best_score = None, -np.inf
    for path in product(range(len(crf.LABELS)), repeat=len(emissions)):
        score = emissions[np.arange(len(path)), path].sum() + sum(transitions[a, b] for a, b in pairwise(path))
        if score > best_score:
            best, best_score = np.array(path), score
    return best


def test_viterbi_finds_the_best_path() -> None:
    rng = np.random.default_rng(7)
    model = crf.load_model()
    text = "甲乙，丁戊"
    emissions = rng.normal(scale=3, size=(len(text), len(crf.LABELS))).astype(np.float32)
    assert np.array_equal(model.decode(encode(text), emissions), _brute_force_best(emissions, model.transitions))


def _reference_viterbi(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """Textbook Viterbi over one sequence, one character at a time."""
    best, back = emissions[0].copy(), []
    for row in emissions[1:]:
        candidates = best[:, None] + transitions
        back.append(candidates.argmax(axis=0))
        best = candidates.max(axis=0) + row
    path = [int(best.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return np.array(path[::-1])


def test_batched_lanes_decode_as_textbook_viterbi_over_the_whole_text() -> None:
    rng = np.random.default_rng(11)
    model = crf.load_model()
    text = "".join("甲" * int(n) + "，" for n in rng.integers(1, 30, size=40))
    codepoints = encode(text)
    emissions = rng.normal(scale=3, size=(len(text), len(crf.LABELS))).astype(np.float32)
    emissions[codepoints == ord("，"), 0] += 20  # clause ends read O, as the model reads them
    lane, _, _ = crf._text_lanes(crf._ends(codepoints), np.array([0, len(codepoints)]))
    assert lane.max() > 3  # several lanes decoded at once
    assert np.array_equal(model.decode(codepoints, emissions), _reference_viterbi(emissions, model.transitions))


def test_model_round_trips_through_its_file(tmp_path: Path) -> None:
    model = crf.load_model()
    path = tmp_path / "copy.npz"
    model.save(path)
    again = crf.CrfModel.load(path)
    text = "国务院总理李强在北京会见了来访的客人。"
    assert again.spans(text) == model.spans(text)
    assert path.stat().st_size < 5_000_000


def test_a_broken_model_file_says_how_to_make_one(tmp_path: Path) -> None:
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(InputError, match=r"statistical\.train"):
        crf.CrfModel.load(broken)
    with pytest.raises(InputError, match="no CRF model"):
        crf.load_model(tmp_path / "missing.npz")


def test_shipped_model_reads_names_places_and_organisations() -> None:
    text = "国务院总理李强在北京会见了来访的客人。新华社记者张伟报道。"
    found = {(label, text[s:e]) for label, s, e in crf.load_model().spans(text)}
    assert ("PER", "李强") in found
    assert ("LOC", "北京") in found
    assert any(label == "ORG" for label, _ in found)


def test_stage_runs_before_persons_and_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    names = [name for name, _ in STAGES]
    assert names.index("titles") < names.index("statistical") < names.index("persons")
    text = "会议结束后，刘晓东和陈建华一起参观了展览。"
    monkeypatch.delenv("DKG_CRF", raising=False)
    on = analyse_text(text, until="persons")
    monkeypatch.setenv("DKG_CRF", "off")
    off = analyse_text(text, until="persons")
    assert statistical_spans(on, "PER") and not statistical_spans(off, "PER")
    assert {"刘晓东", "陈建华"} <= set(on.persons)
    assert not {"刘晓东", "陈建华"} & set(off.persons)
    assert on.persons["刘晓东"].mentions[0].attrs["via"] == "statistical"
    assert on.persons["陈建华"].mentions[0].attrs["via"] in ("statistical", "list")  # the list goes on after a CRF name


def test_rule_names_win_over_an_overlapping_crf_span(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "区委书记王明出席会议。"
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("PER", t.index("王明") - 1, t.index("王明") + 2)])
    analysis = analyse_text(text, publication="徐汇报", until="persons")
    assert list(analysis.persons) == ["王明"]
    assert analysis.persons["王明"].mentions[0].attrs["via"] == "title"


def test_implausible_crf_names_are_not_persons(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "金融改革的范围扩大了，长江大桥通车。"
    spans = [("PER", text.index(w), text.index(w) + len(w)) for w in ("金融", "范围", "江大桥")]
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: spans)
    analysis = analyse_text(text, until="persons")
    assert not analysis.persons


def test_benchmark_spans_merge_crf_places_where_rules_read_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "王明在上海市和某某岛工作。"
    island = (text.index("某某岛"), text.index("某某岛") + 3)
    inside_shanghai = (text.index("上海"), text.index("上海") + 2)
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("LOC", *island), ("LOC", *inside_shanghai)])
    with_crf = engine_spans(text, PEOPLES_DAILY_LABELS, "dkg")
    rules = engine_spans(text, PEOPLES_DAILY_LABELS, "dkg-rules")
    assert ("LOC", *island) in with_crf and ("LOC", *island) not in rules
    assert ("LOC", *inside_shanghai) not in with_crf  # the rules' 上海市 wins
    assert {s for s in rules if s[0] != "LOC"} <= with_crf


def test_crf_organisations_replace_the_rule_spans_they_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "中国人民银行上海总部召开会议。"
    whole = ("ORG", 0, text.index("召开"))
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [whole])
    found = engine_spans(text, PEOPLES_DAILY_LABELS, "dkg")
    assert whole in found
    assert not [s for s in found if s != whole and s[1] < whole[2] and whole[1] < s[2]]


def _crf_reads(monkeypatch: pytest.MonkeyPatch, spans: list[tuple[str, str]]) -> None:
    """The CRF reads these (label, word) spans at the words' first places in any text."""
    monkeypatch.setattr(crf.CrfModel, "spans",
                        lambda self, t: [(label, t.index(w), t.index(w) + len(w)) for label, w in spans if w in t])


def test_transliterated_crf_names_are_persons_where_a_title_or_verb_marks_them(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "议会主席斯特罗耶夫会见了客人。卡洛维奇强调合作。参议员亚罗约当选。乌军在哈尔科夫、苏梅等地作战。"
    _crf_reads(monkeypatch, [("PER", "斯特罗耶夫"), ("PER", "卡洛维奇"), ("PER", "亚罗约"), ("PER", "哈尔科夫")])
    assert set(analyse_text(text, until="persons").persons) == {"斯特罗耶夫", "卡洛维奇", "亚罗约"}


def test_a_crf_name_widens_the_shorter_name_the_rules_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, [("PER", "普罗迪")])
    assert list(analyse_text("普罗迪总理说，合作很好。", until="persons").persons) == ["普罗迪"]
    _crf_reads(monkeypatch, [("PER", "王明陪")])  # the rules ended 王明 before 陪同: the CRF does not widen it
    assert list(analyse_text("区委书记王明陪同考察。", publication="徐汇报", until="persons").persons) == ["王明"]


def test_transliterated_crf_names_without_a_persons_context_are_persons_where_no_place_stands_around(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("基里延科是在困难时出任的。乌军在哈尔科夫、波克罗夫斯克等方向作战。库拉霍沃的巷战仍在持续。"
            "圣战组织（杰哈德）称。金龙腾飞。")
    _crf_reads(monkeypatch, [("PER", name) for name in ("基里延科", "哈尔科夫", "波克罗夫斯克", "库拉霍沃", "杰哈德",
                                                        "金龙")])
    assert set(analyse_text(text, until="persons").persons) == {"基里延科"}


def test_crf_names_in_a_persons_context_need_no_surname_but_no_preposition(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "日本队教练冈田武史说，很遗憾。会后，同特朗普说话的人很多。新华社记者郅振璞报道。"
    _crf_reads(monkeypatch, [("PER", "冈田武史"), ("PER", "同特朗普"), ("PER", "郅振璞")])
    assert set(analyse_text(text, until="persons").persons) == {"冈田武史", "郅振璞"}


def test_crf_names_may_hold_characters_the_rules_refuse_where_a_name_may_end(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, [("PER", "龚育之")])
    assert list(analyse_text("龚育之指出，文化很重要。", until="persons").persons) == ["龚育之"]
    _crf_reads(monkeypatch, [("PER", "张之前")])  # no word that follows names after it
    assert not analyse_text("张之前往北京。", until="persons").persons


def test_a_list_goes_on_after_a_crf_name(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, [("PER", "杜斌")])
    assert list(analyse_text("座谈会上，杜斌、邹敬园等先后发言。", until="persons").persons) == ["杜斌", "邹敬园"]


def test_a_name_before_a_dot_is_not_cut_from_the_longer_name(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, [("PER", "张春贤")])
    persons = analyse_text("出席的有张春贤、艾力更·依明巴海等。", until="persons").persons
    assert "张春贤" in persons and "艾力更" not in persons
