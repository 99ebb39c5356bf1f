"""A seeded generator of realistic stores, for the demo, tests and benchmarks.

`generate()` writes reps, customers (Chinese and English companies), contacts, a follow-up
history over the last ~6 months with its tasks, tags and ownership events, all with SQLAlchemy
Core bulk inserts in chunks: a million follow-ups take a minute or so, not an hour.

Everything comes from `random.Random(seed)` and the `now` passed in, so the same seed and
the same `now` give the same store, row for row and id for id. Ids are assigned here (after the
highest id already in the store), in time order, so they look like a store that grew over
months; PostgreSQL sequences are moved past them at the end.

The derived columns are filled as the services would: dedupe keys, `last_contact_at` (the
latest follow-up), open tasks (only the latest follow-up of a customer stays open; earlier
tasks were closed by the next follow-up or marked done) and the pool cap (each rep owns at
most `owned_per_rep`; the rest are in the pool). Each rep's agenda gets content: overdue
tasks, tasks due today and later, forgotten customers and birthdays this week.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from salescli.domain import dedupe
from salescli.domain.users import normalize_handle, valid_handle
from salescli.store.engine import Store, storage_error
from salescli.store.models import Contact, Customer, CustomerTag, FollowUp, OwnershipEvent, User

DEFAULT_FORGOTTEN_DAYS = {"A": 14, "B": 30, "C": 90}
HISTORY_DAYS = 183  # follow-ups cover about the last six months

# --------------------------------------------------------------------------- vocabulary

# Characters of Chinese brand names, with their pinyin (for e-mail domains).
_BRAND_CHARS = [
    ("宏", "hong"), ("达", "da"), ("华", "hua"), ("兴", "xing"), ("盛", "sheng"), ("鑫", "xin"), ("恒", "heng"),
    ("泰", "tai"), ("瑞", "rui"), ("丰", "feng"), ("金", "jin"), ("鼎", "ding"), ("通", "tong"), ("远", "yuan"),
    ("德", "de"), ("信", "xin"), ("佳", "jia"), ("美", "mei"), ("新", "xin"), ("创", "chuang"), ("博", "bo"),
    ("汇", "hui"), ("联", "lian"), ("天", "tian"), ("海", "hai"), ("永", "yong"), ("安", "an"), ("昌", "chang"),
    ("隆", "long"), ("源", "yuan"), ("和", "he"), ("正", "zheng"), ("合", "he"), ("星", "xing"), ("辉", "hui"),
    ("长", "chang"), ("利", "li"), ("富", "fu"), ("嘉", "jia"), ("众", "zhong"), ("诚", "cheng"), ("明", "ming"),
    ("光", "guang"), ("同", "tong"), ("凯", "kai"), ("益", "yi"), ("润", "run"), ("峰", "feng"),
]
# (word in a Chinese name, pinyin, industry label zh, word in an English name, industry label en)
_INDUSTRIES = [
    ("机械", "jixie", "机械制造", "Machinery", "Machinery"),
    ("电子", "dianzi", "电子元器件", "Electronics", "Electronics"),
    ("科技", "keji", "科技", "Technology", "Technology"),
    ("贸易", "maoyi", "贸易", "Trading", "Trading"),
    ("物流", "wuliu", "物流", "Logistics", "Logistics"),
    ("化工", "huagong", "化工", "Chemicals", "Chemicals"),
    ("建材", "jiancai", "建材", "Building Materials", "Building materials"),
    ("食品", "shipin", "食品饮料", "Foods", "Food & beverage"),
    ("服饰", "fushi", "纺织服装", "Apparel", "Textiles & apparel"),
    ("医疗器械", "yiliao", "医疗器械", "Medical", "Medical devices"),
    ("包装", "baozhuang", "包装印刷", "Packaging", "Packaging"),
    ("汽车零部件", "qipei", "汽车零部件", "Auto Parts", "Automotive parts"),
    ("家具", "jiaju", "家具", "Furniture", "Furniture"),
    ("环保科技", "huanbao", "环保", "Environmental", "Environmental"),
    ("信息技术", "it", "软件与信息服务", "Software", "Software & IT"),
    ("塑胶", "sujiao", "塑料制品", "Plastics", "Plastics"),
    ("五金", "wujin", "五金工具", "Hardware", "Hardware & tools"),
    ("光电", "guangdian", "光电", "Photonics", "Photonics"),
    ("新能源", "xinnengyuan", "新能源", "Energy", "Renewable energy"),
    ("精密制造", "jingmi", "精密制造", "Precision", "Precision manufacturing"),
    ("餐饮管理", "canyin", "餐饮", "Hospitality", "Hospitality"),
    ("装饰工程", "zhuangshi", "建筑装饰", "Interiors", "Construction & interiors"),
]
_ZH_SUFFIXES = [
    ("有限公司", 60), ("有限责任公司", 12), ("股份有限公司", 10), ("集团有限公司", 4), ("厂", 4), ("商行", 2),
]
_EN_BRAND_A = [
    "North", "South", "East", "West", "Blue", "Silver", "Golden", "Green", "Red", "Pacific", "Harbor", "Summit",
    "Bright", "Star", "Sun", "Crystal", "Iron", "Eagle", "Lotus", "Jade", "Pearl", "River", "Oak", "Maple",
    "Ever", "Prime", "Grand", "Swift", "Unity", "Orient",
]
_EN_BRAND_B = [
    "wind", "stone", "bridge", "field", "gate", "point", "line", "bay", "light", "wave", "crest", "star", "way",
    "ridge", "land", "port", "view", "tech", "works", "source", "path", "peak", "vale", "mark", "well", "forge",
]
_EN_SUFFIXES = [("Co., Ltd.", 35), ("Ltd.", 15), ("Inc.", 12), ("Pte. Ltd.", 10), ("LLC", 8), ("GmbH", 5),
                ("Limited", 8), ("Group", 4), ("Corp.", 3)]

# (city, weight, phone area code, districts)
_ZH_CITIES = [
    ("上海", 16, "021", ["浦东新区", "闵行区", "嘉定区", "松江区", "徐汇区", "宝山区"]),
    ("北京", 10, "010", ["朝阳区", "海淀区", "大兴区", "顺义区", "丰台区"]),
    ("深圳", 10, "0755", ["南山区", "宝安区", "龙岗区", "福田区", "龙华区"]),
    ("广州", 7, "020", ["天河区", "番禺区", "白云区", "黄埔区"]),
    ("杭州", 7, "0571", ["滨江区", "余杭区", "萧山区", "西湖区"]),
    ("苏州", 7, "0512", ["工业园区", "吴中区", "昆山市", "相城区"]),
    ("南京", 4, "025", ["江宁区", "鼓楼区", "浦口区"]),
    ("成都", 4, "028", ["高新区", "武侯区", "双流区"]),
    ("武汉", 3, "027", ["东湖高新区", "江汉区", "汉阳区"]),
    ("天津", 3, "022", ["滨海新区", "西青区", "河西区"]),
    ("宁波", 4, "0574", ["鄞州区", "北仑区", "慈溪市"]),
    ("东莞", 5, "0769", ["长安镇", "松山湖", "虎门镇", "塘厦镇"]),
    ("佛山", 4, "0757", ["顺德区", "南海区", "禅城区"]),
    ("厦门", 2, "0592", ["湖里区", "思明区", "集美区"]),
    ("青岛", 3, "0532", ["黄岛区", "城阳区", "崂山区"]),
    ("无锡", 3, "0510", ["新吴区", "滨湖区", "江阴市"]),
    ("重庆", 2, "023", ["渝北区", "九龙坡区", "江北区"]),
    ("西安", 2, "029", ["雁塔区", "未央区", "高新区"]),
    ("长沙", 2, "0731", ["岳麓区", "雨花区", "长沙县"]),
    ("合肥", 2, "0551", ["蜀山区", "包河区", "经开区"]),
]
_ZH_ROADS = ["人民路", "建设路", "科技大道", "工业大道", "创业路", "长江路", "中山路", "解放路", "环城东路", "高新一路",
             "文化路", "开发大道", "振兴路", "新华路", "滨河路", "金桥路", "华夏路", "学府路"]
_ZH_PLACES = ["号", "号A座", "号3楼", "号1栋", "号厂区", "号12层"]
# (city, weight, phone prefix, local digits)
_EN_CITIES = [
    ("Shanghai", 5, "+86 21 ", 8), ("Singapore", 6, "+65 ", 8), ("Hong Kong", 5, "+852 ", 8),
    ("Shenzhen", 3, "+86 755 ", 8), ("Beijing", 2, "+86 10 ", 8), ("Kuala Lumpur", 2, "+60 3 ", 8),
    ("Bangkok", 2, "+66 2 ", 7), ("Tokyo", 2, "+81 3 ", 8), ("Sydney", 2, "+61 2 ", 8), ("Dubai", 2, "+971 4 ", 7),
    ("Hamburg", 1, "+49 40 ", 8), ("Rotterdam", 1, "+31 10 ", 7), ("Los Angeles", 1, "+1 213 ", 7),
    ("London", 1, "+44 20 ", 8),
]
_EN_STREETS = ["Harbour Road", "Orchard Road", "Nathan Road", "Century Avenue", "Queen's Road", "Market Street",
               "Industrial Park Drive", "Science Park Road", "King Street", "Marina Boulevard", "Dock Road"]
_ZH_SOURCES = [("展会", 20), ("官网咨询", 15), ("老客户介绍", 18), ("电话营销", 12), ("阿里巴巴", 8), ("百度推广", 6),
               ("地推", 5), ("行业协会", 4), ("公海领取", 6)]
_EN_SOURCES = [("Trade show", 25), ("Website", 20), ("Referral", 20), ("Cold call", 10), ("LinkedIn", 12),
               ("Distributor", 8), ("Canton Fair", 5)]
_ZH_TAGS = [
    ("老客户", 10), ("重点跟进", 8), ("价格敏感", 7), ("国企", 4), ("上市公司", 3), ("需要样品", 5),
    ("年框客户", 4), ("外贸", 5), ("VIP", 3), ("已报价", 6), ("竞品在用", 4),
]
_EN_TAGS = [("key-account", 6), ("export", 6), ("OEM", 5), ("distributor", 4), ("price-sensitive", 5),
            ("samples", 4), ("VIP", 3), ("quoted", 5), ("competitor", 3)]
_SIZES = [("micro", 15), ("small", 40), ("medium", 30), ("large", 15)]
_GRADES = [("A", 15), ("B", 45), ("C", 40)]
_ZH_NOTES = [
    "年采购额约{n}0万，决策周期长。", "老板比较看重售后服务。", "每年3月、9月集中采购。",
    "付款账期60天，需注意回款。", "目前使用竞品，合同明年到期。", "技术负责人对我们的方案很感兴趣。",
]
_EN_NOTES = [
    "Annual purchasing around {n}00k USD; long decision cycle.", "Owner cares most about after-sales service.",
    "Buys in March and September.", "Net 60 payment terms; watch receivables.",
    "Currently with a competitor; their contract ends next year.", "Their engineering lead likes our proposal.",
]

_SURNAMES = [
    ("王", "wang", 10), ("李", "li", 10), ("张", "zhang", 9), ("刘", "liu", 7), ("陈", "chen", 7), ("杨", "yang", 5),
    ("黄", "huang", 4), ("赵", "zhao", 4), ("吴", "wu", 4), ("周", "zhou", 4), ("徐", "xu", 3), ("孙", "sun", 3),
    ("马", "ma", 3), ("朱", "zhu", 3), ("胡", "hu", 3), ("郭", "guo", 2), ("何", "he", 2), ("林", "lin", 2),
    ("高", "gao", 2), ("罗", "luo", 2), ("郑", "zheng", 2), ("梁", "liang", 2), ("谢", "xie", 1), ("宋", "song", 1),
    ("唐", "tang", 1), ("韩", "han", 1), ("冯", "feng", 1), ("邓", "deng", 1), ("曹", "cao", 1), ("许", "xu", 1),
]
_GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"),
    ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("华", "hua"),
    ("建国", "jianguo"), ("晓东", "xiaodong"), ("海燕", "haiyan"), ("雪", "xue"), ("婷", "ting"), ("浩", "hao"),
    ("宇", "yu"), ("欣怡", "xinyi"), ("子涵", "zihan"), ("志强", "zhiqiang"), ("丽娟", "lijuan"), ("鹏", "peng"),
    ("俊杰", "junjie"), ("佳琪", "jiaqi"), ("文博", "wenbo"), ("梦瑶", "mengyao"), ("建华", "jianhua"), ("颖", "ying"),
]
_EN_FIRST = ["Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Kevin", "Linda",
             "Michael", "Nancy", "Oliver", "Peter", "Rachel", "Sam", "Tom", "Vivian", "William", "Zoe", "Daniel",
             "Sophie", "Jason", "Amy", "Eric", "Cindy", "Ryan", "Helen"]
_EN_LAST = [("Chen", "chen"), ("Smith", "smith"), ("Tan", "tan"), ("Lee", "lee"), ("Wong", "wong"),
            ("Brown", "brown"), ("Johnson", "johnson"), ("Müller", "mueller"), ("Garcia", "garcia"),
            ("Nguyen", "nguyen"), ("Lim", "lim"), ("Taylor", "taylor"), ("Wilson", "wilson"), ("Kumar", "kumar"),
            ("Schmidt", "schmidt"), ("Ng", "ng"), ("Ho", "ho"), ("Zhang", "zhang"), ("Park", "park"),
            ("Sato", "sato")]
_ZH_TITLES = [("采购经理", 20), ("总经理", 10), ("采购专员", 12), ("技术总监", 8), ("生产经理", 8), ("财务经理", 6),
              ("副总经理", 6), ("董事长", 3), ("项目经理", 8), ("行政主管", 4), ("工程师", 8), (None, 7)]
_EN_TITLES = [("Purchasing Manager", 20), ("CEO", 6), ("Procurement Specialist", 12), ("CTO", 5),
              ("Operations Director", 8), ("Finance Manager", 6), ("General Manager", 8), ("Project Manager", 10),
              ("Engineering Lead", 8), ("Office Manager", 4), (None, 7)]
_FREE_MAIL = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com"]

_KINDS = [("call", 34), ("message", 20), ("visit", 15), ("email", 15), ("meeting", 8), ("note", 8)]
_ZH_PRODUCTS = ["数控机床", "伺服电机", "包装机", "工业机器人", "ERP系统", "传感器", "激光切割机", "空压机", "检测设备",
                "自动化产线", "冷水机", "注塑机"]
_EN_PRODUCTS = ["CNC machines", "servo motors", "packaging line", "industrial robots", "ERP licences", "sensors",
                "laser cutter", "air compressors", "test equipment", "automation line", "chillers",
                "injection moulding machines"]
_SUMMARIES: dict[tuple[str, str], list[str]] = {
    ("zh", "call"): [
        "电话沟通{p}报价，{c}觉得价格偏高，希望再降{pct}%", "和{c}电话确认交期，月底前可以发货",
        "电话回访，{c}反馈上批货质量稳定，准备追加{n}台", "打电话约拜访时间，{c}说这两周比较忙",
        "跟进付款进度，{c}说财务本周内安排", "电话了解需求：明年计划新增{n}条产线，需要{p}",
        "{c}来电咨询{p}的售后维保政策", "电话沟通合同条款，{c}要求账期改成60天",
    ],
    ("zh", "message"): [
        "微信发了{p}样品照片给{c}，对方说先内部讨论", "微信上{c}要了最新价格表", "微信提醒{c}确认订单数量",
        "{c}微信发来技术图纸，需要我们评估", "节日问候{c}，顺便提了新品{p}",
    ],
    ("zh", "visit"): [
        "上门拜访{c}，参观了生产线，了解到明年有扩产计划", "拜访客户，演示了{p}样机，技术部反馈不错",
        "到公司当面谈合同条款，付款方式还需内部审批", "陪技术同事现场调试{p}，{c}很满意",
        "拜访{c}，送样品并介绍{p}新功能", "到厂里处理投诉：{n}台设备异响，已安排更换配件",
    ],
    ("zh", "email"): [
        "发了{p}报价单和产品目录给{c}", "邮件发送修改后的合同草稿", "邮件回复{c}关于{p}参数的问题",
        "发送{n}台{p}的正式报价，有效期30天", "邮件发了对账单，请{c}核对",
    ],
    ("zh", "meeting"): [
        "在客户公司开会讨论{p}方案，参会{n}人", "视频会议：和{c}及其技术团队过{p}技术规格",
        "年度合作回顾会，{c}提出希望增加培训", "招标澄清会，竞品共{n}家参与",
    ],
    ("zh", "note"): [
        "客户年底预算已冻结，明年一季度再跟", "竞品报价低{pct}%，关键决策人是{c}",
        "客户内部在换ERP，采购暂停", "听说客户拿到新订单，产能吃紧，可能需要{p}",
    ],
    ("en", "call"): [
        "Called {c} about the {p} quote; they want {pct}% off", "Phone check-in: {c} confirmed delivery by month end",
        "Follow-up call, {c} is happy with the last batch and may add {n} units",
        "Called to book a visit; {c} is busy for two weeks", "Chased payment; {c} says finance pays this week",
        "Needs call: {n} new lines next year, they will need {p}", "{c} called about the {p} service contract",
    ],
    ("en", "message"): [
        "WeChat: sent {p} sample photos to {c}, they will discuss internally", "WeChat: {c} asked for the price list",
        "Reminded {c} to confirm order quantities", "{c} sent drawings over WeChat for us to review",
    ],
    ("en", "visit"): [
        "Visited {c}, toured the plant; they plan to expand next year", "On-site demo of the {p}, engineers liked it",
        "Met in person on contract terms; payment terms need internal approval",
        "Site visit with our engineer to commission the {p}; {c} satisfied",
        "Dropped off samples and walked {c} through the new {p}",
    ],
    ("en", "email"): [
        "Emailed the {p} quote and catalogue to {c}", "Sent the revised contract draft",
        "Answered {c}'s questions on {p} specs", "Sent a formal quote for {n} {p}, valid 30 days",
    ],
    ("en", "meeting"): [
        "Meeting at their office on the {p} proposal, {n} people", "Video call with {c} and engineering on {p} specs",
        "Annual review with {c}; they want more training", "Tender clarification meeting, {n} competitors",
    ],
    ("en", "note"): [
        "Budget frozen until Q1", "Competitor is {pct}% cheaper; decision maker is {c}",
        "They are switching ERP, purchasing on hold", "Heard they won a big order; capacity is tight",
    ],
}
_ZH_NEXT = [
    "发送报价", "安排样品", "再次拜访", "跟进合同签署", "催收货款", "电话确认需求", "安排技术交流", "确认订单数量",
    "发送对账单", "约老板见面",
]
_EN_NEXT = ["Send quote", "Ship samples", "Follow-up visit", "Chase contract signature", "Collect payment",
            "Confirm requirements by phone", "Arrange a technical demo", "Confirm order quantities",
            "Send statement", "Meet the owner"]
_ZH_DONE_NOTES = ["已完成", "已发", "客户已确认", None, None]
_EN_DONE_NOTES = ["Done", "Sent", "Confirmed by customer", None, None]
_ZH_RELEASE = [
    "客户暂无需求", "联系不上对接人", "客户已选竞品", "预算不足，明年再看", "不是目标客户", "转给更合适的同事",
]
_EN_RELEASE = ["No demand at the moment", "Cannot reach the contact", "Went with a competitor",
               "No budget until next year", "Not a target customer"]
_RECYCLE_REASON = "No follow-up for {n} days (pool.recycle_no_follow_up_days)"
_IMPORT_REASONS = ["Imported: trade show leads", "Imported: website enquiries", "导入：展会名单", "导入：老系统客户"]

DEFAULT_REPS: list[tuple[str, str]] = [
    ("wangfang", "王芳"), ("lilei", "李雷"), ("alice", "Alice Chen"), ("zhangwei", "张伟"), ("bob", "Bob Tan"),
    ("liuyang", "刘洋"), ("carol", "Carol Wong"), ("chenjing", "陈静"), ("david", "David Lim"), ("zhaomin", "赵敏"),
]


# --------------------------------------------------------------------------- helpers


class _Pick:
    """Weighted choice with precomputed cumulative weights (fast for millions of picks)."""

    def __init__(self, rng: random.Random, items: Sequence[tuple[Any, int]]) -> None:
        self._rng = rng
        self._values = [v for v, _ in items]
        total = 0
        self._cum = []
        for _, w in items:
            total += w
            self._cum.append(total)

    def __call__(self) -> Any:
        return self._rng.choices(self._values, cum_weights=self._cum)[0]


@dataclass(slots=True)
class _Cust:
    lang: str  # zh | en
    name: str
    key: str
    grade: str
    city: str
    domain: str
    industry: tuple[str, str, str, str, str]
    owner: int | None = None  # user id
    scenario: str = "pool"  # pool | overdue | today | later | forgotten | normal
    birthday: bool = False  # gets a contact with a birthday this week
    n_follow_ups: int = 0
    id: int = 0
    created_at: datetime | None = None
    claimed_at: datetime | None = None
    created_by: int | None = None
    archived_at: datetime | None = None
    last_contact: datetime | None = None
    first_contact: datetime | None = None
    address: str | None = None
    contact_first: int = 0
    contact_count: int = 0
    contact_names: list[str] = field(default_factory=list)
    events: list[tuple[datetime, str, int | None, int | None, int | None, str | None]] = field(default_factory=list)
    follow_ups: list[list[Any]] = field(default_factory=list)


# Follow-up row slots (lists, filled in stages; dicts are built only per insert chunk).
F_ID, F_CUST, F_CONTACT, F_AUTHOR, F_HAPPENED, F_KIND, F_SUMMARY, F_LOCATION = range(8)
F_NEXT, F_DUE, F_CLOSED_AT, F_CLOSED_BY, F_CLOSER, F_NOTE, F_CREATED, F_LANG = range(8, 16)


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    buf: list[dict[str, Any]] = []
    for row in rows:
        buf.append(row)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


class _Generator:
    def __init__(
        self, *, now: datetime, seed: int, region: str, forgotten_days: dict[str, int], log: Callable[[str], None]
    ) -> None:
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("seed.generate needs an aware `now` (the models store UTC instants)")
        self.now = now
        self.tz = now.tzinfo
        self.today = now.date()
        self.rng = random.Random(seed)
        self.region = region
        self.forgotten_days = forgotten_days
        self.log = log
        rng = self.rng
        self.zh_city = _Pick(rng, [((c, code, d), w) for c, w, code, d in _ZH_CITIES])
        self.en_city = _Pick(rng, [((c, prefix, n), w) for c, w, prefix, n in _EN_CITIES])
        self.zh_suffix = _Pick(rng, _ZH_SUFFIXES)
        self.en_suffix = _Pick(rng, _EN_SUFFIXES)
        self.size = _Pick(rng, _SIZES)
        self.grade = _Pick(rng, _GRADES)
        self.zh_source = _Pick(rng, _ZH_SOURCES)
        self.en_source = _Pick(rng, _EN_SOURCES)
        self.zh_tag = _Pick(rng, _ZH_TAGS)
        self.en_tag = _Pick(rng, _EN_TAGS)
        self.surname = _Pick(rng, [((s, p), w) for s, p, w in _SURNAMES])
        self.zh_title = _Pick(rng, _ZH_TITLES)
        self.en_title = _Pick(rng, _EN_TITLES)
        self.kind = _Pick(rng, _KINDS)

    # ------------------------------------------------------------------ time

    def moment(self, day: date) -> datetime:
        """A believable instant on a local day (office hours, some evenings), never after `now`."""
        rng = self.rng
        minute = rng.randint(8 * 60 + 30, 19 * 60) if rng.random() < 0.93 else rng.randint(19 * 60, 22 * 60)
        value = datetime.combine(day, time(minute // 60, minute % 60, rng.randint(0, 59)), tzinfo=self.tz)
        if value >= self.now:
            value = self.now - timedelta(minutes=rng.randint(5, 90), seconds=rng.randint(0, 59))
        return value

    def workday(self, day: date) -> date:
        """Most follow-ups happen on weekdays: a weekend day usually moves back to Friday."""
        weekday = day.weekday()
        if weekday >= 5 and self.rng.random() < 0.85:
            return day - timedelta(days=weekday - 4)
        return day

    # ------------------------------------------------------------------ people

    def zh_person(self) -> tuple[str, str, str]:
        """(name, surname pinyin, given pinyin)."""
        surname, sp = self.surname()
        given, gp = self.rng.choice(_GIVEN)
        return surname + given, sp, gp

    def en_person(self) -> tuple[str, str, str]:
        first = self.rng.choice(_EN_FIRST)
        last, ascii_last = self.rng.choice(_EN_LAST)
        return f"{first} {last}", first.lower(), ascii_last

    def mobile(self) -> str:
        rng = self.rng
        digits = "1" + rng.choice("3456789") + str(rng.randint(0, 9)) + f"{rng.randint(0, 99_999_999):08d}"
        style = rng.random()
        if style < 0.6:
            return digits
        if style < 0.8:
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        if style < 0.92:
            return f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}"
        return f"+86{digits}"


# --------------------------------------------------------------------------- public API


def generate(
    store: Store,
    *,
    now: datetime,
    seed: int = 2026,
    reps: Sequence[tuple[str, str]] | int = 6,
    customers: int = 300,
    contacts_per_customer: float = 2.0,
    follow_ups: int = 3000,
    owned_per_rep: int = 20,
    owned_fill: tuple[float, float] = (0.8, 0.95),
    forgotten_days: dict[str, int] | None = None,
    region: str = "CN",
    chunk_size: int = 10_000,
    bulk_pragmas: bool = False,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a realistic, deterministic data set into `store`; returns what was written.

    `reps` is a list of (handle, display name) or a count (names are then made up); reps that
    already exist (by handle) are reused, and the first rep is an admin when it is new.
    Each rep owns a share (drawn from `owned_fill`) of `owned_per_rep` customers, never more than
    `owned_per_rep` counting what they owned already; the remaining customers are in the pool. `bulk_pragmas` relaxes
    SQLite durability (synchronous=OFF, a big page cache) for the load only: for benchmarks.
    """
    gen = _Generator(
        now=now, seed=seed, region=region, forgotten_days=dict(forgotten_days or DEFAULT_FORGOTTEN_DAYS),
        log=log or (lambda _msg: None),
    )
    try:
        with store.engine.connect() as conn:
            conn.info["write"] = True
            sqlite = conn.dialect.name == "sqlite"
            restore: list[str] = []
            if sqlite and bulk_pragmas:
                raw = conn.connection.driver_connection
                for pragma, value in (("synchronous", "OFF"), ("cache_size", "-262144")):
                    old = raw.execute(f"PRAGMA {pragma}").fetchone()[0]
                    raw.execute(f"PRAGMA {pragma} = {value}")
                    restore.append(f"PRAGMA {pragma} = {old}")
            try:
                with conn.begin():
                    if not sqlite and bulk_pragmas:
                        conn.execute(text("SET LOCAL synchronous_commit = off"))
                    summary = _write(
                        conn, gen, reps=reps, customers=customers, contacts_per_customer=contacts_per_customer,
                        follow_ups=follow_ups, owned_per_rep=owned_per_rep, owned_fill=owned_fill,
                        chunk_size=chunk_size,
                    )
            finally:
                if restore:
                    raw = conn.connection.driver_connection
                    for statement in restore:
                        raw.execute(statement)
    except DBAPIError as exc:
        raise storage_error(exc, store.url) from exc
    return summary


