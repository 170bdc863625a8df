#!/usr/bin/env python3
"""Attributes a perf profile of the bot (recorded with DWARF call graphs and DOTNET_PerfMapEnabled=1) to the stages of
an interaction, and turns the shares into CPU µs per answered question (or per PING) with the bot's /proc CPU.

  attribute_stages.py table PERF_DATA PERF_MAP US_PER_UNIT UNIT [--detail N] [--script PERF_SCRIPT_OUTPUT]
  attribute_stages.py ratio-check LOADGEN_OUTPUT        (the default run's output: is answered/s ÷ PING/s the CPU ratio?)

Why its own unwinding: SQLite (libe_sqlite3) and glibc are built without frame pointers, so perf's frame-pointer call
chains stop inside them and about half of the quiz load's samples (SQLite, libc and the kernel below them) had no
managed caller. perf's DWARF unwinder gets through them but stops at the first JIT-compiled frame (the P/Invoke stub),
which has no unwind tables. From there the managed frames keep frame pointers, so this script finds the stub's return
address in the user stack perf copied with the sample, and walks the frame-pointer chain up from the stub's frame.
Each sample then goes to the stage of the frame nearest its leaf that names one (rules below); runtime threads,
drawing threads and the checkpointer go by thread name.
"""
import bisect
import re
import struct
import subprocess
import sys
from collections import Counter, defaultdict

STAGES = [
    ("verify", "verify (Ed25519: libsodium, NSec)"),
    ("http", "HTTP + sockets (Kestrel, System.Net, kernel network, request body)"),
    ("json", "JSON in/out (System.Text.Json)"),
    ("session", "session read (SqliteQuizStore.GetSessionAsync)"),
    ("reads", "other reads (/quiz start, rank, /stats and /leaderboard queries, settings)"),
    ("engine", "quiz engine, services, modules, views, pipeline, dispatcher"),
    ("write", "SQLite write path (answers, receipts: statements, commit, WAL writes, file I/O)"),
    ("checkpoint", "WAL checkpointer thread"),
    ("pictures", "pictures (drawing threads, SkiaSharp, REST edit delivering them)"),
    ("runtime", "GC, JIT, runtime, thread pool"),
    ("sqlite?", "SQLite, calling stage not found"),
    ("other", "other"),
]

THREAD_RULES = [
    (re.compile(r"^SQLite WAL"), "checkpoint"),
    (re.compile(r"^quizbot-pic"), "pictures"),
    (re.compile(r"^\.NET (Tiered|BGC|Finalizer|TP Gate|GC|SigHandler|EventPipe|Server GC|Background)"), "runtime"),
    (re.compile(r"^(\.NET Sockets|Kestrel)"), "http"),
]

# Native frames of the network path (loopback TCP in the kernel, the runtime's socket shims), wherever they sit.
NETWORK_SYMBOL = re.compile(r"^(tcp_|sock_|inet_|ip_|__netif|__sys_(sendto|recvfrom)|__libc_(send|recv)|ep_poll|epoll_wait"
                            r"|SystemNative_(Send|Receive|Read|Write|WaitForSocketEvents))")
# Threads spinning or parking with nothing else on their stack: the thread pool's own work.
PARKING_SYMBOL = re.compile(r"sched_yield|futex|pthread_cond")

DSO_RULES = [
    (re.compile(r"libclrjit"), "runtime"),
    (re.compile(r"libsodium"), "verify"),
    (re.compile(r"libSkiaSharp|libHarfBuzzSharp"), "pictures"),
]

WRITE_FRAME = re.compile(
    r"^QuizBot\.Sqlite\.(AnswerWriter|GroupCommit|PreparedCommands|SqliteWrite|SqliteInteractionReceiptStore|TriviaGameWrites)"
    r"|^QuizBot\.Sqlite\.SqliteQuizStore(::|\+<)(Apply|Open|RevealedSince)|^QuizBot\.Sqlite\.SqliteDatabase(::|\+<)BeginWrite"
    r"|StoreInteractionDeduplicator")

