"""Built-in call scripts: what staff say on the phone, per kind of message and language.

A call script is written to be spoken: short sentences, no web address, the answer choices
as questions. Without an organisation's own script (`MessageTemplate.phone`), the one here
is used; without one here, the message's body is read out with its web address left out.
"""

from __future__ import annotations

PHONE_SCRIPTS: dict[str, dict[str, str]] = {}
