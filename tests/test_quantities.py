"""tonglaio_parse.stages.quantities: quantities and the numeral audit, from real sentences.

Sentences come from the seed (fixtures/tongliao-2026-p2.txt) and the national reports; old
ones are given as they read after normalisation (Simplified script, ASCII digits).
"""
from __future__ import annotations

import os
import time
import tomllib
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings, strategies as st

from tonglaio_parse.stages.numbers import numerals
from tonglaio_parse.stages.quantities import KINDS, _analyse, classify_numerals, find_quantities

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "tongliao-2026-p2.txt"
DATA = ROOT / "tonglaio_parse" / "data"


def corpus_dir() -> Path:
    return Path(os.environ.get("TONGLAIO_CORPUS", ROOT.parent / "shared" / "corpus" / "national"))


def normalised(raw: str) -> str:
    try:
        from tonglaio_parse.stages.normalize import normalize
        return normalize(raw).text
    except ImportError:  # the stage is developed separately; a plain fold is enough here
        import opencc
        return opencc.OpenCC("t2s").convert(unicodedata.normalize("NFKC", raw))


def one(sentence: str, span: str):
    """The quantity whose text is `span` (exactly one must be found)."""
    found = [q for q in find_quantities(sentence) if sentence[q.start:q.end] == span]
    if len(found) > 1:  # the same text twice in the sentence: the first
        found = found[:1]
    assert len(found) == 1, [(sentence[q.start:q.end], q) for q in find_quantities(sentence)]
    return found[0]