# Matched against "Owner::Method" of a managed frame (an async method's state machine is Owner+<Method>d__N::MoveNext).
MANAGED_RULES = [
    (re.compile(r"^NSec\.|InteractionRequestVerifier|SignedMessage"), "verify"),
    (re.compile(r"^SkiaSharp\.|^QuizBot\.Pictures\.|ProgressPictures|^QuizBot\.Discord\.Rest\."
                r"|InteractionDispatcher(::|\+<)(EditWhenReady|EditLater)"), "pictures"),
    (re.compile(r"WalCheckpointer"), "checkpoint"),
    (WRITE_FRAME, "write"),
    (re.compile(r"^QuizBot\.Sqlite\.SqliteQuizStore(::|\+<)GetSessionAsync"), "session"),
    (re.compile(r"^QuizBot\.Sqlite\.(SqlitePlayerStatsQuery|SqlitePlayerProgressQuery|SqliteGuildStore|SqliteStudyStore|SqliteTriviaStore"
                r"|SqliteQuizStore(::|\+<)Get)"), "reads"),
    (re.compile(r"^System\.Text\.Json\.|^System\.Text\.Encodings\.Web\.|DiscordJsonContext|^QuizBot\.Discord\.Json\."), "json"),
    (re.compile(r"^Microsoft\.AspNetCore\.|^System\.Net\.|^System\.IO\.Pipelines\.|InteractionEndpoint|DiscordEndpointRouteBuilder"), "http"),
    # Our code that is not the store's (QuizBot.Sqlite's helpers, e.g. opening a pooled connection, go to their caller).
    (re.compile(r"^QuizBot\.(?!Sqlite\.)"), "engine"),
    (re.compile(r"^System\.Threading\.(LowLevel|ThreadPool|PortableThreadPool|Thread::|WaitSubsystem|Monitor|TimerQueue)|^System\.GC"), "runtime"),
]

# The write path's parts, by its frame nearest the leaf (a group's commit holds answers and receipts together).
WRITE_PARTS = [
    (re.compile(r"SqliteWrite(::|\+<)Commit"), "commit: WAL frames, checksums, pwrite (answers and receipts of one group together)"),
    (re.compile(r"SqliteInteractionReceiptStore|StoreInteractionDeduplicator"), "receipt insert (the replay guard, every interaction)"),
    (re.compile(r"AnswerWriter|SqliteQuizStore(::|\+<)(Apply|RevealedSince)"), "the answer's statements (session CAS, step, answer, rollups)"),
    (re.compile(r"SqliteQuizStore(::|\+<)Open"), "opening a quiz (/quiz)"),
    (re.compile(r"."), "BEGIN, the writer's gate, group commit's own work"),
]

STORE_STAGES = {"write", "session", "reads"}
INHERITED = {"json", "runtime"}

SQLITE_FRAME = re.compile(r"^(Microsoft\.Data\.Sqlite|SQLitePCL|Dapper)\.")


def owner_method(symbol):
    """'instance void [Asm] Ns.Type::Method(args)[Tier]' -> 'Ns.Type::Method'; other symbols unchanged."""
    cut = symbol.find("::")
    if cut < 0:
        return symbol
    owner = symbol[:cut].split(" ")[-1]
    method = symbol[cut + 2:].split("(")[0]
    return f"{owner}::{method}"


def is_managed(dso):
    return "perf-" in dso and dso.endswith(".map")


def where(dso):
    """What kind of code a leaf frame is in, for the split columns."""
    if "kernel" in dso:
        return "kernel"
    if "sqlite" in dso:
        return "sqlite"
    if re.search(r"/libc\.so|/libm\.so|ld-linux", dso):
        return "libc"
    if is_managed(dso) or dso.endswith(".dll"):
        return "managed"
    if "libcoreclr" in dso or "libclrjit" in dso:
        return "runtime"
    return "native"


