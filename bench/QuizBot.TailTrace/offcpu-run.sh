#!/usr/bin/env bash
# Open loop at 500/s (30 s warm-up, 15 s measured) with `perf record -a -g -e sched:sched_switch` for 6 s of the measured
# phase, then offcpu.py: where the bot's threads were off a CPU, for how long, and from which kernel frames.
#   bash bench/QuizBot.TailTrace/offcpu-run.sh OUTDIR [load tool options]   (GEN overrides the load tool, as in trace-run.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
out=$1; shift
source "$here/start-load.sh"
start_load "$out" "${GEN:-$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll}" 15 36 "$@"
list_threads "$out"
perf record -a -g -e sched:sched_switch -o "$out/offcpu.data" -- sleep 6 > "$out/perf.log" 2>&1
wait
uptime >> "$out/load.txt"
python3 "$here/offcpu.py" "$out"
