"""Chinese line breaking for reportlab: no line starts with closing punctuation, none ends with an opening mark,
and a name is not cut inside a word (科｜技有限公司, 研｜究院, a lone 室).

reportlab's CJK wrapping (``wordWrap='CJK'``) hangs at most one forbidden character and its list lacks ，；：！？》”
among others, so "。”" or "，“" at a line end still breaks badly. The two splitters below follow reportlab's own
(textsplit.dumbSplit for plain paragraphs, paragraph.cjkFragSplit for marked-up ones) but choose the break with
`break_before`, which hangs one closing mark, pulls earlier characters down when several closers meet, keeps opening
marks with the text they open and breaks Latin words at a space.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

NO_LINE_START = frozenset("，。、；：！？）》」』】〕〗〉”’…—·%‰℃,.;:!?)]}>")
NO_LINE_END = frozenset("（《「『【〔〖〈“‘([{<")
FUZZ = 1e-6
_installed = False

# The words organisation and project names are made of: a run of Chinese text that holds one of them is cut only
# between words (these, or two characters at a time; a three-character tail stays whole, so no lone character).
_WORDS_TEXT = """
股份有限公司 有限责任公司 有限公司 分公司 公司 集团 研究院 研究所 研究中心 设计院 实验室 重点实验室 联合实验室
工程中心 创新中心 技术中心 中心 大学 学院 学校 医院 银行 协会 联盟 平台 基地 科技 技术 人工智能 智能 信息
数据 网络 软件 电子 汽车 制造 工业 产业 示范工程 工程 应用场景 湖北省 武汉市 东湖 光谷 长江 智慧 智造
互联网 大数据 云计算 物联网 北斗 区块链 网联 机器人 康养 联合 创新 研发 检测 服务
"""
NAME_WORDS = tuple(sorted(_WORDS_TEXT.split(), key=len, reverse=True))


def _breaking_space(ch: str) -> bool:
    return ch.isspace() and ch != "\u00a0"  # a no-break space holds a mark to its word (Ltd. ★)


def _is_latin(ch: str) -> bool:
    return bool(ch) and ord(ch) < 0x2E80 and not _breaking_space(ch)


def _is_hanzi(ch: Any) -> bool:
    ch = getattr(ch, "text", ch)  # cjkFragSplit passes units that carry their character as .text
    return isinstance(ch, str) and len(ch) == 1 and "\u3400" <= ch <= "\u9fff"


def word_start(chars: Sequence[Any], at: int) -> int:
    """The start of the word of a name that holds character `at` (`at` itself when a break there is fine)."""
    run = at
    while run > 0 and _is_hanzi(chars[run - 1]):
        run -= 1
    tail = at
    while tail < len(chars) and _is_hanzi(chars[tail]):
        tail += 1
    text = "".join(getattr(c, "text", c) for c in chars[run:tail])
    if not any(word in text for word in NAME_WORDS):
        return at  # not a name: any place between two characters will do
    i = 0
    while i < len(text):
        size = _word_at(text, i)
        if not size:
            left = len(text) - i
            # one character before a known word (机器人|联合实验室, not 人联|合实|验室); a three-character tail whole
            before_word = left > 1 and _word_at(text, i + 1)
            size = 1 if before_word else 3 if left == 3 else min(2, left)
        if run + i + size > at:
            return run + i
        i += size
    return at


def _word_at(text: str, i: int) -> int:
    return next((len(w) for w in NAME_WORDS if text.startswith(w, i)), 0)


def break_before(chars: Sequence[str], start: int, over: int) -> int:
    """Where the next line starts, given that character `over` no longer fits on the line begun at `start`."""
    end = len(chars)
    if _breaking_space(chars[over]):
        return over + 1  # the space stays at the line's end, invisible
    at = over
    if _is_hanzi(chars[over]) and over > start + 1 and _is_hanzi(chars[over - 1]):
        word = word_start(chars, over)
        if word > start + (over - start) // 3:  # keep the line at least a third full
            at = word
    if _is_latin(chars[over]) and over > start + 1:
        # a Latin word: go back to the space or CJK character before it, within the line's second half
        for j in range(over - 1, (start + over) // 2, -1):
            if _breaking_space(chars[j]) or not _is_latin(chars[j]):
                at = j + 1
                break
    if chars[at] in NO_LINE_START:
        if at == over and (at + 1 >= end or chars[at + 1] not in NO_LINE_START):
            at += 1  # hang one closing mark in the margin
        else:
            while at > start + 1 and chars[at] in NO_LINE_START:
                at -= 1  # take the word before the closing marks down with them
    while at > start + 1 and chars[at - 1] in NO_LINE_END:
        at -= 1  # an opening mark goes down with what it opens
    return at


def avoid_widow(chars: Sequence[Any], start: int, at: int) -> int:
    """Where to break instead of `at` so that a paragraph's last line is not one Chinese character and its full
    stop (…按项目牵头单位填报的数｜字。): a second character comes down with it."""
    tail = [getattr(c, "text", c) for c in chars[at:]]
    if not tail or not all(_is_hanzi(c) or c in NO_LINE_START for c in tail):
        return at  # more than the paragraph's end follows, or not Chinese
    if sum(1 for c in tail if _is_hanzi(c)) != 1 or at - start < 6:
        return at
    earlier = at - 1
    while earlier > start + 1 and getattr(chars[earlier], "text", chars[earlier]) in NO_LINE_START:
        earlier -= 1
    return earlier if _is_hanzi(chars[earlier]) else at


def dumb_split(word: str, widths: Sequence[float], max_widths: Sequence[float]) -> list[list[Any]]:
    """reportlab's textsplit.dumbSplit with `break_before` choosing each break: [[extra_space, text], ...]."""
    lines: list[list[Any]] = []
    i = start = 0
    used = 0.0
    max_width = max_widths[0]
    while i < len(word):
        used += widths[i]
        i += 1
        if used > max_width + FUZZ and used > 0 and i - 1 > start:
            i = avoid_widow(word, start, break_before(word, start, i - 1))
            text = word[start:i]
            lines.append([max_width - sum(widths[start:i]), text.rstrip() if text.strip() else text])
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
            start, used = i, 0.0
    if start < len(word):
        lines.append([max_width - sum(widths[start:]), word[start:]])
    return lines


