#!/usr/bin/env bash
# Where the bot's CPU per answered question goes, stage by stage, and the same for a PING: a perf profile of each load
# (the bot as its own process, JIT frames named through DOTNET_PerfMapEnabled=1, DWARF call graphs so samples inside
# SQLite and libc still reach their managed caller) attributed by bench/attribute_stages.py, scaled by the bot's CPU
# per answered question (/proc, the profiled window: bench/profile-quiz.sh) and per PING (/proc, the load tool's
# measured phase). Also prints the load tool's own CPU per answered question and per PING, since it shares the cores.
#   bash bench/attribute-quiz.sh [profiled-seconds] [output-folder]
# SETTLE (default 30) is the seconds of quiz load before the profiled window (the JIT settles); SKIP_PING=1 profiles the
# quiz only; DETAIL=N lists each stage's N largest leaf frames. Needs perf, python3, sqlite3; about 2-3 minutes.
# Build first: dotnet build -c Release bench/QuizBot.LoadGen
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-15}; out=${2:-$(mktemp -d /tmp/quizbot-attribute-XXXX)}
mkdir -p "$out"
attribute() { python3 "$root/bench/attribute_stages.py" table "$1/perf.data" "/tmp/perf-$(cat "$1/bot.pid").map" "$2" "$3" --detail "${DETAIL:-0}"; }

echo "== quiz (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
PERF_CALLGRAPH=dwarf,16384 SETTLE=${SETTLE:-30} bash "$root/bench/profile-quiz.sh" "$secs" perf "$out/quiz" | tee "$out/quiz.txt" | grep -E '^(answered|bot CPU|load generator)'
quiz_us=$(sed -n 's/^bot CPU per answered question: \([0-9]*\) us.*/\1/p' "$out/quiz.txt")
quiz_client=$(sed -n 's/^load generator CPU per answered question: \([0-9]*\) us.*/\1/p' "$out/quiz.txt")
attribute "$out/quiz" "$quiz_us" "answered question" | tee "$out/quiz-stages.md"

[ "${SKIP_PING:-0}" = 1 ] && exit 0
echo
echo "== PING (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
mkdir -p "$out/ping"
gen=$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  dotnet "$gen" --scenario ping --warmup 8 --duration $((secs + 6)) > "$out/ping/loadgen.txt" 2>&1 &
loadgen=$!
bot=""
for _ in $(seq 1 300); do bot=$(pgrep -P $loadgen -f quizbot.dll | head -1 || true); [ -n "$bot" ] && break; sleep 0.2; done
[ -n "$bot" ] || { echo "the bot process did not start; see $out/ping/loadgen.txt"; exit 1; }
echo "$bot" > "$out/ping/bot.pid"
# Inside the measured phase: it starts 8 s after the bot is ready and lasts secs + 6 s.
sleep 11
perf record -F 499 --call-graph dwarf,16384 -p "$bot" -o "$out/ping/perf.data" -- sleep "$secs" > "$out/ping/perf.log" 2>&1
wait $loadgen || { echo "PING run failed; see $out/ping/loadgen.txt"; exit 1; }
ping_us=$(sed -n 's/^CPU of bot process .* = \([0-9.]*\) µs per request.*/\1/p' "$out/ping/loadgen.txt" | head -1)
ping_client=$(sed -n 's/^CPU of load generator .* = \([0-9.]*\) µs per request.*/\1/p' "$out/ping/loadgen.txt" | head -1)
grep -E 'requests/s|^CPU of' "$out/ping/loadgen.txt"
attribute "$out/ping" "$ping_us" "PING" | tee "$out/ping-stages.md"

echo
awk -v q="$quiz_us" -v qc="$quiz_client" -v p="$ping_us" -v pc="$ping_client" 'BEGIN {
  printf "CPU per answered question: bot %.0f + load tool %.0f = %.0f us; per PING: bot %.1f + load tool %.1f = %.1f us\n", q, qc, q + qc, p, pc, p + pc
  printf "answered/s / PING/s with both phases given the same cores: (bot + load tool per PING) / (per answered question) = %.3f; bot alone: %.3f\n", (p + pc) / (q + qc), p / q }'
echo "output in $out"
