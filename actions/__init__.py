"""Rasa custom actions: thin adapters from the tracker to bot/ services."""

from bot.logmask import install as _mask_phone_numbers_in_logs

_mask_phone_numbers_in_logs()