def word_split(word: str, max_widths: Any, font_name: str, font_size: float, encoding: str = "utf8") -> list:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if isinstance(word, bytes):
        word = word.decode(encoding)
    if not isinstance(max_widths, list | tuple):
        max_widths = [max_widths]
    total = stringWidth(word, font_name, font_size)
    if total <= max_widths[0] + FUZZ:
        return [[max_widths[0] - total, word]]  # fits: most table cells, measured in one call
    return dumb_split(word, _char_widths(word, font_name, font_size), max_widths)


_WIDTHS: dict[tuple[str, float, str], float] = {}


def _char_widths(word: str, font_name: str, font_size: float) -> list[float]:
    """Each character's width, remembered per font and size (the long texts of a report repeat characters)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = []
    for ch in word:
        key = (font_name, font_size, ch)
        width = _WIDTHS.get(key)
        if width is None:
            width = _WIDTHS[key] = stringWidth(ch, font_name, font_size)
        widths.append(width)
    return widths


def cjk_frag_split(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: Any, encoding: str = "utf8") -> Any:
    """reportlab's paragraph.cjkFragSplit with `break_before` choosing each break."""
    from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine

    units: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        units.extend([cjkU(t, f, encoding) for t in text] if text else [cjkU(text, f, encoding)])
    lines: list[Any] = []
    i = start = 0
    used = 0.0
    max_width = max_widths[0]

    def width(u: Any) -> float:
        w = u.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        return float(w)

    while i < len(units):
        u = units[i]
        i += 1
        used += width(u)
        line_break = hasattr(u.frag, "lineBreak")
        if line_break or (used > max_width + FUZZ and used > 0 and i - 1 > start):
            if not line_break:
                i = avoid_widow(units, start, break_before(units, start, i - 1))
                used = sum(width(x) for x in units[start:i])
            lines.append(makeCJKParaLine(units[start:i], max_width, used, max_width - used, line_break, calc_bounds))
            max_width = max_widths[min(len(lines), len(max_widths) - 1)]
            start, used = i, 0.0
    if start < len(units):
        lines.append(makeCJKParaLine(units[start:], max_width, used, max_width - used, False, calc_bounds))
    return ParaLines(kind=1, lines=lines)


def install() -> None:
    """Puts these splitters in place of reportlab's CJK ones (process-wide, once)."""
    global _installed
    if _installed:
        return
    from reportlab.platypus import paragraph

    paragraph.wordSplit = word_split
    paragraph.cjkFragSplit = cjk_frag_split
    _installed = True