# --------------------------------------------------------------------------- the work


def _next_id(conn: Connection, column: Any) -> int:
    return (conn.execute(select(func.max(column))).scalar() or 0) + 1


def _rep_list(reps: Sequence[tuple[str, str]] | int) -> list[tuple[str, str]]:
    if not isinstance(reps, int):
        out: list[tuple[str, str]] = []
        for raw, name in reps:
            handle = normalize_handle(raw)
            if not valid_handle(handle):
                raise ValueError(f"not a valid handle: {raw!r}")
            if handle not in {h for h, _ in out}:
                out.append((handle, name))
        return out
    out = list(DEFAULT_REPS[:reps])
    rng = random.Random(reps)  # names only; independent of the data seed
    seen = {h for h, _ in out}
    while len(out) < reps:
        if rng.random() < 0.65:
            surname, sp, _w = rng.choice(_SURNAMES)
            given, gp = rng.choice(_GIVEN)
            handle, name = sp + gp, surname + given
        else:
            first = rng.choice(_EN_FIRST)
            last, ascii_last = rng.choice(_EN_LAST)
            handle, name = f"{first.lower()}.{ascii_last}", f"{first} {last}"
        base, n = handle, 2
        while handle in seen:
            handle, n = f"{base}{n}", n + 1
        seen.add(handle)
        out.append((handle, name))
    return out


