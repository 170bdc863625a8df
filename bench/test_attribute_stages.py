"""Tests of bench/attribute_stages.py: python3 -m unittest discover -s bench -p 'test_attribute_stages.py'"""
import os
import struct
import tempfile
import unittest

import attribute_stages as a

MAP = "/tmp/perf-1.map"
SQLITE = "/app/runtimes/linux-x64/native/libe_sqlite3.so"
KERNEL = "[kernel.kallsyms]"


def managed(name):
    return (name, MAP)


class ClassifyTests(unittest.TestCase):
    def test_sqlite_leaf_goes_to_the_nearest_managed_stage_above_it(self):
        frames = [("walChecksumBytes", SQLITE), ("sqlite3_step", SQLITE), managed("dynamicClass::IL_STUB_PInvoke"),
                  managed("Microsoft.Data.Sqlite.SqliteCommand::ExecuteReader"), managed("QuizBot.Sqlite.SqliteWrite+<CommitAsync>d__16::MoveNext"),
                  managed("QuizBot.Sqlite.GroupCommit+<FlushAsync>d__5::MoveNext"), managed("QuizBot.Core.Quiz.QuizService+<AnswerAsync>d__9::MoveNext")]
        self.assertEqual(a.classify(".NET TP Worker", frames), "write")
        self.assertTrue(a.write_part(frames).startswith("commit"))

    def test_session_read_is_not_the_write_path(self):
        frames = [("sqlite3VdbeExec", SQLITE), managed("dynamicClass::IL_STUB_PInvoke"), managed("Dapper.SqlMapper+<QueryRowAsync>d__34`1::MoveNext"),
                  managed("QuizBot.Sqlite.SqliteDatabase+<OpenAsync>d__16::MoveNext"),
                  managed("QuizBot.Sqlite.SqliteQuizStore+<GetSessionAsync>d__4::MoveNext"), managed("QuizBot.Core.Quiz.QuizService+<LoadAsync>d__3::MoveNext")]
        self.assertEqual(a.classify(".NET TP Worker", frames), "session")

    def test_json_inside_the_store_is_the_store_json_of_the_request_is_json(self):
        column = [managed("System.Text.Json.JsonSerializer::Deserialize"), managed("QuizBot.Sqlite.QuizSessionRows::ToSession"),
                  managed("QuizBot.Sqlite.SqliteQuizStore+<GetSessionAsync>d__4::MoveNext")]
        request = [managed("System.Text.Json.Utf8JsonReader::Read"), managed("QuizBot.Discord.DiscordJsonContext::InteractionDeserialize"),
                   managed("QuizBot.Discord.Interactions.InteractionEndpoint::Parse"), managed("Microsoft.AspNetCore.Routing.EndpointMiddleware::Invoke")]
        self.assertEqual(a.classify(".NET TP Worker", column), "session")
        self.assertEqual(a.classify(".NET TP Worker", request), "json")

    def test_threads_and_libraries_decide_before_frames(self):
        self.assertEqual(a.classify("SQLite WAL chec", [("pwrite64", KERNEL), managed("QuizBot.Sqlite.AnswerWriter::Write")]), "checkpoint")
        self.assertEqual(a.classify("quizbot-picture", [("deflate_fast", "/x/libSkiaSharp.so")]), "pictures")
        self.assertEqual(a.classify(".NET Tiered Com", [("[unknown]", "/x/libclrjit.so")]), "runtime")
        self.assertEqual(a.classify(".NET TP Worker", [("[unknown]", "/x/libsodium.so"), managed("NSec.Cryptography.Ed25519::VerifyCore"),
                                                       managed("QuizBot.Discord.Interactions.InteractionEndpoint+<HandleAsync>d__1::MoveNext")]), "verify")

    def test_kernel_network_without_managed_frames_is_http_and_unknown_is_other(self):
        self.assertEqual(a.classify(".NET TP Worker", [("tcp_sendmsg", KERNEL), ("__libc_send", "/lib/libc.so.6")]), "http")
        self.assertEqual(a.classify(".NET TP Worker", [("sched_yield", KERNEL)]), "runtime")
        self.assertEqual(a.classify(".NET TP Worker", [("clock_gettime", "[vdso]")]), "other")
        self.assertEqual(a.classify(".NET TP Worker", [("sqlite3VdbeExec", SQLITE)]), "sqlite?")

    def test_owner_method_of_perf_map_names(self):
        self.assertEqual(a.owner_method("instance void [QuizBot.Sqlite] QuizBot.Sqlite.SqliteQuizStore+<GetSessionAsync>d__4::MoveNext()[OptimizedTier1]"),
                         "QuizBot.Sqlite.SqliteQuizStore+<GetSessionAsync>d__4::MoveNext")
        self.assertEqual(a.owner_method("stub ReportStubBlock<VSD_DispatchStub>"), "stub ReportStubBlock<VSD_DispatchStub>")


