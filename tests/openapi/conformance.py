"""The OpenAPI document against the simulator, the fixtures and the vendor client's requests,
checked by tools nobody here wrote: openapi-spec-validator (the document), openapi-core
(every request and answer: paths, methods, parameters, security, status codes, headers, media
types, and bodies with a JSON Schema 2020-12 validator), never our serde types.

usage:
  conformance.py DOC simulators ELECTRICITY_URL GAS_URL   every endpoint, auth off and on,
                                                          errors, limits, gas/water
  conformance.py DOC fixtures DIR                         the API examples (*.json)
  conformance.py DOC requests FILE                        recorded requests (JSON list)

Simulators must run with --control (the script switches auth, faults and limits).
"""

import json
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.testing import MockRequest, MockResponse
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

TOKENS = {"read_token": "READCONFORMANCE1", "write_token": "WRITECONFORMANC1"}


def short(e: Exception) -> str:
    """An exception with its causes, cut to a readable length (bodies can be large)."""
    parts = [f"{type(e).__name__}: {e}"]
    cause = e.__cause__ or e.__context__
    while cause is not None and len(parts) < 4:
        parts.append(f"{type(cause).__name__}: {cause}")
        cause = cause.__cause__ or cause.__context__
    return " <- ".join(p if len(p) < 400 else p[:400] + "…" for p in parts)


