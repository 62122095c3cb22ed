"""Signs in to an Overblik demo as a citizen through its development OpenID provider, the
way a browser does (a cookie jar, redirects, the login form), and prints the session cookie's value.

Usage: python3 sign_in.py URL NATIONAL_ID
"""

import html.parser
import sys

import requests


class HiddenFields(html.parser.HTMLParser):
    """The hidden inputs of the login form."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""


def main():
    url, national_id = sys.argv[1].rstrip("/"), sys.argv[2]
    browser = requests.Session()
    form = browser.get(f"{url}/login", timeout=30)
    form.raise_for_status()
    parser = HiddenFields()
    parser.feed(form.text)
    fields = dict(parser.fields, national_id=national_id)
    signed_in = browser.post(f"{url}/dev-idp/authorize", data=fields, timeout=30)
    signed_in.raise_for_status()
    session = browser.cookies.get("overblik_session")
    if not session:
        sys.exit("signing in gave no session cookie")
    print(session)


if __name__ == "__main__":
    main()
