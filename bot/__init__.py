"""Front ends: Telegram, the terminal, the command line."""
import os

# python-telegram-bot 22 gives durations (RetryAfter.retry_after…) as int with a deprecation warning
# unless opted in to the coming datetime.timedelta; we read them as timedelta.
os.environ.setdefault("PTB_TIMEDELTA", "true")
