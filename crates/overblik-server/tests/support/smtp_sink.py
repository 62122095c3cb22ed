"""A real SMTP server for the notification tests (aiosmtpd), keeping each message it accepts.

Usage: smtp_sink.py PORT DIR [DELAY_MS]

For each message it writes DIR/started-N when the message's data has arrived, waits DELAY_MS,
then writes DIR/mail-N.json (the envelope's recipients, and the headers and bodies decoded by
Python's own e-mail parser) and accepts it. A client that goes away during the wait never got
the acceptance, and nothing is kept. Prints "ready" once it listens.
"""

import asyncio
import email
import email.policy
import itertools
import json
import os
import sys

from aiosmtpd.controller import Controller


class Keeper:
    def __init__(self, folder, delay):
        self.folder = folder
        self.delay = delay
        # Started again after an outage, it numbers on from what it kept before.
        before = [name for name in os.listdir(folder) if name.startswith("started-")]
        self.numbers = itertools.count(len(before) + 1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        open(os.path.join(self.folder, f"started-{number}"), "w").close()
        await asyncio.sleep(self.delay)
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        kept = {
            "rcpt_to": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "text": message.get_body(("plain",)).get_content(),
            "html": message.get_body(("html",)).get_content(),
        }
        path = os.path.join(self.folder, f"mail-{number}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(kept, out)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    delay = int(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0
    controller = Controller(Keeper(folder, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
