#!/usr/bin/env bash
# Installs the Debian packages that the optional parts of `npm test` use; without them those
# cases are skipped with a message. clang/lld/wasi-libc build the C UDF guests, rustc with the
# wasm32 std builds the Rust guest, chromium runs the browser example. Needs root (or sudo) and apt.
set -euo pipefail
missing=()
command -v clang >/dev/null || missing+=(clang libclang-rt-14-dev-wasm32)
command -v wasm-ld >/dev/null || missing+=(lld)
[ -d /usr/lib/wasm32-wasi ] || [ -d /usr/share/wasi-sysroot ] || missing+=(wasi-libc)
[ -x /usr/bin/rustc ] || missing+=(rustc)
ls /usr/lib/rustlib/wasm32-unknown-unknown >/dev/null 2>&1 || missing+=(libstd-rust-dev-wasm32)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
