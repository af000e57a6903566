"""Indicator semantics, case by case: real report sentences through the public API.

Each case: (text, document year, figure as written, which occurrence of it) -> subject, canonical,
direction, status, period, qualifier. Sentences come from the seed (Tongliao 2026) and the
national reports; Traditional-script cases go through normalisation end to end.
"""
from __future__ import annotations

import pytest

from tonglaio_parse import Options, parse_text
from tonglaio_parse.stages import indicators, subjects
from tonglaio_parse.stages.quantities import find_quantities


class _AllPlan:
    """A report whose every part plans, with no headings."""
    def part_kind(self, i):
        return "plan"

    def heading_of(self, i):
        return ""

    def part_start(self, i):
        return 0

SEED_REVIEW = "——五年来,"
R = "actual"
T = "target"

# (id, text, year, figure, k, subject, canonical, direction, status, (start, end), qualifier)
AIR = "去年,强化大气污染治理,二氧化硫、氮氧化物排放量分别下降5.6%和4%,74个重点城市细颗粒物(PM2.5)浓度下降9.1%。"
CUMULATIVE = "——经济跨上新台阶。2007年,国内生产总值达到24.66万亿元,比2002年增长65.5%,年均增长10.6%。"
CASES = [
    # 主语 + 增长 + 数
    ("subject-verb-number", "刚刚过去的2025年,地区生产总值增长4.9%,固定资产投资增长11.4%。", 2026, "4.9%", 0,
     "地区生产总值", "gdp_growth", "increase", R, (2025, 2025), None),
    ("subject-verb-number-2", "刚刚过去的2025年,地区生产总值增长4.9%,固定资产投资增长11.4%。", 2026, "11.4%", 0,
     "固定资产投资", "fixed_asset_investment_growth", "increase", R, (2025, 2025), None),
    # 主语 + 达到 + 数 (a level), this year's target
    ("subject-reach", "今年经济社会发展的主要预期目标是:地区生产总值增长5.5%左右;常住人口城镇化率达到55%左右。", 2026,
     "55%左右", 0, "常住人口城镇化率", "urbanization_rate", "level", T, (2026, 2026), "approx"),
    # 新增 inside the official name: an increase, level id
    ("new-jobs", SEED_REVIEW + "新增城镇就业6.9万人。", 2026, "6.9万人", 0,
     "新增城镇就业", "new_urban_jobs", "increase", R, (2021, 2025), None),
    # 新建 + 对象 + 数, and a bare noun in the list inheriting 新建
    ("build-object-number", SEED_REVIEW + "新建建各类管网1670公里,口袋公园58个。", 2026, "1670公里", 0,
     "各类管网", None, "increase", R, (2021, 2025), None),
    ("list-inherits-verb", SEED_REVIEW + "新建建各类管网1670公里,口袋公园58个。", 2026, "58个", 0,
     "口袋公园", None, "increase", R, (2021, 2025), None),
    # lists sharing a verb: 改造 … 、公厕
    ("shared-verb-list", SEED_REVIEW + "改造农村牧区危房4469户、公厕4.5万个。", 2026, "4.5万个", 0,
     "公厕", None, "level", R, (2021, 2025), None),
    ("shared-verb-list-increase", SEED_REVIEW + "新建农村公路1647公里、供水工程601处。", 2026, "601处", 0,
     "供水工程", None, "increase", R, (2021, 2025), None),
    # one subject, two measures: 11条、823公里
    ("same-subject-two-units", SEED_REVIEW + "建成通车查草高速等干线公路11条、823公里。", 2026, "823公里", 0,
     "通车查草高速等干线公路", None, "level", R, (2021, 2025), None),
    # 数 + 对象
    ("number-object", SEED_REVIEW + "建成2个紧密型城市医疗集团和7个县域医共体。", 2026, "7个", 0,
     "县域医共体", None, "level", R, (2021, 2025), None),
    ("number-object-deng", SEED_REVIEW + "打通大兴路、胜利北路等14条断头路。", 2026, "14条", 0,
     "断头路", None, "level", R, (2021, 2025), None),
    # subject carried over a stray full stop
    ("stray-full-stop", SEED_REVIEW + "新能源装机规模增长170%。达到1600万千瓦,单位GDP能耗强度累计下降超过20%。", 2026,
     "1600万千瓦", 0, "新能源装机规模", "new_energy_capacity", "level", R, (2025, 2025), None),
    ("growth-without-growth-id", SEED_REVIEW + "新能源装机规模增长170%。达到1600万千瓦。", 2026, "170%", 0,
     "新能源装机规模", None, "increase", R, (2021, 2025), None),
    ("decrease", SEED_REVIEW + "单位GDP能耗强度累计下降超过20%。", 2026, "超过20%", 0,
     "单位GDP能耗强度", "energy_intensity_reduction", "decrease", R, (2021, 2025), "more_than"),
    # one value shared by two subjects -> two indicators with the same span
    ("shared-value-1", "今年要落实职业伤害保障,基本养老、基本医疗保险参保率稳定在95%以上。", 2026, "95%以上", 0,
     "基本养老保险参保率", None, "level", T, (2026, 2026), "at_least"),
    ("shared-value-2", "今年要落实职业伤害保障,基本养老、基本医疗保险参保率稳定在95%以上。", 2026, "95%以上", 1,
     "基本医疗保险参保率", None, "level", T, (2026, 2026), "at_least"),
    # 分别
    ("respectively-urban-rural-1", SEED_REVIEW + "城乡常住居民人均可支配收入分别增长30.5%和47.3%。", 2026, "30.5%", 0,
     "城镇常住居民人均可支配收入", "urban_income_growth", "increase", R, (2021, 2025), None),
    ("respectively-urban-rural-2", SEED_REVIEW + "城乡常住居民人均可支配收入分别增长30.5%和47.3%。", 2026, "47.3%", 0,
     "农村常住居民人均可支配收入", "rural_income_growth", "increase", R, (2021, 2025), None),
    ("respectively-one-value", "今年要丰富信贷产品,民营企业、普惠小微企业贷款分别增长10%以上。", 2026, "10%以上", 0,
     "民营企业贷款", None, "increase", T, (2026, 2026), "at_least"),
    ("respectively-one-value-2", "今年要丰富信贷产品,民营企业、普惠小微企业贷款分别增长10%以上。", 2026, "10%以上", 1,
     "普惠小微企业贷款", None, "increase", T, (2026, 2026), "at_least"),
    ("respectively-earlier-subjects", "城镇居民人均可支配收入11759元,农村居民人均纯收入3587元,扣除价格因素,"
     "分别比上年实际增长10.4%和7.4%。", 2007, "7.4%", 0,
     "农村居民人均纯收入", "rural_income_growth", "increase", R, (2006, 2006), None),
    ("respectively-and", "“十四五”时期,单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", 2021, "13.5%", 0,
     "单位国内生产总值能耗", "energy_intensity_reduction", "decrease", T, (2021, 2025), None),
    # periods
    ("plan-15th", "“十五五”时期,确保地区生产总值年均增长5.5%左右,常住人口城镇化率达到60%。", 2026, "5.5%左右", 0,
     "地区生产总值", "gdp_growth", "increase", T, (2026, 2030), "approx"),
    ("to-2035", "到二〇三五年,全市粮食产量达到200亿斤。", 2026, "200亿斤", 0,
     "粮食产量", "grain_output", "level", T, (2035, 2035), None),
    ("last-year", "去年农村贫困人口减少1240万人。", 2017, "1240万人", 0,
     "农村贫困人口", "poverty_reduction", "decrease", R, (2016, 2016), None),
    ("five-years-from-level", "过去五年,国内生产总值从54万亿元增加到82.7万亿元,年均增长7.1%。", 2018, "54万亿元", 0,
     "国内生产总值", "gdp", "level", R, (2012, 2012), None),
    ("five-years-to-level", "过去五年,国内生产总值从54万亿元增加到82.7万亿元,年均增长7.1%。", 2018, "82.7万亿元", 0,
     "国内生产总值", "gdp", "level", R, (2017, 2017), None),
    ("five-years-average", "过去五年,国内生产总值从54万亿元增加到82.7万亿元,年均增长7.1%。", 2018, "7.1%", 0,
     "国内生产总值", "gdp_growth", "increase", R, (2013, 2017), None),
    ("whole-year-result", "全年城镇新增就业1314万人。年末城镇登记失业率4.02%,为多年来最低。", 2017, "4.02%", 0,
     "城镇登记失业率", "urban_registered_unemployment", "level", R, (2016, 2016), None),
    ("range-target", "今年发展的主要预期目标是:国内生产总值增长6.5%-7%,居民消费价格涨幅3%左右。", 2016, "6.5%-7%", 0,
     "国内生产总值", "gdp_growth", "increase", T, (2016, 2016), "range"),
    # 比去年 is a comparison, not the period; 其中 carries the plan's year
    ("budget-comparison", "今年拟安排财政赤字2.18万亿元,比去年增加5600亿元,赤字率提高到3%。其中,中央财政赤字1.4万亿元。",
     2016, "3%", 0, "赤字率", "deficit_ratio", "level", T, (2016, 2016), None),
    ("budget-which", "今年拟安排财政赤字2.18万亿元,比去年增加5600亿元,赤字率提高到3%。其中,中央财政赤字1.4万亿元。",
     2016, "1.4万亿元", 0, "中央财政赤字", "central_deficit", "level", T, (2016, 2016), None),
    ("share-of-gdp", "今年,全国财政赤字9500亿元,占国内生产总值比重3%以内。", 2009, "3%以内", 0,
     "财政赤字占国内生产总值比重", "deficit_ratio", "level", T, (2009, 2009), "at_most"),
    ("percentage-points", "今年,重点项目审批效率再提升10%,市场主体满意度再提高2个百分点。", 2026, "2个百分点", 0,
     "市场主体满意度", None, "increase", T, (2026, 2026), None),
    ("consolidate-is-level", "今年,“一镇一策”巩固提升8个产业强镇,打造乡村振兴重点片区8个、宜居宜业和美乡村86个。", 2026,
     "86个", 0, "宜居宜业和美乡村", None, "level", T, (2026, 2026), None),
    ("new-in-list", "今年,新增新能源装机255万千瓦、新型储能规模150万千瓦。", 2026, "150万千瓦", 0,
     "新型储能规模", None, "increase", T, (2026, 2026), None),
    # Traditional script, end to end
    ("trad-gdp", "剛剛過去的2025年,地區生產總值增長4.9%,規模以上工業增加值增長6.5%。", 2026, "6.5%", 0,
     "规模以上工业增加值", "industrial_value_added_growth", "increase", R, (2025, 2025), None),
    ("trad-jobs", "今年城鎮新增就業1.2萬人以上,城鎮調查失業率5.5%左右。", 2026, "1.2萬人以上", 0,
     "城镇新增就业", "new_urban_jobs", "increase", T, (2026, 2026), "at_least"),
    ("trad-unemployment", "今年城鎮新增就業1.2萬人以上,城鎮調查失業率5.5%左右。", 2026, "5.5%左右", 0,
     "城镇调查失业率", "urban_surveyed_unemployment", "level", T, (2026, 2026), "approx"),
    ("trad-respectively", "五年來,城鄉居民人均可支配收入分別增長30.5%和47.3%。", 2026, "47.3%", 0,
     "农村居民人均可支配收入", "rural_income_growth", "increase", R, (2021, 2025), None),
    ("trad-energy", "今年,居民消費價格漲幅2%左右,單位國內生產總值能耗降低3%左右。", 2025, "3%左右", 0,
     "单位国内生产总值能耗", "energy_intensity_reduction", "decrease", T, (2025, 2025), "approx"),
    # a comma joins only values of one unit: 74个 starts a new clause (2017 report)
    ("respectively-comma-new-clause", AIR, 2017, "5.6%", 0, "二氧化硫排放量", "so2_reduction", "decrease", R,
     (2016, 2016), None),
    ("respectively-comma-new-clause-2", AIR, 2017, "4%", 0, "氮氧化物排放量", "nox_reduction", "decrease", R,
     (2016, 2016), None),
    # M2 the money supply, not the M2 of PM2.5
    ("latin-wording-whole-token", AIR, 2017, "9.1%", 0, "重点城市细颗粒物(PM2.5)浓度", "pm25_reduction", "decrease", R,
     (2016, 2016), None),
    ("latin-wording-m2", "去年,广义货币M2增长11.3%。", 2017, "11.3%", 0, "广义货币M2", "m2_growth", "increase", R,
     (2016, 2016), None),
    # X到/至 gives a level, whatever the verb (减少到 as 下降到)
    ("level-after-decrease-to", "去年,粮食产量减少到4.5亿吨。", 2020, "4.5亿吨", 0, "粮食产量", "grain_output", "level",
     R, (2019, 2019), None),
    # growth over a comparison base year spans the years after it (2008 report; 1982 report)
    ("growth-since-base-year", CUMULATIVE, 2008, "65.5%", 0, "国内生产总值", "gdp_cumulative_growth", "increase", R,
     (2003, 2007), None),
    ("average-growth-since-base-year", CUMULATIVE, 2008, "10.6%", 0, "国内生产总值", "gdp_growth", "increase", R,
     (2003, 2007), None),
    ("level-before-base-year", CUMULATIVE, 2008, "24.66万亿元", 0, "国内生产总值", "gdp", "level", R,
     (2007, 2007), None),
    ("growth-since-base-year-chinese", "计划规定,到一九八五年,进出口贸易总额将达到八百五十五亿元,比一九八○年增长百分之五十一点八。",
     1982, "百分之五十一点八", 0, "进出口贸易总额", "trade_growth", "increase", T, (1981, 1985), None),
    # a year at the subject's ends is its period (1957 report)
    ("year-not-in-subject", "一九五六年全国农业生产总值比一九五五年增长百分之四点九。", 1957, "百分之四点九", 0,
     "农业生产总值", None, "increase", R, (1956, 1956), None),
    # a stock that grows by an amount: the direction (increase) tells the change from the level
    ("stock-change-is-not-level", "今年,粮食产量计划达到34,250万吨,比去年增加1,000万吨。", 1981, "1,000万吨", 0,
     "粮食产量", "grain_output", "increase", T, (1981, 1981), None),
    ("stock-level-kept", "今年,粮食产量计划达到34,250万吨,比去年增加1,000万吨。", 1981, "34,250万吨", 0,
     "粮食产量", "grain_output", "level", T, (1981, 1981), None),
    ("bond-quota-change", "今年拟安排地方政府专项债券3.9万亿元,比去年增加1000亿元。", 2024, "1000亿元", 0,
     "地方政府专项债券", "special_bonds", "increase", T, (2024, 2024), None),
    ("flow-counts-its-increase", "去年城镇新增就业1244万人。", 2024, "1244万人", 0,
     "城镇新增就业", "new_urban_jobs", "increase", R, (2023, 2023), None),
    # the name of a plan is no target cue in a review (2025 report)
    ("plan-name-is-no-cue", "一、2024年工作回顾\n过去一年,我们做了很多工作。\n四是统筹城乡区域协调发展,优化经济布局。"
     "出台实施新型城镇化战略五年行动计划,扎实推进城市更新,常住人口城镇化率提高到67%。\n二、2025年政府工作任务\n",
     2025, "67%", 0, "常住人口城镇化率", "urbanization_rate", "level", R, (2024, 2024), None),
    # the value a change starts from is a result of its base year (2013, 2015 reports)
    ("from-value-of-base-year", "财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右,赤字率和债务负担率保持在安全水平。",
     2013, "2.8%", 0, "财政赤字占国内生产总值的比重", "deficit_ratio", "level", R, (2009, 2009), None),
    ("to-value-of-last-year", "财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右,赤字率和债务负担率保持在安全水平。",
     2013, "1.5%左右", 0, "财政赤字占国内生产总值的比重", "deficit_ratio", "level", R, (2012, 2012), "approx"),
    ("from-value-is-last-years", "今年拟安排财政赤字1.62万亿元,比去年增加2700亿元,赤字率从去年的2.1%提高到2.3%。", 2015,
     "2.1%", 0, "赤字率", "deficit_ratio", "level", R, (2014, 2014), None),
    ("from-value-in-a-plan", "到2030年,森林覆盖率由20%提高到25%。", 2026, "20%", 0, "森林覆盖率", None, "level", R,
     (2025, 2025), None),
]

