#!/usr/bin/env bash
# Time from launch to a visible window, resident memory after start-up, and CPU used
# while idle, for Gradual and for an empty eframe window, under Xvfb.
#   scripts/measure-startup.sh [PLAN.ron]
# Needs: xvfb, xdotool (apt-get install xvfb xdotool libgl1-mesa-dri mesa-vulkan-drivers).
set -euo pipefail
cd "$(dirname "$0")/.."
plan=${1:-plans/half-marathon.ron}
cargo build --release --quiet --bin gradual --example empty_window
disp=":$(( 500 + RANDOM % 300 ))"
Xvfb "$disp" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=$disp XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
sleep 1
ticks=$(getconf CLK_TCK)

measure() { # name, command...
  local name=$1; shift
  local best=999999 rss=0 idle=0
  for run in 1 2 3 4 5; do
    local t0 pid t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 &
    pid=$!
    until xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do sleep 0.01; done
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    [ "$ms" -lt "$best" ] && best=$ms
    sleep 2
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    # CPU ticks used during 10 idle seconds (no input, nothing changing).
    local a b
    a=$(awk '{print $14+$15}' "/proc/$pid/stat")
    sleep 10
    b=$(awk '{print $14+$15}' "/proc/$pid/stat")
    idle=$(( (b - a) * 1000 / ticks ))
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  printf '%-36s first window %5d ms (best of 5)   RSS %4d MiB   idle CPU %4d ms / 10 s\n' "$name" "$best" "$rss" "$idle"
}

for r in wgpu glow; do
  GRADUAL_RENDERER=$r measure "empty eframe window, $r" target/release/examples/empty_window
  GRADUAL_RENDERER=$r measure "gradual $(basename "$plan"), $r" target/release/gradual "$plan"
done
if command -v GoldenCheetah >/dev/null; then
  measure "GoldenCheetah" GoldenCheetah
fi
