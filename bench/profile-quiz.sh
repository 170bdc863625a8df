#!/usr/bin/env bash
# Bot-process CPU per answered question under the load tool's quiz scenario, optionally with a profile.
# Samples the bot's utime+stime (/proc/<pid>/stat) and the answers and interaction receipts in its SQLite file at two
# points of the steady state, so the figure is CPU time (comparable on a shared machine), not wall time.
#   bash bench/profile-quiz.sh [measured-seconds] [none|dotnet-trace|perf|strace] [output-folder]
# PERF_CALLGRAPH (default fp) is perf's --call-graph: dwarf,16384 for bench/attribute-quiz.sh (unwinds through SQLite).
# SETTLE (default 12) is the seconds of load before the first sample. Needs sqlite3; `perf` or dotnet-trace for a profile
# (dotnet tool install --tool-path /work/tools dotnet-trace --version 10.0.750501; DOTNET_TRACE overrides the path).
# `strace` counts the SQLite files' system calls per answered question (WAL frames and commits, pwrite64 and pread64 on
# the database, its WAL and SQLite's temporary files) between the two samples, and splits the WAL frames by the table or
# index owning each page (dbstat on a copy of the file taken as the window ends; python3's sqlite3 has dbstat); it slows the bot, so its CPU figure is
# not comparable with the others' and its writes queue more than they would untraced. Needs strace and python3.
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
echo "$bot" > "$out/bot.pid"
sleep "$settle"
count() { sqlite3 -cmd '.timeout 5000' "file:$db?mode=ro" "SELECT (SELECT count(*) FROM answers) || ' ' || (SELECT count(*) FROM interaction_receipts);"; }
if [ "$trace" = strace ]; then
  strace -f -y -tt -e trace=pwrite64,pread64 -p "$bot" -o "$out/strace.txt" 2> /dev/null &
  tracer=$!
  sleep 2
fi
read -r u0 s0 < <(cut -d' ' -f14,15 /proc/$bot/stat); read -r a0 r0 < <(count); t0=$(date +%H:%M:%S.%N)
read -r gu0 gs0 < <(cut -d' ' -f14,15 /proc/$loadgen/stat)
case $trace in
  dotnet-trace) "${DOTNET_TRACE:-/work/tools/dotnet-trace}" collect -p "$bot" --duration "00:00:00:$secs" -o "$out/bot.nettrace" > "$out/trace.log" 2>&1 ;;
  perf) perf record -F 499 --call-graph "${PERF_CALLGRAPH:-fp}" -p "$bot" -o "$out/perf.data" -- sleep "$secs" > "$out/perf.log" 2>&1 ;;
  *) sleep "$secs" ;;
esac
read -r u1 s1 < <(cut -d' ' -f14,15 /proc/$bot/stat); read -r a1 r1 < <(count); t1=$(date +%H:%M:%S.%N)
read -r gu1 gs1 < <(cut -d' ' -f14,15 /proc/$loadgen/stat)
# A copy of the file (and its log) as the window ends: which table or index owns each page number the frames name.
if [ "$trace" = strace ]; then cp "$db" "$out/bot.db"; cp "$db-wal" "$out/bot.db-wal" 2> /dev/null || true; fi
# The traced window is the one between the two samples, read from strace's timestamps: attaching and detaching do not count.
if [ "$trace" = strace ]; then kill -INT $tracer; wait $tracer || true; fi
wait $loadgen || { echo "load run failed; see $out/loadgen.txt"; exit 1; }
tick=$(getconf CLK_TCK)
awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v a=$((a1 - a0)) -v r=$((r1 - r0)) -v g=$((gu1 + gs1 - gu0 - gs0)) -v t="$tick" 'BEGIN {
  cpu = (u + s) * 1e6 / t
  printf "answered %d, interactions %d (%.2f per answered question)\n", a, r, r / a
  printf "bot CPU per answered question: %.0f us (user %.0f, system %.0f); per interaction: %.0f us\n", cpu / a, u * 1e6 / t / a, s * 1e6 / t / a, cpu / r
  printf "load generator CPU per answered question: %.0f us; per interaction: %.0f us\n", g * 1e6 / t / a, g * 1e6 / t / r }'
case $trace in
  dotnet-trace) "${DOTNET_TRACE:-/work/tools/dotnet-trace}" report "$out/bot.nettrace" topN -n 15 --inclusive ;;
  strace)
python3 - "$out/strace.txt" $((a1 - a0)) "${t0:0:15}" "${t1:0:15}" "$out/bot.db" <<'PY'
import collections, re, sqlite3, sys
path, answered, t0, t1, copy = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
owner = dict((page, name) for name, page in sqlite3.connect(f"file:{copy}?mode=ro", uri=True).execute("SELECT name, pageno FROM dbstat"))
by_btree = collections.Counter()
n = dict.fromkeys(["frames", "commits", "wal_writes", "wal_reads", "db_reads", "db_writes", "temp_writes"], 0)
call = re.compile(r'^\d+\s+(\S+) (pwrite64|pread64)\(\d+<([^>]*)>(?:\(deleted\))?, "((?:[^"\\]|\\.)*)"(?:\.\.\.)?, (\d+),')
for line in open(path):
    m = call.match(line)
    if not m or not t0 <= m.group(1) <= t1:
        continue
    kind, file, data, size = m.group(2), m.group(3), m.group(4), int(m.group(5))
    wal = file.endswith("-wal")
    if "etilqs_" in file:
        # SQLite's temporary files (a statement or savepoint journal that outgrew memory, a sort).
        n["temp_writes"] += kind == "pwrite64"
    elif kind == "pread64":
        n["wal_reads" if wal else "db_reads"] += 1
    elif not wal:
        n["db_writes"] += 1
    else:
        n["wal_writes"] += 1
        if size == 24:
            # A frame header: page number, then the database size in pages for a commit's last frame, 0 for the others.
            header = data.encode("latin1").decode("unicode_escape").encode("latin1")
            n["frames"] += 1
            n["commits"] += header[4:8] != bytes(4)
            by_btree[owner.get(int.from_bytes(header[:4], "big"), "(page not in the copy)")] += 1
per = {k: v / max(answered, 1) for k, v in n.items()}
print(f"answered {answered} while traced; {n['commits']} commits ({per['commits']:.2f} per answered question, {n['frames'] / max(n['commits'], 1):.1f} WAL frames each)")
print(f"per answered question: WAL frames {per['frames']:.1f} (pwrite64 on the WAL {per['wal_writes']:.1f}), pread64 on the WAL {per['wal_reads']:.1f}, "
      f"on the database {per['db_reads']:.1f}; pwrite64 on the database {per['db_writes']:.1f}, on temporary files {per['temp_writes']:.1f}")
print("WAL frames per answered question by table or index: " + ", ".join(f"{name} {count / max(answered, 1):.2f}" for name, count in by_btree.most_common()))
PY
 ;;
  perf) perf report -i "$out/perf.data" --no-children --sort dso -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12 ;;
esac
echo "output in $out"
