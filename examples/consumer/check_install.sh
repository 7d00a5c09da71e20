#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds the examples against it twice:
# with find_package(coach) and with pkg-config. Run by CTest (install_consumer).
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples/consumer" -B "$tmp/b" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/b" >/dev/null
"$tmp/b/consumer_cpp" | grep -q "categories: criticism"
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/b/consumer_c" | grep -q "restored: yes, stale: 0"
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
cc "$src/examples/c/minimal.c" -o "$tmp/pc" $(pkg-config --cflags --libs coach)
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/pc" | grep -q "analysis has stonewalling: yes"
test -x "$tmp/prefix/bin/coach"
"$tmp/prefix/bin/coach" rules check >/dev/null
echo "1 passed, 0 failed"