class StackWalkTests(unittest.TestCase):
    def setUp(self):
        handle, self.path = tempfile.mkstemp(suffix=".map")
        with os.fdopen(handle, "w") as f:
            f.write("1000 100 void [X] X.Stub::IL_STUB_PInvoke()[Optimized]\n")
            f.write("2000 100 void [QuizBot.Sqlite] QuizBot.Sqlite.AnswerWriter::Write()[OptimizedTier1]\n")
            f.write("3000 100 void [QuizBot.Core] QuizBot.Core.Quiz.QuizService::AnswerAsync()[OptimizedTier1]\n")
        self.map = a.PerfMap(self.path)

    def tearDown(self):
        os.remove(self.path)

    def test_walks_frame_records_above_the_stub_return_address(self):
        rsp = 0x7000
        words = [0] * 16
        words[1] = 0x2050          # a stale managed address below the native frame's return slot: must be skipped
        words[3] = 0x1010          # the native callee's return address into the stub (perf prints it minus one)
        words[5] = rsp + 8 * 7     # a stack pointer not followed by code: not a frame record
        words[6] = rsp + 8 * 9     # the stub's frame record: saved rbp, then the return address into AnswerWriter.Write
        words[7] = 0x2040
        words[9] = rsp + 8 * 12    # AnswerWriter.Write's frame record
        words[10] = 0x3030
        words[12] = 0              # the end of the chain
        words[13] = 0
        stack = struct.pack("<16Q", *words)
        callers = a.managed_callers(stack, rsp, 0, 0x100F, self.map)
        self.assertEqual([s for s, _ in callers], ["QuizBot.Sqlite.AnswerWriter::Write", "QuizBot.Core.Quiz.QuizService::AnswerAsync"])

    def test_a_managed_leaf_walks_from_the_rbp_register(self):
        rsp = 0x9000
        words = [0, 0, 0x2010, 0, rsp + 8 * 6, 0x3010, 0, 0]
        callers = a.managed_callers(struct.pack("<8Q", *words), rsp, rsp + 8 * 4, None, self.map)
        self.assertEqual([s for s, _ in callers], ["QuizBot.Core.Quiz.QuizService::AnswerAsync"])

    def test_a_missing_anchor_gives_no_callers(self):
        self.assertEqual(a.managed_callers(struct.pack("<4Q", 1, 2, 3, 4), 0x7000, 0, 0x1010, self.map), [])


def read_rounds_of(text):
    """read_rounds on a file holding text."""
    handle, path = tempfile.mkstemp()
    with os.fdopen(handle, "w") as f:
        f.write(text)
    try:
        return a.read_rounds(path)
    finally:
        os.remove(path)


class RatioCheckTests(unittest.TestCase):
    def test_reads_each_round_of_the_default_run(self):
        text = """== PING (round 1 of 3)
282601 requests in 15.0 s = 18837 requests/s, 0 errors
CPU of bot process 16075: 22.88 s in 15.0 s (1.53 cores busy) = 81.0 µs per request
CPU of load generator 16062: 6.65 s in 15.0 s (0.44 cores busy) = 23.5 µs per request

== quiz (round 1 of 3)
23412 requests in 15.0 s = 1558 requests/s, 0 errors
17530 questions answered = 1166 answered questions/s
CPU of bot process 16075: 20.06 s in 15.0 s (1.33 cores busy) = 856.8 µs per request, 1144.3 µs per answered question
CPU of load generator 16062: 5.11 s in 15.0 s (0.34 cores busy) = 218.3 µs per request, 291.5 µs per answered question

answered questions/s ÷ PING/s (round 1 of 3) = 1166 ÷ 18837 = 0.062
"""
        rounds = read_rounds_of(text)
        self.assertEqual(len(rounds), 1)
        (ping_rate, ping), (quiz_rate, quiz) = rounds[0]["ping"], rounds[0]["quiz"]
        self.assertEqual((ping_rate, quiz_rate), (18837, 1166))
        self.assertEqual(ping["load generator"], (0.44, 23.5))
        self.assertEqual(quiz["bot"], (1.33, 1144.3))

    def test_reads_the_interleaved_phases_as_one_pair(self):
        text = """== 10 rounds of a 1.5 s PING slice and a 1.5 s quiz slice, interleaved
  round  1 of 10 (PING first): 19080 PING/s, 1382 answered/s = 0.072

== PING (10 slices of 1.5 s, interleaved with the quiz's)
warm-up (not measured): 71369 requests, 0 errors
286250 requests in 15.0 s = 19080 requests/s, 0 errors
CPU of bot process 3119: 22.84 s in 15.0 s (1.52 cores busy) = 79.8 µs per request
CPU of load generator 3106: 6.89 s in 15.0 s (0.46 cores busy) = 24.1 µs per request

== quiz (10 slices of 1.5 s, interleaved with PING's)
28090 requests in 15.0 s = 1871 requests/s, 0 errors
20740 questions answered = 1382 answered questions/s
CPU of bot process 3119: 21.01 s in 15.0 s (1.40 cores busy) = 748.0 µs per request, 1013.0 µs per answered question
CPU of load generator 3106: 3.37 s in 15.0 s (0.22 cores busy) = 120.0 µs per request, 162.5 µs per answered question

answered questions/s ÷ PING/s over 10 rounds of interleaved slices (same client, same bot process): median 0.072
"""
        rounds = read_rounds_of(text)
        self.assertEqual(len(rounds), 1)
        (ping_rate, ping), (quiz_rate, quiz) = rounds[0]["ping"], rounds[0]["quiz"]
        self.assertEqual((ping_rate, quiz_rate), (19080, 1382))
        self.assertEqual(ping["bot"], (1.52, 79.8))
        self.assertEqual(quiz["load generator"], (0.22, 162.5))


if __name__ == "__main__":
    unittest.main()
