#!/usr/bin/env bash
# Open loop at 500/s (30 s warm-up, 20 s measured) with dotnet-trace on the bot (GC, JIT, thread pool, Kestrel's requests)
# and on the generator (GC) for 16 s of the measured phase; then read it with QuizBot.TailTrace.
#   bash bench/QuizBot.TailTrace/trace-run.sh OUTDIR [load tool options, e.g. --bot-setting DOTNET_GCgen0size=0x1000000]
# GEN overrides the load tool (e.g. a copy of an older build's folder, for an A/B). Writing the autogroup's nice value is
# what gives the run its priority on a machine with sched_autogroup_enabled=1 (each shell job its own group): there
# `nice -n -10` alone only orders threads within the job. Needs root for a negative value.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$1; shift
mkdir -p $out
gen=${GEN:-$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll}
echo -10 > /proc/self/autogroup; cat /proc/self/autogroup > $out/autogroup.txt
uptime > $out/load.txt
nice -n -10 dotnet $gen --scenario quiz --rate 500 --duration 20 --warmup 30 "$@" > $out/loadgen.txt 2>&1 &
lg=$!
bot=""
for _ in $(seq 1 300); do bot=$(pgrep -P $lg -f quizbot.dll | head -1 || true); [ -n "$bot" ] && break; sleep 0.2; done
echo "bot $bot loadgen $lg" >> $out/load.txt
sleep 33
uptime >> $out/load.txt
nice -n -10 ${DOTNET_TRACE:-/work/tools/dotnet-trace} collect -p $bot --providers 'Microsoft-Windows-DotNETRuntime:0x14011:5,Microsoft-AspNetCore-Server-Kestrel:0:5' --duration 00:00:00:16 -o $out/bot.nettrace > $out/trace.log 2>&1 &
nice -n -10 ${DOTNET_TRACE:-/work/tools/dotnet-trace} collect -p $lg --providers 'Microsoft-Windows-DotNETRuntime:0x1:4' --duration 00:00:00:16 -o $out/gen.nettrace > $out/trace-gen.log 2>&1 &
wait $lg
wait
uptime >> $out/load.txt
dotnet $root/bench/QuizBot.TailTrace/bin/Release/net10.0/QuizBot.TailTrace.dll $out/bot.nettrace
