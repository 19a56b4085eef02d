"""Persons: names after title chains, in lists, before titles and verbs; their class.

Where a name is read:

- after a title chain (``区委常委、组织部长X``, ``中共中央总书记、国家主席X``);
- in a list after a group label (``区领导A、B、C与``), and in a list that continues a name;
- before a title that follows names (``X总书记``, ``X总理``) or a cue of citation
  (``X新时代中国特色社会主义思想``, ``以X同志为核心``);
- as a transliterated foreign name (``米哈伊尔·卡韦拉什维利``, or after a foreign title);
- bare, after a clause boundary and before a role verb (``,X主持会议``);
- by the statistical stage (the CRF), where no rule read anything over the span and the name
  is plausible (a surname and a given name; any name in a person's context; a transliterated
  name where no place's context stands around it, see :mod:`.place_contexts`), or where its
  name holds a shorter one the rules read (罗迪 of 普罗迪总理);
- again, anywhere, once known.

A name is a surname (one or two characters) and one or two more; which length is told by
what follows it (``X作工作部署`` ends before 作, ``X出席`` before 出). A surname before a form
of address is no name (王先生, 一张姚女士). A person whose every mention is followed by a
citation cue is ``mentioned``; bylines are ``journalist``.

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("区领导张明、王东、李红与嘉宾欢聚一堂。区委副书记赵强作工作部署,副区长孙丽红出席。",
...                         publication="徐汇报")
>>> list(analysis.persons)
['张明', '王东', '李红', '赵强', '孙丽红']
>>> analysis = analyse_text("牢记王明华总书记嘱托。", publication="徐汇报")
>>> [(p.name, p.person_class) for p in analysis.persons.values()]
[('王明华', 'mentioned')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis, PersonRecord
from loaders.extraction.boundaries import COMMON_WORD, common_word, loose_characters, word_frequency
from loaders.extraction.lexicon import Hit
from loaders.extraction.place_contexts import in_place_context
from loaders.extraction.spans import NON_NAME_CHARS, SpanIndex, is_han, is_punctuation, occurrences, overlaps
from loaders.extraction.statistical.stage import statistical_spans
from loaders.extraction.tagger import tagged_spans, tagger_requested
from loaders.words import cut_from_words

__all__ = ["ADDRESS_WORDS", "AFTER_WHICH_NAMES_START", "TRANSLITERATION", "TRANSLITERATION_CHARS", "find_persons",
           "name_end"]

# Characters of transliterated foreign names (佩泽希齐扬, 斯特罗耶夫).
TRANSLITERATION: Final = (
    "阿埃艾爱安昂奥澳巴芭拜班邦保鲍贝本比彼毕宾波伯博布茨查达戴丹道德登迪蒂丁东杜多顿厄恩尔法凡范菲费芬丰夫弗伏福富"
    "盖甘冈高戈哥格根古圭贡哈海翰汉豪赫黑亨洪胡怀惠霍基吉加佳贾简杰捷金京久居卡凯坎康考柯科克肯孔库夸奎昆拉莱赖兰朗劳"
    "勒雷蕾黎里理丽利连良列林琳玲留龙隆卢鲁陆路伦罗洛马玛迈麦曼芒梅美门蒙米密明摩莫姆穆纳娜奈南内尼妮涅宁纽努诺欧帕"
    "潘庞培佩彭皮平珀普奇齐契恰乔切钦丘琼萨塞赛桑瑟森沙莎山善尚绍舍什施史斯松苏素索塔泰坦汤特提廷图托瓦万旺威韦维温沃"
    "乌伍武西希锡夏谢欣辛休雅亚延扬耶伊因英尤约扎泽詹兹佐默罕申"
)
TRANSLITERATION_CHARS: Final = frozenset(TRANSLITERATION)
_NAME_DOTS: Final = "·•・"
_FOREIGN_NAME: Final = re.compile(f"[{TRANSLITERATION}]{{1,8}}(?:[{_NAME_DOTS}][{TRANSLITERATION}]{{1,10}})+")
_FUNCTION_SURNAMES: Final = frozenset("向同和与对以在为将把被由从")
# Characters never in a name the CRF reads (a smaller set than the rules' NON_NAME_CHARS: 张之洞, 龚育之).
_FUNCTION_CHARS: Final = frozenset("的了在和与及是被把从向对也都就将还又并而或但其这那个们于以说")
_NOT_FIRST_IN_A_NAME: Final = _FUNCTION_CHARS | _FUNCTION_SURNAMES
# Levels written before a title without naming its body (中央政法委书记, 国家监委主任).
_LEVELS_BEFORE_TITLES: Final = frozenset({"中央", "国家", "全国"})
# Verbs that only a person does at an event: a bare name before one of them is read as a name.
_PERSON_VERBS: Final = frozenset({"出席", "主持", "讲话", "致辞", "会见", "会谈", "陪同", "参加", "带队", "作工作部署",
                                  "表示", "指出", "强调", "说", "认为", "介绍", "同", "与"})
_LIST_JOINERS: Final = ("、", "和", "及")
_AFTER_A_LISTED_NAME: Final = ("、", "，", "；", "。")
_FOLLOW_KINDS: Final = ("follower", "role_verb", "title", "cue", "event_verb", "collective")
# Cues after which a name not read elsewhere is still taken; after other cues only known names are.
_STRONG_LEFT_CUES: Final = frozenset({"同志为核心", "同志", "新时代中国特色社会主义思想", "强军思想", "生态文明思想",
                                      "外交思想", "经济思想", "法治思想", "文化思想"})
# How far before a name the 《 of a work's title that holds it may stand.
_WORK_TITLE_REACH: Final = 40
# An important speech or instruction given somewhere (在中央经济工作会议上的|重要讲话): the person is cited.
_GIVEN_AT: Final = re.compile("在[^，。；！？、,;!?]{1,30}?[上时中]的(?=重要|讲话精神|指示精神)")
# Forms of address after a surname alone (王先生, 陈小姐): never a given name.
ADDRESS_WORDS: Final = ("先生", "小姐", "女士", "老师", "大娘", "大爷", "大妈", "大姐", "大哥", "大嫂", "大叔", "大婶",
                        "师傅", "阿姨", "教授", "主席")
# Characters after which a name before a form of address may start (对王明先生, 的陈小姐); after others the form
# of address follows a surname alone (一张姚女士: not 张姚).
AFTER_WHICH_NAMES_START: Final = frozenset("的了和与对向给是在位说让请及被把跟同找")
# Words after a name that neither cite nor give a post (王明同志, 王明夫妇).
_AFTER_NAME_WORDS: Final = frozenset({"同志", "先生", "女士", "夫妇", "本人"})
# Words after a name the CRF read that mark it as a person's (素帕猜强调, 朔尔茨指出): without a person's context a
# transliterated name is as often a place (哈尔科夫、苏梅).
_PERSON_WORDS_AFTER: Final = tuple(sorted((_PERSON_VERBS - {"同", "与"}) | _AFTER_NAME_WORDS | {
    "称", "告诉", "回答", "透露", "坦言", "率", "率领", "一行", "访问", "致电", "致信", "等人", "夫人"}))
# Who a person is, written before the name but no post (参议员亚罗约, 主力森西尼, 记者郅振璞): marks a CRF name.
_ROLES_BEFORE_NAMES: Final = ("参议员", "众议员", "议员", "协调员", "球员", "队员", "选手", "运动员", "主力", "前锋",
                              "后卫", "门将", "球星", "名将", "歌手", "诗人", "学者", "博士", "记者", "通讯员")
# A transliterated name this long is taken from the CRF without a person's context (not 金龙 of 金龙腾飞).
_CONTEXT_FREE_LENGTH: Final = 3
# A name read without a word that ends it does not end inside a word seen more often than this (应邀 of 李希应邀).
_CROSSING_WORD: Final = 100
# Words a bare name never overlaps.
_WORD_KINDS: Final = ("division", "country", "org_form", "event_noun", "title", "collective", "venue_suffix",
                      "org_suffix")


def _follows(analysis: Analysis, position: int) -> bool:
    """Whether a name may end at ``position``: punctuation, a digit, or a word that follows names."""
    text = analysis.text
    if position >= len(text):
        return True
    if not is_han(text[position]):
        return text[position] not in _NAME_DOTS  # 艾力更·依明巴海 goes on
    hits = analysis.hits
    if hits.runs_across(_FOLLOW_KINDS, position, 4):
        return False
    return hits.starts_at(_FOLLOW_KINDS, position)


def _surname_length(analysis: Analysis, start: int) -> int:
    text, lexicon = analysis.text, analysis.lexicon
    if text[start:start + 2] in lexicon.compound_surnames:
        return 2
    return 1 if start < len(text) and text[start] in lexicon.surnames else 0


def _valid_name(analysis: Analysis, start: int, end: int, surname: int) -> bool:
    text = analysis.text
    if end > len(text):
        return False
    name = text[start:end]
    if text.startswith(ADDRESS_WORDS, start + surname):  # 王先生, 姚女士: a surname alone
        return False
    given = name[surname:]
    if given[-1:] in _LIST_JOINERS and text[end:end + 1] in _AFTER_A_LISTED_NAME:
        given = given[:-1]  # 罗富和、李海峰: a joiner before 、 joins nothing, it ends the name
    if not all(is_han(c) and c not in NON_NAME_CHARS for c in given):
        return False
    not_names = analysis.lexicon.not_names
    return not any(name[:n] in not_names for n in range(2, len(name) + 1))


def name_end(analysis: Analysis, start: int, strict: bool = True) -> int | None:
    """Where a name starting at ``start`` ends, or ``None`` when no name starts there.

    With ``strict``, what follows must be a word that follows names (or punctuation);
    otherwise the longer reading is taken when nothing tells.
    """
    surname = _surname_length(analysis, start)
    if not surname:
        return None
    readings = [start + surname + given for given in (2, 1)
                if _valid_name(analysis, start, start + surname + given, surname)]
    for end in readings:
        if _follows(analysis, end):
            return end
    if strict or not readings or analysis.text[start] in _FUNCTION_SURNAMES:
        return None  # a guess that would begin with a preposition (负责人向中国人民) is no name
    # nothing tells: not the longer reading when its last character begins a word with what follows (李希|应邀)
    if len(readings) == 2 and word_frequency(analysis.text[readings[0] - 1:readings[0] + 1]) > _CROSSING_WORD:
        return readings[1]
    return readings[0]


class _PersonReader:
    """Collects person mentions of one article, never two over one span."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.spans = SpanIndex()
        self.read: set[tuple[int, int]] = set()  # the spans of the mentions, to tell an equal one at once
        self.blocked = SpanIndex((m.start, m.end) for m in analysis.of("title"))

    def add(self, start: int, end: int, via: str, titles: list[Mention] | None = None,
            person_class: str | None = None) -> Mention | None:
        if end <= start or self.spans.overlaps(start, end) or self.blocked.overlaps(start, end):
            return None
        self.spans.add(start, end)
        self.read.add((start, end))
        name = self.analysis.text[start:end]
        attrs = {"via": via, "titles": titles or [], "class": person_class}
        return self.analysis.add_mention(Mention("person", start, end, name, attrs))

    def widen(self, start: int, end: int) -> None:
        """Widen the one mention that lies inside ``start:end`` to it, when nothing else overlaps and no word
        that follows names ends it."""
        inside = [m for m in self.analysis.within("person", start, end) if m.end <= end]
        if len(inside) != 1 or (inside[0].start, inside[0].end) == (start, end):
            return
        if end > inside[0].end and _follows(self.analysis, inside[0].end) and not word_frequency(
                self.analysis.text[start:end]):
            return  # the rules ended the name before a word that follows names (蔡奇|陪同; 金正日, 周恩来 are words)
        if any(s < end and start < e for s, e in self.spans if (s, e) != (inside[0].start, inside[0].end)):
            return
        wider = Mention("person", start, end, self.analysis.text[start:end], inside[0].attrs)
        self.analysis.replace_mention(inside[0], wider)
        self.spans.add(start, end)
        self.read.add((start, end))

    def read_list(self, position: int, via: str, person_class: str | None,
                  titles: list[Mention] | None = None) -> None:
        """Names joined by 、/和/及 (or spaces, in bylines) from ``position`` on; each holds ``titles`` too
        (副区长甲、乙: both are deputy heads)."""
        text = self.analysis.text
        joiners = _LIST_JOINERS + ((" ",) if via == "byline" else ())
        while position < len(text) and text[position] in joiners:
            end = name_end(self.analysis, position + 1)
            if end is None or _word_not_name(self.analysis, position + 1, end, lexicon_words=False):
                return
            if self.add(position + 1, end, via, titles, person_class) is None:
                return
            position = end


