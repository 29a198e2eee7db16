"""Calls every public method of the vendor's Python client (aio-wattwaechter) against a
WattWächter and checks the documented values. Used by the simulator's interop test.

usage: python aio_wattwaechter_check.py [--record FILE] HOST [WRITE_TOKEN READ_TOKEN]

--record FILE writes every request the client sent (method, URL, headers, body) to FILE as
JSON, for the OpenAPI conformance check (tests/openapi/conformance.py).
"""

import asyncio
import inspect
import json
import sys
from datetime import datetime, timedelta, timezone

import aiohttp
from aio_wattwaechter import Wattwaechter
from aio_wattwaechter.exceptions import WattwaechterAuthenticationError, WattwaechterNotFoundError

CERT = "-----BEGIN CERTIFICATE-----\nMIIBinterop\n-----END CERTIFICATE-----"
called: set[str] = set()
# Every request sent, when recording.
sent: list[dict] = []
session: aiohttp.ClientSession | None = None


def client(host, token=None) -> Wattwaechter:
    """The vendor's client, over the recording session when there is one."""
    return Wattwaechter(host, token=token, session=session)


async def on_request_start(_session, ctx, params) -> None:
    ctx.record = {"method": params.method, "url": str(params.url),
                  "headers": dict(params.headers), "body": None}
    sent.append(ctx.record)


async def on_request_chunk_sent(_session, ctx, params) -> None:
    ctx.record["body"] = (ctx.record["body"] or "") + params.chunk.decode()


def recording_session() -> aiohttp.ClientSession:
    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(on_request_start)
    trace.on_request_chunk_sent.append(on_request_chunk_sent)
    return aiohttp.ClientSession(trace_configs=[trace])


def check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


async def call(client, name, *args, **kwargs):
    called.add(name)
    return await getattr(client, name)(*args, **kwargs)