def classify(comm, frames):
    """The stage of one sample. frames: [(symbol, dso)] from the leaf to the root (managed symbols as Owner::Method).
    The frame nearest the leaf that names a stage decides, except that JSON and thread-pool waits called by the store
    (a session's JSON column, the writer's gate) are the store's."""
    for pattern, stage in THREAD_RULES:
        if pattern.search(comm):
            return stage
    pending = None
    for symbol, dso in frames:
        if not is_managed(dso):
            for pattern, stage in DSO_RULES:
                if pattern.search(dso):
                    return pending or stage
            if NETWORK_SYMBOL.search(symbol):
                return pending or "http"
            continue
        stage = next((stage for pattern, stage in MANAGED_RULES if pattern.search(symbol)), None)
        if stage is None:
            continue
        if pending is None and stage in INHERITED:
            pending = stage
        elif pending is None or stage in STORE_STAGES:
            return stage
        elif stage not in INHERITED:
            return pending
    if pending:
        return pending
    if any("sqlite" in dso or SQLITE_FRAME.search(symbol) for symbol, dso in frames):
        return "sqlite?"
    if any(PARKING_SYMBOL.search(symbol) or "libcoreclr" in dso for symbol, dso in frames):
        return "runtime"
    return "other"


class PerfMap:
    """/tmp/perf-<pid>.map: 'START SIZE name' lines written by the runtime for JIT-compiled code and stubs."""

    def __init__(self, path):
        rows = []
        with open(path, errors="replace") as f:
            for line in f:
                parts = line.rstrip("\n").split(" ", 2)
                if len(parts) == 3:
                    rows.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
        rows.sort()
        self.starts = [r[0] for r in rows]
        self.rows = rows

    def find(self, address):
        i = bisect.bisect_right(self.starts, address) - 1
        if i >= 0:
            start, size, name = self.rows[i]
            if start <= address < start + size:
                return name
        return None


SAMPLE_IDENTIFIER, SAMPLE_IP, SAMPLE_TID, SAMPLE_TIME, SAMPLE_ADDR, SAMPLE_READ, SAMPLE_CALLCHAIN = 1 << 16, 1, 2, 4, 8, 16, 32
SAMPLE_ID, SAMPLE_CPU, SAMPLE_PERIOD, SAMPLE_STREAM_ID, SAMPLE_RAW, SAMPLE_BRANCH_STACK = 64, 128, 256, 512, 1024, 2048
SAMPLE_REGS_USER, SAMPLE_STACK_USER = 4096, 8192
REG_BP, REG_SP = 6, 7


