#!/usr/bin/env python3
"""A loopback TCP proxy that misbehaves on purpose, for Tests/JSFCommandLineTests/NetworkFaultTests.swift.

Usage: fault-proxy.py TARGET_PORT MODE_FILE PORT_FILE [LISTEN_PORT]

Listens on 127.0.0.1:LISTEN_PORT (0 or absent: a free port), writes the port it got to PORT_FILE, and forwards every
connection to 127.0.0.1:TARGET_PORT (git daemon). Each new connection reads MODE_FILE (absent: "pass"):

  pass        forward everything, both ways;
  stall N     once a pack starts (the bytes "PACK", in either direction: the hub's answer to a fetch or the
              client's push), forward N more bytes of it, then nothing more either way, the connection left open;
  cut N       the same, then close both sides of the connection;
  silent      accept the connection and never answer (the hub is not even called).

What it does goes to standard output, one line per event, for the test's failure messages.
"""
import os
import socket
import sys
import threading


def log(*words):
    print(*words, flush=True)


class Connection:
    def __init__(self, number, mode):
        parts = mode.split()
        self.number = number
        self.kind = parts[0] if parts else "pass"
        self.budget = int(parts[1]) if len(parts) > 1 else 0
        self.lock = threading.Lock()
        self.counted = None  # bytes of the pack forwarded so far, once it started
        self.halted = False
        self.sockets = []

    def allowance(self, tail, data):
        """How many bytes of `data` may go on; the rest triggers the fault."""
        if self.kind == "pass":
            return len(data)
        if self.counted is None:
            found = (tail + data).find(b"PACK")
            if found < 0:
                return len(data)
            start = found + 4 - len(tail)
            self.counted = 0
            allowed = min(len(data), start + self.budget)
            self.counted = allowed - start
            return allowed
        allowed = min(len(data), self.budget - self.counted)
        self.counted += allowed
        return allowed

    def close(self):
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                s.close()
            except OSError:
                pass


def pump(connection, source, destination, direction):
    tail = b""
    while True:
        try:
            data = source.recv(65536)
        except OSError:
            data = b""
        if not data:
            with connection.lock:
                # A stalled connection stays open towards the client whatever the hub does; the client leaving ends it.
                if connection.halted and connection.kind == "stall" and direction == "hub->client":
                    return
                if not connection.halted:
                    log(f"#{connection.number} {direction} closed")
                connection.halted = True
                connection.close()
            return
        with connection.lock:
            if connection.halted:
                continue  # stalled: read and drop, so that neither side is told anything
            allowed = connection.allowance(tail, data)
            try:
                destination.sendall(data[:allowed])
            except OSError:
                connection.halted = True
                connection.close()
                return
            if allowed < len(data):
                log(f"#{connection.number} {direction}: {connection.kind} after {connection.budget} bytes of the pack")
                connection.halted = True
                if connection.kind == "cut":
                    connection.close()
                    return
        tail = data[-3:]


def main():
    target_port, mode_file, port_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    listen_port = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", listen_port))
    listener.listen(64)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(listener.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    log(f"listening on {listener.getsockname()[1]}, forwarding to {target_port}")
    number = 0
    silent = []
    while True:
        client, _ = listener.accept()
        number += 1
        try:
            with open(mode_file) as f:
                mode = f.read().strip() or "pass"
        except OSError:
            mode = "pass"
        if mode == "silent":
            log(f"#{number} silent")
            silent.append(client)  # kept open, never read nor written
            continue
        try:
            upstream = socket.create_connection(("127.0.0.1", target_port))
        except OSError as error:
            log(f"#{number} cannot reach the target: {error}")
            client.close()
            continue
        connection = Connection(number, mode)
        connection.sockets = [client, upstream]
        log(f"#{number} {mode}")
        threading.Thread(target=pump, args=(connection, client, upstream, "client->hub"), daemon=True).start()
        threading.Thread(target=pump, args=(connection, upstream, client, "hub->client"), daemon=True).start()


if __name__ == "__main__":
    main()