def _write(
    conn: Connection, gen: _Generator, *, reps: Sequence[tuple[str, str]] | int, customers: int,
    contacts_per_customer: float, follow_ups: int, owned_per_rep: int, owned_fill: tuple[float, float],
    chunk_size: int,
) -> dict[str, int]:
    rng = gen.rng
    now = gen.now
    wanted = _rep_list(reps)
    if not wanted:
        raise ValueError("seed.generate needs at least one rep")

    # Users: reuse existing handles, add the others.
    handles = [h for h, _ in wanted]
    existing = dict(conn.execute(select(User.handle, User.id).where(User.handle.in_(handles))).all())
    next_user = _next_id(conn, User.id)
    user_rows = []
    rep_ids: list[int] = []
    for index, (handle, name) in enumerate(wanted):
        if handle in existing:
            rep_ids.append(existing[handle])
            continue
        user_rows.append({
            "id": next_user, "handle": handle, "display_name": name, "role": "admin" if index == 0 else "rep",
            "active": True, "created_at": now - timedelta(days=800 - 7 * index % 210, hours=rng.randint(0, 8)),
        })
        rep_ids.append(next_user)
        next_user += 1
    if user_rows:
        conn.execute(User.__table__.insert(), user_rows)
    already_owned = dict(
        conn.execute(
            select(Customer.owner_id, func.count(Customer.id))
            .where(Customer.owner_id.in_(rep_ids), Customer.archived.is_(False))
            .group_by(Customer.owner_id)
        ).all()
    )
    taken_keys = set(conn.execute(select(Customer.name_key)).scalars()) if _next_id(conn, Customer.id) > 1 else set()
    gen.log(f"users: {len(user_rows)} new, {len(rep_ids)} reps")

    # Customers: names, attributes, owners and scenarios.
    custs = [_make_customer(gen, taken_keys) for _ in range(customers)]
    order = list(range(customers))
    rng.shuffle(order)
    cursor = 0
    for rep_id in rep_ids:
        room = max(0, owned_per_rep - already_owned.get(rep_id, 0))
        low, high = owned_fill
        target = min(room, max(1, round(owned_per_rep * rng.uniform(low, high))))
        mine = [custs[i] for i in order[cursor:cursor + target]]
        cursor += len(mine)
        _assign_scenarios(gen, mine, rep_id)
    owned_total = cursor

    # How many follow-ups each customer gets: owned customers are worked harder.
    weights = []
    for c in custs:
        if c.owner is not None:
            weights.append(3.0 * rng.uniform(0.5, 1.5))
        else:
            weights.append(0.0 if rng.random() < 0.12 else rng.uniform(0.3, 1.7))
    _allocate(gen, custs, weights, follow_ups)

    for c in custs:
        if c.owner is not None:
            _owned_history(gen, c, rep_ids)
        else:
            _pool_history(gen, c, rep_ids)
    gen.log(f"customers: {customers} planned, {owned_total} owned")

    # Ids in creation order, as a store that grew over time would have them.
    custs.sort(key=lambda c: c.created_at)
    next_customer = _next_id(conn, Customer.id)
    for offset, c in enumerate(custs):
        c.id = next_customer + offset
    for chunk in _chunks((_customer_row(gen, c) for c in custs), chunk_size):
        conn.execute(Customer.__table__.insert(), chunk)
    tag_rows = _tag_rows(gen, custs)
    for chunk in _chunks(iter(tag_rows), chunk_size):
        conn.execute(CustomerTag.__table__.insert(), chunk)
    gen.log("customers and tags written")

    contact_total = _write_contacts(conn, gen, custs, contacts_per_customer, chunk_size)
    gen.log(f"contacts: {contact_total} written")

    rows = _follow_up_rows(gen, custs)
    next_follow_up = _next_id(conn, FollowUp.id)
    for offset, row in enumerate(rows):
        row[F_ID] = next_follow_up + offset
    gen.log(f"follow-ups: {len(rows)} generated")
    # Newest first: a task closed by a later follow-up references a row already written.
    table = FollowUp.__table__
    for chunk in _chunks((_follow_up_dict(r) for r in reversed(rows)), chunk_size):
        conn.execute(table.insert(), chunk)
    open_tasks = sum(1 for r in rows if r[F_DUE] is not None and r[F_CLOSED_AT] is None)
    gen.log("follow-ups written")

    events = sorted(
        ((at, c.id, kind, frm, to, by, reason) for c in custs for at, kind, frm, to, by, reason in c.events),
        key=lambda e: e[0],
    )
    next_event = _next_id(conn, OwnershipEvent.id)
    event_rows = (
        {"id": next_event + i, "customer_id": cid, "kind": kind, "from_user_id": frm, "to_user_id": to,
         "by_user_id": by, "at": at, "reason": reason}
        for i, (at, cid, kind, frm, to, by, reason) in enumerate(events)
    )
    for chunk in _chunks(event_rows, chunk_size):
        conn.execute(OwnershipEvent.__table__.insert(), chunk)

    if conn.dialect.name == "postgresql":
        for table_name in ("users", "customers", "contacts", "follow_ups", "ownership_events"):
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                f"GREATEST((SELECT MAX(id) FROM {table_name}), 1))"
            ))
    gen.log("ownership events written")
    return {
        "users": len(rep_ids), "new_users": len(user_rows), "customers": customers, "owned": owned_total,
        "pool": customers - owned_total, "contacts": contact_total, "follow_ups": len(rows), "open_tasks": open_tasks,
        "ownership_events": len(events), "tags": len(tag_rows),
    }


