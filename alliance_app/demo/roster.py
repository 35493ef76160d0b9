"""The demo alliance's 73 members: 小米(武汉) as lead, the rest fictional Hubei organisations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from alliance_app.models import AllianceRole, Domain, MemberKind, MemberStatus

D = Domain
ENT, UNI, INST, PLAT, OTHER = (
    MemberKind.ENTERPRISE,
    MemberKind.UNIVERSITY,
    MemberKind.RESEARCH_INSTITUTE,
    MemberKind.PUBLIC_PLATFORM,
    MemberKind.OTHER,
)
FOUNDED = date(2023, 4, 18)  # the alliance's founding assembly: the founding members' joining date


@dataclass(frozen=True)
class Place:
    city: str
    district: str
    region_code: str  # administrative division code, positions 3–8 of a credit code
    area_code: str  # landline prefix
    short: str  # how a project title names the place
    short_en: str


def _place(city: str, district: str, code: str, area: str, short: str, short_en: str) -> Place:
    return Place(city, district, code, area, short, short_en)


PLACES: dict[str, Place] = {
    p.district: p
    for p in (
        _place("武汉市", "东湖高新区", "420100", "027", "光谷", "Optics Valley"),
        _place("武汉市", "洪山区", "420111", "027", "洪山", "Hongshan"),
        _place("武汉市", "江夏区", "420115", "027", "江夏", "Jiangxia"),
        _place("武汉市", "武昌区", "420106", "027", "武昌", "Wuchang"),
        _place("武汉市", "汉阳区", "420105", "027", "汉阳", "Hanyang"),
        _place("武汉市", "经开区", "420113", "027", "车谷", "Auto Valley"),
        _place("武汉市", "江岸区", "420102", "027", "江岸", "Jiang'an"),
        _place("武汉市", "江汉区", "420103", "027", "江汉", "Jianghan"),
        _place("武汉市", "硚口区", "420104", "027", "硚口", "Qiaokou"),
        _place("武汉市", "青山区", "420107", "027", "青山", "Qingshan"),
        _place("武汉市", "东西湖区", "420112", "027", "东西湖", "Dongxihu"),
        _place("武汉市", "蔡甸区", "420114", "027", "蔡甸", "Caidian"),
        _place("武汉市", "黄陂区", "420116", "027", "黄陂", "Huangpi"),
        _place("宜昌市", "西陵区", "420502", "0717", "宜昌", "Yichang"),
        _place("宜昌市", "伍家岗区", "420503", "0717", "宜昌", "Yichang"),
        _place("宜昌市", "夷陵区", "420506", "0717", "夷陵", "Yiling"),
        _place("襄阳市", "襄阳高新区", "420600", "0710", "襄阳", "Xiangyang"),
        _place("襄阳市", "襄城区", "420602", "0710", "襄阳", "Xiangyang"),
        _place("襄阳市", "樊城区", "420606", "0710", "樊城", "Fancheng"),
        _place("荆州市", "沙市区", "421002", "0716", "荆州", "Jingzhou"),
        _place("荆州市", "荆州区", "421003", "0716", "荆州", "Jingzhou"),
        _place("十堰市", "张湾区", "420303", "0719", "十堰", "Shiyan"),
        _place("十堰市", "茅箭区", "420302", "0719", "十堰", "Shiyan"),
        _place("黄石市", "下陆区", "420204", "0714", "黄石", "Huangshi"),
        _place("黄石市", "黄石港区", "420202", "0714", "黄石", "Huangshi"),
        _place("孝感市", "孝南区", "420902", "0712", "孝感", "Xiaogan"),
        _place("荆门市", "掇刀区", "420804", "0724", "荆门", "Jingmen"),
        _place("鄂州市", "鄂城区", "420704", "0711", "鄂州", "Ezhou"),
        _place("黄冈市", "黄州区", "421102", "0713", "黄冈", "Huanggang"),
        _place("咸宁市", "咸安区", "421202", "0715", "咸宁", "Xianning"),
        _place("随州市", "曾都区", "421303", "0722", "随州", "Suizhou"),
        _place("恩施土家族苗族自治州", "恩施市", "422801", "0718", "恩施", "Enshi"),
    )
}


@dataclass(frozen=True)
class Profile:
    """One member as the demo describes it; the generator adds codes, dates, contacts and figures."""

    name_zh: str
    short_name: str
    name_en: str
    slug: str  # the member's web and e-mail domain: example-<slug>.cn
    kind: MemberKind
    district: str
    domains: tuple[Domain, ...]
    role: AllianceRole = AllianceRole.MEMBER

    @property
    def place(self) -> Place:
        return PLACES[self.district]


VICE = AllianceRole.VICE_CHAIR
LEAD_SLUG = "xiaomi-wuhan"

# fmt: off
MEMBERS: tuple[Profile, ...] = (
    Profile("小米科技(武汉)有限公司", "小米(武汉)", "Xiaomi Technology (Wuhan) Co., Ltd.", LEAD_SLUG, ENT,
            "东湖高新区", (D.SMART_HOME, D.INTELLIGENT_MANUFACTURING, D.CONNECTED_VEHICLES, D.SMART_CITY),
            AllianceRole.LEAD),
    # Enterprises in Wuhan
    Profile("武汉江城灵犀智能科技有限公司", "灵犀智能", "Wuhan Jiangcheng Lingxi Intelligent Technology Co., Ltd.",
            "lingxi-ai", ENT, "东湖高新区", (D.INTELLIGENT_MANUFACTURING, D.SMART_CITY), VICE),
    Profile("湖北擎微智芯科技有限公司", "擎微智芯", "Hubei Qingwei AI Chip Technology Co., Ltd.", "qingwei-chip", ENT,
            "东湖高新区", (D.INTELLIGENT_MANUFACTURING, D.CONNECTED_VEHICLES)),
    Profile("武汉驭途智行汽车科技有限公司", "驭途智行", "Wuhan Yutu Smart Mobility Technology Co., Ltd.",
            "yutu-mobility", ENT, "经开区", (D.CONNECTED_VEHICLES, D.SMART_TRANSPORT), VICE),
    Profile("武汉星衡北斗时空科技有限公司", "星衡北斗", "Wuhan Xingheng BeiDou Spatiotemporal Technology Co., Ltd.",
            "xingheng-bd", ENT, "东湖高新区", (D.BEIDOU, D.SMART_TRANSPORT, D.SMART_RIVERS)),
    Profile("湖北筑境智能建造有限公司", "筑境智造", "Hubei Zhujing Intelligent Construction Co., Ltd.",
            "zhujing-build", ENT, "汉阳区", (D.INTELLIGENT_CONSTRUCTION, D.SMART_CITY)),
    Profile("武汉禾穗数字农业科技有限公司", "禾穗数农", "Wuhan Hesui Digital Agriculture Technology Co., Ltd.",
            "hesui-agri", ENT, "江夏区", (D.SMART_AGRICULTURE,)),
    Profile("武汉栖云智家科技有限公司", "栖云智家", "Wuhan Qiyun Smart Home Technology Co., Ltd.", "qiyun-home", ENT,
            "洪山区", (D.SMART_HOME, D.SMART_ELDERLY_CARE)),
    Profile("武汉知行学伴教育科技有限公司", "知行学伴", "Wuhan Zhixing Xueban Education Technology Co., Ltd.",
            "zhixing-edu", ENT, "武昌区", (D.SMART_EDUCATION,)),
    Profile("湖北康瞳医疗人工智能有限公司", "康瞳医疗", "Hubei Kangtong Medical AI Co., Ltd.", "kangtong-med", ENT,
            "东湖高新区", (D.SMART_HEALTHCARE,), VICE),
    Profile("武汉颐年智慧康养科技有限公司", "颐年康养", "Wuhan Yinian Smart Elderly Care Technology Co., Ltd.",
            "yinian-care", ENT, "江岸区", (D.SMART_ELDERLY_CARE, D.SMART_HEALTHCARE)),
    Profile("武汉城脉数字科技有限公司", "城脉数字", "Wuhan Chengmai Digital Technology Co., Ltd.", "chengmai-city",
            ENT, "江汉区", (D.SMART_CITY, D.PUBLIC_SAFETY)),
    Profile("湖北澜汇水文智能科技有限公司", "澜汇水文", "Hubei Lanhui Hydrological Intelligence Co., Ltd.",
            "lanhui-hydro", ENT, "武昌区", (D.SMART_RIVERS, D.BEIDOU)),
    Profile("武汉畅衢智能交通有限公司", "畅衢交通", "Wuhan Changqu Intelligent Transport Co., Ltd.",
            "changqu-traffic", ENT, "硚口区", (D.SMART_TRANSPORT, D.SMART_CITY)),
    Profile("湖北游知文旅数字科技有限公司", "游知文旅", "Hubei Youzhi Digital Culture & Tourism Technology Co., Ltd.",
            "youzhi-tour", ENT, "武昌区", (D.SMART_TOURISM,)),
    Profile("武汉链衡区块链技术有限公司", "链衡科技", "Wuhan Lianheng Blockchain Technology Co., Ltd.",
            "lianheng-chain", ENT, "东湖高新区", (D.BLOCKCHAIN, D.CYBERSECURITY)),
    Profile("武汉盾穹网络安全技术有限公司", "盾穹安全", "Wuhan Dunqiong Cybersecurity Technology Co., Ltd.",
            "dunqiong-sec", ENT, "东湖高新区", (D.CYBERSECURITY, D.PUBLIC_SAFETY), VICE),
    Profile("湖北安衡公共安全科技有限公司", "安衡科技", "Hubei Anheng Public Safety Technology Co., Ltd.",
            "anheng-safety", ENT, "青山区", (D.PUBLIC_SAFETY, D.SMART_CITY)),
    Profile("武汉锐眸机器视觉有限公司", "锐眸视觉", "Wuhan Ruimou Machine Vision Co., Ltd.", "ruimou-vision", ENT,
            "东湖高新区", (D.INTELLIGENT_MANUFACTURING,)),
    Profile("武汉算澜智算科技有限公司", "算澜智算", "Wuhan Suanlan Intelligent Computing Technology Co., Ltd.",
            "suanlan-compute", ENT, "东西湖区", (D.SMART_CITY, D.INTELLIGENT_MANUFACTURING, D.BLOCKCHAIN)),
    Profile("武汉语枢智能语音科技有限公司", "语枢语音", "Wuhan Yushu Speech Intelligence Co., Ltd.", "yushu-voice",
            ENT, "洪山区", (D.SMART_HOME, D.SMART_EDUCATION)),
    Profile("武汉铸擎工业互联网有限公司", "铸擎工联", "Wuhan Zhuqing Industrial Internet Co., Ltd.", "zhuqing-iiot",
            ENT, "蔡甸区", (D.INTELLIGENT_MANUFACTURING,)),
    Profile("湖北宸宇激光智能装备有限公司", "宸宇激光", "Hubei Chenyu Laser Intelligent Equipment Co., Ltd.",
            "chenyu-laser", ENT, "东湖高新区", (D.INTELLIGENT_MANUFACTURING,)),
    Profile("武汉途衡物流智能科技有限公司", "途衡物流", "Wuhan Tuheng Intelligent Logistics Technology Co., Ltd.",
            "tuheng-logistics", ENT, "黄陂区", (D.SMART_TRANSPORT, D.BEIDOU)),
    Profile("武汉芯瞰光电科技有限公司", "芯瞰光电", "Wuhan Xinkan Optoelectronics Technology Co., Ltd.",
            "xinkan-opto", ENT, "东湖高新区", (D.CONNECTED_VEHICLES, D.PUBLIC_SAFETY)),
    Profile("武汉鹤鸣医学影像智能有限公司", "鹤鸣影像", "Wuhan Heming Medical Imaging AI Co., Ltd.", "heming-imaging",
            ENT, "洪山区", (D.SMART_HEALTHCARE,)),
    Profile("武汉数衡政务云科技有限公司", "数衡政务", "Wuhan Shuheng Government Cloud Technology Co., Ltd.",
            "shuheng-gov", ENT, "江岸区", (D.SMART_CITY, D.BLOCKCHAIN)),
    Profile("武汉澄映数字孪生科技有限公司", "澄映孪生", "Wuhan Chengying Digital Twin Technology Co., Ltd.",
            "chengying-twin", ENT, "东湖高新区", (D.SMART_CITY, D.INTELLIGENT_CONSTRUCTION, D.SMART_RIVERS)),
    Profile("武汉智羽无人机科技有限公司", "智羽无人机", "Wuhan Zhiyu UAV Technology Co., Ltd.", "zhiyu-uav", ENT,
            "江夏区", (D.PUBLIC_SAFETY, D.SMART_AGRICULTURE, D.BEIDOU)),
    # Enterprises in other Hubei cities
    Profile("宜昌峡智水电智能运维有限公司", "峡智运维", "Yichang Xiazhi Hydropower Intelligent O&M Co., Ltd.",
            "xiazhi-om", ENT, "西陵区", (D.SMART_RIVERS, D.INTELLIGENT_MANUFACTURING)),
    Profile("宜昌磷谷智造科技有限公司", "磷谷智造", "Yichang Lingu Smart Manufacturing Technology Co., Ltd.",
            "lingu-mfg", ENT, "伍家岗区", (D.INTELLIGENT_MANUFACTURING, D.PUBLIC_SAFETY)),
    Profile("宜昌游峡文旅数字科技有限公司", "游峡文旅", "Yichang Youxia Digital Tourism Co., Ltd.", "youxia-tour",
            ENT, "夷陵区", (D.SMART_TOURISM, D.SMART_RIVERS)),
    Profile("襄阳驰衡智能汽车部件有限公司", "驰衡汽车", "Xiangyang Chiheng Intelligent Auto Parts Co., Ltd.",
            "chiheng-auto", ENT, "襄阳高新区", (D.CONNECTED_VEHICLES, D.INTELLIGENT_MANUFACTURING), VICE),
    Profile("襄阳穗丰智慧农业有限公司", "穗丰农业", "Xiangyang Suifeng Smart Agriculture Co., Ltd.", "suifeng-agri",
            ENT, "襄城区", (D.SMART_AGRICULTURE,)),
    Profile("襄阳汉晟轴承智造有限公司", "汉晟智造", "Xiangyang Hansheng Bearing Smart Manufacturing Co., Ltd.",
            "hansheng-bearing", ENT, "樊城区", (D.INTELLIGENT_MANUFACTURING,)),
    Profile("荆州楚垣智能农机有限公司", "楚垣农机", "Jingzhou Chuyuan Intelligent Farm Machinery Co., Ltd.",
            "chuyuan-agrimach", ENT, "荆州区", (D.SMART_AGRICULTURE, D.BEIDOU)),
    Profile("荆州沙洲智慧港航科技有限公司", "沙洲港航", "Jingzhou Shazhou Smart Port & Shipping Technology Co., Ltd.",
            "shazhou-port", ENT, "沙市区", (D.SMART_RIVERS, D.SMART_TRANSPORT)),
    Profile("十堰武岳商用车智能网联有限公司", "武岳网联", "Shiyan Wuyue Commercial Vehicle Connectivity Co., Ltd.",
            "wuyue-cv", ENT, "张湾区", (D.CONNECTED_VEHICLES, D.SMART_TRANSPORT)),
    Profile("十堰秦巴康养科技有限公司", "秦巴康养", "Shiyan Qinba Health & Elderly Care Technology Co., Ltd.",
            "qinba-care", ENT, "茅箭区", (D.SMART_ELDERLY_CARE, D.SMART_TOURISM)),
    Profile("黄石冶衡智能制造有限公司", "冶衡智造", "Huangshi Yeheng Intelligent Manufacturing Co., Ltd.",
            "yeheng-mfg", ENT, "下陆区", (D.INTELLIGENT_MANUFACTURING, D.PUBLIC_SAFETY)),
    Profile("黄石磁港电子科技有限公司", "磁港电子", "Huangshi Cigang Electronics Technology Co., Ltd.", "cigang-elec",
            ENT, "黄石港区", (D.INTELLIGENT_MANUFACTURING, D.SMART_HOME)),
    Profile("孝感槐荫智能光电有限公司", "槐荫光电", "Xiaogan Huaiyin Intelligent Optoelectronics Co., Ltd.",
            "huaiyin-opto", ENT, "孝南区", (D.INTELLIGENT_MANUFACTURING, D.PUBLIC_SAFETY)),
    Profile("荆门漳衡新材料智能科技有限公司", "漳衡新材",
            "Jingmen Zhangheng New Materials Intelligent Technology Co., Ltd.", "zhangheng-mat", ENT, "掇刀区",
            (D.INTELLIGENT_MANUFACTURING,)),
    Profile("荆门楚田智慧农业科技有限公司", "楚田农科", "Jingmen Chutian Smart Agriculture Technology Co., Ltd.",
            "chutian-agri", ENT, "掇刀区", (D.SMART_AGRICULTURE,)),
    Profile("鄂州临空智慧物流有限公司", "临空物流", "Ezhou Linkong Smart Logistics Co., Ltd.", "linkong-logistics",
            ENT, "鄂城区", (D.SMART_TRANSPORT, D.BEIDOU)),
    Profile("黄冈赤东智能建造有限公司", "赤东建造", "Huanggang Chidong Intelligent Construction Co., Ltd.",
            "chidong-build", ENT, "黄州区", (D.INTELLIGENT_CONSTRUCTION,)),
    Profile("咸宁温泉智慧文旅有限公司", "温泉文旅", "Xianning Wenquan Smart Tourism Co., Ltd.", "wenquan-tour", ENT,
            "咸安区", (D.SMART_TOURISM, D.SMART_ELDERLY_CARE)),
    Profile("随州编钟专用车智能科技有限公司", "编钟专汽", "Suizhou Bianzhong Special Vehicle Intelligence Co., Ltd.",
            "bianzhong-sv", ENT, "曾都区", (D.CONNECTED_VEHICLES, D.PUBLIC_SAFETY)),
    Profile("恩施硒谷智慧茶业科技有限公司", "硒谷茶科", "Enshi Xigu Smart Tea Technology Co., Ltd.", "xigu-tea", ENT,
            "恩施市", (D.SMART_AGRICULTURE, D.SMART_TOURISM)),
    Profile("湖北楚才人工智能产业投资基金管理有限公司", "楚才AI基金",
            "Hubei Chucai AI Industry Fund Management Co., Ltd.", "chucai-fund", OTHER, "武昌区",
            (D.INTELLIGENT_MANUFACTURING, D.SMART_HEALTHCARE, D.CONNECTED_VEHICLES)),
    # Universities
    Profile("江汉智能科技大学", "江汉智大", "Jianghan University of Intelligent Technology", "jhuit", UNI, "洪山区",
            (D.INTELLIGENT_MANUFACTURING, D.SMART_EDUCATION, D.SMART_HEALTHCARE), VICE),
    Profile("东湖信息工程大学", "东湖信工大", "Donghu University of Information Engineering", "dhuie", UNI,
            "东湖高新区", (D.CYBERSECURITY, D.BLOCKCHAIN, D.BEIDOU)),
    Profile("长江数智理工大学", "长江数智", "Changjiang University of Digital Science and Technology", "cjdst", UNI,
            "武昌区", (D.SMART_RIVERS, D.SMART_CITY, D.SMART_TRANSPORT)),
    Profile("黄鹤工业技术大学", "黄鹤工大", "Huanghe University of Industrial Technology", "hhuit", UNI, "江夏区",
            (D.INTELLIGENT_MANUFACTURING, D.INTELLIGENT_CONSTRUCTION)),
    Profile("三峡智能工程学院", "三峡智院", "Three Gorges Institute of Intelligent Engineering", "tgiie", UNI,
            "西陵区", (D.SMART_RIVERS, D.INTELLIGENT_MANUFACTURING)),
    Profile("汉水数字技术学院", "汉水数院", "Hanshui Institute of Digital Technology", "hsidt", UNI, "襄城区",
            (D.CONNECTED_VEHICLES, D.SMART_AGRICULTURE)),
    Profile("荆楚农业智能学院", "荆楚农智", "Jingchu College of Agricultural Intelligence", "jcai", UNI, "荆州区",
            (D.SMART_AGRICULTURE,)),
    Profile("武当汽车工程学院", "武当汽院", "Wudang Institute of Automotive Engineering", "wdiae", UNI, "张湾区",
            (D.CONNECTED_VEHICLES, D.INTELLIGENT_MANUFACTURING)),
    Profile("光谷医学智能学院", "光谷医智", "Optics Valley College of Medical Intelligence", "ovcmi", UNI,
            "东湖高新区", (D.SMART_HEALTHCARE, D.SMART_ELDERLY_CARE)),
    # Research institutes
    Profile("光谷类脑智能研究院", "类脑研究院", "Optics Valley Institute of Brain-Inspired Intelligence", "ovibi",
            INST, "东湖高新区", (D.SMART_HEALTHCARE, D.INTELLIGENT_MANUFACTURING), VICE),
    Profile("江城智能网联汽车研究院", "网联汽车院", "Jiangcheng Research Institute of Intelligent Connected Vehicles",
            "jcicv", INST, "经开区", (D.CONNECTED_VEHICLES, D.SMART_TRANSPORT)),
    Profile("荆楚北斗时空信息研究院", "北斗时空院", "Jingchu BeiDou Spatiotemporal Information Institute", "jcbds",
            INST, "洪山区", (D.BEIDOU, D.PUBLIC_SAFETY)),
    Profile("长江智慧水利研究所", "智慧水利所", "Changjiang Smart Water Resources Institute", "cjswr", INST, "江岸区",
            (D.SMART_RIVERS,)),
    Profile("汉阳智能建造研究院", "智能建造院", "Hanyang Institute of Intelligent Construction", "hyiic", INST,
            "汉阳区", (D.INTELLIGENT_CONSTRUCTION, D.SMART_CITY)),
    Profile("鄂东数字农业研究所", "数字农业所", "Edong Institute of Digital Agriculture", "edida", INST, "黄州区",
            (D.SMART_AGRICULTURE,)),
    Profile("襄江先进制造研究院", "先进制造院", "Xiangjiang Institute of Advanced Manufacturing", "xjiam", INST,
            "襄阳高新区", (D.INTELLIGENT_MANUFACTURING, D.CONNECTED_VEHICLES)),
    Profile("楚天网络空间安全研究院", "网安研究院", "Chutian Cyberspace Security Institute", "ctcsi", INST,
            "东湖高新区", (D.CYBERSECURITY, D.BLOCKCHAIN, D.PUBLIC_SAFETY)),
    # Public platforms
    Profile("光谷人工智能公共算力服务中心", "光谷算力中心", "Optics Valley Public AI Computing Service Center",
            "ovaicc", PLAT, "东湖高新区", (D.SMART_CITY, D.INTELLIGENT_MANUFACTURING), VICE),
    Profile("江城工业互联网标识解析服务中心", "标识解析中心",
            "Jiangcheng Industrial Internet Identifier Resolution Center", "jciirc", PLAT, "经开区",
            (D.INTELLIGENT_MANUFACTURING, D.BLOCKCHAIN)),
    Profile("荆楚数据要素流通服务中心", "数据流通中心", "Jingchu Data Element Circulation Service Center", "jcdecs",
            PLAT, "江汉区", (D.BLOCKCHAIN, D.SMART_CITY, D.CYBERSECURITY)),
    Profile("长江智能制造检验检测中心", "智造检测中心", "Changjiang Intelligent Manufacturing Testing Center",
            "cjimtc", PLAT, "青山区", (D.INTELLIGENT_MANUFACTURING, D.INTELLIGENT_CONSTRUCTION)),
    Profile("鄂西人工智能创新孵化中心", "鄂西孵化中心", "Western Hubei AI Innovation Incubation Center", "whaiic",
            PLAT, "伍家岗区", (D.SMART_EDUCATION, D.SMART_TOURISM)),
    Profile("楚天开源软件促进中心", "开源促进中心", "Chutian Open Source Software Promotion Center", "ctossp", PLAT,
            "武昌区", (D.SMART_EDUCATION, D.CYBERSECURITY)),
)
# fmt: on

# Members not (or no longer) active: status, the date it took effect and why.
STATUS_CHANGES: dict[str, tuple[MemberStatus, date, str]] = {
    "xigu-tea": (MemberStatus.APPLIED, date(2026, 10, 15), "提交入盟申请，待理事会审议"),
    "bianzhong-sv": (MemberStatus.APPLIED, date(2026, 9, 28), "提交入盟申请，待理事会审议"),
    "zhangheng-mat": (MemberStatus.SUSPENDED, date(2026, 3, 20), "连续两年未缴纳会费，暂停会员资格"),
    "chutian-agri": (MemberStatus.SUSPENDED, date(2025, 11, 10), "未按期报送年度数据，暂停会员资格"),
    "cigang-elec": (MemberStatus.WITHDRAWN, date(2025, 8, 31), "业务调整，主动申请退出联盟"),
    "youxia-tour": (MemberStatus.WITHDRAWN, date(2026, 5, 12), "主营方向变更，申请退出联盟"),
}
