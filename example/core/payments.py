"""Payment provider client."""
import json
import urllib.request

PROVIDER_URL = "https://payments.example.invalid/v1/charges"


def charge(amount_cents: int, token: str) -> dict:
    body = json.dumps({"amount": amount_cents, "source": token}).encode()
    request = urllib.request.Request(PROVIDER_URL, data=body, method="POST")
    # No timeout: a slow provider holds the worker until the load balancer gives up.
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def refund(charge_id: str) -> dict:
    raise NotImplementedError("refunds are done by hand in the provider's dashboard")