# Known failures go here as {case id: reason}; they run as non-strict xfails.
# Reports of every level (issue 14): sentences of provincial, city and national reports.
REVIEW_2025_AND_PLAN = "一、2025年和“十四五”时期工作回顾\n2025年极不平凡。地区生产总值增长7%,地区生产总值年均增长5.5%。"
FIVE_YEAR_LIST = ("“十四五”时期工作回顾\n“十四五”时期是极不寻常、极不平凡的五年。\n——这是综合实力快速跃升的五年。"
                  "全省地区生产总值达到13697.5亿元,较“十三五”末的9323.1亿元增加4374.4亿元,增长33.6%。")
THESE_FIVE_YEARS = "这五年,我们全力推动高质量发展。\n地区生产总值突破3万亿元、年均增长4.7%,人均地区生产总值超1万美元。"
SECTORS = "今年主要预期目标是:一二三产增加值分别增长3.5%左右、6%左右、5%左右。"
WATER = "今后五年,单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%。"
PLAN_PART_2013 = ("二、2013年工作的总体部署\n去年价格上涨的翘尾影响约有1个百分点。"
                  "把居民消费价格涨幅控制在3.5%左右,是充分考虑各方面因素后确定的。")
PLAN_PART_2011 = ("二、2011年的主要任务\n过去一年,我们的各项工作取得了很大成绩。"
                  "国内生产总值增长10.3%,居民消费价格涨幅控制在3.3%,城镇新增就业1168万人。")
