# Reads OUTDIR/sched.data (perf sched record) and OUTDIR/botpid from sched-run.sh.
import sys, re, subprocess, collections
d = sys.argv[1]
bot = open(d + '/botpid').read().strip()
out = subprocess.run(['perf', 'sched', 'timehist', '-i', d + '/sched.data'], capture_output=True, text=True).stdout.splitlines()
rx = re.compile(r'^\s*([\d.]+)\s+\[(\d+)\]\s+(.*?)\[(\d+)(?:/(\d+))?\]\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)')
rows = []
for line in out:
    m = rx.match(line)
    if not m: continue
    t, cpu, name, tid, pid, wait, delay, run = m.groups()
    pid = pid or tid
    rows.append((float(t) * 1000, int(cpu), name.strip(), int(tid), int(pid), float(wait), float(delay), float(run)))
span = rows[-1][0] - rows[0][0]
print(f'span {span/1000:.1f} s, switches {len(rows)}')
bytask = collections.defaultdict(lambda: [0, 0.0, []])
for r in rows:
    if str(r[4]) != bot: continue
    k = re.sub(r'\d+$', '', r[2])
    bytask[k][0] += 1; bytask[k][1] += r[7]; bytask[k][2].append(r[6])
print('bot threads: runs, CPU ms/s, sched delay p50/p99/max ms (runnable but not running)')
for k, (n, run, delays) in sorted(bytask.items(), key=lambda x: -x[1][1]):
    ds = sorted(delays)
    print(f'  {k:28s} {n:6d} {run/span*1000:7.1f} {ds[len(ds)//2]:6.2f} {ds[min(len(ds)-1,int(len(ds)*.99))]:6.2f} {ds[-1]:7.2f}')
# who ran on the CPU while a bot thread waited > 2 ms
bycpu = collections.defaultdict(list)
for r in rows: bycpu[r[1]].append(r)
blame = collections.Counter(); total = 0.0; waits = 0
for r in rows:
    if str(r[4]) != bot or r[6] < 2: continue
    waits += 1
    end = r[0] - r[7]; start = end - r[6]
    for o in bycpu[r[1]]:
        os_, oe = o[0] - o[7], o[0]
        ov = min(oe, end) - max(os_, start)
        if ov > 0 and o is not r:
            who = ('bot:' + re.sub(r'\d+$', '', o[2])) if str(o[4]) == bot else ('other:' + re.sub(r'[\d/:]+$', '', o[2]))
            blame[who] += ov; total += ov
print(f'bot thread waits over 2 ms: {waits}; what ran on that CPU meanwhile (ms, share):')
for who, ms in blame.most_common(14): print(f'  {who:36s} {ms:8.1f} {ms/total*100:5.1f}%')
