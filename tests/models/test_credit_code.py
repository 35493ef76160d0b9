"""The GB 32100-2015 unified social credit code check, on real published codes and on corrupted ones."""

from __future__ import annotations

import pytest

from alliance_app.models import credit_code_check_char, credit_code_problem
from alliance_app.models.validation import check_credit_code

# Published codes of well-known companies (from their public business registrations).
REAL_CODES = [
    "91110108551385082Q",  # 小米科技有限责任公司
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 腾讯科技（深圳）有限公司
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
    "91110000802100433B",  # 百度在线网络技术（北京）有限公司
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_published_codes_pass(code: str) -> None:
    assert credit_code_problem(code) is None
    assert credit_code_check_char(code[:17]) == code[17]


@pytest.mark.parametrize("code", REAL_CODES)
def test_any_single_character_changed_is_caught(code: str) -> None:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for position in range(18):
        for replacement in alphabet:
            if replacement == code[position]:
                continue
            corrupted = code[:position] + replacement + code[position + 1 :]
            # A changed check character, or a changed body under the unchanged check character, must fail.
            if credit_code_problem(corrupted) is None:
                pytest.fail(f"{corrupted} (from {code}, position {position + 1}) passed")


def test_swapped_neighbours_are_caught() -> None:
    code = REAL_CODES[0]
    swapped = code[:10] + code[11] + code[10] + code[12:]
    assert swapped != code
    assert credit_code_problem(swapped) is not None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91110108551385082", "must be 18 characters"),
        ("91110108551385082QQ", "must be 18 characters"),
        ("91110108551385O82Q", "characters not allowed"),
        ("91110108551385082q", "characters not allowed"),
        ("S1110108551385082Q", "characters not allowed"),
        ("C1110108551385082Q", "registering authority"),
        ("911A0108551385082Q", "administrative division"),
        ("91110108551385082A", "check character is A, expected Q"),
    ],
)
def test_malformed_codes_give_a_precise_reason(code: str, reason: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and reason in problem


def test_message_names_the_code_in_both_languages() -> None:
    problem = check_credit_code("credit_code", "91110108551385082A")
    assert problem is not None
    assert "91110108551385082A" in problem.zh and "校验码不正确" in problem.zh
    assert "expected Q" in problem.en