def read_user_stacks(path):
    """(tid, time) -> (rbp, rsp, stack bytes) for every sample of perf.data recorded with --call-graph dwarf."""
    data = open(path, "rb").read()
    if data[:8] != b"PERFILE2":
        raise SystemExit(f"{path}: not a perf.data file")
    attr_size, attrs_offset, attrs_size, data_offset, data_size = struct.unpack_from("<QQQQQ", data, 16)
    sample_type, read_format = struct.unpack_from("<QQ", data, attrs_offset + 24)[0], struct.unpack_from("<Q", data, attrs_offset + 32)[0]
    regs_mask = struct.unpack_from("<Q", data, attrs_offset + 80)[0]
    if attrs_size != attr_size:
        raise SystemExit("more than one event in the profile")
    if sample_type & (SAMPLE_RAW | SAMPLE_BRANCH_STACK) or not sample_type & SAMPLE_STACK_USER or read_format & 8:
        raise SystemExit("record with: perf record -F 499 --call-graph dwarf,16384 -p PID")
    regs = bin(regs_mask).count("1")
    bp_index = bin(regs_mask & ((1 << REG_BP) - 1)).count("1")
    sp_index = bin(regs_mask & ((1 << REG_SP) - 1)).count("1")
    stacks = {}
    at, end = data_offset, data_offset + data_size
    while at + 8 <= end:
        kind, _, size = struct.unpack_from("<IHH", data, at)
        if size == 0:
            break
        if kind == 9:
            p = at + 8
            tid = time = None
            for bit, width in ((SAMPLE_IDENTIFIER, 8), (SAMPLE_IP, 8), (SAMPLE_TID, 8), (SAMPLE_TIME, 8), (SAMPLE_ADDR, 8),
                               (SAMPLE_ID, 8), (SAMPLE_STREAM_ID, 8), (SAMPLE_CPU, 8), (SAMPLE_PERIOD, 8)):
                if sample_type & bit:
                    if bit == SAMPLE_TID:
                        tid = struct.unpack_from("<I", data, p + 4)[0]
                    elif bit == SAMPLE_TIME:
                        time = struct.unpack_from("<Q", data, p)[0]
                    p += width
            if sample_type & SAMPLE_READ:
                p += 8 * (1 + bool(read_format & 1) + bool(read_format & 2) + bool(read_format & 4) + bool(read_format & 16))
            if sample_type & SAMPLE_CALLCHAIN:
                p += 8 + 8 * struct.unpack_from("<Q", data, p)[0]
            rbp = rsp = 0
            if sample_type & SAMPLE_REGS_USER:
                abi = struct.unpack_from("<Q", data, p)[0]
                p += 8
                if abi:
                    values = struct.unpack_from(f"<{regs}Q", data, p)
                    rbp, rsp = values[bp_index], values[sp_index]
                    p += 8 * regs
            stack = b""
            stack_size = struct.unpack_from("<Q", data, p)[0]
            if stack_size:
                dyn = struct.unpack_from("<Q", data, p + 8 + stack_size)[0]
                stack = data[p + 8:p + 8 + min(dyn, stack_size)]
            stacks[(tid, time)] = (rbp, rsp, stack)
        at += size
    return stacks


def frame_chain(stack, base, frame, perf_map, limit=64):
    """Follows saved-rbp links from the frame record at address `frame` while they stay inside the copied stack."""
    out = []
    top = base + len(stack)
    while base <= frame and frame + 16 <= top and len(out) < limit:
        saved, ret = struct.unpack_from("<QQ", stack, frame - base)
        if ret == 0:
            break
        name = perf_map.find(ret)
        out.append((owner_method(name) if name else f"[unresolved {ret:x}]", "perf-map" if name else "?"))
        if saved <= frame:
            break
        frame = saved
    return [(s, "/tmp/perf-x.map" if d == "perf-map" else d) for s, d in out]


def managed_callers(stack, rsp, rbp, anchor, perf_map):
    """The managed frames above the first one perf's DWARF unwinder reached (anchor: its return address), or above
    the leaf when the leaf itself is managed (anchor None: the rbp register is the leaf's frame)."""
    if not stack:
        return []
    if anchor is None:
        return frame_chain(stack, rsp, rbp, perf_map)
    words = len(stack) // 8
    values = struct.unpack_from(f"<{words}Q", stack)
    # perf prints a caller's address as the return address minus one (the call instruction's last byte).
    found = [i for i, value in enumerate(values) if value in (anchor, anchor + 1)]
    if not found:
        return []
    start = found[0] + 1
    top = rsp + 8 * words
    for j in range(start, words - 1):
        saved, ret = values[j], values[j + 1]
        here = rsp + 8 * j
        if here < saved < top and saved % 8 == 0 and perf_map.find(ret):
            return frame_chain(stack, rsp, here, perf_map)
    return []


def write_part(frames):
    """Which part of the write path a sample of the write stage is in."""
    for symbol, dso in frames:
        if is_managed(dso) and WRITE_FRAME.search(symbol):
            return next(label for pattern, label in WRITE_PARTS if pattern.search(symbol))
    return WRITE_PARTS[-1][1]


