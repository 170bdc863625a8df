#!/usr/bin/env bash
# SQLite I/O system calls of the bot per answered question under the load tool's quiz scenario: WAL frames written
# (a frame is one pwrite64 of a page plus one of its 24-byte header), pwrite64 and pread64 calls on the database file
# and its WAL, counted by strace over a few seconds of the steady state against the answers stored meanwhile.
#   bash bench/strace-quiz.sh [traced-seconds]     (SETTLE, default 25, is the seconds of load before tracing)
# Needs strace, sqlite3 and python3. strace slows the bot, so read the counts per answered question, never the rate.
# Build first: dotnet build -c Release bench/QuizBot.LoadGen
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-5}; settle=${SETTLE:-25}
out=$(mktemp -d /tmp/quizbot-strace-XXXX)
gen=$root/bench/QuizBot.LoadGen/bin/Release/net10.0/QuizBot.LoadGen.dll
dotnet "$gen" --scenario quiz --duration $((secs + settle + 6)) --warmup 3 > "$out/loadgen.txt" 2>&1 &
loadgen=$!
bot=""
for _ in $(seq 1 300); do bot=$(pgrep -P $loadgen -f quizbot.dll | head -1 || true); [ -n "$bot" ] && break; sleep 0.2; done
[ -n "$bot" ] || { echo "the bot process did not start; see $out/loadgen.txt"; exit 1; }
db=$(readlink /proc/$bot/cwd)/bot.db
sleep "$settle"
count() { sqlite3 -cmd '.timeout 5000' "file:$db?mode=ro" "SELECT count(*) FROM answers;"; }
strace -f -y -tt -e trace=pwrite64,pread64 -p "$bot" -o "$out/strace.txt" 2> /dev/null &
tracer=$!
sleep 2
# The window is the time between the two counts, read from strace's own timestamps, so attaching and detaching do not count.
a0=$(count); t0=$(date +%H:%M:%S.%N)
sleep "$secs"
a1=$(count); t1=$(date +%H:%M:%S.%N)
kill -INT $tracer; wait $tracer || true
wait $loadgen || { echo "load run failed; see $out/loadgen.txt"; exit 1; }
python3 - "$out/strace.txt" $((a1 - a0)) "${t0:0:15}" "${t1:0:15}" <<'PY'
import re, sys
path, answered, t0, t1 = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
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
per = {k: v / max(answered, 1) for k, v in n.items()}
print(f"answered {answered} while traced; {n['commits']} commits ({per['commits']:.2f} per answered question, {n['frames'] / max(n['commits'], 1):.1f} WAL frames each)")
print(f"per answered question: WAL frames {per['frames']:.1f} (pwrite64 on the WAL {per['wal_writes']:.1f}), pread64 on the WAL {per['wal_reads']:.1f}, "
      f"on the database {per['db_reads']:.1f}; pwrite64 on the database {per['db_writes']:.1f}, on temporary files {per['temp_writes']:.1f}")
PY
echo "output in $out"
