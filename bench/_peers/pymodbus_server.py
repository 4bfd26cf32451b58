"""The pymodbus peer of a1mb's Modbus benchmark (Debian python3-pymodbus 3.0, /usr/bin/python3).

Serves unit 2 with the registers the benchmark reads (input 0-1 = 230.2 V as a float, the same
as a1mb's answer shape) over TCP or RTU, and prints "ready" once it serves.

Usage: /usr/bin/python3 pymodbus_server.py tcp PORT
       /usr/bin/python3 pymodbus_server.py rtu DEVICE BAUD
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


def context():
    registers = [0] * 1000
    registers[0:2] = [0x4366, 0x3334]
    # pymodbus datastores are 1-based internally: block address 1 serves protocol address 0.
    slave = ModbusSlaveContext(
        ir=ModbusSequentialDataBlock(1, registers),
        hr=ModbusSequentialDataBlock(1, registers),
        zero_mode=False,
    )
    return ModbusServerContext(slaves={2: slave}, single=False)


async def main():
    kind = sys.argv[1]
    if kind == "tcp":
        server = await StartAsyncTcpServer(
            context=context(),
            address=("127.0.0.1", int(sys.argv[2])),
            framer=ModbusSocketFramer,
            defer_start=True,
        )
    else:
        server = await StartAsyncSerialServer(
            context=context(),
            framer=ModbusRtuFramer,
            port=sys.argv[2],
            baudrate=int(sys.argv[3]),
            defer_start=True,
        )
        await server.start()  # opens the port (serve_forever alone does not, in 3.0)
    task = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0.3)
    print("ready", flush=True)
    await task


if __name__ == "__main__":
    asyncio.run(main())
