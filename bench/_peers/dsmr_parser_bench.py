"""Times ndokter/dsmr_parser on one telegram file: TelegramParser(BELGIUM_FLUVIUS).parse,
which includes its CRC check. Prints one JSON line. Used by bench/decode_bench.ts.

usage: python3 dsmr_parser_bench.py PEER_SOURCE_DIR TELEGRAM_FILE ITERATIONS ROUNDS
"""
import json
import statistics
import sys
import time

peer_dir, telegram_file, iterations, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, peer_dir)

from dsmr_parser.parsers import TelegramParser  # noqa: E402
from dsmr_parser.telegram_specifications import BELGIUM_FLUVIUS  # noqa: E402

with open(telegram_file, "rb") as f:
    telegram = f.read().decode("ascii")

parser = TelegramParser(BELGIUM_FLUVIUS)
result = parser.parse(telegram, throw_ex=True)
objects = len(list(result))

for _ in range(max(1, iterations // 10)):
    parser.parse(telegram)

per_telegram_us = []
for _ in range(rounds):
    start = time.perf_counter()
    for _ in range(iterations):
        parser.parse(telegram)
    per_telegram_us.append((time.perf_counter() - start) / iterations * 1e6)

print(json.dumps({
    "us_per_telegram": statistics.median(per_telegram_us),
    "rounds_us": per_telegram_us,
    "objects": objects,
    "python": sys.version.split()[0],
}))
