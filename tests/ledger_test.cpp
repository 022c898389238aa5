// The ledger's promises: a tamper-evident chain (any altered byte is found), append-only storage,
// replay to the same state, per-body sequence numbers without gaps under concurrent submission.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <gtest/gtest.h>
#include <set>
#include <thread>

#include "attendance/tables.h"
#include "ledger/chain.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

std::string raw_sql_error(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  char* err = nullptr;
  sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  return msg;
}

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = open_app(dir_.file("p.db"));
    a_ = seed_assembly(*app_, "t", "npc", 6);
    for (int i = 0; i < 4; ++i)
      ASSERT_TRUE(
          act(*app_, "attendance.check_in", Json{{"sitting_id", a_.sitting_id}, {"member_id", a_.member_ids[i]}}));
  }
  std::vector<store::EventRecord> events() {
    std::vector<store::EventRecord> out;
    app_->store->read()->for_each_event([&](const store::EventRecord& e) {
      out.push_back(e);
      return true;
    });
    return out;
  }
  TempDir dir_;
  std::unique_ptr<app::App> app_;
  Assembly a_;
};

TEST_F(LedgerTest, ChainVerifiesAndSequencesAreContiguous) {
  auto report = ledger::verify_chain(*app_->store->read());
  EXPECT_TRUE(report.ok) << report.reason;
  auto evs = events();
  EXPECT_EQ(report.events, static_cast<int64_t>(evs.size()));
  std::map<std::string, int64_t> last;
  for (const auto& e : evs) {
    EXPECT_EQ(e.seq, last[e.body] + 1);
    last[e.body] = e.seq;
  }
}

TEST_F(LedgerTest, EventsTableRefusesUpdateAndDelete) {
  std::string db = dir_.file("p.db");
  EXPECT_NE(raw_sql_error(db, "UPDATE events SET actor = 'mallory' WHERE seq = 1").find("append-only"),
            std::string::npos);
  EXPECT_NE(raw_sql_error(db, "DELETE FROM events WHERE seq = 1").find("append-only"), std::string::npos);
  EXPECT_TRUE(ledger::verify_chain(*app_->store->read()).ok);
}

// Flips one byte of one column of every event in turn (triggers dropped, as an attacker with the
// file would) and checks that verify reports exactly that event.
TEST_F(LedgerTest, VerifyFindsASingleAlteredByteInAnyEvent) {
  std::string db = dir_.file("p.db");
  auto evs = events();
  ASSERT_GT(evs.size(), 10u);
  raw_sql(db, "DROP TRIGGER events_append_only_update");
  const char* columns[] = {"payload", "body", "type", "actor", "request_id", "prev_hash", "hash"};
  int checked = 0;
  for (size_t i = 0; i < evs.size(); ++i) {
    const auto& e = evs[i];
    const char* column = columns[i % std::size(columns)];
    std::string pos = std::to_string(e.position);
    // Replace the first byte with another byte ('#', or '$' if it already was '#').
    std::string flip = std::string("UPDATE events SET ") + column + " = CASE WHEN substr(" + column +
                       ",1,1) = '#' THEN '$' ELSE '#' END || substr(" + column + ",2) WHERE position = " + pos;
    raw_sql(db, flip);
    auto report = ledger::verify_chain(*app_->store->read());
    EXPECT_FALSE(report.ok) << "altered " << column << " of event " << pos << " went unnoticed";
    // The altered event itself is reported: its hash, its link or its place in a chain breaks.
    EXPECT_EQ(report.position, e.position) << column;
    // Restore.
    sqlite3* h = nullptr;
    sqlite3_open(db.c_str(), &h);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, (std::string("UPDATE events SET ") + column + " = ? WHERE position = ?").c_str(), -1, &st,
                       nullptr);
    std::string original = std::string(column) == "payload"      ? e.payload
                           : std::string(column) == "body"       ? e.body
                           : std::string(column) == "type"       ? e.type
                           : std::string(column) == "actor"      ? e.actor
                           : std::string(column) == "request_id" ? e.request_id
                           : std::string(column) == "prev_hash"  ? e.prev_hash
                                                                 : e.hash;
    sqlite3_bind_text(st, 1, original.data(), static_cast<int>(original.size()), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, e.position);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(h);
    ASSERT_TRUE(ledger::verify_chain(*app_->store->read()).ok) << "restore failed at " << pos;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(evs.size()));
  // Numeric columns too: the time and the sequence number.
  raw_sql(db, "UPDATE events SET at = at + 1 WHERE position = 3");
  EXPECT_FALSE(ledger::verify_chain(*app_->store->read()).ok);
  raw_sql(db, "UPDATE events SET at = at - 1 WHERE position = 3");
  raw_sql(db, "UPDATE events SET seq = seq + 100 WHERE position = (SELECT MAX(position) FROM events)");
  EXPECT_FALSE(ledger::verify_chain(*app_->store->read()).ok);
}

