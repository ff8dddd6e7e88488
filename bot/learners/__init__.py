"""Learners and job seekers over time: enrollments, reminder schedules, job alerts,
and the worker that delivers them."""