# sentence, span, value, value_high, unit, dimension, qualifier
QUANTITIES = [
    # the seed
    ("新能源装机规模增长170%。达到1600万千瓦,撬动", "1600万千瓦", 16e6, None, "千瓦", "power", None),
    ("单位GDP能耗强度累计下降超过20%,超额完成", "超过20%", 20, None, "%", "percent", "more_than"),
    ("改造农村牧区危房4469户、公厕4.5万个,新建", "4.5万个", 45000, None, "个", "count", None),
    ("新建农村公路1647公里、供水工程601处", "1647公里", 1647, None, "公里", "length", None),
    ("新建农村公路1647公里、供水工程601处", "601处", 601, None, "处", "count", None),
    ("新增城镇就业6.9万人,城乡常住居民", "6.9万人", 69000, None, "人", "count", None),
    ("人均可支配收入分别增长30.5%和47.3%。", "47.3%", 47.3, None, "%", "percent", None),
    ("“温暖工程”让32万户群众受益", "32万户", 320000, None, "户", "count", None),
    ("代办信访事项5000余件。", "5000余件", 5000, None, "件", "count", "more_than"),
    ("建成全国首个规模超200万亩单季玉米", "超200万亩", 2e6, None, "亩", "area", "more_than"),
    ("成功侦破涉案超21亿元的", "超21亿元", 2.1e9, None, "元", "money", "more_than"),
    ("确保地区生产总值年均增长5.5%左右,常住", "5.5%左右", 5.5, None, "%", "percent", "approx"),
    ("固定资产投资增长12%以上;社会", "12%以上", 12, None, "%", "percent", "at_least"),
    ("实施重点项目520个以上,加快推进56个超十亿元项目,完成投资超百亿元。", "520个以上", 520, None,
     "个", "count", "at_least"),
    ("完成投资超百亿元。", "超百亿元", 1e10, None, "元", "money", "more_than"),
    ("产值突破1900亿元。", "突破1900亿元", 1.9e11, None, "元", "money", "more_than"),
    ("推进百家制造业企业数字化转型", "百家", 100, None, "家", "count", None),
    ("市场主体满意度再提高2个百分点。", "2个百分点", 2, None, "个百分点", "percentage_point", None),
    ("力争优良天气稳定在340天以上。", "340天以上", 340, None, "天", "duration", "at_least"),
    ("新增节水2亿立方米以上。", "2亿立方米以上", 2e8, None, "立方米", "volume", "at_least"),
    ("完成企业复工复产,产能提升15倍以上。", "15倍以上", 15, None, "倍", "multiple", "at_least"),
    ("农牧民转移就业40万人次以上。", "40万人次以上", 400000, None, "人次", "count", "at_least"),
    ("推动盟市首个育肥突破50万头", "突破50万头", 500000, None, "头", "count", "more_than"),
    ("新增铝精深加工能力55万吨", "55万吨", 550000, None, "吨", "mass", None),
    ("建设50个强网工程,加快4个园区增量配电网实施进度", "50个", 50, None, "个", "count", None),  # 强 after 个
    ("成功培育2个产值超亿元、9个产值超千万元的牛肉大单品", "2个", 2, None, "个", "count", None),
    ("成功培育2个产值超亿元、9个产值超千万元的牛肉大单品", "9个", 9, None, "个", "count", None),
    ("成功侦破涉案超21亿元的“12·18组织领导传销活动案”", "超21亿元", 2.1e9, None, "元", "money",
     "more_than"),
    ("新增千万亩高标准农田", "千万亩", 1e7, None, "亩", "area", None),
    ("他们开垦了四千万亩到五千万亩荒地", "四千万亩到五千万亩", 4e7, 5e7, "亩", "area", "range"),
    # ranges
    ("经济增长6%-6.5%,", "6%-6.5%", 6, 6.5, "%", "percent", "range"),
    ("经济增长6%－7%,", "6%－7%", 6, 7, "%", "percent", "range"),
    ("占去年全部支出的5—6%,仍然", "5—6%", 5, 6, "%", "percent", "range"),
    ("增长6至7%。", "6至7%", 6, 7, "%", "percent", "range"),
    ("增长6%到7%。", "6%到7%", 6, 7, "%", "percent", "range"),
    ("每个县建设5-6个示范点", "5-6个", 5, 6, "个", "count", "range"),
    ("一九五九年将生产二百八十万到三百万千瓦,", "二百八十万到三百万千瓦", 2.8e6, 3e6, "千瓦", "power", "range"),
    # national corpus: Chinese numerals, 百分之, old units
    ("工农业总产值在一九五七年达到了一千三百八十七亿四千万元,", "一千三百八十七亿四千万元", 138_740_000_000,
     None, "元", "money", None),
    ("比一九五二年的二百七十亿一千万元增长百分之一百四十一;", "百分之一百四十一", 141, None, "%",
     "percent", None),
    ("超过原定计划四百二十七亿四千万元的百分之十五点三。", "百分之十五点三", 15.3, None, "%", "percent", None),
    ("互助组的农户达到了百分之六十左右,但是", "百分之六十左右", 60, None, "%", "percent", "approx"),
    ("工矿建设单位有一万多个,其中", "一万多个", 10000, None, "个", "count", "more_than"),
    ("原煤产量达到七亿七千多万吨,原油", "七亿七千多万吨", 770_000_000, None, "吨", "mass", "more_than"),
    ("粮食产量达到四亿零七百多万吨,比上年增", "四亿零七百多万吨", 407_000_000, None, "吨", "mass", "more_than"),
    ("棉花增加了六百七十三万担;", "六百七十三万担", 6_730_000, None, "担", "mass", None),
    ("比一九五七年增长一倍以上。", "一倍以上", 1, None, "倍", "multiple", "at_least"),
    ("煤的产量曾经两次接近三亿吨,但是", "接近三亿吨", 3e8, None, "吨", "mass", "nearly"),
    ("人数比上年增加了约八百万人,城市", "约八百万人", 8e6, None, "人", "count", "approx"),
    ("内设机构精简四分之一,人员", "四分之一", 0.25, None, "", "ratio", None),
    ("人口自然增长率控制在千分之十以内", "控制在千分之十以内", 10, None, "‰", "percent", "at_most"),
    ("国内生产总值比1980年翻两番的任务", "翻两番", 4, None, "倍", "multiple", None),
    ("技术交易额翻了一番多,", "翻了一番多", 2, None, "倍", "multiple", "more_than"),
    ("外汇储备增长1.71倍;", "1.71倍", 1.71, None, "倍", "multiple", None),
    ("国内生产总值达到74.4\n\n万亿元,增长5%", "74.4\n\n万亿元", 74.4e12, None, "元", "money", None),
    ("国内生产总值达到7 4 7 7 2 亿元,", "7 4 7 7 2 亿元", 7_477_200_000_000, None, "元", "money", None),
    ("去年经济增长8 .8 %,商品", "8 .8 %", 8.8, None, "%", "percent", None),
    ("全年增长19·5%,全社会", "19·5%", 19.5, None, "%", "percent", None),
    ("全年收入合计27,203,319,000元,加上", "27,203,319,000元", 27_203_319_000, None, "元", "money", None),
    ("分别提高4.2和0.7个百分点", "4.2", 4.2, None, "个百分点", "percentage_point", None),
    ("物价涨幅控制在3%以内。", "控制在3%以内", 3, None, "%", "percent", "at_most"),
    # 控制在 alone states a level exactly (the national gold gives no qualifier)
    ("过去一年,居民消费价格涨幅控制在2.6%。", "控制在2.6%", 2.6, None, "%", "percent", None),
    ("城镇调查失业率控制在5.5%左右", "控制在5.5%左右", 5.5, None, "%", "percent", "approx"),
    ("居民消费价格涨幅控制在3%以下", "控制在3%以下", 3, None, "%", "percent", "at_most"),
    ("装机容量达到2.5亿千瓦。", "2.5亿千瓦", 2.5e8, None, "千瓦", "power", None),
    ("每年可发电四十五亿度以上。", "四十五亿度以上", 4.5e9, None, "度", "energy", "at_least"),
    ("七成以上的家庭", "七成以上", 7, None, "成", "percent", "at_least"),
]


