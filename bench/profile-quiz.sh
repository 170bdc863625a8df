#!/usr/bin/env bash
# Bot-process CPU per answered question under the load tool's quiz scenario, optionally with a profile.
# Samples the bot's utime+stime (/proc/<pid>/stat) and the answers and interaction receipts in its SQLite file at two
# points of the steady state, so the figure is CPU time (comparable on a shared machine), not wall time.
#   bash bench/profile-quiz.sh [measured-seconds] [none|dotnet-trace|perf] [output-folder]
# SETTLE (default 12) is the seconds of load before the first sample. Needs sqlite3; `perf` or dotnet-trace for a profile
# (dotnet tool install --tool-path /work/tools dotnet-trace --version 10.0.750501; DOTNET_TRACE overrides the path).
# Build first: dotnet build -c Release bench/QuizBot.LoadGen
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}; trace=${2:-none}; out=${3:-$(mktemp -d /tmp/quizbot-profile-XXXX)}
settle=${SETTLE:-12}
mkdir -p "$out"
gen=$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll
perfmap=0; [ "$trace" = perf ] && perfmap=1
# perf resolves JIT-compiled frames through /tmp/perf-<pid>.map, which needs W^X off.
DOTNET_PerfMapEnabled=$perfmap DOTNET_EnableWriteXorExecute=$((1 - perfmap)) \
  dotnet "$gen" --scenario quiz --duration $((secs + settle + 4)) --warmup 3 > "$out/loadgen.txt" 2>&1 &
loadgen=$!
bot=""
for _ in $(seq 1 300); do bot=$(pgrep -P $loadgen -f quizbot.dll | head -1 || true); [ -n "$bot" ] && break; sleep 0.2; done
[ -n "$bot" ] || { echo "the bot process did not start; see $out/loadgen.txt"; exit 1; }
db=$(readlink /proc/$bot/cwd)/bot.db
sleep "$settle"
count() { sqlite3 -cmd '.timeout 5000' "file:$db?mode=ro" "SELECT (SELECT count(*) FROM answers) || ' ' || (SELECT count(*) FROM interaction_receipts);"; }
read -r u0 s0 < <(cut -d' ' -f14,15 /proc/$bot/stat); read -r a0 r0 < <(count)
case $trace in
  dotnet-trace) "${DOTNET_TRACE:-/work/tools/dotnet-trace}" collect -p "$bot" --duration "00:00:00:$secs" -o "$out/bot.nettrace" > "$out/trace.log" 2>&1 ;;
  perf) perf record -F 499 -g -p "$bot" -o "$out/perf.data" -- sleep "$secs" > "$out/perf.log" 2>&1 ;;
  *) sleep "$secs" ;;
esac
read -r u1 s1 < <(cut -d' ' -f14,15 /proc/$bot/stat); read -r a1 r1 < <(count)
wait $loadgen || { echo "load run failed; see $out/loadgen.txt"; exit 1; }
tick=$(getconf CLK_TCK)
awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v a=$((a1 - a0)) -v r=$((r1 - r0)) -v t="$tick" 'BEGIN {
  cpu = (u + s) * 1e6 / t
  printf "answered %d, interactions %d (%.2f per answered question)\n", a, r, r / a
  printf "bot CPU per answered question: %.0f us (user %.0f, system %.0f); per interaction: %.0f us\n", cpu / a, u * 1e6 / t / a, s * 1e6 / t / a, cpu / r }'
case $trace in
  dotnet-trace) "${DOTNET_TRACE:-/work/tools/dotnet-trace}" report "$out/bot.nettrace" topN -n 15 --inclusive ;;
  perf) perf report -i "$out/perf.data" --no-children --sort dso -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12 ;;
esac
echo "output in $out"