def read_script(text):
    """perf script -F comm,tid,time,period,ip,sym,dso --ns output -> [(comm, tid, time_ns, period, [(ip, sym, dso)])]."""
    samples, current = [], None
    head = re.compile(r"^(.*?)\s+(\d+)\s+(\d+)\.(\d{9}):\s+(\d+)\s")
    frame = re.compile(r"^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)$")
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            m = head.match(line)
            if m:
                current = (m.group(1).strip(), int(m.group(2)), int(m.group(3)) * 10**9 + int(m.group(4)), int(m.group(5)), [])
                samples.append(current)
            continue
        m = frame.match(line)
        if m and current is not None:
            current[4].append((int(m.group(1), 16), m.group(2), m.group(3)))
    # perf lists inlined functions first with "(inlined)" for a file: they are in the file of the frame at that address.
    for sample in samples:
        frames = sample[4]
        for i in range(len(frames) - 2, -1, -1):
            if frames[i][2] == "inlined":
                frames[i] = (frames[i][0], frames[i][1], frames[i + 1][2])
    return samples


def attribute(perf_data, perf_map_path, detail=0, script_path=None):
    if script_path:
        script = open(script_path, errors="replace").read()
    else:
        script = subprocess.run(["perf", "script", "-i", perf_data, "-F", "comm,tid,time,period,ip,sym,dso", "--ns"],
                                capture_output=True, text=True, check=True).stdout
    perf_map = PerfMap(perf_map_path)
    stacks = read_user_stacks(perf_data)
    totals, split, tops, parts = Counter(), defaultdict(Counter), defaultdict(Counter), Counter()
    reached = Counter()
    for comm, tid, time, period, raw in read_script(script):
        frames = [(owner_method(sym) if is_managed(dso) else sym, dso) for _, sym, dso in raw]
        first_managed = next((i for i, (_, dso) in enumerate(frames) if is_managed(dso)), None)
        rbp, rsp, stack = stacks.get((tid, time), (0, 0, b""))
        if first_managed is not None:
            anchor = None if first_managed == 0 else raw[first_managed][0]
            callers = managed_callers(stack, rsp, rbp, anchor, perf_map)
            frames = frames[:first_managed + 1] + callers
            reached["walked" if callers else "stub only"] += period
        else:
            reached["no managed frame"] += period
        stage = classify(comm, frames)
        totals[stage] += period
        if stage == "write":
            parts[write_part(frames)] += period
        split[stage][where(raw[0][2]) if raw else "kernel"] += period
        if detail:
            leaf = frames[0][0] if frames else "?"
            caller = next((s for s, d in frames if is_managed(d) and re.match(r"^(QuizBot|Microsoft\.AspNetCore|NSec)\.", s)), "")
            tops[stage][f"{leaf[:60]}  <  {caller[:70]}"] += period
    return totals, split, tops, reached, parts


def print_table(totals, split, tops, reached, parts, us_per_unit, unit, detail):
    all_ = sum(totals.values())
    cols = ["kernel", "sqlite", "libc", "managed", "runtime", "native"]
    print(f"| stage | share of bot CPU | µs per {unit} | " + " | ".join(f"of which {c}" for c in cols) + " |")
    print("| --- | ---: | ---: | " + " | ".join("---:" for _ in cols) + " |")
    for key, label in STAGES:
        if not totals[key]:
            continue
        share = totals[key] / all_
        cells = [f"{100 * split[key][c] / totals[key]:.0f}%" for c in cols]
        print(f"| {label} | {100 * share:.1f}% | {us_per_unit * share:,.0f} | " + " | ".join(cells) + " |")
    print(f"| **total (the bot's /proc CPU)** | 100% | **{us_per_unit:,.0f}** | "
          + " | ".join(f"{100 * sum(split[k][c] for k in totals) / all_:.0f}%" for c in cols) + " |")
    if totals["write"]:
        print(f"\n| SQLite write path, by part | share of bot CPU | µs per {unit} |\n| --- | ---: | ---: |")
        for label, n in parts.most_common():
            print(f"| {label} | {100 * n / all_:.1f}% | {us_per_unit * n / all_:,.0f} |")
    walked = reached["walked"] / max(all_, 1)
    print(f"\n{all_ / 1e9:.2f} s of bot CPU sampled; managed callers found above the native frames for {100 * walked:.0f}% of samples, "
          f"{100 * reached['stub only'] / max(all_, 1):.0f}% reached only the P/Invoke stub (stack copy too short), "
          f"{100 * reached['no managed frame'] / max(all_, 1):.0f}% have no managed frame (runtime threads, kernel-only).")
    if detail:
        for key, label in STAGES:
            if totals[key]:
                print(f"\n{label}: top leaf  <  nearest QuizBot/ASP.NET frame")
                for name, n in tops[key].most_common(detail):
                    print(f"  {100 * n / all_:5.1f}%  {name}")