def _chains(analysis: Analysis) -> list[list[Mention]]:
    """Title mentions grouped into chains (区委常委、组织部长)."""
    chains: list[list[Mention]] = []
    for title in analysis.of("title"):
        if chains and _next_in_chain(analysis, chains[-1][-1].end, title.start):
            chains[-1].append(title)
        else:
            chains.append([title])
    return chains


def _next_in_chain(analysis: Analysis, previous_end: int, start: int) -> bool:
    """Whether a title at ``start`` goes on the chain of titles that ended at ``previous_end``: right after it,
    after 、 or 兼, after 、 and a level (中央), or after 、 and a bare organisation ending that names its body
    (党工委副书记、办事处主任)."""
    gap = analysis.text[previous_end:start]
    if gap in ("", "、", "兼") or (gap[:1] == "、" and gap[1:] in _LEVELS_BEFORE_TITLES):
        return True  # 政治局委员、中央|政法委书记
    ending = analysis.hits.longest_ending("org_suffix", start)
    return gap.startswith("、") and ending is not None and ending.start == previous_end + 1 and len(ending.text) >= 2


def _chain_class(chain: list[Mention]) -> str:
    classes = [t.attrs["person_class"] for t in chain]
    for candidate in ("foreign_official", "official", "other"):
        if candidate in classes:
            return candidate
    return "official"


