#!/usr/bin/env bash
# The whole suite, run with the machine's clock moved to the hours where Paris and UTC disagree on the date:
# New Year, the two changes of time, a summer midnight, a 29 February. Each run starts two minutes before the
# moment, so the suite crosses it. No test may depend on the hour it runs at (issue 12).
#
# Needs libfaketime (Debian: apt-get install faketime). PostgreSQL's clock cannot be moved with ours, so its
# tests are left to `make test`. About four minutes a moment on two CPUs.
set -uo pipefail
cd "$(dirname "$0")/.."

library=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -n 1)
if [[ -z "$library" ]]; then
    echo "libfaketime is missing: install Debian's faketime package (apt-get install faketime)." >&2
    exit 2
fi
installing=$(make --no-print-directory .venv/.installed fonts 2>&1) || { echo "$installing" >&2; exit 2; }

moments=("${@:-}")
if [[ -z "${moments[0]}" ]]; then
    moments=("2026-12-31 22:58" "2027-03-28 00:58" "2027-07-14 21:58" "2027-10-31 00:58" "2028-02-28 22:58")
fi

failed=0
for moment in "${moments[@]}"; do
    offset=$(( $(date -u -d "$moment UTC" +%s) - $(date -u +%s) ))
    echo "== suite from $moment UTC"
    # The monotonic clock stays real: asyncio and thread timeouts wait on it.
    env -u TEST_POSTGRES_URL LD_PRELOAD="$library" FAKETIME="+${offset}s" FAKETIME_DONT_FAKE_MONOTONIC=1 \
        PYTHONPATH="$PWD/tests/support/faketime" .venv/bin/python -m pytest -q -p no:cacheprovider -rf || failed=1
done
exit $failed
