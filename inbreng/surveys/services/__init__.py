"""Writes for surveys: questionnaires.py (questionnaires, surveys, waves) and responses.py."""
