#!/usr/bin/env bash
# Runs the figure set of issue 15 §3 in one go, on a quiet machine, and writes every run's output, the machine and a
# ready-to-paste markdown table of the figures to one file (bench/results/<UTC time>.md, or $OUT):
#   1. the load tool's default run (as it is, whatever DURATION says): twenty rounds of a 1.5 s PING slice and a
#      1.5 s quiz slice, interleaved, same client, same bot process, and answered questions/s ÷ PING/s over all slices
#      with the rounds' median, quartiles and extremes (and, when Node.js is present, the same PING load against the
#      discord-interactions + Express reference after the last round);
#   2. the quiz open-loop at 500 interactions/s: p50/p90/p99/max from each intended send time;
#   3. a soak of SOAK_QUIZZES complete quizzes (default 10000; about 3 minutes on the project's 2-core machine) with
#      the bot's resident memory every 1,000;
#   4. process start → /healthz/ready: the median over the bot processes the runs above start;
#   5. the leaderboard and stats queries on 1,000,000 answers (BenchmarkDotNet; SKIP_LEADERBOARD=1 leaves it out,
#      about 7 minutes the first time, which builds the data).
# Settings: DURATION (seconds measured of the open loop, 15), RATE (500), RATE_WARMUP (30),
# SOAK_QUIZZES (10000), SKIP_LEADERBOARD, OUT.
# Exit non-zero when a run failed (an error, a lost or doubled answer); a missed target is reported, not failed.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-15}
rate=${RATE:-500}
# The open loop's p99 is a steady-state figure: 30 s of load first, so tier-up and the first checkpoints are behind it
# (the first seconds after a start are what start -> ready measures). RATE_WARMUP=5 gives the older, colder figure.
rate_warmup=${RATE_WARMUP:-30}
soak=${SOAK_QUIZZES:-10000}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=${OUT:-bench/results/$stamp.md}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
figures="$work/figures.tsv"
loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$figures"
failed=0

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "bench: building (Release)" >&2
dotnet build -c Release bench/QuizBot.LoadGen >/dev/null
# The bot as the Docker image holds it: `dotnet publish` (ReadyToRun), which is what start -> ready should time.
echo "bench: publishing the bot (Release, as the Dockerfile does)" >&2
dotnet publish src/QuizBot/QuizBot.csproj -c Release -o "$work/bot" >/dev/null
loadgen=(dotnet bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll --bot-build "$work/bot")

peer=()
if command -v node >/dev/null 2>&1 && bash bench/peer/install.sh >&2; then
  peer=(--peer)
else
  echo "bench: Node.js or the peer's packages are missing; the PING comparison with discord-interactions is left out" >&2
fi

# One run: its command and output go to the results file; its figures to $figures.
run() {
  local name=$1
  shift
  echo "bench: $name" >&2
  {
    echo "## $name"
    echo
    echo '```'
    echo "\$ dotnet run -c Release --project bench/QuizBot.LoadGen -- --bot-build <dotnet publish src/QuizBot -c Release -o DIR> $*"
  } >> "$work/runs.md"
  local rc=0
  "${loadgen[@]}" "$@" --figures-file "$figures" > "$work/run.txt" 2>&1 || rc=$?
  # The progress lines every 5 s are for a person watching; the results keep the rest.
  grep -v -E '^ +[0-9]+s +[0-9]+ requests' "$work/run.txt" >> "$work/runs.md" || true
  { echo '```'; echo; } >> "$work/runs.md"
  if [ "$rc" -ne 0 ]; then
    echo "bench: $name FAILED (exit $rc); see $out" >&2
    failed=1
  fi
}

run "PING and quiz interleaved (ratio)" "${peer[@]}"
run "quiz open loop at $rate/s" --scenario quiz --rate "$rate" --duration "$duration" --warmup "$rate_warmup"
run "soak of $soak quizzes" --quizzes "$soak"