def _make_customer(gen: _Generator, taken: set[str]) -> _Cust:
    rng = gen.rng
    lang = "zh" if rng.random() < 0.7 else "en"
    for attempt in range(30):
        industry = rng.choice(_INDUSTRIES)
        if lang == "zh":
            city, _code, _districts = gen.zh_city()
            (a, ap), (b, bp) = rng.sample(_BRAND_CHARS, 2)
            prefix = city if rng.random() < 0.6 else ""
            if attempt >= 10:
                prefix += rng.choice(["", "新", "华"]) + rng.choice(_BRAND_CHARS)[0]
            name = f"{prefix}{a}{b}{industry[0]}{gen.zh_suffix()}"
            domain = f"{ap}{bp}{industry[1]}.com" if rng.random() < 0.7 else f"{ap}{bp}.com.cn"
        else:
            city, _prefix, _digits = gen.en_city()
            brand = rng.choice(_EN_BRAND_A) + rng.choice(_EN_BRAND_B)
            middle = industry[3] if rng.random() < 0.8 else f"{rng.choice(_EN_BRAND_A)} {industry[3]}"
            if attempt >= 10:
                middle = f"{rng.choice(['Asia', 'Global', 'International', 'Pacific'])} {middle}"
            name = f"{brand} {middle} {gen.en_suffix()}"
            domain = f"{brand.lower()}{industry[3].split()[0].lower()}.com"
        key = dedupe.name_key(name)
        if key not in taken or attempt == 29:
            taken.add(key)
            break
    return _Cust(lang=lang, name=name, key=key, grade=gen.grade(), city=city, domain=domain, industry=industry)


