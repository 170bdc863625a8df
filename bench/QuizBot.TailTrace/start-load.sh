# Sourced by trace-run.sh and sched-run.sh: start_load OUTDIR GEN DURATION SETTLE [load tool options] starts the
# open loop at 500/s (30 s warm-up) with this job's autogroup at nice -10, sets $lg (the generator) and $bot (the bot
# process), then waits SETTLE seconds. Writing the autogroup's value is what gives the run its priority on a machine with
# sched_autogroup_enabled=1 (each shell job a group of its own): there `nice -n -10` alone only orders threads inside
# the job. Needs root for a negative value.
start_load() {
  local out=$1 gen=$2 duration=$3 settle=$4; shift 4
  mkdir -p "$out"
  echo -10 > /proc/self/autogroup; cat /proc/self/autogroup > "$out/autogroup.txt"
  uptime > "$out/load.txt"
  nice -n -10 dotnet "$gen" --scenario quiz --rate 500 --duration "$duration" --warmup 30 "$@" > "$out/loadgen.txt" 2>&1 &
  lg=$!
  bot=""
  for _ in $(seq 1 300); do bot=$(pgrep -P $lg -f quizbot.dll | head -1 || true); [ -n "$bot" ] && break; sleep 0.2; done
  echo "bot $bot loadgen $lg" >> "$out/load.txt"
  echo "$bot" > "$out/botpid"
  sleep "$settle"
  uptime >> "$out/load.txt"
}

# list_threads OUTDIR: each thread of the bot with its kernel name and nice value (the 19th field of stat; the name may
# hold spaces), to OUTDIR/threads.txt.
list_threads() {
  for t in /proc/$bot/task/*; do echo "$(basename $t) $(cat $t/comm) $(sed 's/.*) //' $t/stat | awk '{print $17}')"; done > "$1/threads.txt"
}
