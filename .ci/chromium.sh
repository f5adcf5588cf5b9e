#!/usr/bin/env bash
# Installs Debian's chromium for the web console's browser tests when it is missing (Playwright drives /usr/bin/chromium
# and never downloads a browser). Best effort: without it the browser tests report themselves skipped.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium.sh: /usr/bin/chromium is missing and cannot be installed here; the browser tests will be skipped" >&2
  exit 0
fi
echo "chromium.sh: installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
{ apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >/dev/null 2>&1 \
  || echo "chromium.sh: installing chromium failed; the browser tests will be skipped" >&2
exit 0
