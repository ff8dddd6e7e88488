"""Rasa channel for SMS through Twilio: signed webhooks in, replies out through the gate.

Registered in credentials.yml as ``channels.twilio_sms.TwilioSmsInput``. Routes
(under ``bot.messaging.routes.SMS_WEBHOOKS``):
- ``POST webhook``: Twilio's incoming-message webhook. The signature is checked, the
  text is stored (a repeated MessageSid is acknowledged and dropped), Twilio gets an
  empty TwiML answer at once, and the text is handled in the background, one text at
  a time per phone number, replies going out by the REST API in order.
- ``POST status``: Twilio's status callback for the texts we sent.
- ``GET /``: health.

The life of a text and every decision on it live in ``bot.messaging`` (the inbox);
this module only connects them to Sanic and Rasa.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.config import Settings, load_settings
from bot.identity import SMS_CHANNEL
from bot.learners import follow_ups
from bot.logmask import install as install_log_masking
from bot.messaging import webhooks
from bot.messaging.gate import COMPLIANCE, PROACTIVE, REPLY, OutboundGate
from bot.messaging.inbound import Inbound
from bot.messaging.inbox import Inbox, proactive_prefix, reply_key
from bot.messaging.phone import mask
from bot.messaging.routes import INCOMING_ROUTE, STATUS_ROUTE
from bot.messaging.signing import is_valid, public_url, signing_key

log = logging.getLogger("channels.twilio_sms")
# The Rasa server loads this module at start: from here on its logs mask numbers too.
install_log_masking()

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

NewMessage = Callable[[UserMessage], Awaitable[Any]]


class TwilioSmsOutput(OutputChannel):
    """Sends the assistant's messages as texts through the outbound gate."""

    @classmethod
    def name(cls) -> str:
        return SMS_CHANNEL

    def __init__(self, gate: OutboundGate, key_prefix: str, kind: str = REPLY) -> None:
        self.gate = gate
        self.key_prefix = key_prefix
        self.kind = kind
        self.count = 0

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.count += 1
        # An action can name the text's idempotency key (a follow-up does, so a retried
        # delivery never texts twice); otherwise the key is the inbound text's id + count.
        key = kwargs.get("idempotency_key") or reply_key(self.key_prefix, self.count)
        # An opt-out's one confirmation goes out although the number just opted out.
        kind = COMPLIANCE if kwargs.get("sms_kind") == COMPLIANCE else self.kind
        await asyncio.to_thread(self.gate.send, recipient_id, text, key=key, kind=kind)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        log.debug("custom payload not sent by SMS")