def _assign_scenarios(gen: _Generator, mine: list[_Cust], rep_id: int) -> None:
    """Give each of a rep's customers a role on the agenda, so every agenda has content."""
    n = len(mine)
    plan = [
        ("overdue", max(1, round(n * 0.18))), ("today", max(1, round(n * 0.18)) if n >= 2 else 0),
        ("later", max(1, round(n * 0.2)) if n >= 3 else 0), ("forgotten", max(1, round(n * 0.18)) if n >= 4 else 0),
    ]
    position = 0
    for scenario, count in plan:
        for c in mine[position:position + count]:
            c.scenario = scenario
        position += count
    for c in mine:
        c.owner = rep_id
        if c.scenario == "pool":
            c.scenario = "normal"
    for c in gen.rng.sample(mine, min(2, n)):
        c.birthday = True


def _allocate(gen: _Generator, custs: list[_Cust], weights: list[float], total: int) -> None:
    """Split `total` follow-ups by weight; every owned customer gets at least one."""
    rng = gen.rng
    if not custs:
        return
    weight_sum = sum(weights) or 1.0
    counts = [int(total * w / weight_sum) for w in weights]
    left = total - sum(counts)
    if left > 0:
        positive = [i for i, w in enumerate(weights) if w > 0] or list(range(len(custs)))
        for i in rng.choices(positive, k=left):
            counts[i] += 1
    for i, c in enumerate(custs):
        if c.owner is not None and counts[i] == 0:
            counts[i] = 1
            donors = [j for j in rng.sample(range(len(custs)), min(len(custs), 50)) if counts[j] > 1]
            if donors:
                counts[donors[0]] -= 1
        c.n_follow_ups = counts[i]


