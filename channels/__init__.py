"""Rasa input/output channels of this project."""