class ConversationThread:
    """An event loop of its own, on its own thread, where texts become replies.

    Rasa runs the model on the server's event loop and blocks it while it does, so
    under load a webhook would wait behind other people's conversations before Twilio
    got its answer. Conversations run here instead; the server's loop only checks,
    stores and acknowledges webhooks. The model's numeric work releases the GIL, and
    Rasa's lock store keeps each conversation's messages in order across both loops.
    Started before the server starts, so the Rasa server's process tuning
    (bot/launch/rasa_server.py) puts it below the webhooks' loop.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = threading.Lock()

    def start(self) -> asyncio.AbstractEventLoop:
        """Start the thread (once); returns its loop."""
        with self._started:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(
                    target=self._loop.run_forever, name="sms-conversations", daemon=True
                ).start()
        return self._loop

    def call(self, function: Callable[..., None], *args: Any) -> None:
        """Run ``function(*args)`` on the conversation loop, soon."""
        self.start().call_soon_threadsafe(function, *args)


def _form(request: Request) -> dict[str, str]:
    """The posted parameters. Sanic's own form parser drops empty values, but the
    signature covers them (an empty Body is still ``Body=``)."""
    try:
        body = (request.body or b"").decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return {name: values[0] for name, values in parse_qs(body, keep_blank_values=True).items()}


class TwilioSmsInput(InputChannel):
    """Twilio's incoming-message webhook, done safely (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        return SMS_CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.gate = OutboundGate(self.settings)
        self.key = signing_key(self.settings)
        # An opt-out by text also stops the learner's reminders and alerts.
        self.inbox = Inbox(self.settings, self.gate, on_opt_out=follow_ups.cancel_for_address)
        # Touched only on the conversation thread's loop.
        self.queues: dict[str, asyncio.Queue[Inbound]] = {}
        self.conversations = ConversationThread()

    def get_output_channel(self) -> OutputChannel:
        """The channel for texts the service starts (reminders, alerts)."""
        return TwilioSmsOutput(self.gate, key_prefix=proactive_prefix(), kind=PROACTIVE)

    def _signed(self, request: Request, params: dict[str, str]) -> bool:
        url = public_url(self.settings, request.path, request.query_string)
        return is_valid(self.key, url, params, request.headers.get("X-Twilio-Signature"))

    def blueprint(self, on_new_message: NewMessage) -> Blueprint:
        sms = Blueprint(f"{SMS_CHANNEL}_webhook", __name__)

        @sms.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sms.route(INCOMING_ROUTE, methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            params = _form(request)
            if not self._signed(request, params):
                log.warning("rejected an unsigned or forged webhook")
                return response.text("invalid signature", status=403)
            try:
                message = webhooks.inbound_from(params)
            except webhooks.BadWebhook as refusal:
                return response.text(str(refusal), status=400)
            # Stored on the server's own loop: a one-row insert is quicker than a hop to
            # a thread that must then win the GIL back from a busy conversation.
            if self.inbox.record(message):
                self._enqueue(message, on_new_message)
            else:
                log.info(
                    "repeated webhook %s from %s ignored", message.sid, mask(message.from_address)
                )
            return response.text(EMPTY_TWIML, content_type="text/xml")

        @sms.route(STATUS_ROUTE, methods=["POST"])
        async def status(request: Request) -> HTTPResponse:
            params = _form(request)
            if not self._signed(request, params):
                return response.text("invalid signature", status=403)
            try:
                report = webhooks.status_from(params)
            except webhooks.BadWebhook as refusal:
                return response.text(str(refusal), status=400)
            await asyncio.to_thread(
                self.gate.record_status, report.sid, report.status, report.error_code
            )
            return response.text("", status=204)

        @sms.listener("before_server_start")
        async def start_conversations(_app, _loop) -> None:
            self.conversations.start()

        @sms.listener("after_server_start")
        async def start_sweep(app, _loop) -> None:
            app.add_task(self._sweep(on_new_message))

        return sms

    async def _sweep(self, on_new_message: NewMessage) -> None:
        """Pick up texts that were acknowledged but never handled (a restart right after
        the acknowledgement, a crash): nothing Twilio delivered is lost."""
        while True:
            await asyncio.sleep(self.settings.sms_sweep_seconds)
            try:
                found = await asyncio.to_thread(self.inbox.stranded)
            except Exception:  # noqa: BLE001 - a dead database: try again next round
                log.exception("looking for unhandled texts failed")
                continue
            for message in found:
                log.info("handling a stranded text from %s", mask(message.from_address))
                self._enqueue(message, on_new_message)

    def _enqueue(self, message: Inbound, on_new_message: NewMessage) -> None:
        """Hand a stored text to the conversation thread (see :class:`ConversationThread`)."""
        self.conversations.call(self._enqueue_in_thread, message, on_new_message)

    def _enqueue_in_thread(self, message: Inbound, on_new_message: NewMessage) -> None:
        """Texts from one number are handled one after another; numbers run in parallel."""
        queue = self.queues.get(message.from_address)
        if queue is None:
            queue = self.queues[message.from_address] = asyncio.Queue()
            asyncio.get_running_loop().create_task(
                self._drain(message.from_address, queue, on_new_message)
            )
        queue.put_nowait(message)

    async def _drain(
        self, sender: str, queue: asyncio.Queue[Inbound], on_new_message: NewMessage
    ) -> None:
        try:
            while not queue.empty():
                await self._handle(queue.get_nowait(), on_new_message)
        finally:
            self.queues.pop(sender, None)

    async def _handle(self, message: Inbound, on_new_message: NewMessage) -> None:
        try:
            text = await asyncio.to_thread(self.inbox.open, message)
            if text is not None:
                await on_new_message(
                    UserMessage(
                        text,
                        TwilioSmsOutput(self.gate, key_prefix=message.sid),
                        message.from_address,
                        input_channel=self.name(),
                        metadata={"message_sid": message.sid},
                    )
                )
        except Exception:  # the person must hear something; the next text must still work
            log.exception("handling a text from %s failed", mask(message.from_address))
            await asyncio.to_thread(self.inbox.apologize, message)
        await asyncio.to_thread(self.inbox.mark_handled, message)
