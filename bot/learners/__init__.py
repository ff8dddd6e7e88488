"""Learners and job seekers over time: enrollments, reminder schedules, job alerts,
and how the worker claims and delivers them (bot/worker.py runs the loop)."""
