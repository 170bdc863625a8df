# Reads OUTDIR/offcpu.data (perf record -a -g -e sched:sched_switch, taken by offcpu-run.sh) and OUTDIR/botpid, and
# prints where the bot's threads were off a CPU: each switch-out of a bot thread paired with its next switch-in, by the
# state it left in (R = preempted, still runnable; D = uninterruptible, e.g. waiting for the disk or the journal;
# S = sleeping, e.g. an idle worker or a wait for another thread) and by the kernel frames it left from.
#   python3 bench/QuizBot.TailTrace/offcpu.py OUTDIR [min-ms, default 2]
import collections, re, subprocess, sys

d = sys.argv[1]
min_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
bot = int(open(d + '/botpid').read().strip())
tids = set()
names = {}
for line in open(d + '/threads.txt'):
    parts = line.split(' ', 1)
    tids.add(int(parts[0]))
    names[int(parts[0])] = re.sub(r'\s+\S+$', '', parts[1].strip())

script = subprocess.run(['perf', 'script', '-i', d + '/offcpu.data', '-F', 'tid,time,trace,ip,sym'],
                        capture_output=True, text=True).stdout.splitlines()
head = re.compile(r'^\s*(\d+)\s+([\d.]+):\s+prev_comm=.*? prev_pid=(\d+) .*?prev_state=(\S+) ==> next_comm=.*? next_pid=(\d+)')
events = []  # (time ms, prev tid, state, next tid, frames)
current = None
for line in script:
    m = head.match(line)
    if m:
        current = (float(m.group(2)) * 1000, int(m.group(3)), m.group(4), int(m.group(5)), [])
        events.append(current)
    elif current is not None and line.strip():
        parts = line.split(None, 1)
        if len(parts) == 2:
            current[4].append(parts[1].strip())

out_at = {}
blocks = []  # (start, length, tid, state, frames)
for t, prev, state, nxt, frames in events:
    if prev in tids:
        out_at[prev] = (t, state, frames)
    if nxt in tids and nxt in out_at:
        start, st, fr = out_at.pop(nxt)
        blocks.append((start, t - start, nxt, st, fr))

if not events:
    sys.exit('no sched_switch events')
span = events[-1][0] - events[0][0]
print(f'span {span / 1000:.1f} s; switch-outs of bot threads paired with their return: {len(blocks)}')

# Frames that say nothing about why: the scheduler's own and the syscall entry.
skip = re.compile(r'^(__schedule|schedule|schedule_timeout|schedule_hrtimeout_range.*|io_schedule|preempt_schedule.*|'
                  r'__cond_resched|_cond_resched|do_syscall_64|entry_SYSCALL_64.*|__x64_sys_.*|x64_sys_call|\[unknown\]|'
                  r'exit_to_user_mode.*|irqentry_exit.*|asm_.*|syscall_exit_to_user_mode.*|__irq_exit_rcu|sysvec_.*)(\+0x[0-9a-f]+)?$')


def why(frames):
    kept = [f.split('+')[0] for f in frames if not skip.match(f.split('+')[0])]
    return ' < '.join(kept[:4]) or '(no kernel frames)'


def kind(tid):
    return re.sub(r'[\d]+$', '', names.get(tid, str(tid))).strip() or str(tid)


for state in ('R', 'D', 'S'):
    rows = [b for b in blocks if b[3].startswith(state) and b[1] >= min_ms]
    allrows = [b for b in blocks if b[3].startswith(state)]
    total = sum(b[1] for b in allrows)
    print(f'\nstate {state}: {len(allrows)} switch-outs, {total / span * 1000:.0f} ms/s off CPU; {len(rows)} of them >= {min_ms} ms')
    agg = collections.defaultdict(list)
    for b in rows:
        agg[(kind(b[2]), why(b[4]) if state != 'R' else 'preempted')].append(b[1])
    for (k, w), lengths in sorted(agg.items(), key=lambda x: -sum(x[1]))[:12]:
        lengths.sort()
        print(f'  {len(lengths):5d} x, p50 {lengths[len(lengths) // 2]:6.2f} max {lengths[-1]:7.2f} ms  {k:24s} {w}')