LOCAL_CASES = [
    # a review heading naming last year and the plan: a yearly figure is last year's, an average the plan's
    ("review-heading-year", REVIEW_2025_AND_PLAN, 2026, "7%", 0,
     "地区生产总值", "gdp_growth", "increase", R, (2025, 2025), None),
    ("review-heading-plan-average", REVIEW_2025_AND_PLAN, 2026, "5.5%", 0,
     "地区生产总值", "gdp_growth", "increase", R, (2021, 2025), None),
    # a —— item is read in the time of its lead paragraph; a level is the plan's last year's
    ("five-year-list-level", FIVE_YEAR_LIST, 2026, "13697.5亿元", 0,
     "地区生产总值", "gdp", "level", R, (2025, 2025), None),
    ("five-year-list-cumulative-growth", FIVE_YEAR_LIST, 2026, "33.6%", 0,
     "地区生产总值", "gdp_cumulative_growth", "increase", R, (2021, 2025), None),
    # an average finds the span named a paragraph before (这五年); milestones keep their subject
    ("average-after-these-five-years", THESE_FIVE_YEARS, 2026, "4.7%", 0,
     "地区生产总值", "gdp_growth", "increase", R, (2021, 2025), None),
    ("milestone-level-of-last-year", THESE_FIVE_YEARS, 2026, "3万亿元", 0,
     "地区生产总值", "gdp", "level", R, (2025, 2025), "more_than"),
    ("milestone-step", "去年,全省地区生产总值迈上4000亿元台阶。", 2026, "4000亿元", 0,
     "地区生产总值", "gdp", "level", R, (2025, 2025), "more_than"),
    ("milestone-passed", "全省生产总值跨过3万亿元,社会消费品零售总额突破1.1万亿元。", 2026, "1.1万亿元", 0,
     "社会消费品零售总额", "retail_sales", "level", R, (2025, 2025), "more_than"),
    ("milestone-after-steps", "“十四五”时期,地区生产总值跨越3个千亿元台阶,达到1.5万亿元、增长19.8%。", 2026,
     "1.5万亿元", 0, "地区生产总值", "gdp", "level", R, (2025, 2025), None),
    # 总量 names the figure before it again
    ("back-reference-total", "去年,一般公共预算收入增长4.6%,总量首次突破1900亿元。", 2026, "1900亿元", 0,
     "一般公共预算收入", "public_budget_revenue", "level", R, (2025, 2025), "more_than"),
    ("back-reference-value-added", "规模以上工业企业达7.6万家、增加值增长3%。", 2026, "3%", 0,
     "规模以上工业企业增加值", "industrial_value_added_growth", "increase", R, (2025, 2025), None),
    # one rate for 城乡: both ids; 一二三产: three
    ("urban-rural-one-rate-urban", "去年,城乡居民人均可支配收入增长7.5%。", 2026, "7.5%", 0,
     "城镇居民人均可支配收入", "urban_income_growth", "increase", R, (2025, 2025), None),
    ("urban-rural-one-rate-rural", "去年,城乡居民人均可支配收入增长7.5%。", 2026, "7.5%", 1,
     "农村居民人均可支配收入", "rural_income_growth", "increase", R, (2025, 2025), None),
    ("sectors-first", SECTORS, 2026, "3.5%左右", 0,
     "一产增加值", "primary_industry_growth", "increase", T, (2026, 2026), "approx"),
    ("sectors-third", SECTORS, 2026, "5%左右", 1,
     "三产增加值", "tertiary_industry_growth", "increase", T, (2026, 2026), "approx"),
    # falls and points
    ("small-fall", "去年,CPI微降0.1%。", 2026, "0.1%", 0, "CPI", "cpi", "decrease", R, (2025, 2025), None),
    ("rate-up-in-points", "今年主要预期目标是:常住人口城镇化率提升1个百分点以上。", 2026, "1个百分点以上", 0,
     "常住人口城镇化率", "urbanization_rate", "increase", T, (2026, 2026), "at_least"),
    # not the indicator the wording holds: a ratio to GDP, an intensity per unit of GDP
    ("ratio-to-gdp", "研究与试验发展经费支出与国内生产总值之比超过2%,能耗强度下降4.8%。", 2015, "2%", 0,
     "研究与试验发展经费支出与国内生产总值之比", "rd_intensity", "level", R, (2014, 2014), "more_than"),
    ("per-unit-of-gdp", WATER, 2016, "23%", 0,
     "单位国内生产总值用水量", None, "decrease", T, (2016, 2020), None),
    ("per-unit-of-gdp-shared", WATER, 2016, "15%", 0,
     "单位国内生产总值能耗", "energy_intensity_reduction", "decrease", T, (2016, 2020), None),
    # multi-year figures: a base year of the sentence, a streak, a total over a plan
    ("sentence-base-year", "2005年与2000年相比,国内生产总值增长57.3%,年均增长9.5%。", 2006, "57.3%", 0,
     "国内生产总值", "gdp_cumulative_growth", "increase", R, (2001, 2005), None),
    ("streak", "居民消费价格总水平上涨1.5%。经济增长连续四年达到或略高于10%,没有出现明显通货膨胀。", 2007,
     "10%", 0, "经济增长连续四年", "gdp_growth", "level", R, (2003, 2006), "at_least"),
    ("plan-total", "“六五”期间,进出口贸易总额合计达到二千三百亿美元。", 1986, "二千三百亿美元", 0,
     "进出口贸易总额合计", "trade_value", "level", R, (1981, 1985), None),
    # a result beside a target; a target explained in a plan part; a result told in one
    ("two-year-heading-result", "一、1998年工作回顾和1999年工作的总体要求\n国内生产总值比上年增长7.8%,"
     "虽然略低于8%的预定目标,但来之不易。", 1999, "7.8%", 0,
     "国内生产总值", "gdp_growth", "increase", R, (1998, 1998), None),
    ("plan-part-target-explained", PLAN_PART_2013, 2013, "3.5%左右", 0,
     "居民消费价格", "cpi", "increase", T, (2013, 2013), "approx"),
    # a plan's first year is one year; the base of a multiple is no time of the figure
    ("plan-opening-year", "一、2021年工作回顾\n2021年是“十四五”开局之年。全市实现地区生产总值4286.3亿元、增长8.6%。",
     2022, "8.6%", 0, "地区生产总值", "gdp_growth", "increase", R, (2021, 2021), None),
    ("base-of-a-multiple", "五年来,全社会固定资产投资五年累计完成5862亿元,是“十一五”时期的2.3倍;"
     "城乡居民人均可支配收入年均分别增长10.6%和12.8%。", 2016, "12.8%", 0,
     "农村居民人均可支配收入", "rural_income_growth", "increase", R, (2011, 2015), None),
    ("two-year-average", "全市实现地区生产总值4286.3亿元、增长8.6%,两年平均增长5.9%。", 2022, "5.9%", 0,
     "地区生产总值", "gdp_growth", "increase", R, (2020, 2021), None),
    # like-for-like growth, a footnote marker in the subject, older names
    ("like-for-like-footnote", "去年,一般公共预算收入412.3亿元、同口径［1］增长3.1%。", 2025, "3.1%", 0,
     "一般公共预算收入", "public_budget_revenue_growth", "increase", R, (2024, 2024), None),
    ("older-budget-revenue", "去年,地方财政一般预算收入682.4亿元,增长24.8%。", 2011, "682.4亿元", 0,
     "地方财政一般预算收入", "public_budget_revenue", "level", R, (2010, 2010), None),
    ("older-energy-intensity", "今年主要预期目标是:单位生产总值能耗下降3.5%。", 2011, "3.5%", 0,
     "单位生产总值能耗", "energy_intensity_reduction", "decrease", T, (2011, 2011), None),
    # found on a second held-out set: per-unit intensities, a dash list's 城乡, comparable prices
    ("per-10000-yuan-of-gdp", "今年主要预期目标是:万元GDP综合能耗下降4%,万元工业增加值用水量下降5%。", 2006, "4%", 0,
     "万元GDP综合能耗", "energy_intensity_reduction", "decrease", T, (2006, 2006), None),
    ("a-quantity-per-unit-of-a-wording", "今年主要预期目标是:万元GDP综合能耗下降4%,万元工业增加值用水量下降5%。", 2006,
     "5%", 0, "万元工业增加值用水量", None, "decrease", T, (2006, 2006), None),
    ("dash-list-urban-rural", "2026年全县经济社会发展主要预期目标是:\n——城乡居民人均可支配收入分别增长5%、6.5%左右;",
     2026, "6.5%左右", 0, "农村居民人均可支配收入", "rural_income_growth", "increase", T, (2026, 2026), "approx"),
    ("comparable-prices", "去年,全旗地区生产总值完成186.73亿元,按可比价计算增长6.8%。", 2020, "6.8%", 0,
     "地区生产总值", "gdp_growth", "increase", R, (2019, 2019), None),
    ("share-wording-is-its-ratio", "今年主要预期目标是:研发经费支出占地区生产总值比重不低于2.8%。", 2018, "2.8%", 0,
     "研发经费支出占地区生产总值比重", "rd_intensity", "level", T, (2018, 2018), "at_least"),
    ("herders-net-income", "去年,农牧民人均纯收入达到5362元,增长15.1%。", 2013, "5362元", 0,
     "农牧民人均纯收入", "rural_income", "level", R, (2012, 2012), None),
    ("cumulative-in-its-own-clause", "“十四五”时期,地区生产总值由2020年的205.6亿元增加到2025年的286.5亿元,年均增长6.1%,"
     "较2020年增长39.3%。", 2026, "39.3%", 0, "地区生产总值", "gdp_cumulative_growth", "increase", R, (2021, 2025), None),
    # a sentence with no subject of its own goes on with the one before it
    ("subject-of-the-sentence-before", "去年,全省地区生产总值达到41268亿元。按可比价格计算,比上年增长8.1%。", 2022,
     "8.1%", 0, "地区生产总值", "gdp_growth", "increase", R, (2021, 2021), None),
    ("plan-part-result-told", PLAN_PART_2011, 2011, "3.3%", 0,
     "居民消费价格", "cpi", "increase", R, (2010, 2010), None),
]