def _spread(gen: _Generator, n: int, start: date, last: datetime) -> list[datetime]:
    """`n` instants from `start` to `last` (which is the latest of them), in order."""
    rng = gen.rng
    last_day = last.astimezone(gen.tz).date()
    span = (last_day - start).days
    times = []
    for _ in range(n - 1):
        day = gen.workday(start + timedelta(days=rng.randint(0, max(0, span - 1)))) if span > 0 else last_day
        times.append(gen.moment(day))
    times = [t if t <= last else last - timedelta(minutes=rng.randint(1, 300)) for t in times]
    times.sort()
    times.append(last)
    return times


def _last_contact_for(gen: _Generator, c: _Cust) -> tuple[datetime, date | None]:
    """The latest follow-up of an owned customer, and the due day of its open task."""
    rng = gen.rng
    today = gen.today
    threshold = gen.forgotten_days.get(c.grade, 30)
    due: date | None = None
    if c.scenario == "overdue":
        due = today - timedelta(days=rng.randint(1, 9))
        day = gen.workday(due - timedelta(days=rng.randint(1, 10)))
    elif c.scenario == "today":
        due = today
        day = gen.workday(today - timedelta(days=rng.randint(1, 10)))
    elif c.scenario == "later":
        due = today + timedelta(days=rng.randint(1, 14))
        day = gen.workday(today - timedelta(days=rng.randint(0, 8)))
    elif c.scenario == "forgotten":
        day = gen.workday(today - timedelta(days=threshold + rng.randint(2, 45)))
    else:
        day = gen.workday(today - timedelta(days=rng.randint(0, max(1, min(threshold - 3, 20)))))
        if rng.random() < 0.35:
            due = today + timedelta(days=rng.randint(1, 21))
    if due is not None and due.weekday() >= 5 and due > today:
        due += timedelta(days=7 - due.weekday())  # planned work lands on a Monday, not a Sunday
    return gen.moment(day), due


def _owned_history(gen: _Generator, c: _Cust, rep_ids: list[int]) -> None:
    rng = gen.rng
    owner = c.owner
    assert owner is not None
    last, due = _last_contact_for(gen, c)
    n = max(1, c.n_follow_ups)
    history_start = gen.today - timedelta(days=rng.randint(60, HISTORY_DAYS))
    last_day = last.astimezone(gen.tz).date()
    if history_start >= last_day:
        history_start = last_day - timedelta(days=rng.randint(1, 30))
    times = _spread(gen, n, history_start, last)
    authors = [owner] * n
    mode = rng.random()
    others = [r for r in rep_ids if r != owner]
    if mode < 0.55 or n == 1 and mode < 0.8:
        # The rep added this customer themselves.
        c.created_at = c.claimed_at = times[0] - timedelta(days=rng.randint(0, 30), minutes=rng.randint(5, 600))
        c.created_by = owner
        c.events.append((c.created_at, "create", None, owner, owner, None))
    elif n >= 2 and others and mode < 0.8:
        # Worked by a colleague first, released to the pool, then claimed.
        split = rng.randint(1, n - 1)
        previous = rng.choice(others)
        authors[:split] = [previous] * split
        gap = times[split] - times[split - 1]
        released = times[split - 1] + gap * rng.uniform(0.1, 0.5)
        c.claimed_at = released + (times[split] - released) * rng.uniform(0.2, 0.9)
        c.created_at = times[0] - timedelta(days=rng.randint(0, 40), minutes=rng.randint(5, 600))
        c.created_by = previous
        c.events.append((c.created_at, "create", None, previous, previous, None))
        if gap >= timedelta(days=16):
            recycled = times[split - 1] + timedelta(days=15, hours=rng.randint(1, 20))
            if recycled < c.claimed_at:
                released = recycled
            c.events.append((released, "recycle", previous, None, None, _RECYCLE_REASON.format(n=15)))
        else:
            reason = rng.choice(_ZH_RELEASE if c.lang == "zh" else _EN_RELEASE)
            c.events.append((released, "release", previous, None, previous, reason))
        c.events.append((c.claimed_at, "claim", None, owner, owner, None))
    else:
        # Imported into the pool, claimed later.
        c.claimed_at = times[0] - timedelta(days=rng.randint(0, 20), minutes=rng.randint(5, 600))
        c.created_at = c.claimed_at - timedelta(days=rng.randint(1, 300), minutes=rng.randint(5, 600))
        c.events.append((c.created_at, "create", None, None, None, rng.choice(_IMPORT_REASONS)))
        c.events.append((c.claimed_at, "claim", None, owner, owner, None))
    c.follow_ups = _history_rows(gen, c, times, authors, open_due=due)


