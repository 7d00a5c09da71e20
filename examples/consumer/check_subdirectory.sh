#!/usr/bin/env bash
# A project that adds coach with add_subdirectory gets the library and the executable, and none of
# coach's tests, examples or benchmarks (COACH_BUILD_TESTS and COACH_BUILD_BENCH default to
# top-level builds only). Configures such a project and lists its targets; nothing is compiled.
#   check_subdirectory.sh SOURCE_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(consumer CXX)
add_subdirectory("$src" coach)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE coach::engine)
CMAKE
echo 'int main() {}' > "$work/main.cpp"
cmake -S "$work" -B "$work/build" -G Ninja > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
targets=$(ninja -C "$work/build" -t targets all)
fail=0
for t in coach_engine coach consumer; do
  grep -q "^$t:" <<<"$targets" || { echo "missing target: $t"; fail=1; }
done
for t in unit_tests c_api_tests example_cpp throughput; do
  grep -q "^$t:" <<<"$targets" && { echo "unexpected target: $t"; fail=1; }
done
[ -f "$work/build/CTestTestfile.cmake" ] && grep -q add_test "$work/build/coach/CTestTestfile.cmake" 2>/dev/null && { echo "coach's tests were registered"; fail=1; }
[ $fail -eq 0 ] && echo "ok: add_subdirectory gives the library and the executable, no tests, examples or benchmarks"
exit $fail