TEST_F(LedgerTest, CliVerifyReportsTheBrokenLink) {
  std::string db = dir_.file("p.db");
  app_.reset();
  auto ok = run_plenum("--db " + db + " verify");
  EXPECT_EQ(ok.first, 0) << ok.second;
  raw_sql(db, "DROP TRIGGER events_append_only_update");
  raw_sql(db, "UPDATE events SET payload = replace(payload, '成员3', '成员4') WHERE type = 'assembly.member_added'");
  auto broken = run_plenum("--db " + db + " verify");
  EXPECT_EQ(broken.first, 2) << broken.second;
  EXPECT_NE(broken.second.find("BROKEN"), std::string::npos) << broken.second;
}

TEST_F(LedgerTest, ReplayRebuildsTheSameState) {
  TempDir other;
  auto fresh = store::open_sqlite_store(other.file("r.db"), app::make_registry().slices());
  ASSERT_TRUE(fresh);
  auto report = ledger::replay(*app_->store, **fresh, app_->registry);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.source_hash, report.replayed_hash);
  EXPECT_EQ(report.events, static_cast<int64_t>(events().size()));
}

TEST_F(LedgerTest, ReplayDetectsAProjectionChangedBehindTheLedger) {
  std::string db = dir_.file("p.db");
  raw_sql(db, "UPDATE members SET name = '冒名' WHERE id = 1");
  TempDir other;
  auto fresh = store::open_sqlite_store(other.file("r.db"), app::make_registry().slices());
  auto report = ledger::replay(*app_->store, **fresh, app_->registry);
  EXPECT_FALSE(report.ok);
  EXPECT_NE(report.source_hash, report.replayed_hash);
  app_.reset();
  auto cli = run_plenum("--db " + db + " replay");
  EXPECT_EQ(cli.first, 2) << cli.second;
}

TEST_F(LedgerTest, ConcurrentSubmissionsShareGroupCommitsWithoutGaps) {
  // Leave requests from many threads at once: every one acknowledged, seqs contiguous.
  int64_t before = app_->store->read()->last_event("t")->seq;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  auto s2 = act(*app_, "assembly.schedule_sitting",
                Json{{"session_id", a_.session_id},
                     {"kind", "plenary"},
                     {"number", 2},
                     {"title_zh", "第二次全体会议"},
                     {"starts_at", "2024-03-06T09:00+08:00"}});
  ASSERT_TRUE(s2);
  int64_t sitting2 = s2->result["sitting_id"];
  for (int64_t id : a_.member_ids)
    threads.emplace_back([&, id] {
      if (act(*app_, "attendance.check_in", Json{{"sitting_id", sitting2}, {"member_id", id}})) ++ok;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), static_cast<int>(a_.member_ids.size()));
  EXPECT_EQ(app_->store->read()->last_event("t")->seq, before + 1 + static_cast<int64_t>(a_.member_ids.size()));
  EXPECT_TRUE(ledger::verify_chain(*app_->store->read()).ok);
}

TEST_F(LedgerTest, RequestIdMakesARetryHarmless) {
  int64_t sitting = a_.sitting_id;
  Json args{{"sitting_id", sitting}, {"member_id", a_.member_ids[5]}};
  auto first = act(*app_, "attendance.check_in", args, ledger::kSystemActor, "req-1");
  ASSERT_TRUE(first);
  int64_t seq = app_->store->read()->last_event("t")->seq;
  auto again = act(*app_, "attendance.check_in", args, ledger::kSystemActor, "req-1");
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->result, first->result);
  EXPECT_EQ(app_->store->read()->last_event("t")->seq, seq);
  auto other = act(*app_, "attendance.check_in", Json{{"sitting_id", sitting}, {"member_id", a_.member_ids[4]}},
                   ledger::kSystemActor, "req-1");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
}

