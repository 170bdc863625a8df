#!/usr/bin/env bash
# Open loop at 500/s (30 s warm-up, 15 s measured) with `perf sched record -a` for 6 s of the measured phase, then
# sched-blame.py: each bot thread's CPU and scheduling delay, and what ran on the CPU while a bot thread waited > 2 ms.
#   bash bench/QuizBot.TailTrace/sched-run.sh OUTDIR [load tool options]      (GEN overrides the load tool, as in trace-run.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
out=$1; shift
source "$here/start-load.sh"
start_load "$out" "${GEN:-$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll}" 15 36 "$@"
list_threads "$out"
perf sched record -a -o "$out/sched.data" -- sleep 6 > "$out/perf.log" 2>&1
wait
uptime >> "$out/load.txt"
python3 "$here/sched-blame.py" "$out"
