"""A lean HTTP/1.1 load generator for the benchmarks: raw asyncio sockets in a process of its own.

httpx costs the client more CPU per request than our server spends on a cached page, and on a 2-core
machine the client's CPU is taken from the server. This generator writes prepared request bytes on
keep-alive connections and parses only the status line, the length and (when asked) the body.

Two modes:
* `run_for(...)`: every connection repeats the same GET for a fixed number of seconds;
* `run_requests(...)`: connections share a list of prepared requests until all are sent, and the
  bodies of the responses are returned (e.g. to collect tracking codes).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import time
from pathlib import Path
from typing import Any


def get_request(host: str, port: int, path: str, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def post_json_request(host: str, port: int, path: str, body: Any) -> bytes:
    payload = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n"
        f"Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if not chunked:
        return status, await reader.readexactly(length)
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        body += (await reader.readexactly(size + 2))[:-2]
        if size == 0:
            return status, body


async def _repeat(host: str, port: int, request: bytes, stop_at: float, latencies: list[float],
                  errors: list[int]) -> None:  # fmt: skip
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            writer.write(request)
            status, _ = await read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def _drive_for(host: str, port: int, request: bytes, connections: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[int] = []
    started = time.perf_counter()
    stop_at = started + seconds
    await asyncio.gather(*(_repeat(host, port, request, stop_at, latencies, errors) for _ in range(connections)))
    return {"latencies": latencies, "errors": len(errors), "elapsed": time.perf_counter() - started}


async def _drive_requests(host: str, port: int, requests: list[bytes], connections: int) -> dict:
    queue = list(reversed(requests))
    latencies: list[float] = []
    responses: list[tuple[int, bytes]] = []

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while queue:
                request = queue.pop()
                started = time.perf_counter()
                writer.write(request)
                responses.append(await read_response(reader))
                latencies.append(time.perf_counter() - started)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(connections)))
    return {"latencies": latencies, "responses": responses, "elapsed": time.perf_counter() - started}


def _in_process(function: Any, args: tuple, timeout: float) -> dict:
    """Run the generator in a fresh process, so it never shares an interpreter with anything else."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_child, args=(function, args, queue))
    process.start()
    result = queue.get(timeout=timeout)
    process.join()
    return result


def _child(function: Any, args: tuple, queue: multiprocessing.Queue) -> None:
    queue.put(asyncio.run(function(*args)))


def run_for(host: str, port: int, request: bytes, connections: int, seconds: float) -> dict:
    """{"latencies", "errors" (non-200 count), "elapsed"} of `connections` clients repeating `request`."""
    return _in_process(_drive_for, (host, port, request, connections, seconds), seconds + 120)


def run_requests(host: str, port: int, requests: list[bytes], connections: int, timeout: float = 600) -> dict:
    """{"latencies", "responses" [(status, body)], "elapsed"}: every request sent exactly once."""
    return _in_process(_drive_requests, (host, port, requests, connections), timeout)


def cpu_seconds(pid: int, *, group: bool = False) -> float:
    """utime + stime of a process (Linux /proc), robust to other load on the machine. With `group`, of
    every live process in the process group `pid` leads (the server and e.g. its classifier worker)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat") if group else [Path(f"/proc/{pid}/stat")]:
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if not group or int(fields[2]) == pid:  # fields[2] is the process group id
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")