def _pool_history(gen: _Generator, c: _Cust, rep_ids: list[int]) -> None:
    rng = gen.rng
    n = c.n_follow_ups
    if n == 0:
        c.created_at = gen.now - timedelta(days=rng.randint(1, 500), minutes=rng.randint(0, 1440))
        by = rng.choice(rep_ids) if rng.random() < 0.5 else None
        c.created_by = by
        c.events.append((c.created_at, "create", None, None, by, rng.choice(_IMPORT_REASONS)))
        if rng.random() < 0.03:
            c.archived_at = c.created_at + (gen.now - c.created_at) * rng.uniform(0.2, 0.9)
        return
    previous = rng.choice(rep_ids)
    last_day = gen.workday(gen.today - timedelta(days=rng.randint(3, 170)))
    last = gen.moment(last_day)
    start = last_day - timedelta(days=rng.randint(5, 120))
    times = _spread(gen, n, start, last)
    c.created_at = times[0] - timedelta(days=rng.randint(0, 60), minutes=rng.randint(5, 600))
    c.created_by = previous
    c.events.append((c.created_at, "create", None, previous, previous, None))
    idle = gen.now - last
    if idle > timedelta(days=16) and rng.random() < 0.6:
        at = last + timedelta(days=15, hours=rng.randint(1, 20))
        c.events.append((min(at, gen.now - timedelta(hours=1)), "recycle", previous, None, None,
                         _RECYCLE_REASON.format(n=15)))
    else:
        at = last + (gen.now - last) * rng.uniform(0.05, 0.5)
        reason = rng.choice(_ZH_RELEASE if c.lang == "zh" else _EN_RELEASE)
        c.events.append((at, "release", previous, None, previous, reason))
    c.follow_ups = _history_rows(gen, c, times, [previous] * n, open_due=None)


def _history_rows(
    gen: _Generator, c: _Cust, times: list[datetime], authors: list[int], *, open_due: date | None
) -> list[list[Any]]:
    """One customer's follow-ups, oldest first; only the last may leave an open task."""
    rng = gen.rng
    zh = c.lang == "zh"
    next_actions = _ZH_NEXT if zh else _EN_NEXT
    done_notes = _ZH_DONE_NOTES if zh else _EN_DONE_NOTES
    rows: list[list[Any]] = []
    n = len(times)
    for i, (at, author) in enumerate(zip(times, authors, strict=True)):
        kind = gen.kind()
        lang = c.lang if rng.random() < 0.9 else ("en" if zh else "zh")
        template = rng.choice(_SUMMARIES[(lang, kind)])
        row: list[Any] = [
            0, c.id, None, author, at, kind, template, None, None, None, None, None, None, None,
            min(at + timedelta(minutes=rng.randint(0, 90)), gen.now), lang,
        ]
        if kind == "visit":
            row[F_LOCATION] = None  # filled with the address once the customer row exists
        last = i == n - 1
        if last and open_due is not None:
            row[F_NEXT] = rng.choice(next_actions)
            row[F_DUE] = max(open_due, at.astimezone(gen.tz).date())
        elif not last and rng.random() < 0.3:
            row[F_NEXT] = rng.choice(next_actions) if rng.random() < 0.85 else None
            row[F_DUE] = at.astimezone(gen.tz).date() + timedelta(days=rng.randint(1, 14))
        rows.append(row)
    for i in range(1, n):  # logged in the order they happened
        if rows[i][F_CREATED] < rows[i - 1][F_CREATED]:
            rows[i][F_CREATED] = rows[i - 1][F_CREATED]
    # Close every task but the last: by the next follow-up, or marked done before it.
    for i in range(n - 1):
        row, nxt = rows[i], rows[i + 1]
        if row[F_DUE] is None:
            continue
        done_at = datetime.combine(row[F_DUE], time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=gen.tz)
        if done_at < nxt[F_HAPPENED] and done_at > row[F_CREATED] and rng.random() < 0.3:
            row[F_CLOSED_AT], row[F_CLOSED_BY], row[F_NOTE] = done_at, row[F_AUTHOR], rng.choice(done_notes)
        else:
            row[F_CLOSED_AT], row[F_CLOSED_BY], row[F_CLOSER] = nxt[F_CREATED], nxt[F_AUTHOR], nxt
    # Text is filled last so products and numbers vary per row.
    for row in rows:
        template = row[F_SUMMARY]
        products = _ZH_PRODUCTS if row[F_LANG] == "zh" else _EN_PRODUCTS
        row[F_SUMMARY] = template.format(
            c="{c}", p=rng.choice(products) if "{p}" in template else "", n=rng.randint(2, 12),
            pct=rng.choice((3, 5, 8, 10, 15)),
        ) if "{" in template else template
    c.last_contact = max(times) if times else None
    c.first_contact = times[0] if times else None
    return rows


def _customer_row(gen: _Generator, c: _Cust) -> dict[str, Any]:
    rng = gen.rng
    if c.lang == "zh":
        city, code, districts = next((x, code, d) for x, _w, code, d in _ZH_CITIES if x == c.city)
        address = f"{city}市{rng.choice(districts)}{rng.choice(_ZH_ROADS)}{rng.randint(1, 999)}{rng.choice(_ZH_PLACES)}"
        phone = f"{code}-{rng.randint(2, 8)}{rng.randint(0, 9_999_999):07d}"[: len(code) + 9] if rng.random() < 0.6 \
            else None
        source = gen.zh_source()
        industry_label = c.industry[2]
        notes = rng.choice(_ZH_NOTES).format(n=rng.randint(1, 9)) if rng.random() < 0.15 else None
    else:
        prefix, digits = next((p, d) for x, _w, p, d in _EN_CITIES if x == c.city)
        address = f"{rng.randint(1, 300)} {rng.choice(_EN_STREETS)}, {c.city}"
        phone = f"{prefix}{rng.randint(2, 9)}{rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}" \
            if rng.random() < 0.6 else None
        source = gen.en_source()
        industry_label = c.industry[4]
        notes = rng.choice(_EN_NOTES).format(n=rng.randint(1, 9)) if rng.random() < 0.15 else None
    email = f"{rng.choice(['info', 'sales', 'purchase', 'contact'])}@{c.domain}" if rng.random() < 0.4 else None
    c.address = address
    return {
        "id": c.id, "name": c.name, "name_key": c.key, "industry": industry_label, "size": gen.size(),
        "city": c.city, "address": address, "source": source, "grade": c.grade,
        "phone": phone, "phone_key": dedupe.phone_key(phone, gen.region), "email": email,
        "email_key": dedupe.email_key(email), "notes": notes, "owner_id": c.owner, "claimed_at": c.claimed_at,
        "last_contact_at": c.last_contact, "created_at": c.created_at, "created_by_id": c.created_by,
        "updated_at": c.created_at, "archived": c.archived_at is not None, "archived_at": c.archived_at,
    }


