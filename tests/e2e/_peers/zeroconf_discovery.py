"""Discovers a HomeWizard P1 meter the way Home Assistant does, then reads it.

Run inside a network namespace (the test makes one): starts the command given after "--" (the real
a1mb), browses for _hwenergy._tcp with python-zeroconf (Debian python3-zeroconf, the library Home
Assistant's zeroconf discovery uses), checks the TXT records as Home Assistant's HomeWizard config
flow does (api_enabled, path = /api/v1, product_name, product_type, serial), reads /api and
/api/v1/data at the discovered IPv4 address on port 80 (as Home Assistant's client does, it ignores
the SRV port), stops a1mb with SIGTERM and waits for the goodbye. Prints one JSON line per event;
the test reads them.

Usage: zeroconf_discovery.py SECONDS -- COMMAND...
"""

import json
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from zeroconf import ServiceBrowser, ServiceListener, Zeroconf

SERVICE = "_hwenergy._tcp.local."


def emit(event, **fields):
    print(json.dumps({"event": event, **fields}), flush=True)


class Listener(ServiceListener):
    def __init__(self):
        self.added = threading.Event()
        self.removed = threading.Event()
        self.info = None

    def add_service(self, zc, type_, name):
        info = zc.get_service_info(type_, name, timeout=3000)
        if info is None:
            emit("unresolved", name=name)
            return
        props = {k.decode(): (v.decode() if v is not None else None) for k, v in info.properties.items()}
        emit("add", name=name, server=info.server, addresses=info.parsed_addresses(),
             port=info.port, properties=props)
        self.info = info
        self.added.set()

    def update_service(self, zc, type_, name):
        emit("update", name=name)

    def remove_service(self, zc, type_, name):
        emit("remove", name=name)
        self.removed.set()


def http_get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def main():
    seconds = float(sys.argv[1])
    command = sys.argv[sys.argv.index("--") + 1:]
    a1mb = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=sys.stderr)
    zc = Zeroconf()
    listener = Listener()
    ServiceBrowser(zc, SERVICE, listener)
    try:
        if not listener.added.wait(seconds):
            emit("timeout", waiting_for="add")
            return
        props = listener.info.properties
        required = [b"api_enabled", b"path", b"product_name", b"product_type", b"serial"]
        emit("config_flow", valid=all(k in props for k in required) and props[b"path"] == b"/api/v1")
        host = next(a for a in listener.info.parsed_addresses() if ":" not in a)
        # Home Assistant reads the API a moment after discovery; telegrams arrive every 0.5 s.
        deadline = time.monotonic() + seconds
        while True:
            status, content_type, body = http_get(f"http://{host}/api/v1/data")
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        api = http_get(f"http://{host}/api")
        emit("api", status=api[0], content_type=api[1], body=json.loads(api[2]))
        emit("data", status=status, content_type=content_type, body=json.loads(body))
        # A browser that starts now asks, and must get an answer (not only the announcements).
        late = Zeroconf()
        info = late.get_service_info(SERVICE, listener.info.name, timeout=3000)
        emit("late_query", resolved=info is not None,
             addresses=info.parsed_addresses() if info else [], port=info.port if info else None)
        late.close()
        a1mb.send_signal(signal.SIGTERM)
        emit("stopped", code=a1mb.wait(timeout=10))
        emit("goodbye", seen=listener.removed.wait(5))
    finally:
        if a1mb.poll() is None:
            a1mb.kill()
        zc.close()


main()
