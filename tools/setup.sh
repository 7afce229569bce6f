#!/usr/bin/env bash
# DrillSim set-up on a fresh Debian 12 machine: install what is missing, build, then
#   tools/setup.sh main   run the main job on the bundled park
#   tools/setup.sh test   run every test (ctest)
#   tools/setup.sh build  only install and build
#   tools/setup.sh check  the checking build (README "Reliability"): everything built by clang with
#                         AddressSanitizer and UndefinedBehaviorSanitizer in build-check/, every test
#                         run under them, then each fuzz target for DRILLSIM_FUZZ_SECONDS (60) seconds
#   tools/setup.sh lint   clang-tidy with the committed profile over scenarios/, sim/ and viz/ of
#                         the build in build/; fails on a warning not in tools/tidy-baseline.txt
# Run as root, or as a user who may sudo. Nothing is downloaded but Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-main}
case "$what" in main|test|build|check|lint) ;; *) echo "usage: tools/setup.sh main|test|build|check|lint" >&2; exit 64 ;; esac

# Every package the project builds, tests or runs with (README "Dependencies").
packages=(
  build-essential cmake ninja-build pkg-config git
  libsimgrid-dev libeigen3-dev libgdal-dev libicu-dev gdal-bin libyaml-cpp-dev nlohmann-json3-dev
  libsqlite3-dev libminizip-dev libxml2-dev
  libimgui-dev libstb-dev libfreetype-dev libpng-dev libglfw3-dev libgl-dev libgl1-mesa-dri xvfb xauth
  fonts-wqy-microhei gettext locales
  libreoffice-writer-nogui poppler-utils  # tests/report/docx-to-pdf.sh: the .docx laid out as PDF
  fontconfig  # tests/report/font-subset.sh: fc-query reads the font the HTML embeds
  libgtest-dev libgmock-dev libbenchmark-dev python3
  libopenmpi-dev openmpi-bin
)
# The checking build's compiler, sanitizer and fuzzer runtimes, and symbolizer.
[ "$what" = check ] && packages+=(clang libclang-rt-14-dev llvm)
# The linter.
[ "$what" = lint ] && packages+=(clang-tidy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Chinese locale, so that LANG=zh_CN.UTF-8 is a locale the machine has (README "Languages").
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Generating the zh_CN.UTF-8 locale"
  $sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen > /dev/null
  $sudo locale-gen > /dev/null
fi

jobs=$(nproc)
if [ "$what" = lint ]; then
  [ -f build/compile_commands.json ] || { echo "lint: build first (tools/setup.sh build)"; exit 1; }
  exec tools/tidy.sh build
fi
if [ "$what" = check ]; then
  mkdir -p build-check
  CC=clang CXX=clang++ cmake -S . -B build-check -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRILLSIM_WERROR=ON \
    -DDRILLSIM_SANITIZE=ON -DDRILLSIM_FUZZ=ON > build-check/configure.log 2>&1 || { cat build-check/configure.log; exit 1; }
  cmake --build build-check -j "$jobs"
  # A small quarantine keeps the forked replications' processes small (ASan's default is 256 MB).
  export ASAN_OPTIONS=quarantine_size_mb=16:abort_on_error=0:detect_stack_use_after_return=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-check --output-on-failure -j "$jobs" --timeout 1200
  tools/fuzz-corpus.sh build-check build-check/fuzz/seeds
  seconds=${DRILLSIM_FUZZ_SECONDS:-60}
  for target in scenario park results; do
    rm -rf "build-check/fuzz/$target" && mkdir -p "build-check/fuzz/$target" "build-check/fuzz/crashes"
    echo "fuzz_$target: $seconds s"
    build-check/tests/fuzz/fuzz_$target -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="build-check/fuzz/crashes/$target-" "build-check/fuzz/$target" "build-check/fuzz/seeds/$target" \
      > "build-check/fuzz/$target.log" 2>&1 || { tail -n 60 "build-check/fuzz/$target.log"; exit 1; }
    grep -E "^stat::number_of_executed_units|^Done" "build-check/fuzz/$target.log" || true
  done
  exit 0
fi
mkdir -p build
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRILLSIM_WERROR=ON > build/configure.log 2>&1 ||
  { cat build/configure.log; exit 1; }
if [ "$what" = main ]; then
  cmake --build build -j "$jobs" --target drillsim
else
  cmake --build build -j "$jobs"
fi

case "$what" in
  main)
    # Check every bundled scenario, then the main job: a Monte Carlo batch of the night chlorine
    # scenario's plans and their comparison. The results store is a build product, rewritten here.
    build/sim/drillsim validate data/scenarios/*.yaml
    mkdir -p build/results
    rm -f build/results/chlorine_night.gpkg build/results/chlorine_night.gpkg.writing
    build/sim/drillsim batch data/scenarios/chlorine_night.yaml --out build/results/chlorine_night.gpkg \
      --csv build/results/chlorine_night.csv
    echo
    build/sim/drillsim compare build/results/chlorine_night.gpkg
    ;;
  test)
    ctest --test-dir build --output-on-failure -j "$jobs"
    ;;
esac
