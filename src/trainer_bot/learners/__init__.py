"""Learners: cadre accounts from a roster, their practice record (每日答题, 错题本, 积分), classes and tests.

Everything is kept in the shared database (``db.py``), so it works the same on one SQLite file and on
several replicas sharing PostgreSQL. Every service takes a ``clock`` so that days, deadlines and
streaks can be tested without waiting.
"""
