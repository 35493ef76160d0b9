"""The alliance's 5-year targets (DESIGN §2) and which figure of the store stands for each of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """One 5-year target: its goal, how the goal is phrased, and the figure measured against it."""

    code: str
    zh: str
    en: str
    goal: float
    comparison: str  # ">=", ">" or "about": how the goal reads ("≥100", "> 600", "about 100")
    unit_zh: str
    unit_en: str
    # The figure of the store that stands for the target; None when the store records nothing for it.
    measure_zh: str | None
    measure_en: str | None

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def goal_text(self, lang: str) -> str:
        number = f"{self.goal:,.0f}"
        unit = self.unit_zh if lang == "zh" else self.unit_en
        amount = f"{number} {unit}"
        if lang == "en" and self.unit_zh == "亿元":  # 600 亿元 reads "RMB 60 billion" to an English reader
            amount = f"RMB {self.goal / 10:,.0f} billion"
        if self.comparison == "about":
            return f"约 {amount}" if lang == "zh" else f"about {amount}"
        symbol = "≥" if self.comparison == ">=" else ">"
        return f"{symbol} {amount}"

    def reached(self, actual: float | None) -> bool:
        if actual is None:
            return False
        return actual > self.goal if self.comparison == ">" else actual >= self.goal


TARGETS: tuple[Target, ...] = (
    Target(
        "ai_high_tech_enterprises",
        "有影响力的人工智能高新技术企业",
        "Influential AI high-tech enterprises",
        100,
        ">=",
        "家",
        "enterprises",
        "截止日在册、标记为“人工智能高新技术企业”且未暂停的成员单位数",
        "members on the roll at the as-of date flagged as AI high-tech enterprises and not suspended",
    ),
    Target(
        "demonstration_projects",
        "技术示范工程",
        "Technology demonstration projects",
        100,
        "about",
        "个",
        "projects",
        "截止日时进行中或已完成的“示范工程”类项目数（已启动示范工程）",
        "demonstration projects ongoing or completed at the as-of date (demonstration projects under way)",
    ),
    Target(
        "ai_core_industry",
        "人工智能核心产业规模",
        "AI core industry",
        600,
        ">",
        "亿元",
        "100M CNY",
        "成员单位本年度填报的人工智能核心产业收入之和",
        "sum of the AI core revenue the members reported for the year",
    ),
    Target(
        "related_industry",
        "带动相关产业规模",
        "Related industry",
        6000,
        ">=",
        "亿元",
        "100M CNY",
        None,
        None,
    ),
)
