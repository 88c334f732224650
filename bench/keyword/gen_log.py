#!/usr/bin/env python3
"""Writes a synthetic application log: N lines of ~100 bytes, 1% of them with ERROR."""
import random
import sys

path, lines = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
rnd = random.Random(42)
levels = ["INFO", "DEBUG", "WARN"]
with open(path, "w") as out:
    buf = []
    for i in range(lines):
        level = "ERROR" if i % 100 == 7 else levels[i % 3]
        buf.append("2026-12-02 14:%02d:%02d.%03d [worker-%02d] %-5s com.example.app.Service - request %08d took %d ms user=%06d\n"
                   % (i // 60 % 60, i % 60, i % 1000, i % 16, level, i, rnd.randint(1, 999), rnd.randint(0, 999999)))
        if len(buf) >= 10000:
            out.write("".join(buf))
            buf = []
    out.write("".join(buf))
