"""Times ndokter/dsmr_parser on one telegram file: TelegramParser(BELGIUM_FLUVIUS).parse,
which includes its CRC check, and with "to_json" its Telegram.to_json() too (what `a1mb decode`
prints is JSON). Per telegram in µs of this process's CPU time (time.process_time). Prints one
JSON line. Used by bench/decode_bench.ts.

usage: python3 dsmr_parser_bench.py PEER_SOURCE_DIR TELEGRAM_FILE ITERATIONS ROUNDS [to_json]
"""
import json
import statistics
import sys
import time

peer_dir, telegram_file, iterations, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with_json = len(sys.argv) > 5 and sys.argv[5] == "to_json"
sys.path.insert(0, peer_dir)

from dsmr_parser.parsers import TelegramParser  # noqa: E402
from dsmr_parser.telegram_specifications import BELGIUM_FLUVIUS  # noqa: E402

with open(telegram_file, "rb") as f:
    telegram = f.read().decode("ascii")

parser = TelegramParser(BELGIUM_FLUVIUS)
result = parser.parse(telegram, throw_ex=True)
objects = len(list(result))


def one():
    parsed = parser.parse(telegram)
    if with_json:
        parsed.to_json()


for _ in range(max(1, iterations // 10)):
    one()

per_telegram_us = []
for _ in range(rounds):
    start = time.process_time()
    for _ in range(iterations):
        one()
    per_telegram_us.append((time.process_time() - start) / iterations * 1e6)

print(json.dumps({
    "us_per_telegram": statistics.median(per_telegram_us),
    "rounds_us": per_telegram_us,
    "objects": objects,
    "to_json": with_json,
    "python": sys.version.split()[0],
}))
