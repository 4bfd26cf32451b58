"""A scripted Modbus master on pymodbus (Debian python3-pymodbus 3.0), for a1mb's interop tests.

Usage: /usr/bin/python3 pymodbus_master.py '<json>'
  {"transport": "rtu", "device": "/dev/pts/3", "baud": 9600, "parity": "N", "ops": [...]}
  {"transport": "tcp", "host": "127.0.0.1", "port": 1502, "ops": [...]}
Each op: {"op": "read_input" | "read_holding", "address": A, "count": N, "slave": S}
         {"op": "write_register", "address": A, "value": V, "slave": S}
         {"op": "write_registers", "address": A, "values": [...], "slave": S}
         {"op": "read_coils", "address": A, "count": N, "slave": S}
Prints one JSON line: a list with, per op, {"registers": [...]}, {"ok": true} for a write,
{"exception": code}, or {"error": "text"} (no answer, a broken frame).
"""
import json
import sys

from pymodbus.client import ModbusSerialClient, ModbusTcpClient
from pymodbus.pdu import ExceptionResponse


def run(op, client):
    kind = op["op"]
    slave = op.get("slave", 2)
    if kind == "read_input":
        r = client.read_input_registers(op["address"], op["count"], slave=slave)
    elif kind == "read_holding":
        r = client.read_holding_registers(op["address"], op["count"], slave=slave)
    elif kind == "write_register":
        r = client.write_register(op["address"], op["value"], slave=slave)
    elif kind == "write_registers":
        r = client.write_registers(op["address"], op["values"], slave=slave)
    elif kind == "read_coils":
        r = client.read_coils(op["address"], op["count"], slave=slave)
    else:
        return {"error": "unknown op " + kind}
    if isinstance(r, ExceptionResponse):
        return {"exception": r.exception_code}
    if r is None or (hasattr(r, "isError") and r.isError()):
        return {"error": str(r)}
    if hasattr(r, "registers"):
        return {"registers": list(r.registers)}
    return {"ok": True}


def main():
    spec = json.loads(sys.argv[1])
    if spec["transport"] == "rtu":
        client = ModbusSerialClient(
            port=spec["device"],
            baudrate=spec.get("baud", 9600),
            parity=spec.get("parity", "N"),
            timeout=spec.get("timeout", 1),
            retries=0,
        )
    else:
        client = ModbusTcpClient(
            spec["host"], port=spec["port"], timeout=spec.get("timeout", 2), retries=0
        )
    if not client.connect():
        print(json.dumps([{"error": "cannot connect"}]))
        return 1
    results = []
    for op in spec["ops"]:
        try:
            results.append(run(op, client))
        except Exception as error:  # a peer error is a result, not a crash
            results.append({"error": repr(error)})
    client.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
