#!/usr/bin/env bash
# Installs Debian's chromium package, which the browser example's test drives headless
# (examples/browser.test.ts). Needs root (or sudo) and apt.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
