"""The pymodbus peer of a1mb's Modbus benchmarks (Debian python3-pymodbus 3.0, /usr/bin/python3).

Serves unit 2 with the registers the benchmarks read (input 0-1 = 230.2 V as a float, the same
as a1mb's answer shape) over TCP, RTU, or both from one asyncio loop (as a1mb serves both from
one process), and prints "ready" once it serves.

With "both", the registers are also rewritten 10 times a second (the work a telegram makes: a
new value in every measured register), so the peer is not spared the work a1mb does.

Usage: /usr/bin/python3 pymodbus_server.py tcp PORT
       /usr/bin/python3 pymodbus_server.py rtu DEVICE BAUD
       /usr/bin/python3 pymodbus_server.py both PORT DEVICE BAUD
"""
import asyncio
import logging
import sys

from pymodbus.datastore import (
    ModbusSequentialDataBlock,
    ModbusServerContext,
    ModbusSlaveContext,
)
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

logging.disable(logging.CRITICAL)

VOLTAGE = [0x4366, 0x3334]


def context():
    registers = [0] * 1000
    registers[0:2] = VOLTAGE
    # pymodbus datastores are 1-based internally: block address 1 serves protocol address 0.
    slave = ModbusSlaveContext(
        ir=ModbusSequentialDataBlock(1, registers),
        hr=ModbusSequentialDataBlock(1, registers),
        zero_mode=False,
    )
    return ModbusServerContext(slaves={2: slave}, single=False)


async def tcp_server(ctx, port):
    return await StartAsyncTcpServer(
        context=ctx,
        address=("127.0.0.1", port),
        framer=ModbusSocketFramer,
        defer_start=True,
    )


async def rtu_server(ctx, device, baud):
    server = await StartAsyncSerialServer(
        context=ctx,
        framer=ModbusRtuFramer,
        port=device,
        baudrate=baud,
        defer_start=True,
    )
    await server.start()  # opens the port (serve_forever alone does not, in 3.0)
    return server


async def telegrams(ctx):
    """Rewrites 200 input registers 10 times a second; registers 0-1 keep the answer."""
    slave = ctx[2]
    tick = 0
    while True:
        await asyncio.sleep(0.1)
        tick += 1
        slave.setValues(4, 2, [(tick + i) & 0xFFFF for i in range(200)])


async def main():
    kind = sys.argv[1]
    ctx = context()
    servers = []
    if kind in ("tcp", "both"):
        servers.append(await tcp_server(ctx, int(sys.argv[2])))
    if kind == "rtu":
        servers.append(await rtu_server(ctx, sys.argv[2], int(sys.argv[3])))
    if kind == "both":
        servers.append(await rtu_server(ctx, sys.argv[3], int(sys.argv[4])))
    tasks = [asyncio.create_task(s.serve_forever()) for s in servers]
    if kind == "both":
        tasks.append(asyncio.create_task(telegrams(ctx)))
    await asyncio.sleep(0.3)
    print("ready", flush=True)
    await asyncio.gather(*tasks)


if __name__ == "__main__":
    asyncio.run(main())
