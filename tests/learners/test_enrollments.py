"""Enrollment statuses: one enum, stored as the strings the database always held."""

from __future__ import annotations

from bot.db.models import Enrollment
from bot.learners.enrollments import OPEN, EnrollmentStatus, is_open


def test_statuses_are_stored_as_their_plain_strings():
    assert [status.value for status in EnrollmentStatus] == [
        "enrolled",
        "in_progress",
        "completed",
        "dropped",
    ]
    assert str(EnrollmentStatus.IN_PROGRESS) == "in_progress"
    # The storage layer does not import the enum; its default must still be one of them.
    assert Enrollment.__table__.c.status.default.arg == EnrollmentStatus.ENROLLED


def test_only_enrolled_and_in_progress_are_open():
    assert set(OPEN) == {EnrollmentStatus.ENROLLED, EnrollmentStatus.IN_PROGRESS}
    assert is_open(Enrollment(status="in_progress"))
    assert not is_open(Enrollment(status=EnrollmentStatus.COMPLETED))
    assert not is_open(None)