XFAIL: dict[str, str] = {}

CASES_XF = CASES + LOCAL_CASES + [
    # 控制在 reports a result here (the 2014 report), with no qualifier
    ("controlled-at-result", "过去一年,居民消费价格涨幅控制在2.6%。", 2014, "2.6%", 0,
     "居民消费价格", "cpi", "increase", R, (2013, 2013), None),
]


def pick(report, figure: str, k: int):
    found = [i for i in report.indicators if figure in i.text]
    assert len(found) > k, f"{figure!r} #{k} not found in {[i.text for i in report.indicators]}"
    return found[k]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c[0], marks=[pytest.mark.xfail(reason=XFAIL[c[0]], strict=False)]
                          if c[0] in XFAIL else []) for c in CASES_XF])
def test_case(case):
    _, text, year, figure, k, subject, canonical, direction, status, period, qualifier = case
    ind = pick(parse_text(text, options=Options(year=year)), figure, k)
    got = (ind.subject_simplified, ind.canonical, ind.direction, ind.status,
           (ind.period.start, ind.period.end) if ind.period else None, ind.qualifier)
    assert got == (subject, canonical, direction, status, period, qualifier)
    if case[0].startswith("trad-"):  # the subject as the Traditional text writes it
        from tonglaio_parse.stages.normalize import converter

        assert ind.subject != ind.subject_simplified == converter("t2s").convert(ind.subject)
    else:
        assert ind.subject == ind.subject_simplified