leaderboard=""
if [ "${SKIP_LEADERBOARD:-0}" != 1 ]; then
  echo "bench: leaderboard and stats queries (BenchmarkDotNet)" >&2
  rm -rf BenchmarkDotNet.Artifacts/results
  if dotnet run -c Release --project bench/QuizBot.Benchmarks -- --filter '*Leaderboard*' > "$work/bdn.txt" 2>&1; then
    report=$(ls BenchmarkDotNet.Artifacts/results/*Leaderboard*-report-github.md 2>/dev/null | head -n 1 || true)
    if [ -n "$report" ]; then
      # The slowest mean of the suite, in ms, whatever unit BenchmarkDotNet chose for it.
      leaderboard=$(awk -F'|' '
        !col && /\| *Mean *\|/ { for (i = 1; i <= NF; i++) { h = $i; gsub(/ /, "", h); if (h == "Mean") col = i } next }
        col && $col ~ /[0-9]/ { v = $col; gsub(/[ ,*]/, "", v); u = v; sub(/^[0-9.]+/, "", u); sub(/[^0-9.]+$/, "", v)
          m = (u == "ns") ? v / 1e6 : (u == "us" || u == "μs") ? v / 1e3 : (u == "s") ? v * 1e3 : v; if (m > max) max = m }
        END { if (max != "") printf "%.3f", max }' "$report")
      { echo "## leaderboard and stats queries"; echo; echo '```'; echo "\$ dotnet run -c Release --project bench/QuizBot.Benchmarks -- --filter '*Leaderboard*'"; cat "$report"; echo '```'; echo; } >> "$work/runs.md"
    fi
  else
    echo "bench: the leaderboard benchmarks failed; see $work/bdn.txt" >&2
    tail -n 20 "$work/bdn.txt" >&2
    failed=1
  fi
fi

# The figures, by name; the last value when a name came more than once, all of them for start_to_ready_ms.
fig() { awk -F'\t' -v n="$1" '$1 == n { v = $2 } END { print v }' "$figures"; }
median_ready=$(awk -F'\t' '$1 == "start_to_ready_ms" { print $2 }' "$figures" | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "%.0f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
starts=$(awk -F'\t' '$1 == "start_to_ready_ms"' "$figures" | wc -l)
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { if (v == "") { print "not run"; exit } ok = (op == ">=") ? v >= t : v < t; print ok ? "met" : "missed" }'; }

ratio=$(fig ratio_answered_per_ping)
p99=$(fig quiz_open_p99_ms)
rss=$(fig soak_rss_end_mb)
growth=$(fig soak_rss_growth_mb)
times=$(fig ping_vs_peer)
rss_ok=$(verdict "$rss" "<" 150)
# "Flat": less than 5 MB of growth over the last half of the soak (the last 5,000 of 10,000 quizzes).
if [ -z "$growth" ]; then rss_ok="$rss_ok (flatness not measured: too few quizzes)";
elif [ "$(verdict "${growth#-}" "<" 5)" = missed ]; then rss_ok="missed (not flat)"; fi

table=$(cat <<TABLE
| figure | target | measured | |
| --- | --- | --- | --- |
| answered questions/s ÷ PING/s, same client, same run | ≥ 0.5 | **${ratio:-n/a}** ($(fig quiz_answered_per_s) answered/s ÷ $(fig ping_per_s) PING/s over $(fig ratio_rounds) rounds of interleaved PING and quiz slices; the rounds' median $(fig ratio_median), quartiles $(fig ratio_q1)–$(fig ratio_q3), min–max $(fig ratio_min)–$(fig ratio_max); by the CPU of bot and load tool $(fig ratio_by_cpu) × cores busy quiz $(fig quiz_cores_busy) ÷ PING $(fig ping_cores_busy); by the bot's CPU alone $(fig ratio_by_bot_cpu)) | $(verdict "$ratio" ">=" 0.5) |
| p99 at $rate interactions/s open-loop (quiz mix) | < 10 ms | **${p99:-n/a} ms** (p50 $(fig quiz_open_p50_ms), p90 $(fig quiz_open_p90_ms), max $(fig quiz_open_max_ms) ms; $(fig quiz_open_behind) of $(fig quiz_open_sent) sends left > 1 ms late, $(fig quiz_open_behind_scheduler) of them by the generator's own lateness) | $(verdict "$p99" "<" 10) |
| resident memory after $(fig soak_quizzes) quizzes | < 150 MB, flat over the last 5,000 | **${rss:-n/a} MB**, ${growth:-n/a} MB over the last $(fig soak_rss_growth_over_quizzes) quizzes | $rss_ok |
| process start → ready | < 1 s | **${median_ready:-n/a} ms** (median of $starts starts) | $(verdict "$median_ready" "<" 1000) |
| leaderboard / stats on 1,000,000 answers | < 5 ms | **${leaderboard:-n/a} ms** (slowest mean of the suite) | $(verdict "$leaderboard" "<" 5) |
| PING throughput vs the discord-interactions Express reference, same run | ≥ 5× | **${times:-n/a}×** ($(fig ping_per_s) vs $(fig peer_ping_per_s) PING/s) | $(verdict "$times" ">=" 5) |
TABLE
)

cpu=$(lscpu 2>/dev/null | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
memory=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
{
  echo "# QuizBot benchmark run $stamp"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); command: \`bash bench/run-benchmarks.sh\` (DURATION=$duration RATE=$rate RATE_WARMUP=$rate_warmup SOAK_QUIZZES=$soak)"
  echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, $memory RAM, $(uname -sr); load average before the runs: $loadavg"
  echo "- .NET SDK $(dotnet --version), runtime $(fig runtime), Release build; SQLite $(fig sqlite_version) (bundled with Microsoft.Data.Sqlite)"
  if [ ${#peer[@]} -gt 0 ]; then
    echo "- peer: node $(node --version), discord-interactions $(node -p "require('./bench/peer/node_modules/discord-interactions/package.json').version"), express $(node -p "require('./bench/peer/node_modules/express/package.json').version")"
  fi
  echo "- git: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo
  echo "## Figures (ready to paste into BENCHMARKS.md)"
  echo
  echo "$table"
  echo
  cat "$work/runs.md"
} > "$out"

echo >&2
echo "$table"
echo >&2
echo "bench: results in $out" >&2
exit "$failed"