def _tag_rows(gen: _Generator, custs: list[_Cust]) -> list[dict[str, Any]]:
    rng = gen.rng
    rows = []
    for c in custs:
        count = rng.choices((0, 1, 2, 3), weights=(45, 30, 18, 7))[0]
        pick = gen.zh_tag if c.lang == "zh" else gen.en_tag
        tags: list[str] = []
        for _ in range(count):
            tag = pick()
            if tag not in tags:
                tags.append(tag)
        if c.grade == "A" and rng.random() < 0.5 and "VIP" not in tags:
            tags.append("VIP")
        rows.extend({"customer_id": c.id, "tag": t} for t in tags)
    return rows


def _write_contacts(
    conn: Connection, gen: _Generator, custs: list[_Cust], per_customer: float, chunk_size: int
) -> int:
    rng = gen.rng
    total = round(len(custs) * per_customer)
    base = max(1, int(per_customer)) if per_customer >= 1 else 0
    counts = [base] * len(custs)
    left = total - base * len(custs)
    if left > 0:
        for i in rng.choices(range(len(custs)), k=left):
            counts[i] += 1
    # Variety: move contacts between customers, keeping the total.
    for _ in range(len(custs) // 3):
        a, b = rng.randrange(len(custs)), rng.randrange(len(custs))
        if counts[a] > 1:
            counts[a] -= 1
            counts[b] += 1
    for i, c in enumerate(custs):
        if c.owner is not None and counts[i] == 0:
            counts[i] = 1
    next_contact = _next_id(conn, Contact.id)
    week = [md for md, _day in _birthday_days(gen.today)]

    def rows() -> Iterator[dict[str, Any]]:
        nonlocal next_contact
        for c, count in zip(custs, counts, strict=True):
            c.contact_first, c.contact_count = next_contact, count
            for k in range(count):
                row = _contact_row(gen, c, next_contact, primary=k == 0)
                if k == 0 and c.birthday:
                    row["birthday_md"] = rng.choice(week)
                    row["birthday_year"] = rng.randint(1968, 1995) if rng.random() < 0.6 else None
                c.contact_names.append(row["name"])
                next_contact += 1
                yield row

    written = 0
    for chunk in _chunks(rows(), chunk_size):
        conn.execute(Contact.__table__.insert(), chunk)
        written += len(chunk)
    return written


def _birthday_days(today: date) -> list[tuple[int, date]]:
    from salescli.domain.agenda import birthday_window

    return [(md, day) for md, day in birthday_window(today) if md != 229]


def _contact_row(gen: _Generator, c: _Cust, contact_id: int, *, primary: bool) -> dict[str, Any]:
    rng = gen.rng
    chinese = rng.random() < (0.92 if c.lang == "zh" else 0.3)
    if chinese:
        name, sp, gp = gen.zh_person()
        title = gen.zh_title()
        roll = rng.random()
        if roll < 0.45:
            email: str | None = f"{gp}.{sp}@{c.domain}"
        elif roll < 0.7:
            email = f"{rng.randint(100_000, 2_999_999_999)}@{rng.choice(_FREE_MAIL)}"
        else:
            email = None
        wechat = rng.choice([f"{sp}{gp}{rng.randint(1, 999)}", f"wxid_{rng.getrandbits(40):010x}", None, None]) \
            if rng.random() < 0.8 else None
    else:
        name, first, last = gen.en_person()
        title = gen.en_title()
        email = f"{first}.{last}@{c.domain}" if rng.random() < 0.85 else None
        wechat = f"{first}_{last}{rng.randint(1, 99)}" if rng.random() < 0.35 else None
    phone = gen.mobile() if rng.random() < 0.85 else None
    if wechat is None and phone and chinese and rng.random() < 0.3:
        wechat = phone.replace(" ", "").replace("-", "").removeprefix("+86")
    birthday_md = birthday_year = None
    if rng.random() < 0.3:
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
        birthday_md = day.month * 100 + day.day
        birthday_year = rng.randint(1960, 1998) if rng.random() < 0.5 and birthday_md != 229 else None
    # A contact is on file before the first follow-up could name them.
    latest = c.first_contact or min(c.created_at + timedelta(days=20), gen.now)
    created = c.created_at + (latest - c.created_at) * rng.random()
    return {
        "id": contact_id, "customer_id": c.id, "name": name, "title": title, "phone": phone,
        "phone_key": dedupe.phone_key(phone, gen.region), "email": email, "email_key": dedupe.email_key(email),
        "wechat": wechat, "birthday_md": birthday_md, "birthday_year": birthday_year, "is_primary": primary,
        "created_at": c.created_at if primary else created, "archived": False,
    }


def _follow_up_rows(gen: _Generator, custs: list[_Cust]) -> list[list[Any]]:
    """Every follow-up, oldest first (ties keep customer order: deterministic)."""
    rng = gen.rng
    everyone: list[list[Any]] = []
    for c in custs:
        if not c.follow_ups:
            continue
        address = c.address
        for row in c.follow_ups:
            row[F_CUST] = c.id
            if c.contact_count and rng.random() < 0.85:
                k = rng.randrange(c.contact_count)
                row[F_CONTACT] = c.contact_first + k
                name = c.contact_names[k]
            else:
                name = "客户" if row[F_LANG] == "zh" else "the customer"
            if "{c}" in row[F_SUMMARY]:
                row[F_SUMMARY] = row[F_SUMMARY].replace("{c}", name)
            if row[F_KIND] == "visit":
                row[F_LOCATION] = address if rng.random() < 0.8 else (
                    "展会现场" if c.lang == "zh" else "Trade show booth"
                )
            everyone.append(row)
        c.follow_ups = []
    everyone.sort(key=lambda r: r[F_HAPPENED])
    return everyone


def _follow_up_dict(r: list[Any]) -> dict[str, Any]:
    closer = r[F_CLOSER]
    return {
        "id": r[F_ID], "customer_id": r[F_CUST], "contact_id": r[F_CONTACT], "author_id": r[F_AUTHOR],
        "assignee_id": r[F_AUTHOR] if r[F_DUE] is not None else None, "happened_at": r[F_HAPPENED],
        "kind": r[F_KIND], "summary": r[F_SUMMARY], "location": r[F_LOCATION], "next_action": r[F_NEXT],
        "due_on": r[F_DUE], "closed_at": r[F_CLOSED_AT], "closed_by_id": r[F_CLOSED_BY],
        "closed_by_follow_up_id": closer[F_ID] if closer is not None else None, "closed_note": r[F_NOTE],
        "created_at": r[F_CREATED],
    }