@pytest.mark.parametrize("sentence, span, value, high, unit, dimension, qualifier", QUANTITIES)
def test_quantity(sentence, span, value, high, unit, dimension, qualifier):
    q = one(sentence, span)
    assert q.value == pytest.approx(value, rel=1e-12)
    assert q.value_high == (None if high is None else pytest.approx(high))
    assert (q.unit, q.dimension, q.qualifier) == (unit, dimension, qualifier)


@pytest.mark.parametrize("sentence, span, unit", [
    ("农村贫困人口减少1240万,", "1240万", "人"),
    ("全国2235万城市居民得到最低生活保障", "2235万", "人"),
    ("对于一个十亿人口的大国", "十亿", "人"),
])
def test_unit_from_subject(sentence, span, unit):
    q = one(sentence, span)
    assert (q.unit, q.dimension, q.unit_inferred) == (unit, "count", True)


@pytest.mark.parametrize("sentence, value, unit, norm_value, norm_unit", [
    ("达到1600万千瓦,", 16e6, "千瓦", 16e6, "kilowatt"),
    ("总量达到1.2万亿元,", 1.2e12, "元", 1.2e12, "yuan"),
    ("装机3吉瓦", 3, "吉瓦", 3e6, "kilowatt"),
    ("控制在3‰以内", 3, "‰", 0.3, "percent"),
    ("增长5.5%左右", 5.5, "%", 5.5, "percent"),
    ("提高2个百分点", 2, "个百分点", 2, "percentage_point"),
    ("新建高标准农田220万亩;", 2.2e6, "亩", 2.2e6, "mu"),
])
def test_normalised(sentence, value, unit, norm_value, norm_unit):
    (q,) = find_quantities(sentence)
    assert (q.value, q.unit) == (pytest.approx(value), unit)
    assert (q.normalized_value, q.normalized_unit) == (pytest.approx(norm_value), norm_unit)