def _foreign_name_end(analysis: Analysis, start: int) -> int | None:
    """The end of a transliterated name without a dot (``佩泽希齐扬``), not into the next word (``当天``)."""
    text = analysis.text
    end = start
    while end < len(text) and text[end] in TRANSLITERATION and end - start < 8:
        end += 1
        if end - start >= 2 and _follows(analysis, end) and text[end:end + 1] not in TRANSLITERATION:
            return end
    if end < len(text) and is_han(text[end]) and word_frequency(text[end - 1:end + 1]) > 100:
        end -= 1
    return end if end - start >= 2 else None


def _ending_that_follows(analysis: Analysis, end: int | None, statistical_end: int | None) -> int | None:
    """The end of a name after a title: the rules' end, unless nothing that ends names follows it and
    something does follow the CRF's end for the same name (科菲·安南|希望 for 安南希|望, 谷口清太郎|等人
    for 谷口清|太郎)."""
    if end is None or statistical_end is None or statistical_end == end or _follows(analysis, end):
        return end
    return statistical_end if _follows(analysis, statistical_end) else end


def _read_after_titles(reader: _PersonReader) -> None:
    analysis = reader.analysis
    text = analysis.text
    statistical_ends = dict(statistical_spans(analysis, "PER"))
    for chain in _chains(analysis):
        start = chain[-1].end
        while start < len(text) and text[start] == " ":
            start += 1
        person_class = _chain_class(chain)
        foreign = _FOREIGN_NAME.match(text, start)
        end = foreign.end() if foreign else None
        if foreign and person_class == "official":
            person_class = "foreign_official"
        if end is None and person_class == "foreign_official":
            end = _foreign_name_end(analysis, start)
        guessed = False
        if end is None:
            end = name_end(analysis, start)
        if end is None:  # nothing after the name tells where it ends
            end, guessed = name_end(analysis, start, strict=False), True
        if end is None and text[start:start + 1] not in _NOT_FIRST_IN_A_NAME:
            end = statistical_ends.get(start)  # the CRF's name right after the title (德国总理朔尔茨; not 主席同拉克森)
            if end is not None and person_class == "official" and TRANSLITERATION_CHARS.issuperset(text[start:end]):
                person_class = "foreign_official"  # 发言人扎哈罗娃: a transliterated name holds a foreign post
        end = _ending_that_follows(analysis, end, statistical_ends.get(start))
        if end is not None and _word_not_name(analysis, start, end, lexicon_words=guessed):
            continue  # 负责人计划于
        if end is not None and reader.add(start, end, "title", chain, person_class):
            reader.read_list(end, "list", person_class, chain)