def test_shared_value_gives_two_indicators_with_one_span():
    r = parse_text("今年要落实职业伤害保障,基本养老、基本医疗保险参保率稳定在95%以上。", options=Options(year=2026))
    same = [i for i in r.indicators if i.text == "95%以上"]
    assert [i.subject for i in same] == ["基本养老保险参保率", "基本医疗保险参保率"]
    assert same[0].span == same[1].span and same[0].id != same[1].id


def test_plain_list_of_names_stays_one_subject():
    r = parse_text(SEED_REVIEW + "新改扩建幼儿园、学校64所。推动电解铝、钢铁、水泥行业绿电消费比例达到31.7%。",
                   options=Options(year=2026))
    assert [i.subject for i in r.indicators] == ["幼儿园、学校", "电解铝、钢铁、水泥行业绿电消费比例"]


def test_respectively_count_mismatch_keeps_values_unpaired():
    text = "今年,粮食、棉花、油料产量分别增长2%和3%。"
    meanings = indicators.interpret(text, find_quantities(text), _AllPlan(), 2026)
    assert [m.unpaired for m in meanings] == [(3, 2), (3, 2)]
    assert all(m.subject == "粮食、棉花、油料产量" for m in meanings)
    assert [m.quantity.value for m in meanings] == [2, 3]


