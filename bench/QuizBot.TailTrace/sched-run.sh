#!/usr/bin/env bash
# Open loop at 500/s (30 s warm-up, 15 s measured) with `perf sched record -a` for 6 s of the measured phase, then
# sched-blame.py: each bot thread's CPU and scheduling delay, and what ran on the CPU while a bot thread waited > 2 ms.
#   bash bench/QuizBot.TailTrace/sched-run.sh OUTDIR bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll [options]
set -u
out=$1; gen=$2; shift 2
mkdir -p $out
echo -10 > /proc/self/autogroup
uptime > $out/load.txt
nice -n -10 dotnet $gen --scenario quiz --rate 500 --duration 15 --warmup 30 "$@" > $out/loadgen.txt 2>&1 &
lg=$!
bot=""
for _ in $(seq 1 300); do bot=$(pgrep -P $lg -f quizbot.dll | head -1 || true); [ -n "$bot" ] && break; sleep 0.2; done
echo "bot $bot loadgen $lg" >> $out/load.txt
sleep 36
uptime >> $out/load.txt
for t in /proc/$bot/task/*; do echo "$(basename $t) $(cat $t/comm) $(sed 's/.*) //' $t/stat | awk '{print $17}')"; done > $out/threads.txt
perf sched record -a -o $out/sched.data -- sleep 6 > $out/perf.log 2>&1
echo $bot > $out/botpid
wait $lg
uptime >> $out/load.txt
python3 "$(dirname "$0")/sched-blame.py" $out