def _read_collective_lists(reader: _PersonReader) -> None:
    analysis = reader.analysis
    labels = [(h, "official", "list") for h in analysis.hits.of("collective")]
    labels += [(h, "journalist", "byline") for h in analysis.hits.of("journalist_label")]
    for label, person_class, via in labels:
        start = label.end + (1 if analysis.text[label.end:label.end + 1] == " " else 0)
        end = name_end(analysis, start)
        if end is None or _word_not_name(analysis, start, end, lexicon_words=False):
            continue  # 领导班子
        if reader.add(start, end, via, person_class=person_class):
            reader.read_list(end, via, person_class)


def _left_name_start(analysis: Analysis, end: int, known: set[str], foreign: bool = False) -> int | None:
    """The start of a name that ends at ``end`` (read leftwards, before a title or cue)."""
    text = analysis.text
    for length in (2, 3):
        if end - length >= 0 and text[end - length:end] in known:
            return end - length
    if foreign:
        start = end
        while start > 0 and text[start - 1] in TRANSLITERATION and end - start < 6:
            start -= 1
        return start if end - start >= 2 else None
    for length in (3, 2, 4):
        start = end - length
        if start < 0 or (length == 3 and text[start] in _FUNCTION_SURNAMES):
            continue
        surname = _surname_length(analysis, start)
        if surname and length - surname in (1, 2) and _valid_name(analysis, start, end, surname):
            return start
    return None


def _surname_and_title(analysis: Analysis, position: int, known: set[str], initials: set[str]) -> bool:
    """``X主席`` where X is the surname of a person already named (``initials`` are the first
    characters of ``known``): a reference, not a new name."""
    text = analysis.text
    if position == 0 or text[position - 2:position] in known or text[position - 3:position] in known:
        return False
    return text[position - 1] in initials


