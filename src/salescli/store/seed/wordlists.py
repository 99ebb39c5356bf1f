"""Words the seeded generator draws from: Chinese and English company names, people,
cities, follow-up summaries. Data only; `seed.py` holds the logic."""

from __future__ import annotations

# Characters of Chinese brand names, with their pinyin (for e-mail domains).
BRAND_CHARS = [
    ("宏", "hong"), ("达", "da"), ("华", "hua"), ("兴", "xing"), ("盛", "sheng"), ("鑫", "xin"), ("恒", "heng"),
    ("泰", "tai"), ("瑞", "rui"), ("丰", "feng"), ("金", "jin"), ("鼎", "ding"), ("通", "tong"), ("远", "yuan"),
    ("德", "de"), ("信", "xin"), ("佳", "jia"), ("美", "mei"), ("新", "xin"), ("创", "chuang"), ("博", "bo"),
    ("汇", "hui"), ("联", "lian"), ("天", "tian"), ("海", "hai"), ("永", "yong"), ("安", "an"), ("昌", "chang"),
    ("隆", "long"), ("源", "yuan"), ("和", "he"), ("正", "zheng"), ("合", "he"), ("星", "xing"), ("辉", "hui"),
    ("长", "chang"), ("利", "li"), ("富", "fu"), ("嘉", "jia"), ("众", "zhong"), ("诚", "cheng"), ("明", "ming"),
    ("光", "guang"), ("同", "tong"), ("凯", "kai"), ("益", "yi"), ("润", "run"), ("峰", "feng"),
]
# (word in a Chinese name, pinyin, industry label zh, word in an English name, industry label en)
INDUSTRIES = [
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
ZH_SUFFIXES = [
    ("有限公司", 60), ("有限责任公司", 12), ("股份有限公司", 10), ("集团有限公司", 4), ("厂", 4), ("商行", 2),
]
EN_BRAND_A = [
    "North", "South", "East", "West", "Blue", "Silver", "Golden", "Green", "Red", "Pacific", "Harbor", "Summit",
    "Bright", "Star", "Sun", "Crystal", "Iron", "Eagle", "Lotus", "Jade", "Pearl", "River", "Oak", "Maple",
    "Ever", "Prime", "Grand", "Swift", "Unity", "Orient",
]
EN_BRAND_B = [
    "wind", "stone", "bridge", "field", "gate", "point", "line", "bay", "light", "wave", "crest", "star", "way",
    "ridge", "land", "port", "view", "tech", "works", "source", "path", "peak", "vale", "mark", "well", "forge",
]
EN_SUFFIXES = [("Co., Ltd.", 35), ("Ltd.", 15), ("Inc.", 12), ("Pte. Ltd.", 10), ("LLC", 8), ("GmbH", 5),
                ("Limited", 8), ("Group", 4), ("Corp.", 3)]

# (city, weight, phone area code, districts)
ZH_CITIES = [
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
ZH_ROADS = ["人民路", "建设路", "科技大道", "工业大道", "创业路", "长江路", "中山路", "解放路", "环城东路", "高新一路",
             "文化路", "开发大道", "振兴路", "新华路", "滨河路", "金桥路", "华夏路", "学府路"]
ZH_PLACES = ["号", "号A座", "号3楼", "号1栋", "号厂区", "号12层"]
# (city, weight, phone prefix, local digits)
EN_CITIES = [
    ("Shanghai", 5, "+86 21 ", 8), ("Singapore", 6, "+65 ", 8), ("Hong Kong", 5, "+852 ", 8),
    ("Shenzhen", 3, "+86 755 ", 8), ("Beijing", 2, "+86 10 ", 8), ("Kuala Lumpur", 2, "+60 3 ", 8),
    ("Bangkok", 2, "+66 2 ", 7), ("Tokyo", 2, "+81 3 ", 8), ("Sydney", 2, "+61 2 ", 8), ("Dubai", 2, "+971 4 ", 7),
    ("Hamburg", 1, "+49 40 ", 8), ("Rotterdam", 1, "+31 10 ", 7), ("Los Angeles", 1, "+1 213 ", 7),
    ("London", 1, "+44 20 ", 8),
]
EN_STREETS = ["Harbour Road", "Orchard Road", "Nathan Road", "Century Avenue", "Queen's Road", "Market Street",
               "Industrial Park Drive", "Science Park Road", "King Street", "Marina Boulevard", "Dock Road"]
ZH_SOURCES = [("展会", 20), ("官网咨询", 15), ("老客户介绍", 18), ("电话营销", 12), ("阿里巴巴", 8), ("百度推广", 6),
               ("地推", 5), ("行业协会", 4), ("公海领取", 6)]
EN_SOURCES = [("Trade show", 25), ("Website", 20), ("Referral", 20), ("Cold call", 10), ("LinkedIn", 12),
               ("Distributor", 8), ("Canton Fair", 5)]
ZH_TAGS = [
    ("老客户", 10), ("重点跟进", 8), ("价格敏感", 7), ("国企", 4), ("上市公司", 3), ("需要样品", 5),
    ("年框客户", 4), ("外贸", 5), ("VIP", 3), ("已报价", 6), ("竞品在用", 4),
]
EN_TAGS = [("key-account", 6), ("export", 6), ("OEM", 5), ("distributor", 4), ("price-sensitive", 5),
            ("samples", 4), ("VIP", 3), ("quoted", 5), ("competitor", 3)]
SIZES = [("micro", 15), ("small", 40), ("medium", 30), ("large", 15)]
GRADES = [("A", 15), ("B", 45), ("C", 40)]
ZH_NOTES = [
    "年采购额约{n}0万，决策周期长。", "老板比较看重售后服务。", "每年3月、9月集中采购。",
    "付款账期60天，需注意回款。", "目前使用竞品，合同明年到期。", "技术负责人对我们的方案很感兴趣。",
]
EN_NOTES = [
    "Annual purchasing around {n}00k USD; long decision cycle.", "Owner cares most about after-sales service.",
    "Buys in March and September.", "Net 60 payment terms; watch receivables.",
    "Currently with a competitor; their contract ends next year.", "Their engineering lead likes our proposal.",
]

SURNAMES = [
    ("王", "wang", 10), ("李", "li", 10), ("张", "zhang", 9), ("刘", "liu", 7), ("陈", "chen", 7), ("杨", "yang", 5),
    ("黄", "huang", 4), ("赵", "zhao", 4), ("吴", "wu", 4), ("周", "zhou", 4), ("徐", "xu", 3), ("孙", "sun", 3),
    ("马", "ma", 3), ("朱", "zhu", 3), ("胡", "hu", 3), ("郭", "guo", 2), ("何", "he", 2), ("林", "lin", 2),
    ("高", "gao", 2), ("罗", "luo", 2), ("郑", "zheng", 2), ("梁", "liang", 2), ("谢", "xie", 1), ("宋", "song", 1),
    ("唐", "tang", 1), ("韩", "han", 1), ("冯", "feng", 1), ("邓", "deng", 1), ("曹", "cao", 1), ("许", "xu", 1),
]
GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"),
    ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("华", "hua"),
    ("建国", "jianguo"), ("晓东", "xiaodong"), ("海燕", "haiyan"), ("雪", "xue"), ("婷", "ting"), ("浩", "hao"),
    ("宇", "yu"), ("欣怡", "xinyi"), ("子涵", "zihan"), ("志强", "zhiqiang"), ("丽娟", "lijuan"), ("鹏", "peng"),
    ("俊杰", "junjie"), ("佳琪", "jiaqi"), ("文博", "wenbo"), ("梦瑶", "mengyao"), ("建华", "jianhua"), ("颖", "ying"),
]
EN_FIRST = ["Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Kevin", "Linda",
             "Michael", "Nancy", "Oliver", "Peter", "Rachel", "Sam", "Tom", "Vivian", "William", "Zoe", "Daniel",
             "Sophie", "Jason", "Amy", "Eric", "Cindy", "Ryan", "Helen"]
EN_LAST = [("Chen", "chen"), ("Smith", "smith"), ("Tan", "tan"), ("Lee", "lee"), ("Wong", "wong"),
            ("Brown", "brown"), ("Johnson", "johnson"), ("Müller", "mueller"), ("Garcia", "garcia"),
            ("Nguyen", "nguyen"), ("Lim", "lim"), ("Taylor", "taylor"), ("Wilson", "wilson"), ("Kumar", "kumar"),
            ("Schmidt", "schmidt"), ("Ng", "ng"), ("Ho", "ho"), ("Zhang", "zhang"), ("Park", "park"),
            ("Sato", "sato")]
ZH_TITLES = [("采购经理", 20), ("总经理", 10), ("采购专员", 12), ("技术总监", 8), ("生产经理", 8), ("财务经理", 6),
              ("副总经理", 6), ("董事长", 3), ("项目经理", 8), ("行政主管", 4), ("工程师", 8), (None, 7)]
EN_TITLES = [("Purchasing Manager", 20), ("CEO", 6), ("Procurement Specialist", 12), ("CTO", 5),
              ("Operations Director", 8), ("Finance Manager", 6), ("General Manager", 8), ("Project Manager", 10),
              ("Engineering Lead", 8), ("Office Manager", 4), (None, 7)]
FREE_MAIL = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com"]

KINDS = [("call", 34), ("message", 20), ("visit", 15), ("email", 15), ("meeting", 8), ("note", 8)]
ZH_PRODUCTS = ["数控机床", "伺服电机", "包装机", "工业机器人", "ERP系统", "传感器", "激光切割机", "空压机", "检测设备",
                "自动化产线", "冷水机", "注塑机"]
EN_PRODUCTS = ["CNC machines", "servo motors", "packaging line", "industrial robots", "ERP licences", "sensors",
                "laser cutter", "air compressors", "test equipment", "automation line", "chillers",
                "injection moulding machines"]
SUMMARIES: dict[tuple[str, str], list[str]] = {
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
ZH_NEXT = [
    "发送报价", "安排样品", "再次拜访", "跟进合同签署", "催收货款", "电话确认需求", "安排技术交流", "确认订单数量",
    "发送对账单", "约老板见面",
]
EN_NEXT = ["Send quote", "Ship samples", "Follow-up visit", "Chase contract signature", "Collect payment",
            "Confirm requirements by phone", "Arrange a technical demo", "Confirm order quantities",
            "Send statement", "Meet the owner"]
ZH_DONE_NOTES = ["已完成", "已发", "客户已确认", None, None]
EN_DONE_NOTES = ["Done", "Sent", "Confirmed by customer", None, None]
ZH_RELEASE = [
    "客户暂无需求", "联系不上对接人", "客户已选竞品", "预算不足，明年再看", "不是目标客户", "转给更合适的同事",
]
EN_RELEASE = ["No demand at the moment", "Cannot reach the contact", "Went with a competitor",
               "No budget until next year", "Not a target customer"]
IMPORT_REASONS = ["Imported: trade show leads", "Imported: website enquiries", "导入：展会名单", "导入：老系统客户"]

DEFAULT_REPS: list[tuple[str, str]] = [
    ("wangfang", "王芳"), ("lilei", "李雷"), ("alice", "Alice Chen"), ("zhangwei", "张伟"), ("bob", "Bob Tan"),
    ("liuyang", "刘洋"), ("carol", "Carol Wong"), ("chenjing", "陈静"), ("david", "David Lim"), ("zhaomin", "赵敏"),
]

# --------------------------------------------------------------------------- deals (the pipeline)
# Deal titles: {p} is the product, {n} a quantity, {y} a year.
ZH_DEAL_TITLES = ["{p}采购项目", "{p}升级改造", "{y}年度{p}框架协议", "{n}台{p}", "新厂区{p}配套", "{p}替换项目",
                  "{p}试点", "二期{p}扩产"]
EN_DEAL_TITLES = ["{p} purchase", "{p} upgrade", "{y} {p} framework agreement", "{n} x {p}", "{p} for the new plant",
                  "{p} replacement", "{p} pilot", "Phase 2 {p} expansion"]
# Round-ish deal sizes in whole currency units (weights: most deals are mid-sized).
DEAL_SIZES = [(8_000, 4), (12_000, 6), (15_000, 6), (20_000, 8), (28_000, 6), (35_000, 8), (48_000, 7), (60_000, 8),
              (80_000, 8), (120_000, 7), (150_000, 6), (200_000, 5), (280_000, 4), (350_000, 3), (500_000, 3),
              (800_000, 2), (1_200_000, 1), (2_000_000, 1)]
# Notes typed with a move (a stage's gate asks for one).
ZH_MOVE_NOTES = ["已电话沟通，客户有明确需求", "拜访了采购经理，确认预算约{n}万", "技术交流完成，客户认可方案",
                 "已发送报价单", "客户要求再降{pct}%", "样品测试通过", "决策人已参与评估", "已提交技术方案和报价",
                 "商务条款基本谈妥", "客户内部立项通过"]
EN_MOVE_NOTES = ["Called, the customer has a clear need", "Met the purchasing manager, budget about {n}0k",
                 "Technical review done, they like the solution", "Quote sent", "They ask for another {pct}% off",
                 "Samples passed their tests", "The decision maker joined the evaluation",
                 "Proposal and quote submitted", "Commercial terms mostly agreed", "Project approved internally"]
ZH_SKIP_NOTES = ["客户直接要求报价", "老客户复购，跳过需求确认", "招标项目，直接进入投标"]
EN_SKIP_NOTES = ["The customer asked for a quote straight away", "Repeat customer, no discovery needed",
                 "A tender: straight to the bid"]
ZH_BACK_NOTES = ["客户重新评估需求", "对接人换了，需要重新沟通", "预算被砍，方案要重做"]
EN_BACK_NOTES = ["The customer is re-evaluating requirements", "New contact person, starting over",
                 "Budget cut, the proposal needs rework"]
ZH_WON_NOTES = ["合同已签", "收到盖章合同", "首付款已到账", None]
EN_WON_NOTES = ["Contract signed", "Signed contract received", "Deposit received", None]
ZH_REOPEN_NOTES = ["客户重新联系，项目重启", "竞品交付出问题，客户回来了"]
EN_REOPEN_NOTES = ["The customer came back, the project is on again", "The competitor failed to deliver"]
# Why deals are lost (weights: price and competitors lead, as in most teams' reports).
ZH_LOST_REASONS = [("价格太高", 22), ("选择了竞争对手", 20), ("没有预算", 14), ("项目取消", 10), ("客户无回应", 12),
                   ("交期太长", 6), ("产品不满足需求", 8), ("决策推迟到明年", 8)]
EN_LOST_REASONS = [("Price too high", 22), ("Chose a competitor", 20), ("No budget", 14), ("Project cancelled", 10),
                   ("No response", 12), ("Lead time too long", 6), ("Product does not fit", 8),
                   ("Decision postponed to next year", 8)]
ZH_PAYMENT_NOTES = ["预付款", "到货款", "验收款", "质保金"]
EN_PAYMENT_NOTES = ["Deposit", "On delivery", "On acceptance", "Retention"]
