"""Process tuning applied at start-up.

Measured with benchmarks/catalogue_load.py: with Python's default collector thresholds, full
collections over the long-lived start-up heap (templates, the search index, imported libraries) stalled
the event loop for ~150 ms and made the service page's p99 latency 10x its median. Freezing what exists
after start-up and keeping the full collection rare removes those stalls (p99 154 ms -> 27 ms at 64
connections). A large young-generation threshold (50,000) made things worse again: each young
collection then took tens of milliseconds.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portal.settings import DEFAULT_IMAGE_WORKERS, DEFAULT_MAX_IMAGE_PIXELS

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from litestar import Litestar

GC_THRESHOLDS = (2_000, 10, 100)
_tuned = False


@asynccontextmanager
async def gc_lifespan(app: Litestar) -> AsyncIterator[None]:
    """Once per process (a worker), after the app has started: freeze the start-up heap."""
    global _tuned
    if not _tuned:
        _tuned = True
        gc.collect()
        gc.freeze()  # start-up objects are never scanned again
        gc.set_threshold(*GC_THRESHOLDS)
    yield


def _load_malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_malloc_trim()


def release_memory() -> None:
    """Give freed heap back to the operating system after a large, short-lived allocation.

    glibc keeps freed blocks of a decoded photo (tens to hundreds of MB, in the arena of the thread that
    decoded it) for reuse, so a worker's memory stayed at its peak after a burst of uploads (issue 14:
    2.0 GB after three 49 MP PNGs). malloc_trim(0) returns it (measured: 905 MB peak -> 81 MB kept ->
    33 MB after the trim for three 23 MP PNGs). A no-op where the C library has no malloc_trim."""
    if _malloc_trim is not None:
        _malloc_trim(0)


@dataclass(frozen=True)
class ImageWork:
    """Per process (one worker): the pixel limit of uploaded images and the slots for decoding them."""

    max_pixels: int
    workers: int
    slots: threading.BoundedSemaphore


def _image_work(max_pixels: int, workers: int) -> ImageWork:
    workers = max(1, workers)
    return ImageWork(max_pixels, workers, threading.BoundedSemaphore(workers))


_image_work_now = _image_work(DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_IMAGE_WORKERS)


def configure_image_work(max_pixels: int, workers: int) -> None:
    """Called by create_app() with PORTAL_MAX_IMAGE_PIXELS and PORTAL_IMAGE_WORKERS."""
    global _image_work_now
    if (max_pixels, max(1, workers)) != (_image_work_now.max_pixels, _image_work_now.workers):
        _image_work_now = _image_work(max_pixels, workers)


def image_work() -> ImageWork:
    return _image_work_now
