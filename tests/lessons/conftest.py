"""Fixtures of the lessons tests: a fixed clock, a course with lessons, a reader."""

from datetime import UTC, datetime

import pytest

from tests.factories import CourseFactory, LessonFactory

# A fixed moment: every service call in these tests passes ``now=`` explicitly.
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def course(db):
    return CourseFactory(title="Cold calling")


@pytest.fixture
def lesson(course):
    """A 'read' lesson: 10 estimated minutes, half of them (300 s) required."""
    return LessonFactory(parent=course, title="Opening a call", estimated_minutes=10)


@pytest.fixture
def other_lesson(course):
    return LessonFactory(parent=course, title="Handling objections", estimated_minutes=10)
