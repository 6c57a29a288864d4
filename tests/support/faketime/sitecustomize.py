"""Loaded by tests/at_any_hour.sh only (through PYTHONPATH), in every Python process of a run under libfaketime.

libfaketime shifts the monotonic clock's absolute deadlines too, so the kernel refuses `time.sleep` (EINVAL);
`select` takes a relative timeout, which it leaves alone.
"""
import select
import time


def _sleep(seconds: float) -> None:
    if seconds > 0:
        select.select([], [], [], seconds)


time.sleep = _sleep
