#!/usr/bin/env python3
"""A minimal GSE agent for benchmarks: answers agent-info requests, drains data frames and
records, per data id, when the first frame arrived (monotonic ns, comparable with the launcher's
`date +%s%N` only through the wall clock, so wall-clock ns are written).

usage: fake_gse.py SOCKET_PATH REPORT_FILE
REPORT_FILE gets one line per data id: "<dataid> <wall-clock ns of the first frame>" and a final
line "frames <count>" when the process is terminated.
"""
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

path, report = sys.argv[1], sys.argv[2]
first = {}
frames = 0
lock = threading.Lock()
INFO = json.dumps({"bizid": 2, "cloudid": 0, "ip": "127.0.0.1", "bk_agent_id": "bench", "hostid": 1}).encode()


def read_fully(conn, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return bytes(buf)


def serve(conn):
    global frames
    try:
        while True:
            msgtype, dataid, _utc, bodylen, _r0, _r1 = struct.unpack(">IiIIII", read_fully(conn, 24))
            if bodylen:
                read_fully(conn, bodylen)
            if msgtype == 10:
                conn.sendall(struct.pack(">II", 10, len(INFO)) + INFO)
            elif msgtype == 9:
                now = time.time_ns()
                with lock:
                    frames += 1
                    if dataid not in first:
                        first[dataid] = now
                        with open(report, "a") as out:
                            out.write(f"{dataid} {now}\n")
    except (EOFError, ConnectionError):
        pass
    finally:
        conn.close()


def stop(*_):
    with open(report, "a") as out:
        out.write(f"frames {frames}\n")
    os._exit(0)


signal.signal(signal.SIGTERM, stop)
if os.path.exists(path):
    os.unlink(path)
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
server.listen(8)
while True:
    connection, _ = server.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
