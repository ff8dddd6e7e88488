"""Employers: portal accounts and the postings they make, with staff moderation."""