# sentence, numeral text (the span's text must contain it), kind
NOT_QUANTITIES = [
    ("刚刚过去的2025年,我们", "2025年", "year"),
    ("到二〇三五年综合经济实力大幅跃升", "二〇三五年", "year"),
    ("总结提炼自治区成立80周年民族团结", "80", "date"),
    ("成功侦破涉案超21亿元的“12·18组织领导传销活动案”", "12·18", "name"),
    ("于一九七六年十月六日一举粉碎", "十", "date"),
    ("从1979到1983年平均", "1979", "year"),
    ("为接续做好“十五五”工作奠定了坚实基础", "十五五", "plan"),
    ("按照市委六届十次全会暨全市经济工作会议部署", "六", "meeting"),
    ("按照市委六届十次全会暨全市经济工作会议部署", "十", "meeting"),
    ("全面贯彻党的二十大和二十届历次全会", "二十", "meeting"),
    ("按照自治区党委“1571”工作部署", "1571", "name"),
    ("推动“801”矿核心区探采", "801", "name"),
    ("推进霍林河1号、4号井田开发", "1", "name"),
    ("5G网络实现行政村全覆盖", "5", "name"),
    ("旭阳3D打印材料等项目", "3", "name"),
    ("11户企业入选“2025内蒙古民营企业100强”", "100", "name"),
    ("开展好第四次全国文物普查", "四", "ordinal"),
    ("稳守全区第一方阵,打造", "一", "ordinal"),
    ("实现全市二级以上公立医院检查检验结果互认", "二", "grade"),
    ("严格执行四级林长制、禁垦禁牧制度", "四", "grade"),
    ("支持霍林郭勒市打造2000亿级工业园区", "2000亿", "grade"),
    ("广泛开展“三个离不开”“四个与共”教育", "三", "slogan"),
    ("荣获自治区“五个一工程”优秀奖", "五", "slogan"),
    ("“两重”“两新”、专项债", "两", "slogan"),
    ("推进“再造一个通辽梅花”“打造百亿玉王”两个工程", "两", "word"),
    ("一批河湖治理项目建成投用", "一", "word"),
    ("深度对接全国统一大市场", "一", "word"),
    ("进一步深化国资国企改革", "一", "word"),
    ("社会消费品零售总额增长3.1%", "零", "word"),
    ("让千家万户都能感受到", "千", "word"),
    ("一以贯之推动项目建设", "一", "word"),
    ("创新推行市政园林环卫一体化改革", "一", "word"),
    ("五年来,我们坚持建管并举", "五", "period"),
    ("扎实开展安全生产治本攻坚三年行动", "三", "period"),
    ("二、“十五五”时期主要目标任务", "二", "heading"),
    ("(一)在紧扣主线和贯彻主线上精准发力", "一", "heading"),
    ("八十年代以至九十年代", "八十", "period"),
    ("每千瓦时电价下降", "千", "word"),
    # class thresholds inside a noun phrase of counted things (the notes: kind threshold)
    ("成功培育2个产值超亿元、9个产值超千万元的牛肉大单品", "亿", "threshold"),
    ("成功培育2个产值超亿元、9个产值超千万元的牛肉大单品", "千万", "threshold"),
    ("加快推进56个超十亿元项目,完成投资超百亿元。", "十亿", "threshold"),
    ("撬动近千亿级的产业投资落地", "千亿", "grade"),
    ("推进千万亩节水高产高效现代农业示范区建设", "千万", "name"),
    ("实现连续3年“双下降”", "3", "streak"),
    ("连续6次获评全国双拥模范城", "6", "streak"),
    ("增速创8年来最高水平", "8", "record"),
    ("要遵循6项原则,完成10项重点任务", "6", "structure"),
    ("要遵循6项原则,完成10项重点任务", "10", "structure"),
]

# Figures the gold (fixtures/expected/tongliao-2026-p2.notes.md) excludes that we still take.
KNOWN_NOT_QUANTITIES = [
    pytest.param("扎实做好第二轮土地承包到期后再延长30年试点工作", "30", "name",
                 marks=pytest.mark.xfail(reason="policy term inside a pilot's name", strict=True)),
    pytest.param("推动科尔沁500公里风景大道创优提质", "500", "name",
                 marks=pytest.mark.xfail(reason="length inside a road's name", strict=True)),
]


@pytest.mark.parametrize("sentence, numeral, kind", NOT_QUANTITIES + KNOWN_NOT_QUANTITIES)
def test_not_quantity(sentence, numeral, kind):
    i = sentence.index(numeral)
    spans = [s for s in classify_numerals(sentence) if s.start <= i < s.end]
    assert len(spans) == 1 and spans[0].kind == kind, classify_numerals(sentence)
    assert not any(q.start <= i < q.end for q in find_quantities(sentence))


def _context_examples(key: str):
    raw = tomllib.loads((DATA / "numerals.toml").read_text(encoding="utf-8"))
    for rule in raw["context"]:
        for example in rule.get(key, []):
            yield pytest.param(example, rule["kind"], id=f"{rule['kind']}:{example}")


@pytest.mark.parametrize("sentence, kind", list(_context_examples("examples")))
def test_context_rule_examples(sentence, kind):
    """Every context rule of data/numerals.toml classifies its own examples."""
    assert kind in KINDS
    assert kind in {s.kind for s in classify_numerals(sentence)}, classify_numerals(sentence)


def _counter_examples():
    raw = tomllib.loads((DATA / "numerals.toml").read_text(encoding="utf-8"))
    for rule in raw["context"]:
        for sentence, numeral in rule.get("not_examples", []):
            yield pytest.param(sentence, numeral, rule["kind"], id=f"not-{rule['kind']}:{numeral}")


@pytest.mark.parametrize("sentence, numeral, kind", list(_counter_examples()))
def test_context_rule_counter_examples(sentence, numeral, kind):
    """…and leaves the number of each counter-example ([sentence, numeral]) to other readings."""
    i = sentence.index(numeral)
    assert [s.kind for s in classify_numerals(sentence) if s.start <= i < s.end] != [kind]