def _read_before_titles_and_cues(reader: _PersonReader) -> None:
    analysis = reader.analysis
    known = {m.text for m in analysis.of("person")}
    initials = {name[0] for name in known}
    after_name_titles = analysis.lexicon.after_name_titles
    anchors: list[Mention | Hit] = [t for t in analysis.of("title")
                                    if t.attrs["core"] in after_name_titles and not t.attrs["prefixed"]]
    anchors += analysis.hits.of("cue")
    anchors += analysis.hits.of_words("follower", _AFTER_NAME_WORDS)
    for anchor in sorted(anchors, key=lambda a: a.start):
        if _surname_and_title(analysis, anchor.start, known, initials):
            continue
        foreign = isinstance(anchor, Mention) and anchor.attrs["person_class"] == "foreign_official"
        start = _left_name_start(analysis, anchor.start, known, foreign)
        if start is None or (anchor.text in ADDRESS_WORDS and not _name_may_start(analysis.text, start)):
            continue
        if _word_not_name(analysis, start, anchor.start) or _begun_inside_a_word(analysis.text, start):
            continue  # 有关负责同志, 黎巴嫩新总理
        strong = isinstance(anchor, Mention) or anchor.text in _STRONG_LEFT_CUES | _AFTER_NAME_WORDS
        if not strong and analysis.text[start:anchor.start] not in known:
            continue
        titles = [anchor] if isinstance(anchor, Mention) else []
        person_class = anchor.attrs["person_class"] if isinstance(anchor, Mention) else None
        if reader.add(start, anchor.start, "before_title", titles, person_class):
            known.add(analysis.text[start:anchor.start])
            initials.add(analysis.text[start])


def _name_may_start(text: str, start: int) -> bool:
    """Whether a name may begin at ``start``: the text's start, after punctuation or after a function character."""
    return start == 0 or not is_han(text[start - 1]) or text[start - 1] in AFTER_WHICH_NAMES_START


def _read_foreign_names(reader: _PersonReader) -> None:
    """Transliterated names (``A·B``) where a name may end after them: foreign officials when a foreign title stands
    in their sentence."""
    analysis = reader.analysis
    if not any(dot in analysis.text for dot in _NAME_DOTS):  # the pattern would try every transliterating character
        return
    foreign_starts = [t.start for t in analysis.of("title") if t.attrs["person_class"] == "foreign_official"]
    for match in _FOREIGN_NAME.finditer(analysis.text):
        if not _follows(analysis, match.end()):
            continue  # 阿不来提·阿|不都热西提, 克利夫兰·克利夫斯|公司: a part of a longer name
        sentence = analysis.sentence_at(match.start())
        first = bisect_left(foreign_starts, sentence.start)
        titled = first < len(foreign_starts) and foreign_starts[first] < sentence.end
        reader.add(match.start(), match.end(), "foreign", person_class="foreign_official" if titled else "other")


def _read_bare_names(reader: _PersonReader) -> None:
    """``,X主持``: a name after a clause boundary, directly before a role verb."""
    analysis = reader.analysis
    text = analysis.text
    verbs = [h for kind in ("role_verb", "follower") for h in analysis.hits.of_words(kind, _PERSON_VERBS)]
    for verb in verbs:
        # Who presides, attends or meets at an event is there in office; who only speaks may be anyone.
        person_class = "official" if verb.kind == "role_verb" else "other"
        end = verb.start - 1 if text[verb.start - 1:verb.start] == "等" else verb.start
        while end > 0:
            start = _bare_name_start(analysis, end)
            if start is None or reader.add(start, end, "bare", person_class=person_class) is None:
                break
            if start == 0 or text[start - 1] != "、":
                break
            end = start - 1  # 甲、乙等参加: read the list leftwards


def _bare_name_start(analysis: Analysis, end: int) -> int | None:
    """The start of a bare name that ends at ``end`` after a clause boundary or a 、."""
    text = analysis.text
    for length in (4, 3, 2):
        start = end - length
        if start < 0 or not (start == 0 or is_punctuation(text[start - 1])):
            continue
        if name_end(analysis, start) == end and not _word_not_name(analysis, start, end):
            return start
    return None


def _covered_by_words(analysis: Analysis, start: int, end: int) -> bool:
    return analysis.hits.covers_any(_WORD_KINDS, start, end, 2)


def _word_not_name(analysis: Analysis, start: int, end: int, lexicon_words: bool = True) -> bool:
    """Whether ``start:end`` is a word rather than a name: a common word of two characters (文章, 计划), one after
    a preposition (向大家), a side (韩方愿, 韩警方), over a country (韩国代 of 韩国代总统), or, with
    ``lexicon_words``, over any word of the lexicons a name never overlaps (not asked where a title or list
    marks the name: 部长安雷, 长安)."""
    name = analysis.text[start:end]
    if len(name) == 2 and common_word(name, COMMON_WORD):  # not 周恩来, which jieba's dictionary holds too
        return True
    if len(name) == 3 and ((name[1] == "方" and loose_characters(name[2]))
                           or (name[2] == "方" and common_word(name[1:], COMMON_WORD))):
        return True  # 韩方愿, 欧方将: a side (韩方) and a verb, not 李方慧; 韩警方: a country's police
    if name[0] in _FUNCTION_SURNAMES and common_word(name[1:], COMMON_WORD):
        return True
    if analysis.hits.covers_any(("country",), start, end, 2):
        return True
    return lexicon_words and _covered_by_words(analysis, start, end)