class Checker:
    def __init__(self, doc: str):
        spec, _ = read_from_filename(doc)
        validate(spec)  # openapi-spec-validator: the document is valid OpenAPI 3.1
        self.openapi = OpenAPI.from_dict(spec)
        self.doc = spec
        self.session = requests.Session()
        self.checked = 0
        # (METHOD, path) -> answered statuses, for the coverage check.
        self.seen: dict[tuple[str, str], set[int]] = {}

    def operations(self):
        for path, item in self.doc["paths"].items():
            for method, op in item.items():
                yield method.upper(), path, op

    def call(self, base, method, path, *, expect, token=None, params=None, body=None,
             raw=None, request_valid=True):
        """Sends one request, checks the status, validates request and answer."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        req = requests.Request(method, f"{base}/api/v1{path}", params=params, json=body,
                               data=raw, headers=headers)
        if raw is not None:
            req.headers["Content-Type"] = "application/json"
        prepared = req.prepare()
        resp = self.session.send(prepared, timeout=30)
        what = f"{method} {path} {params or ''} → {resp.status_code}"
        if resp.status_code != expect:
            raise AssertionError(f"{what}: expected {expect}: {resp.text[:300]}")
        oreq = RequestsOpenAPIRequest(prepared)
        try:
            if request_valid:
                self.openapi.validate_request(oreq)
            self.openapi.validate_response(oreq, RequestsOpenAPIResponse(resp))
        except Exception as e:  # noqa: BLE001 - every validation error is a failure
            raise AssertionError(f"{what}: {short(e)}\nbody: {resp.text[:300]}") from None
        self.checked += 1
        self.seen.setdefault((method, path), set()).add(resp.status_code)
        return resp

    def every_operation(self, base, expect):
        """Every operation of the document once, with a valid request, answered with `expect`."""
        for method, path, _ in list(self.operations()):
            params, body = self.request_of(path, method)
            self.call(base, method, path, params=params, body=body, expect=expect)

    def configure(self, base, patch):
        r = self.session.post(f"{base}/__sim/config", json=patch, timeout=10)
        r.raise_for_status()

    def request_of(self, op_path, method, token=None):
        """A valid request for every endpoint: (params, body)."""
        today = datetime.now(timezone.utc).date()
        return {
            ("GET", "/system/wifi_scan"): ({"refresh": "true"}, None),
            ("GET", "/history/highRes"): ({"date": (today - timedelta(days=1)).isoformat()}, None),
            ("GET", "/history/lowRes"): ({"start": (today - timedelta(days=7)).isoformat(), "days": 7}, None),
            ("POST", "/settings"): (None, {"device_name": "Keller", "ledEnable": False,
                                           "mqtt": {"sendInterval": 30}}),
            ("POST", "/mqtt/ca"): (None, {"certificate": "-----BEGIN CERTIFICATE-----\nMIIBconformance\n-----END CERTIFICATE-----"}),
            ("POST", "/cloud/pair"): (None, {"pairing_token": "WW-ABCD2345"}),
            ("POST", "/auth/tokens/confirm"): (None, {"new_write_token": "NOTPENDING000000"}),
        }.get((method, op_path), (None, None))


def simulators(c: Checker, elec: str, gas: str) -> None:
    today = datetime.now(timezone.utc).date()
    c.configure(elec, {"setup_mode": True, "auth_required": False, "rate_limit": False, **TOKENS})

    # Every endpoint answering normally, auth off.
    c.call(elec, "GET", "/system/alive", expect=200)
    c.call(elec, "GET", "/system/info", expect=200)
    c.call(elec, "GET", "/system/led", expect=200)
    c.call(elec, "POST", "/system/selftest", expect=200)
    c.call(elec, "GET", "/system/wifi_scan", expect=200)
    c.call(elec, "GET", "/system/wifi_scan", params={"refresh": "true"}, expect=200)
    c.call(elec, "GET", "/system/timezones", expect=200)
    c.call(elec, "GET", "/history/latest", expect=200)
    c.call(elec, "GET", "/history/highRes", params={"date": (today - timedelta(days=1)).isoformat()}, expect=200)
    c.call(elec, "GET", "/history/lowRes", params={"start": (today - timedelta(days=7)).isoformat(), "days": 7}, expect=200)
    c.call(elec, "GET", "/history/lowRes", params={"start": (today - timedelta(days=31)).isoformat(), "days": 31}, expect=200)
    c.call(elec, "GET", "/settings", expect=200)
    for update in ({"device_name": "Keller"}, {"ledEnable": False, "api_auth_required": False},
                   {"mqtt": {"enable": True, "host": "mqtt.local", "port": 1883, "use_tls": False,
                             "sendInterval": 15, "topic_prefix": "energy"}},
                   {"modbus": {"enable": True, "port": 502}}):
        c.call(elec, "POST", "/settings", body=update, expect=200)
    generated = c.call(elec, "POST", "/auth/tokens/generate", expect=200).json()
    c.call(elec, "POST", "/auth/tokens/confirm", body={"new_write_token": generated["pending"]["token_write"]}, expect=200)
    c.configure(elec, TOKENS)
    c.call(elec, "GET", "/setup/token", expect=200)
    c.call(elec, "GET", "/mqtt/ca", expect=200)
    params, cert = c.request_of("/mqtt/ca", "POST")
    c.call(elec, "POST", "/mqtt/ca", body=cert, expect=200)
    c.call(elec, "DELETE", "/mqtt/ca", expect=200)
    c.call(elec, "GET", "/mqtt/status", expect=200)
    c.call(elec, "GET", "/modbus/status", expect=200)
    c.call(elec, "POST", "/cloud/pair", body={"pairing_token": "WW-ABCD2345"}, expect=200)
    c.call(elec, "DELETE", "/cloud/pair", expect=200)
    c.call(elec, "GET", "/ota/check", expect=200)
    c.call(elec, "POST", "/ota/start", expect=200)
    c.call(elec, "GET", "/logs/rawdump", expect=200)
    c.call(elec, "GET", "/logs/persistent", expect=200)
    c.call(elec, "GET", "/logs/ram", expect=200)
    c.call(elec, "POST", "/system/reboot", expect=200)

    # The documented "no data" answers.
    c.configure(elec, {"no_reading_yet": True, "dump": {"empty": True}})
    c.call(elec, "GET", "/history/latest", expect=204)
    c.call(elec, "GET", "/logs/rawdump", expect=204)
    c.configure(elec, {"no_reading_yet": False, "dump": {"empty": False}})
    c.call(elec, "GET", "/history/highRes", params={"date": "2001-01-01"}, expect=204)
    c.call(elec, "GET", "/history/lowRes", params={"start": "2001-01-01", "days": 3}, expect=204)

    # The documented failures (requests outside the document are sent on purpose and only
    # their answers are validated).
    c.call(elec, "GET", "/history/highRes", params={"date": "2024-02-30"}, expect=400, request_valid=False)
    c.call(elec, "GET", "/history/highRes", params={"date": "invalid"}, expect=400, request_valid=False)
    c.call(elec, "GET", "/history/lowRes", params={"start": "2024-03-01", "days": 40}, expect=400, request_valid=False)
    c.call(elec, "POST", "/settings", raw=b"[1, 2]", expect=400, request_valid=False)
    c.call(elec, "POST", "/auth/tokens/confirm", body={"new_write_token": "NOTPENDING000000"}, expect=400)
    c.call(elec, "POST", "/mqtt/ca", body={"certificate": "not a certificate"}, expect=400)
    c.call(elec, "POST", "/mqtt/ca", body={"certificate": "-----BEGIN CERTIFICATE-----\n" + "A" * 5000 + "\n-----END CERTIFICATE-----"}, expect=413)
    c.call(elec, "DELETE", "/mqtt/ca", expect=404)
    c.call(elec, "POST", "/cloud/pair", body={"pairing_token": "nope"}, expect=400)
    c.configure(elec, {"setup_mode": False})
    c.call(elec, "GET", "/setup/token", expect=403)

    # Auth on: no token, the READ token, the WRITE token, on every endpoint.
    c.configure(elec, {"auth_required": True, "setup_mode": True})
    for method, path, op in list(c.operations()):
        params, body = c.request_of(path, method)
        if path == "/mqtt/ca" and method == "DELETE":
            continue  # below, after an upload
        needs = {k for req in op["security"] for k in req}
        c.call(elec, method, path, params=params, body=body,
               expect=200 if not needs else 401,
               request_valid=False)
        if "readToken" not in needs and needs:
            c.call(elec, method, path, params=params, body=body, token=TOKENS["read_token"], expect=403)
        if needs:
            expect = 400 if path == "/auth/tokens/confirm" else 200
            token = TOKENS["read_token"] if "readToken" in needs else TOKENS["write_token"]
            c.call(elec, method, path, params=params, body=body, token=token, expect=expect)
    c.call(elec, "DELETE", "/mqtt/ca", expect=401, request_valid=False)
    c.call(elec, "DELETE", "/mqtt/ca", token=TOKENS["read_token"], expect=403)
    c.call(elec, "DELETE", "/mqtt/ca", token=TOKENS["write_token"], expect=200)
    c.configure(elec, {"auth_required": False})

    # Heap protection (503) and the rate limit (429) on every endpoint.
    c.configure(elec, {"busy": True})
    c.every_operation(elec, expect=503)
    # A limit of 0 requests: every request is one too many.
    c.configure(elec, {"busy": False, "rate_limit": True, "rate_limit_requests": 0,
                       "rate_limit_window_ms": 10000})
    c.every_operation(elec, expect=429)
    c.configure(elec, {"rate_limit": False, "rate_limit_requests": 25})

    # A gas meter: m³ keys and the gw block, m³ history, no IR transceiver, no SML buffer.
    c.configure(gas, {"auth_required": False, "rate_limit": False})
    latest = c.call(gas, "GET", "/history/latest", expect=200).json()
    assert "gw" in latest and "7-0:3.0.0" in latest, latest
    c.call(gas, "GET", "/history/highRes", params={"date": (today - timedelta(days=1)).isoformat()}, expect=200)
    c.call(gas, "GET", "/history/lowRes", params={"start": (today - timedelta(days=7)).isoformat(), "days": 7}, expect=200)
    c.call(gas, "GET", "/system/info", expect=200)
    c.call(gas, "POST", "/system/selftest", expect=404)
    c.call(gas, "GET", "/logs/rawdump", expect=404)

    missing = [f"{m} {p}" for m, p, _ in c.operations() if (m, p) not in c.seen]
    assert not missing, f"not covered: {missing}"
    operations = len(list(c.operations()))
    answers = sum(len(s) for s in c.seen.values())
    print(f"{c.checked} requests and answers valid; {operations} operations covered, "
          f"{answers} (operation, status) pairs")


# The API examples: which answer each one is.
FIXTURES = {
    "history_highres_electricity.json": "/history/highRes",
    "history_highres_gas.json": "/history/highRes",
    "history_latest_electricity.json": "/history/latest",
    "history_latest_gas.json": "/history/latest",
    "history_lowres_electricity.json": "/history/lowRes",
    "history_lowres_gas.json": "/history/lowRes",
    "settings_get.json": "/settings",
    "system_info.json": "/system/info",
}


def fixtures(c: Checker, folder: str) -> None:
    files = sorted(Path(folder).glob("*.json"))
    assert {f.name for f in files} == set(FIXTURES), "a fixture without its endpoint here"
    for f in files:
        path = FIXTURES[f.name]
        args = {"date": "2024-03-08"} if path.endswith("highRes") else (
            {"start": "2024-03-01", "days": "2"} if path.endswith("lowRes") else None)
        req = MockRequest("http://wattwaechter-aabbccddeeff.local", "get", f"/api/v1{path}", args=args)
        resp = MockResponse(f.read_bytes(), status_code=200)
        try:
            c.openapi.validate_response(req, resp)
        except Exception as e:  # noqa: BLE001
            raise AssertionError(f"{f.name} as {path}: {short(e)}") from None
        c.checked += 1
    print(f"{c.checked} API examples valid")


def recorded(c: Checker, file: str) -> None:
    from urllib.parse import parse_qsl, urlsplit

    calls = json.loads(Path(file).read_text())
    assert calls, "no requests recorded"
    for call in calls:
        url = urlsplit(call["url"])
        headers = {k: v for k, v in call["headers"].items()}
        body = call["body"].encode() if call["body"] is not None else None
        req = MockRequest(f"{url.scheme}://{url.netloc}", call["method"].lower(), url.path,
                          args=dict(parse_qsl(url.query)), headers=headers, data=body,
                          content_type=headers.get("Content-Type", "application/json"))
        try:
            c.openapi.validate_request(req)
        except Exception as e:  # noqa: BLE001
            raise AssertionError(f"{call['method']} {call['url']}: {short(e)}") from None
        c.checked += 1
    methods = {(c["method"], urlsplit(c["url"]).path) for c in calls}
    print(f"{c.checked} requests of the vendor client valid ({len(methods)} operations)")


def main() -> None:
    doc, mode, *rest = sys.argv[1:]
    c = Checker(doc)
    if mode == "simulators":
        simulators(c, *rest)
    elif mode == "fixtures":
        fixtures(c, *rest)
    elif mode == "requests":
        recorded(c, *rest)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
