"""Rasa channel for SMS through Twilio: signed webhooks in, replies out through the gate.

Registered in credentials.yml as ``channels.twilio_sms.TwilioSmsInput``. Routes
(under /webhooks/twilio_sms/):
- ``POST webhook``: Twilio's incoming-message webhook. The signature is checked, the
  text is stored (a repeated MessageSid is acknowledged and dropped), Twilio gets an
  empty TwiML answer at once, and the text is handled in the background, one text at
  a time per phone number, replies going out by the REST API in order.
- ``POST status``: Twilio's status callback for the texts we sent.
- ``GET /``: health.

The decisions live in ``bot.messaging``; this module only connects them to Rasa.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
import threading
import uuid
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.clock import utcnow
from bot.config import Settings, load_settings
from bot.db import autocommit_connection, session_scope
from bot.identity import SMS_CHANNEL
from bot.logmask import install as install_log_masking
from bot.messaging import inbound as triage_rules
from bot.messaging import webhooks
from bot.messaging.gate import COMPLIANCE, PROACTIVE, REPLY, OutboundGate
from bot.messaging.phone import mask
from bot.messaging.shared_rate_limit import rate_limiter
from bot.messaging.signing import is_valid, public_url, signing_key
from bot.priority import lower_other_threads, lower_this_thread

log = logging.getLogger("channels.twilio_sms")
# The Rasa server loads this module at start: from here on its logs mask numbers too.
install_log_masking()

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
SORRY_TEXT = "Sorry, something went wrong on our side. Please text me again in a few minutes."
CHANNEL_NAME = SMS_CHANNEL
SWEEP_SECONDS = float(os.environ.get("SMS_SWEEP_SECONDS", "30"))


class TwilioSmsOutput(OutputChannel):
    """Sends the assistant's messages as texts through the outbound gate."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def __init__(self, gate: OutboundGate, key_prefix: str, kind: str = REPLY) -> None:
        self.gate = gate
        self.key_prefix = key_prefix
        self.kind = kind
        self.count = 0

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.count += 1
        # An action can name the text's idempotency key (a follow-up does, so a retried
        # delivery never texts twice); otherwise the key is the inbound text's id + count.
        key = kwargs.get("idempotency_key") or f"{self.key_prefix}:{self.count}"
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
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = threading.Lock()
        # Hand the GIL over sooner (default 5 ms), so the server's loop gets it quickly
        # while a conversation is busy in Python code.
        sys.setswitchinterval(0.0005)

    def _ensure(self) -> asyncio.AbstractEventLoop:
        with self._started:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                threading.Thread(target=self._run, name="sms-conversations", daemon=True).start()
        return self._loop

    def _run(self) -> None:
        # Conversations may wait a few milliseconds for a core; Twilio's webhook may not.
        lower_this_thread()
        self._loop.run_forever()

    def call(self, function: Callable[..., None], *args: Any) -> None:
        """Run ``function(*args)`` on the conversation loop, soon."""
        self._ensure().call_soon_threadsafe(function, *args)


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
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls()

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.gate = OutboundGate(self.settings)
        self.key = signing_key(self.settings)
        self.limiter = rate_limiter(
            self.settings.redis_url, "sms", self.settings.sms_rate_limit_per_minute
        )
        # Touched only on the conversation thread's loop.
        self.queues: dict[str, asyncio.Queue[triage_rules.Inbound]] = {}
        self.conversations = ConversationThread()

    def get_output_channel(self) -> OutputChannel:
        """The channel for texts the service starts (reminders, alerts)."""
        return TwilioSmsOutput(
            self.gate, key_prefix=f"proactive-{uuid.uuid4().hex}", kind=PROACTIVE
        )

    def _signed(self, request: Request, params: dict[str, str]) -> bool:
        url = public_url(self.settings, request.path, request.query_string)
        return is_valid(self.key, url, params, request.headers.get("X-Twilio-Signature"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sms = Blueprint("twilio_sms_webhook", __name__)

        @sms.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sms.route("/webhook", methods=["POST"])
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
            if self._record(message):
                self._enqueue(message, on_new_message)
            else:
                log.info(
                    "repeated webhook %s from %s ignored", message.sid, mask(message.from_address)
                )
            return response.text(EMPTY_TWIML, content_type="text/xml")

        @sms.route("/status", methods=["POST"])
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

        @sms.listener("after_server_start")
        async def start_sweep(app, _loop) -> None:
            # The model is loaded by now. Its millions of objects never die; keeping them
            # out of the garbage collector's full passes spares the loop long pauses.
            gc.freeze()
            # The model's compute threads exist by now too; only this loop, which
            # answers webhooks, keeps the normal CPU priority.
            lower_other_threads()
            app.add_task(self._sweep(on_new_message))

        return sms

    async def _sweep(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Pick up texts that were acknowledged but never handled (a restart right after
        the acknowledgement, a crash): nothing Twilio delivered is lost."""
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            try:
                found = await asyncio.to_thread(self._stranded)
            except Exception:  # noqa: BLE001 - a dead database: try again next round
                log.exception("looking for unhandled texts failed")
                continue
            for message in found:
                log.info("handling a stranded text from %s", mask(message.from_address))
                self._enqueue(message, on_new_message)

    def _stranded(self) -> list[triage_rules.Inbound]:
        with session_scope(self.settings.database_url) as session:
            return triage_rules.stranded(session, utcnow())

    def _record(self, message: triage_rules.Inbound) -> bool:
        with autocommit_connection(self.settings.database_url) as connection:
            return triage_rules.record(connection, message)

    def _triage(self, message: triage_rules.Inbound) -> triage_rules.Triage | None:
        with session_scope(self.settings.database_url) as session:
            if not triage_rules.claim(session, message.sid):
                return None  # handled elsewhere already
            decision = triage_rules.triage(session, message, self.limiter)
            triage_rules.set_outcome(session, message.sid, decision.outcome)
        return decision

    def _enqueue(
        self,
        message: triage_rules.Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        """Hand a stored text to the conversation thread (see :class:`ConversationThread`)."""
        self.conversations.call(self._enqueue_in_thread, message, on_new_message)

    def _enqueue_in_thread(
        self,
        message: triage_rules.Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        """Texts from one number are handled one after another; numbers run in parallel."""
        queue = self.queues.get(message.from_address)
        if queue is None:
            queue = self.queues[message.from_address] = asyncio.Queue()
            asyncio.get_running_loop().create_task(
                self._drain(message.from_address, queue, on_new_message)
            )
        queue.put_nowait(message)

    async def _drain(
        self,
        sender: str,
        queue: asyncio.Queue[triage_rules.Inbound],
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        try:
            while not queue.empty():
                await self._handle(queue.get_nowait(), on_new_message)
        finally:
            self.queues.pop(sender, None)

    async def _handle(
        self,
        message: triage_rules.Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        try:
            await self._answer(message, on_new_message)
        except Exception:  # the person must hear something; the next text must still work
            log.exception("handling a text from %s failed", mask(message.from_address))
            try:
                await asyncio.to_thread(
                    self.gate.send, message.from_address, SORRY_TEXT, key=f"{message.sid}:error"
                )
            except Exception:  # noqa: BLE001 - the database itself may be down
                log.exception("could not tell %s about the failure", mask(message.from_address))
        try:
            await asyncio.to_thread(self._mark_handled, message.sid)
        except Exception:  # noqa: BLE001
            log.exception("could not mark a text from %s handled", mask(message.from_address))

    def _mark_handled(self, sid: str) -> None:
        with session_scope(self.settings.database_url) as session:
            triage_rules.mark_handled(session, sid)

    async def _answer(
        self,
        message: triage_rules.Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        sender = message.from_address
        decision = await asyncio.to_thread(self._triage, message)
        if decision is None:
            return
        for number, text in enumerate(decision.replies, start=1):
            key = f"{message.sid}:k{number}"
            await asyncio.to_thread(self.gate.send, sender, text, key=key, kind=decision.reply_kind)
        if decision.for_assistant is None:
            return
        output = TwilioSmsOutput(self.gate, key_prefix=message.sid)
        await on_new_message(
            UserMessage(
                decision.for_assistant,
                output,
                sender,
                input_channel=self.name(),
                metadata={"message_sid": message.sid},
            )
        )