def test_meanings_in_text_order():
    text = "今年,民营企业、普惠小微企业贷款分别增长10%以上,技术合同交易额增长20%以上。"
    meanings = indicators.interpret(text, find_quantities(text), _AllPlan(), 2026)
    starts = [m.quantity.start for m in meanings]
    assert starts == sorted(starts) and len(meanings) == 3


@pytest.mark.parametrize("subject, direction, dimension, expected", [
    ("地区生产总值", "increase", "percent", "gdp_growth"),
    ("地区生产总值", "level", "money", "gdp"),
    ("财政赤字率", "level", "percent", "deficit_ratio"),       # the wording ending last wins
    ("新能源装机规模", "increase", "percent", None),            # growth of a level-only id
    ("新能源装机规模", "level", "power", "new_energy_capacity"),
    ("单位GDP能耗强度", "decrease", "percent", "energy_intensity_reduction"),
    ("研发经费支出占国内生产总值", "level", "percent", "rd_intensity"),
    ("国民生产总值", "increase", "percent", "gnp_growth"),
    ("公厕", "level", "count", None),
    # wordings inside phrases that name no indicator (the national reports 1955-2025)
    ("消费对经济增长的贡献率", "level", "percent", None),
    ("1956年工业生产总值比1955", "increase", "percent", None),
    ("全国农业生产总值", "level", "money", None),
    ("出口通关时间", "decrease", "percent", None),
    ("我国对东南亚国家的出口额在这些国家的进口额中也只占", "level", "percent", None),   # a share
    ("减少占用耕地", "decrease", "area", None),
    # 减少财政收入X亿元 / 较“十三五”末增加4374.4亿元: a change keeps the id, the direction tells
    # (compare sets only levels against each other)
    ("财政收入", "decrease", "money", "fiscal_revenue"),
    ("地区生产总值", "increase", "money", "gdp"),
    ("新能源装机", "increase", "power", "new_energy_capacity"),
    ("财政收入", "level", "money", "fiscal_revenue"),
])
def test_canonical_id(subject, direction, dimension, expected):
    assert indicators.canonical_id(subject, direction, dimension) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("地区生产总值增长", "increase"), ("单位GDP能耗强度累计下降", "decrease"), ("推动铸锻件产能达到", "level"),
    ("规上工业增加值", None), ("“一镇一策”巩固提升", "level"), ("城镇新增就业", "increase"),
])
def test_verb_direction(phrase, expected):
    assert subjects.verb_direction(phrase) == expected


