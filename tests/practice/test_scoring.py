"""The overall percent of an evaluation: weighted, n/a left out, rounded half up."""

from decimal import Decimal

from salesmap.practice.models import overall_percent


def test_all_excellent_is_one_hundred_percent():
    assert overall_percent([(1, 4), (3, 4)]) == Decimal("100.00")


def test_weights_count_in_proportion():
    # (1*4 + 3*0) / (4*4) = 25 %
    assert overall_percent([(1, 4), (3, 0)]) == Decimal("25.00")


def test_not_applicable_criteria_are_left_out():
    assert overall_percent([(2, 2), (5, None)]) == Decimal("50.00")


def test_nothing_applicable_has_no_percent():
    assert overall_percent([(2, None), (1, None)]) is None
    assert overall_percent([]) is None


def test_percent_is_rounded_to_two_places():
    # 1 / 12 * 100 = 8.333… ; 8 / 12 * 100 = 66.666…
    assert overall_percent([(1, 1), (2, 0)]) == Decimal("8.33")
    assert overall_percent([(2, 4), (1, 0)]) == Decimal("66.67")


def test_an_exact_half_is_rounded_up():
    # 1 / 32 * 100 = 3.125 exactly: half up gives 3.13 (banker's rounding would give 3.12)
    assert overall_percent([(7, 0), (1, 1)]) == Decimal("3.13")