def read_rounds(path):
    """The default run's PING and quiz phases, paired: [{"ping": (PING/s, figures), "quiz": (answered/s, figures)}],
    figures by process ("bot", "load generator") as (cores busy, CPU µs per PING or per answered question). Today's
    run prints each phase once, over all its interleaved slices ("== PING (10 slices of 1.5 s, …)"): one pair; a run
    of an older build printed one pair per round ("== PING (round 1 of 3)")."""
    with open(path, errors="replace") as f:
        text = f.read()
    phase = re.compile(r"== (PING|quiz) \((?:round|\d+ slices)[^\n]*\n(.*?)(?=\n== |\nanswered questions/s ÷ PING/s|\Z)", re.S)
    cpu = re.compile(r"CPU of (bot|load generator)(?: process)? \d+: [\d.]+ s in [\d.]+ s \(([\d.]+) cores busy\) = ([\d.]+) µs per request(?:, ([\d.]+) µs per answered)?")
    rounds, current = [], {}
    for m in phase.finditer(text):
        body = m.group(2)
        figures = {who: (float(busy), float(answered or per_request)) for who, busy, per_request, answered in cpu.findall(body)}
        rate = re.search(r"= (\d+) answered questions/s", body) if m.group(1) == "quiz" else re.search(r"= (\d+) requests/s", body)
        if "bot" not in figures or "load generator" not in figures or not rate:
            continue
        current[m.group(1).lower()] = (float(rate.group(1)), figures)
        if m.group(1) == "quiz" and "ping" in current:
            rounds.append(current)
            current = {}
    return rounds


def ratio_check(path):
    """The default run (or each round of an older one): answered/s ÷ PING/s against the CPU ratio (bot + client), and the cores busy."""
    rounds = read_rounds(path)
    if not rounds:
        raise SystemExit(f"{path}: no PING then quiz phases with the bot's and the client's CPU")
    print("| round | measured answered/s ÷ PING/s | CPU ratio (bot + client µs per PING ÷ per answered) | cores busy PING, quiz | CPU ratio × quiz cores ÷ PING cores |")
    print("| --- | ---: | ---: | --- | ---: |")
    for i, r in enumerate(rounds, 1):
        (ping_rate, ping), (quiz_rate, quiz) = r["ping"], r["quiz"]
        ping_cpu = ping["bot"][1] + ping["load generator"][1]
        quiz_cpu = quiz["bot"][1] + quiz["load generator"][1]
        ping_busy = ping["bot"][0] + ping["load generator"][0]
        quiz_busy = quiz["bot"][0] + quiz["load generator"][0]
        ratio = ping_cpu / quiz_cpu
        print(f"| {i} | {quiz_rate / ping_rate:.4f} | {ratio:.4f} ({ping_cpu:.1f} ÷ {quiz_cpu:.1f} µs) | {ping_busy:.2f}, {quiz_busy:.2f} "
              f"| {ratio * quiz_busy / ping_busy:.4f} |")


def main(argv):
    if len(argv) >= 2 and argv[0] == "ratio-check":
        ratio_check(argv[1])
        return 0
    if len(argv) >= 5 and argv[0] == "table":
        detail = int(argv[argv.index("--detail") + 1]) if "--detail" in argv else 0
        script = argv[argv.index("--script") + 1] if "--script" in argv else None
        totals, split, tops, reached, parts = attribute(argv[1], argv[2], detail, script)
        print_table(totals, split, tops, reached, parts, float(argv[3]), argv[4], detail)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