def test_user_indicators_file(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('[[canonical]]\nwordings = ["技术合同交易额", "技術合同交易額"]\ngrowth = "tech_contract_growth"\n',
                 encoding="utf-8")
    r = parse_text("今年,技术合同交易额增长20%以上。", options=Options(year=2026, indicators_file=str(f)))
    assert r.indicators[0].canonical == "tech_contract_growth"


def test_bad_user_indicators_file_is_a_rule_error(tmp_path):
    from tonglaio_parse import RuleError
    f = tmp_path / "bad.toml"
    f.write_text('[[canonical]]\nwordings = "not a list"\n', encoding="utf-8")
    with pytest.raises(RuleError, match="wordings"):
        parse_text("今年,技术合同交易额增长20%。", options=Options(year=2026, indicators_file=str(f)))


def test_long_clause_is_fast():
    import time
    text = ("今年," + "、".join(f"项目{i}" for i in range(300)) + "分别增长5%和6%。") * 20
    t = time.perf_counter()
    parse_text(text, options=Options(year=2026))
    assert time.perf_counter() - t < 5


def test_every_added_id_is_documented():
    """Each id of the data table is in the shared INDICATORS.md or in docs/INDICATORS-added.md,
    and the added list names no id the table lacks."""
    import re
    import tomllib
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    table = tomllib.loads((root / "tonglaio_parse" / "data" / "indicators.toml").read_text(encoding="utf-8"))
    ids = {e[k] for e in table["canonical"] for k in ("growth", "level", "decrease", "ratio", "cumulative") if k in e}
    added = set(re.findall(r"^\| ([a-z0-9_]+) \|", (root / "docs" / "INDICATORS-added.md").read_text(encoding="utf-8"), re.M))
    added.discard("id")  # the header row
    assert added <= ids, added - ids
    spec = root.parent / "shared" / "spec" / "INDICATORS.md"
    if spec.is_file():
        cells = re.findall(r"^\| ([a-z0-9_, ]+) \|", spec.read_text(encoding="utf-8"), re.M)
        in_spec = {x.strip() for c in cells for x in c.split(",")}
        assert ids - in_spec <= added, sorted(ids - in_spec - added)


PDF_PAGE = ("    今年全市经济社会发展的主要预期目标确定为:地区生产总值增长\n"
            "10%以上;全社会固定资产投资增长20%;社会消费品零售总额增长16%;\n"
            "城镇居民人均可支配收入和农民人均纯收入分别增长9%和\n"
            "8%;新增城镇就业4.2万人,城镇登记失业率控制在4.5%以内;居民消费价格总水平涨幅\n"
            "— 5 —\n"
            "某市人民政府工作报告\n"
            "控制在4%左右;万元生产总值能耗下降4.5%。\n"
            "— 6 —\n"
            "某市人民政府工作报告\n")


@pytest.mark.parametrize("figure, k, subject, canonical", [
    ("8%", 0, "农民人均纯收入", "rural_income_growth"),        # a 分别 pair cut by a line wrap
    ("控制在4%左右", 0, "居民消费价格总水平", "cpi"),          # a clause cut by a page break
])
def test_text_copied_out_of_a_pdf_reads_across_wraps_and_pages(figure, k, subject, canonical):
    r = parse_text(PDF_PAGE, options=Options(year=2009))
    ind = [i for i in r.indicators if i.text == figure][k]
    assert (ind.subject, ind.canonical, ind.status) == (subject, canonical, T)
    assert "某市人民政府工作报告" not in r.text[ind.span[0] - 30:ind.span[0]] or ind.subject == subject


def test_a_numbered_list_item_and_a_table_like_line():
    r = parse_text("一、2014年工作回顾\n规模以上工业增加值增速:9.6%\n二、2015年工作安排\n今年主要预期目标是:\n"
                   "1.地区生产总值增长8%;\n6.城乡居民人均可支配收入分别增长9%、10%;\n", options=Options(year=2015))
    got = [(i.subject, i.canonical, i.status) for i in r.indicators]
    assert ("规模以上工业增加值", "industrial_value_added_growth", R) in got
    assert ("城镇居民人均可支配收入", "urban_income_growth", T) in got and \
        ("农村居民人均可支配收入", "rural_income_growth", T) in got


@pytest.mark.parametrize("text, subjects", [
    ("去年新签约亿元以上项目56个,新增亿元楼宇5座。", [("新签约亿元以上项目", 56), ("亿元楼宇", 5)]),
    ("产值过亿元企业42家。", [("产值过亿元企业", 42)]),
    ("地区生产总值迈上万亿元台阶。", [(None, 1e12)]),  # a milestone passed stays a figure
])
def test_an_amount_without_a_digit_is_a_class_not_a_figure(text, subjects):
    report = parse_text(text, options=Options(year=2026))
    got = [(i.subject if i.value != 1e12 else None, i.value) for i in report.indicators]
    assert got == subjects


@pytest.mark.parametrize("text, expected", [
    ("城镇、农村牧区常住居民人均可支配收入分别增长4.3%和6.8%。",
     [("城镇常住居民人均可支配收入", "urban_income_growth"), ("农村牧区常住居民人均可支配收入", "rural_income_growth")]),
    ("城镇、农村常住居民人均可支配收入分别增长4.3%和6.8%。",
     [("城镇常住居民人均可支配收入", "urban_income_growth"), ("农村常住居民人均可支配收入", "rural_income_growth")]),
])
def test_parallel_heads_stand_for_one_another(text, expected):
    report = parse_text(text, options=Options(year=2023))
    assert [(i.subject, i.canonical) for i in report.indicators] == expected


def test_livestock_counted_in_head_and_animals_is_one_unit():
    [ind] = parse_text("牲畜存栏稳定在1.3亿头只。", options=Options(year=2023)).indicators
    assert (ind.subject, ind.value, ind.unit, ind.text) == ("牲畜存栏", 1.3e8, "头只", "1.3亿头只")


@pytest.mark.parametrize("text", [
    "全市地区生产总值达到2146.8亿元,是2010年的1.8倍。",  # a ratio to a base year: no growth id
    "新能源装机规模是2017年的3.6倍。",                   # nor a level id
])
def test_a_multiple_of_a_base_year_takes_no_id(text):
    multiples = [i for i in parse_text(text, options=Options(year=2016)).indicators if i.unit == "倍"]
    assert multiples and all(i.canonical is None for i in multiples)


def test_a_growth_in_multiples_keeps_its_growth_id():
    [ind] = parse_text("全市地区生产总值增长1.5倍。", options=Options(year=2016)).indicators
    assert (ind.canonical, ind.unit, ind.direction) == ("gdp_growth", "倍", "increase")
