"""A real `python -m bot run` process, stopped the way a service manager stops it, or killed."""
from __future__ import annotations

import signal
import subprocess


def stop(bot: subprocess.Popen, seconds: float = 15) -> None:
    """SIGTERM, as systemd sends it; killed only if it has not exited after `seconds`."""
    bot.send_signal(signal.SIGTERM)
    try:
        bot.wait(seconds)
    except subprocess.TimeoutExpired:
        bot.kill()
        bot.wait()


def kill(bot: subprocess.Popen) -> None:
    """SIGKILL: the process gets no chance to clean up, as in a crash or an out-of-memory kill."""
    bot.send_signal(signal.SIGKILL)
    bot.wait(10)
