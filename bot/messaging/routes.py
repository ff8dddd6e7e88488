"""Where the SMS channel listens: Rasa serves a channel's routes under
``/webhooks/<channel name>/``, and Twilio is told these addresses."""

from __future__ import annotations

from bot.identity import SMS_CHANNEL

SMS_WEBHOOKS = f"/webhooks/{SMS_CHANNEL}/"
# The channel's own routes, under SMS_WEBHOOKS.
INCOMING_ROUTE = "/webhook"
STATUS_ROUTE = "/status"
# Twilio's incoming-message webhook and the status callback for the texts we send.
WEBHOOK_PATH = SMS_WEBHOOKS.rstrip("/") + INCOMING_ROUTE
STATUS_CALLBACK_PATH = SMS_WEBHOOKS.rstrip("/") + STATUS_ROUTE
