#!/usr/bin/env bash
# Open loop at 500/s (30 s warm-up, 20 s measured) with dotnet-trace on the bot (GC, JIT, thread pool, Kestrel's requests)
# and on the generator (GC) for 16 s of the measured phase; then read it with QuizBot.TailTrace.
#   bash bench/QuizBot.TailTrace/trace-run.sh OUTDIR [load tool options, e.g. --bot-setting DOTNET_GCgen0size=0x1000000]
# GEN overrides the load tool (e.g. a copy of an older build's folder, for an A/B); DOTNET_TRACE the tool's path.
set -u
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
out=$1; shift
source "$here/start-load.sh"
start_load "$out" "${GEN:-$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll}" 20 33 "$@"
trace=${DOTNET_TRACE:-/work/tools/dotnet-trace}
nice -n -10 "$trace" collect -p "$bot" --providers 'Microsoft-Windows-DotNETRuntime:0x14011:5,Microsoft-AspNetCore-Server-Kestrel:0:5' --duration 00:00:00:16 -o "$out/bot.nettrace" > "$out/trace.log" 2>&1 &
nice -n -10 "$trace" collect -p "$lg" --providers 'Microsoft-Windows-DotNETRuntime:0x1:4' --duration 00:00:00:16 -o "$out/gen.nettrace" > "$out/trace-gen.log" 2>&1 &
wait
uptime >> "$out/load.txt"
dotnet "$root/bench/QuizBot.TailTrace/bin/Release/net10.0/QuizBot.TailTrace.dll" "$out/bot.nettrace"