def _numeral_chars(text: str) -> list[int]:
    cls = f"[0-9{regex.escape(numerals().chars)}]"
    return [m.start() for m in regex.finditer(cls, text)]


def _check_audit(text: str) -> None:
    spans = classify_numerals(text)
    covered = set()
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start, (a, b)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text) and text[s.start:s.end] == s.text
        assert s.kind in KINDS and s.reason
        covered.update(range(s.start, s.end))
    missing = [i for i in _numeral_chars(text) if i not in covered]
    assert not missing, [text[max(0, i - 5):i + 5] for i in missing[:10]]
    quantity_spans = [(s.start, s.end) for s in spans if s.kind == "quantity"]
    assert quantity_spans == [(q.start, q.end) for q in find_quantities(text)]


def test_seed_audit_covers_every_numeral():
    _check_audit(normalised(SEED.read_text(encoding="utf-8")))


def test_seed_quantity_count():
    quantities = find_quantities(normalised(SEED.read_text(encoding="utf-8")))
    assert 117 <= len(quantities) <= 125  # the gold has 117 figures (test_quantity_accuracy)
    assert all(q.dimension != "other" for q in quantities)


def test_national_corpus_audit():
    folder = corpus_dir()
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        pytest.skip(f"national corpus not found at {folder} (set TONGLAIO_CORPUS to its folder)")
    for path in files:
        text = normalised(path.read_text(encoding="utf-8"))
        _check_audit(text)
        assert find_quantities(text), path.name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%-—至到万亿千百十一二三四五六七八九两零〇"
                                             "个元亩吨人户年月日第“”《》()、 \n超近约以上左右多余分之点号级届次")),
               max_size=60) | st.text(max_size=60))
def test_never_crashes(text):
    _check_audit(text)
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert q.value_high is None or q.value_high > q.value


def _cpu_seconds(text: str) -> float:
    """Best of three CPU times of a fresh analysis of `text` (CPU time, not wall-clock: other
    processes on a loaded 2-core CI box do not count)."""
    best = float("inf")
    for _ in range(3):
        _analyse.cache_clear()
        t = time.process_time()
        classify_numerals(text)
        best = min(best, time.process_time() - t)
    return best


# Repeated units of hostile text: long numerals, separators, qualifiers, quotes, ranges.
HOSTILE = ["1", "万", "1,", "1.", "一", "1 ", "超", "“", "百分之", "5%", "1-", "第一", "1万", "1 \n",
           "二十届", "“1", "2个超", "约1万多"]


@pytest.mark.parametrize("unit", HOSTILE)
def test_hostile_input_is_linear(unit):
    """Ten times the text costs about ten times the time (backtracking would cost 100× or more):
    scaling, not an absolute limit, so a slow or loaded machine does not fail it."""
    classify_numerals(unit * 10)  # tables and patterns built
    small, big = _cpu_seconds(unit * 200), _cpu_seconds(unit * 2000)
    assert big <= 12 * small + 0.05, (small, big)  # linear: 10×; slack for timer noise


@pytest.mark.parametrize("text, value, unit, norm_unit", [
    ("PM2.5平均浓度下降到28微克/立方米。", 28, "微克/立方米", "microgram_per_cubic_meter"),
    ("粮食单产达到450公斤/亩。", 450, "公斤/亩", "kilogram_per_mu"),
])
def test_compound_units(text, value, unit, norm_unit):
    from tonglaio_parse.stages.units import registry

    q = [q for q in find_quantities(text) if q.unit == unit]
    assert len(q) == 1 and q[0].value == value and q[0].normalized_unit == norm_unit
    registry().Quantity(1, norm_unit)  # parsable by our registry


@pytest.mark.parametrize("text, figures", [
    ("表1  2025年主要预期目标", []),                       # a caption: 1 and 2025, not 12025
    ("实现地区生产总值7 4 7 7 2亿元", [7477200000000]),     # letter-spaced digits of a PDF: one number
    ("增长到1 234.5万元", [12345000]),                      # a space for the thousands mark
])
def test_digits_set_apart_are_one_number_only_as_numbers_are_written(text, figures):
    from tonglaio_parse.stages.quantities import find_quantities

    assert [q.measure.normalized_value for q in find_quantities(text)] == figures
