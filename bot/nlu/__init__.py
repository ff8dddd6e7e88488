"""Rasa NLU pipeline components of this project (loaded only by Rasa, via config.yml)."""