async def main(host: str, write: str | None, read: str | None) -> None:
    today = datetime.now(timezone.utc).date()
    yesterday = (today - timedelta(days=1)).isoformat()
    week_ago = (today - timedelta(days=7)).isoformat()
    async with client(host, write) as c:
        alive = await call(c, "alive")
        check(alive.alive is True and alive.version, "alive")
        info = await call(c, "system_info")
        check(info.device_id and len(info.device_id) == 12, "system_info.device_id")
        check(info.model_id == "ww_plus" and info.product_name == "WattWächter Plus", "system_info model")
        check(info.firmware_version, "system_info.firmware_version")
        check(int(info.get_value("wifi", "signal_strength")) < 0, "signal strength")
        led = await call(c, "led")
        check(led.status.value == "OK" and led.color.value in ("green", "off"), "led")
        st = await call(c, "selftest")
        check(st.success and st.result == "SUCCESS", "selftest")
        scan = await call(c, "wifi_scan")
        check(scan.count == len(scan.networks) and scan.count > 0, "wifi_scan")
        tz = await call(c, "timezones")
        check(any(t.name == "Europe/Berlin" and t.utc_offset_min == 60 for t in tz), "timezones")
        meter = await call(c, "meter_data")
        check(meter is not None and meter.power is not None, "meter_data.power")
        check(meter.total_consumption > 0 and meter.total_feed_in >= 0, "meter_data totals")
        check(meter.get("96.50.1").value == "EMH", "string OBIS value")
        check(meter.medium.value == "electricity" and not meter.is_volume_meter, "medium")
        high = await call(c, "history_high_res", yesterday)
        check(len(high.items) == 96 and high.unit == "kWh", "history_high_res items")
        check(all(b.import_total_kwh >= a.import_total_kwh for a, b in zip(high.items, high.items[1:])), "readings grow")
        check(high.consumption > 0, "high res consumption")
        low = await call(c, "history_low_res", week_ago, 7)
        check(len(low.items) == 7 and low.unit == "kWh", "history_low_res")
        check(abs(sum(i.import_kwh for i in low.items) - low.consumption) < 0.05, "low res footer")
        dump = await call(c, "logs_rawdump")
        check(isinstance(dump, bytes) and len(dump) == 4096 and b"\x1b\x1b\x1b\x1b\x01\x01\x01\x01" in dump, "logs_rawdump")
        persistent = await call(c, "logs_persistent")
        check(isinstance(persistent, str) and ";" in persistent, "logs_persistent")
        ram = await call(c, "logs_ram")
        check(isinstance(ram, str) and len(ram) > 100, "logs_ram")
        ota = await call(c, "ota_check")
        check(ota.ok and ota.data.update_available and ota.data.version, "ota_check")
        check(await call(c, "ota_start") is True, "ota_start")
        settings = await call(c, "settings")
        check(settings.timezone == "Europe/Berlin" and settings.mqtt.port == 8883, "settings")
        applied = await call(c, "update_settings", {"device_name": "Interop", "ledEnable": False})
        check(applied == {"device_name": "Interop", "ledEnable": False}, "update_settings echo")
        settings = await call(c, "settings")
        check(settings.device_name == "Interop" and settings.led_enable is False, "settings updated")
        setup = await call(c, "setup_token")
        check(setup.get("readToken") and setup.get("writeToken"), "setup_token")
        ca = await call(c, "mqtt_ca_status")
        check(ca.has_custom_cert is False and ca.bundle_size > 0, "mqtt_ca_status")
        up = await call(c, "mqtt_ca_upload", CERT)
        check(up.success and up.bundle_size > ca.bundle_size, "mqtt_ca_upload")
        gone = await call(c, "mqtt_ca_delete")
        check(gone.success and gone.bundle_size == ca.bundle_size, "mqtt_ca_delete")
        try:
            await c.mqtt_ca_delete()
            check(False, "second mqtt_ca_delete must be 404")
        except WattwaechterNotFoundError:
            pass
        mqtt = await call(c, "mqtt_status")
        check(mqtt.state.value == "OFF" and not mqtt.connected, "mqtt_status")
        modbus = await call(c, "modbus_status")
        check(modbus.port == 502 and any(r.name == "W" for r in modbus.registers), "modbus_status")
        check(await call(c, "cloud_pair", "WW-ABCD2345") is True, "cloud_pair")
        check(await call(c, "cloud_unpair") is True, "cloud_unpair")
        check(await call(c, "reboot") is True, "reboot")
        if read:
            async with client(host, read) as r:
                check((await r.settings()).timezone == "Europe/Berlin", "READ token reads")
                try:
                    await r.reboot()
                    check(False, "READ token must not reboot")
                except WattwaechterAuthenticationError:
                    pass
            async with client(host) as anon:
                try:
                    await anon.settings()
                    check(False, "no token must be refused")
                except WattwaechterAuthenticationError:
                    pass
        gen = await call(c, "generate_tokens")
        check(gen.success and gen.token_read and gen.token_write and gen.expires_in == 60, "generate_tokens")
        check(await call(c, "confirm_tokens", gen.token_write) is True, "confirm_tokens")
    async with client(host, gen.token_write) as fresh:
        check((await fresh.settings()).device_name == "Interop", "new token works")
    if write:
        async with client(host, write) as old:
            try:
                await old.settings()
                check(False, "the old token must be gone")
            except WattwaechterAuthenticationError:
                pass
    public = {
        n for n, f in inspect.getmembers(Wattwaechter, inspect.iscoroutinefunction)
        if not n.startswith("_") and n != "close"
    }
    check(public == called, f"not called: {sorted(public - called)}")
    print(f"aio-wattwaechter: {len(called)} public methods OK against {host} (auth {'on' if write else 'off'})")


if __name__ == "__main__":
    args = sys.argv[1:]
    record = None
    if args[:1] == ["--record"]:
        record, args = args[1], args[2:]

    async def run() -> None:
        global session
        if record:
            session = recording_session()
        try:
            await main(args[0], args[1] if len(args) > 1 else None, args[2] if len(args) > 2 else None)
        finally:
            if session:
                await session.close()

    asyncio.run(run())
    if record:
        with open(record, "w") as f:
            json.dump(sent, f, indent=1)