def _begun_inside_a_word(text: str, start: int) -> bool:
    """Whether the character before ``start`` and the first of a name make a common word (有关|负责)."""
    return start > 0 and word_frequency(text[start - 1:start + 1]) > COMMON_WORD


def _read_tagged_names(reader: _PersonReader) -> None:
    """Names the optional statistical tagger finds where the rules read none (``DKG_TAGGER=lac``)."""
    analysis = reader.analysis
    blocked = [(m.start, m.end) for kind in ("title", "date") for m in analysis.of(kind)]
    for label, start, end in tagged_spans(analysis.text):
        if label == "PER" and end - start >= 2 and not overlaps(start, end, blocked):
            reader.add(start, end, "tagger")


def _plausible_statistical_name(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a CRF name reads as a name here:

    - a transliterated name with a dot, or one without (:func:`_transliteration_of_a_person`); a name of other
      characters with a dot where a name may end after it (:func:`_dotted_name`: 彼得·皮奥在);
    - any name of two to four characters in a person's context (记者郅振璞报道, 教练冈田武史说), but none that
      begins with a preposition (同特朗普) or holds a function character;
    - a surname and one or two characters that may stand in a given name, neither a common word (范围, 修复)
      nor begun inside one (桥梁纽带, 长江大桥); after a title a famous name may be a word of jieba's
      dictionary (金正日). A surname and one character also needs an ending the rules accept (punctuation, a
      word that follows names) or a common word after it (李昕|那种); a surname and two characters with such
      an ending may hold a character the rules refuse in names they read without the CRF (张之洞指出, 龚育之说).
    """
    text = analysis.text
    name = text[start:end]
    surname = _surname_length(analysis, start)
    if text.startswith(ADDRESS_WORDS, start + surname):
        return False  # 张大姐说: a surname and a form of address
    if _FOREIGN_NAME.fullmatch(name) or _transliteration_of_a_person(analysis, start, end):
        return True
    if _dotted_name(name):
        return _follows(analysis, end)
    if (_plain_name(name) and not common_word(name, COMMON_WORD) and _follows(analysis, end)
            and _in_person_context(analysis, start, end)):
        return True
    if (len(name) >= _CONTEXT_FREE_LENGTH and TRANSLITERATION_CHARS.issuperset(name)
            and in_place_context(analysis, start, end, TRANSLITERATION_CHARS)):
        return False  # 哈马斯 of 抵抗运动（哈马斯）: a transliteration that a surname begins is no name here either
    given = end - start - surname
    if not surname or given not in (1, 2):
        return False
    if given == 1 and not (_follows(analysis, end) or _word_begins(text, end)):
        return False  # a two-character reading cut from a longer name (尹锡 of 尹锡悦)
    if not _valid_name(analysis, start, end, surname) and not (given == 2 and _follows(analysis, end)
                                                              and _loosely_valid_name(analysis, start, end, surname)):
        return False
    if _begun_inside_a_word(text, start):
        return False
    # jieba's dictionary holds famous names, not all tagged as names (金正日, 周恩来): a title or a role tells
    return not common_word(name, COMMON_WORD) or (len(name) > 2 and _in_person_context(analysis, start, end))


def _dotted_name(name: str) -> bool:
    """Two parts or more of Chinese characters between dots, none a function character, whatever the characters
    (彼得·皮奥, 差猜·春哈旺: 得 and 春 are no transliteration's to the rules, which read runs of those).

    >>> _dotted_name("彼得·皮奥"), _dotted_name("彼得"), _dotted_name("中国的·未来")
    (True, False, False)
    """
    parts = re.split(f"[{_NAME_DOTS}]", name)
    return len(parts) > 1 and all(part and all(is_han(c) and c not in _FUNCTION_CHARS for c in part) for part in parts)


def _word_begins(text: str, position: int) -> bool:
    """Whether a common word begins at ``position`` and none runs across it (李昕|那种, 何伟|主演)."""
    return (word_frequency(text[position:position + 2]) > COMMON_WORD
            and not word_frequency(text[position - 1:position + 1]))


def _plain_name(name: str) -> bool:
    """Two to four Chinese characters, none a function character, not begun by a preposition."""
    return (2 <= len(name) <= 4 and name[0] not in _FUNCTION_SURNAMES
            and all(is_han(c) and c not in _FUNCTION_CHARS for c in name))


def _loosely_valid_name(analysis: Analysis, start: int, end: int, surname: int) -> bool:
    """A surname and a given name without a function character, and no word that is never a name's start."""
    name = analysis.text[start:end]
    if not all(is_han(c) and c not in _FUNCTION_CHARS for c in name[surname:]):
        return False
    return not any(name[:n] in analysis.lexicon.not_names for n in range(2, len(name) + 1))


def _in_person_context(analysis: Analysis, start: int, end: int) -> bool:
    """After a title or a role (主席斯特罗耶夫, 参议员亚罗约), or before a title or a word of persons (普罗迪总理,
    素帕猜强调)."""
    text = analysis.text
    after_a_title = (any(title.end == start for title in analysis.within("title", max(0, start - 12), start))
                     or text.endswith(_ROLES_BEFORE_NAMES, 0, start))
    before_a_title = bool(analysis.within("title", end, end + 1))
    return after_a_title or before_a_title or text.startswith(_PERSON_WORDS_AFTER, end)


def _transliteration_of_a_person(analysis: Analysis, start: int, end: int) -> bool:
    """A transliterated name without a dot in a person's context (:func:`_in_person_context`); without one, a
    name of three characters or more, or of two before a word that ends names (琼斯的, 亨特因), where no place's
    context stands around it or its list (:func:`~loaders.extraction.place_contexts.in_place_context`).

    The place contexts matter: on the 新闻联播 days most such names without a person's context were places of
    war reports (在哈尔科夫、波克罗夫斯克等方向, 杰巴利耶的袭击).
    """
    name = analysis.text[start:end]
    if len(name) < 2 or not TRANSLITERATION_CHARS.issuperset(name) or common_word(name, COMMON_WORD):
        return False  # 英明 of 主席英明指引
    if _in_person_context(analysis, start, end):
        return True
    if len(name) < _CONTEXT_FREE_LENGTH and not _follows(analysis, end):
        return False
    return not in_place_context(analysis, start, end, TRANSLITERATION_CHARS)


def _ends_inside_a_word(text: str, end: int) -> bool:
    """Whether a name's last character and the next make a common word (李希代|表, 李希应|邀), unless the next
    two characters make a commoner one (李富林|立即)."""
    crossing = word_frequency(text[end - 1:end + 1])
    return crossing > _CROSSING_WORD and crossing >= word_frequency(text[end:end + 2])


def _named_after_a_place(analysis: Analysis, start: int, end: int) -> bool:
    """A surname and a given name that is a place's (李长春, 刘中山, 许银川): a division of two characters covers
    the given name exactly, and no word of the lexicons covers the surname (吉林长春 is no 林长春)."""
    surname = _surname_length(analysis, start)
    if not surname or end - start - surname != 2:
        return False
    place = analysis.hits.longest_at("division", start + surname)
    return (place is not None and place.end == end
            and not analysis.hits.covers_any(_WORD_KINDS, start, start + surname, 2))


def _bracketed_alias(text: str, name: str, name_ends: set[int]) -> bool:
    """Whether the article writes ``name`` in brackets right after a word that ends no name (``name_ends``), as
    an alias of what the word ends (巴勒斯坦伊斯兰抵抗运动（哈马斯）: no person, wherever else the article names
    it; 张南皮（张之洞） is one).

    >>> _bracketed_alias("抵抗运动（哈马斯）称。哈马斯表示", "哈马斯", set())
    True
    >>> _bracketed_alias("“……”（恩格斯）", "恩格斯", set()), _bracketed_alias("张南皮（张之洞）", "张之洞", {3})
    (False, False)
    """
    for bracketed in (f"（{name}）", f"({name})"):
        position = text.find(bracketed)
        while position >= 0:
            if position and is_han(text[position - 1]) and position not in name_ends:
                return True
            position = text.find(bracketed, position + 1)
    return False


def _listed_names(text: str, names: list[tuple[int, int]], starts: set[int], ends: set[int]) -> set[tuple[int, int]]:
    """The Chinese CRF names beside another name (one of ``starts``/``ends``, CRF's or read) across a 、
    (刘正学、果永毅; 厉无畏、钮小明、朱培康): in a list of names such a name needs no surname the lexicon knows. A
    transliterated one still needs what :func:`_transliteration_of_a_person` asks: CRF lists of places are
    read as names too."""
    listed = set()
    for start, end in names:
        after_a_name = text[start - 1:start] == "、" and start - 1 in ends
        before_a_name = text[end:end + 1] == "、" and end + 1 in starts
        name = text[start:end]
        if (after_a_name or before_a_name) and _plain_name(name) and not TRANSLITERATION_CHARS.issuperset(name):
            listed.add((start, end))
    return listed


def _read_statistical_names(reader: _PersonReader) -> None:
    """Names the CRF found where the rules read none, when plausible or beside another name in a list
    (:func:`_listed_names`), not cut out of the words around them (伸张正义), not over a title, a date or a word
    of the lexicons (a division, a country, an organisation's form or ending, an event noun) unless the word is
    a place their given name is named after (李长春), and the list a new one begins (杜斌、邹敬园等); a plausible
    CRF name that holds a shorter name the rules read widens it (谢列兹 → 谢列兹尼奥夫, 罗迪 → 普罗迪)."""
    analysis = reader.analysis
    blocked = SpanIndex((m.start, m.end) for kind in ("title", "date") for m in analysis.of(kind))
    text = analysis.text
    names = statistical_spans(analysis, "PER")
    name_ends = {end for _, end in [*names, *reader.read]}
    listed = _listed_names(text, names, {start for start, _ in [*names, *reader.read]}, name_ends)
    for start, end in names:
        if (start, end) in reader.read:  # the rules read the same name: the usual case
            continue
        if not _follows(analysis, end) and _ends_inside_a_word(text, end):
            continue
        if blocked.overlaps(start, end) or (_covered_by_words(analysis, start, end)
                                            and not _named_after_a_place(analysis, start, end)):
            continue
        if not ((start, end) in listed or _plausible_statistical_name(analysis, start, end)):
            continue
        if _bracketed_alias(text, text[start:end], name_ends) or cut_from_words(text, start, end):
            continue  # 伸张正义, 徐水舞狮: a name the words around it run into (asked last: it segments the text)
        if reader.spans.overlaps(start, end):
            reader.widen(start, end)
        elif reader.add(start, end, "statistical"):
            reader.read_list(end, "list", None)  # 杜斌、邹敬园等: the list goes on where the CRF stopped


def _read_repeats(reader: _PersonReader) -> None:
    """Every other occurrence of a name already read (and a foreign name's last part)."""
    analysis = reader.analysis
    text = analysis.text
    names: dict[str, str] = {}
    for mention in analysis.of("person"):
        names[mention.text] = mention.text
        if "·" in mention.text:
            names.setdefault(re.split("[·•・]", mention.text)[-1], mention.text)
    found = occurrences(text, [surface for surface in names if len(surface) >= 2])
    for surface, name in sorted(names.items(), key=lambda item: -len(item[0])):
        for position in found.get(surface, []):
            repeat = reader.add(position, position + len(surface), "repeat")
            if repeat is not None:
                repeat.attrs["name"] = name


def _cited(analysis: Analysis, mention: Mention) -> bool:
    """Whether a mention only cites the person: a cue follows (after any title), or precedes it, or it stands in
    the title of a work (《…某某喜欢的典故》)."""
    text, window = analysis.text, max(0, mention.start - _WORK_TITLE_REACH)
    if text.rfind("《", window, mention.start) > text.rfind("》", window, mention.start):
        return True  # a stray 《 far before (a layout's leftover) makes no title of what follows
    position = mention.end
    titles_here = analysis.within("title", position, position + 1)
    title = titles_here[0] if titles_here else None
    if title is not None:
        position = title.end
    if analysis.hits.starting.get(("cue", position)):
        return True
    given_at = _GIVEN_AT.match(text, position)
    if given_at and analysis.hits.starting.get(("cue", given_at.end())):
        return True  # 某某总书记在中央经济工作会议上的重要讲话
    titles = [t for t in mention.attrs.get("titles", []) if isinstance(t, Mention)]
    start = min([mention.start, *(t.start for t in titles)])
    return bool(analysis.hits.ending.get(("cue_before", start)))


def _records(analysis: Analysis) -> None:
    journalists = dict.fromkeys([*analysis.article.reporters, *analysis.article.photographers])  # byline order
    last_parts = {re.split("[·•・]", m.text)[-1]: m.text for m in analysis.of("person") if "·" in m.text}
    for mention in analysis.of("person"):
        name = mention.attrs.get("name", last_parts.get(mention.text, mention.text))
        mention.attrs["name"] = name
        record = analysis.persons.setdefault(name, PersonRecord(name))
        record.mentions.append(mention)
        if mention.attrs["class"]:
            record.classes.append(mention.attrs["class"])
        if name in journalists:
            record.classes.append("journalist")
        mention.attrs["cited"] = _cited(analysis, mention)
        if not mention.attrs["cited"]:
            record.cited_only = False
    for name in journalists:
        if name not in analysis.persons:
            analysis.persons[name] = PersonRecord(name, classes=["journalist"], cited_only=False)


def find_persons(analysis: Analysis) -> Analysis:
    """Stage: person mentions and one record per person."""
    reader = _PersonReader(analysis)
    _read_after_titles(reader)
    _read_foreign_names(reader)
    _read_collective_lists(reader)
    _read_before_titles_and_cues(reader)
    _read_bare_names(reader)
    if tagger_requested():
        _read_tagged_names(reader)
    _read_statistical_names(reader)
    _read_repeats(reader)
    _records(analysis)
    return analysis
