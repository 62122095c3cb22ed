"""schemathesis hooks for the provider API: a fresh bearer token from `overblik provider
token` before the last one (300 s in the demo) runs out, so a run may take as long as it needs.

Reads OVERBLIK_BIN, OVERBLIK_URL and OVERBLIK_PROVIDER_KEY from the environment.
"""

import os
import subprocess

import schemathesis


@schemathesis.auth(refresh_interval=120)
class ProviderToken:
    def get(self, case, ctx):
        return subprocess.run(
            [
                os.environ["OVERBLIK_BIN"],
                "provider",
                "token",
                "--url",
                os.environ["OVERBLIK_URL"],
                "--key",
                os.environ["OVERBLIK_PROVIDER_KEY"],
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