TEST_F(LedgerTest, AFailedActionLeavesItsBatchMatesCommitted) {
  // Submitted together: a valid check-in, an invalid one, another valid one.
  std::promise<Result<ledger::Ack>> p[3];
  Json args[3] = {Json{{"sitting_id", a_.sitting_id}, {"member_id", a_.member_ids[4]}},
                  Json{{"sitting_id", a_.sitting_id}, {"member_id", 9999}},
                  Json{{"sitting_id", a_.sitting_id}, {"member_id", a_.member_ids[5]}}};
  for (int i = 0; i < 3; ++i)
    app_->ledger->submit({"attendance.check_in", args[i], ledger::kSystemActor, "", ""},
                         [&p, i](Result<ledger::Ack> r) { p[i].set_value(std::move(r)); });
  EXPECT_TRUE(p[0].get_future().get());
  auto bad = p[1].get_future().get();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(p[2].get_future().get());
  EXPECT_EQ(attendance::tables::count_check_ins(*app_->store->read(), a_.sitting_id), 6);
  EXPECT_TRUE(ledger::verify_chain(*app_->store->read()).ok);
}

}  // namespace
}  // namespace plenum::testing

namespace plenum::testing {
namespace {

// Replay covers everything: each table is either read by the state hash or named, with the
// reason, among those it leaves out (src/store/sqlite/schema.sql.h). A new table in neither list
// fails here.
TEST_F(LedgerTest, EveryTableIsHashedOrListedWithItsReason) {
  std::set<std::string> hashed, outside;
  for (const auto& slice : app_->store->slices()) {
    for (const auto& t : slice.tables) {
      EXPECT_FALSE(hashed.count(t.name) || outside.count(t.name)) << t.name << " is in two slices";
      if (!t.hash_query.empty()) {
        hashed.insert(t.name);
        EXPECT_TRUE(t.outside_reason.empty()) << t.name << " is hashed and says why not";
      } else {
        outside.insert(t.name);
        EXPECT_GT(t.outside_reason.size(), 20u) << t.name << " needs its reason";
      }
    }
  }
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.file("p.db").c_str(), &h), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &st, nullptr),
      SQLITE_OK);
  std::set<std::string> tables;
  while (sqlite3_step(st) == SQLITE_ROW) tables.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(h);
  for (const auto& name : tables) {
    // FTS5 keeps its index in shadow tables named after the virtual table.
    auto shadow_of = [&](const std::string& virt) { return name.rfind(virt + "_", 0) == 0 && outside.count(virt); };
    bool shadow = std::any_of(outside.begin(), outside.end(), shadow_of);
    EXPECT_TRUE(hashed.count(name) || outside.count(name) || shadow)
        << "table " << name << " is neither in the state hash nor listed as outside it";
  }
  for (const auto& name : hashed) EXPECT_TRUE(tables.count(name)) << name << " is listed but does not exist";
  for (const auto& name : outside) EXPECT_TRUE(tables.count(name)) << name << " is listed but does not exist";
}

TEST(StoreSessions, ASignInClearsTheSessionsThatHadExpired) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  auto& sessions = app->store->sessions();
  sessions.put_login_session({"old", "sec", "c1", 0, 100});
  sessions.put_login_session({"live", "sec", "c2", 500, 2000});
  sessions.put_login_session({"new", "sec", "c3", 1000, 5000});
  auto reader = app->store->read();
  EXPECT_FALSE(reader->login_session("old")) << "expired before the newest sign-in began";
  EXPECT_TRUE(reader->login_session("live"));
  EXPECT_TRUE(reader->login_session("new"));
}

// A database written by another schema version is refused by name, not half-read, with the
// command that upgrades it.
TEST(StoreSchema, AnotherVersionIsRefusedByName) {
  TempDir dir;
  std::string db = dir.file("p.db");
  {
    auto app = open_app(db);
    ASSERT_TRUE(act(*app, "assembly.create_body",
                    Json{{"id", "t"}, {"name_zh", "测试"}, {"name_en", "Test"}, {"rulebook", "npc"}}));
  }
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(h, "PRAGMA user_version=1", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(h);
  auto store = store::open_sqlite_store(db, app::make_registry().slices());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message_en.find("schema version 1"), std::string::npos) << store.error().message_en;
  EXPECT_NE(store.error().message_en.find("upgrade it with: plenum --db " + db + " upgrade"), std::string::npos)
      << store.error().message_en;
  EXPECT_FALSE(store.error().message_zh.empty());
}

}  // namespace
}  // namespace plenum::testing
