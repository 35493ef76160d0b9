"""Name pools of the demo: people's names with their pinyin (for e-mail addresses), job titles, phone prefixes."""

from __future__ import annotations

from alliance_app.models import MemberKind


def _with_pinyin(text: str) -> tuple[tuple[str, str], ...]:
    """'王wang 李li' → (('王', 'wang'), ('李', 'li'))."""
    return tuple((word[0], word[1:]) for word in text.split())


# Common surnames, most frequent first, with pinyin.
SURNAMES = _with_pinyin(
    "王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo "
    "何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng "
    "曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 魏wei 吕lv 丁ding "
    "任ren 沈shen 姚yao 卢lu 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 廖liao 夏xia 付fu 方fang 邹zou 熊xiong "
    "秦qin 江jiang 雷lei 龚gong 万wan 严yan 覃qin 向xiang 汤tang 喻yu 柯ke 涂tu 聂nie 占zhan 饶rao"
)

# Characters of given names with pinyin; two-character names are drawn from these.
GIVEN = _with_pinyin(
    "伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao 明ming "
    "超chao 秀xiu 霞xia 平ping 刚gang 桂gui 文wen 辉hui 华hua 建jian 国guo 俊jun 鹏peng 飞fei 婷ting 雪xue "
    "琳lin 晨chen 宇yu 浩hao 博bo 睿rui 思si 欣xin 佳jia 怡yi 晓xiao 志zhi 峰feng 斌bin 凯kai 瑶yao "
    "楠nan 颖ying 梦meng 倩qian 蕾lei 彬bin 鑫xin 亮liang 昊hao 晗han 阳yang 昕xin 琦qi 璐lu 珂ke 帆fan "
    "嘉jia 翔xiang 航hang 锐rui 毅yi 哲zhe 源yuan 清qing 然ran 诚cheng 露lu 悦yue 可ke 宁ning 松song 维wei"
)

TITLES: dict[MemberKind, tuple[str, ...]] = {
    MemberKind.ENTERPRISE: (
        "战略发展部总监",
        "总经理助理",
        "技术总监",
        "研发中心主任",
        "市场部经理",
        "政府事务经理",
        "副总经理",
        "办公室主任",
        "产品经理",
        "算法工程师",
    ),
    MemberKind.UNIVERSITY: (
        "科学技术发展研究院副院长",
        "科技处处长",
        "产学研合作办公室主任",
        "人工智能学院副院长",
        "计算机学院教授",
        "校企合作科科长",
        "科研秘书",
    ),
    MemberKind.RESEARCH_INSTITUTE: (
        "副院长",
        "科研管理部主任",
        "首席科学家",
        "综合办公室主任",
        "成果转化部经理",
        "研究员",
    ),
    MemberKind.PUBLIC_PLATFORM: ("中心主任", "副主任", "运营部经理", "技术服务部主管", "综合部主任", "工程师"),
    MemberKind.OTHER: ("投资总监", "合伙人", "投资经理", "综合管理部经理"),
}

# Mainland mobile number prefixes (1 + two digits).
MOBILE_PREFIXES = tuple(
    f"1{n}" for n in (30, 31, 32, 33, 35, 36, 37, 38, 39, 50, 51, 52, 55, 56, 58, 59, 66, 76, 77, 80, 81, 86, 87, 89)
)

PARTNER_ROLES = ("技术支撑", "场景提供", "数据提供", "联合研发", "应用推广", "检验检测", "算力支持", "系统集成")

FUNDING_SOURCES = (
    "企业自筹",
    "省级科技重大专项",
    "武汉市科技计划项目",
    "国家重点研发计划",
    "联盟成员联合出资",
    "东湖高新区产业扶持资金",
    "省级人工智能产业发展专项",
    "银行贷款与企业自筹",
    "市级数字经济专项资金",
)
