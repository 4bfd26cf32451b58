"""The Modbus load of a1mb's soak benchmark (Debian python3-pymodbus 3.0, /usr/bin/python3).

Usage: /usr/bin/python3 soak_master.py '<json>'
  {"rtu": {"device": "/dev/pts/3", "baud": 115200}, "tcp": {"host": "127.0.0.1", "port": 1502},
   "rate": 100, "seconds": 3600, "slave": 2}
One thread per transport sends `rate` requests per second for `seconds`: the reads masters make
(voltages, total power, energies, identification) and, one request in a hundred, a read of 126
registers that must be answered with exception 03. Anything else is a failure: no answer, a
broken frame, an unexpected exception, or an implausible value while telegrams arrive.
Prints a JSON progress line per minute and a final JSON line (with the wall-clock ms of
every failure). After a failure the client opens its line again (an adapter plugged back).
"""
import json
import sys
import threading
import time

from pymodbus.client import ModbusSerialClient, ModbusTcpClient
from pymodbus.pdu import ExceptionResponse

OPS = [
    ("input", 0x0000, 6),  # phase voltages
    ("input", 0x0034, 2),  # total power
    ("input", 0x0048, 4),  # import/export kWh
    ("input", 0x000C, 6),  # phase powers
    ("holding", 0xFC00, 4),  # serial, meter code, firmware
]


def worker(name, client, rate, seconds, slave, stats, lock):
    period = 1.0 / rate
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        due = start + n * period
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        n += 1
        bad_request = n % 100 == 0
        try:
            if bad_request:
                r = client.read_input_registers(0, 126, slave=slave)
                ok = isinstance(r, ExceptionResponse) and r.exception_code == 3
                kind = "expected_exception"
            else:
                space, address, count = OPS[n % len(OPS)]
                read = client.read_input_registers if space == "input" else client.read_holding_registers
                r = read(address, count, slave=slave)
                ok = hasattr(r, "registers") and len(r.registers) == count
                if ok and space == "input" and address == 0:
                    ok = r.registers[0] != 0  # a live L1 voltage (telegrams every 100 ms)
                kind = "ok"
        except Exception as error:  # noqa: BLE001 - every failure is counted
            ok, kind, r = False, "error", error
        with lock:
            s = stats[name]
            s["requests"] += 1
            if ok:
                s[kind] += 1
            else:
                s["failures"] += 1
                s["failure_times"].append(int(time.time() * 1000))
                if len(s["failure_samples"]) < 10:
                    s["failure_samples"].append(f"{time.monotonic() - start:.1f}s: {r}")
        if not ok:
            # The adapter may have been unplugged and plugged back: open the line again.
            try:
                client.close()
                client.connect()
            except Exception:  # noqa: BLE001 - the next request counts the failure
                pass


def main():
    spec = json.loads(sys.argv[1])
    stats, lock, threads = {}, threading.Lock(), []
    for name in ("rtu", "tcp"):
        if name not in spec:
            continue
        t = spec[name]
        if name == "rtu":
            client = ModbusSerialClient(port=t["device"], baudrate=t["baud"], timeout=1, retries=0)
        else:
            client = ModbusTcpClient(t["host"], port=t["port"], timeout=1, retries=0)
        client.connect()
        stats[name] = {
            "requests": 0, "ok": 0, "expected_exception": 0, "failures": 0,
            "failure_times": [], "failure_samples": [],
        }
        threads.append(threading.Thread(
            target=worker,
            args=(name, client, spec["rate"], spec["seconds"], spec.get("slave", 2), stats, lock),
            daemon=True,
        ))
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        for t in threads:
            t.join(timeout=60)
        with lock:
            brief = {k: {kk: vv for kk, vv in v.items() if kk != "failure_times"} for k, v in stats.items()}
            print(json.dumps({"progress": brief}), flush=True)
    print(json.dumps({"final": stats}), flush=True)


if __name__ == "__main__":
    main()
