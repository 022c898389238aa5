// plenum upgrade (src/upgrade/upgrade.h). Each schema version's fixture, written by the last build
// of that version (tests/upgrade/make-fixture.sh: the 2024 demo, a vote and a proposal; schema 7
// is the last before upgrades existed), upgrades in place with the plenum command, verifies, replays, keeps its old
// file byte for byte, and serves what the old build served; what the log does not hold is carried across or
// deliberately ended. An open poll, a broken chain or an existing target refuses the upgrade and
// changes nothing; events of an earlier version are read through their type's readings.
#include "upgrade/upgrade.h"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "base/text.h"
#include "ledger/chain.h"
#include "store/archive.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

namespace fs = std::filesystem;

std::string fixture_dir() { return std::string(PLENUM_SOURCE_DIR) + "/tests/upgrade"; }

// The fixture of `version`, decompressed into `path`.
void unpack_fixture(int version, const std::string& path) {
  std::string xz = fixture_dir() + "/schema-" + std::to_string(version) + ".db.xz";
  ASSERT_TRUE(fs::exists(xz)) << xz;
  ASSERT_EQ(std::system(("xz -dc '" + xz + "' > '" + path + "'").c_str()), 0);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t raw_count(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

// An event's hash that a later build withholds from a reader: beside a payload shown in part or
// withheld, the hash would let the reader test guesses of what is withheld (withheld since
// 1a90433; Attack.AWithheldPayloadComesWithoutTheHashThatWouldConfirmAGuess).
bool withheld_hash(const std::string& where, const std::string& key, const Json& now) {
  return (key == "hash" || key == "prev_hash") && !now.contains(key) && where.find("/events") != std::string::npos;
}

// Every value the old build answered is answered the same; a later build may add fields. A
// sign-in's CSRF token is the session's own. Reports the first difference only.
bool same_answer(const Json& old, const Json& now, const std::string& where, std::string& difference) {
  if (old.is_object()) {
    if (!now.is_object()) return difference = where + " is no longer an object", false;
    for (const auto& [key, value] : old.items()) {
      if (key == "csrf_token" || withheld_hash(where, key, now)) continue;
      if (!now.contains(key)) return difference = where + "." + key + " is gone", false;
      if (!same_answer(value, now[key], where + "." + key, difference)) return false;
    }
    return true;
  }
  if (old.is_array()) {
    if (!now.is_array() || now.size() != old.size())
      return difference = where + " has " + std::to_string(now.size()) + " items, not " + std::to_string(old.size()),
             false;
    for (size_t i = 0; i < old.size(); ++i)
      if (!same_answer(old[i], now[i], where + "[" + std::to_string(i) + "]", difference)) return false;
    return true;
  }
  if (old != now) return difference = where + " was " + old.dump() + ", now " + now.dump(), false;
  return true;
}

class UpgradeFixture : public ::testing::TestWithParam<int> {};

TEST_P(UpgradeFixture, UpgradesInPlaceVerifiesReplaysAndServesWhatTheOldBuildServed) {
  const int version = GetParam();
  const std::string old_version = std::to_string(version);
  TempDir dir;
  std::string db = dir.file("plenum.db");
  unpack_fixture(version, db);
  const std::string before = file_bytes(db);
  int64_t events = raw_count(db, "SELECT COUNT(*) FROM events");
  int64_t voters = raw_count(db, "SELECT COUNT(*) FROM poll_voters");
  int64_t requests = raw_count(db, "SELECT COUNT(*) FROM requests");
  ASSERT_GT(events, 21000);
  ASSERT_GT(voters, 3);
  ASSERT_GT(requests, 0);

  auto [refused_rc, refused] = run_plenum("--db " + db + " verify");
  EXPECT_NE(refused_rc, 0);
  EXPECT_NE(refused.find("plenum --db " + db + " upgrade"), std::string::npos) << refused;

  auto [rc, out] = run_plenum("--db " + db + " upgrade");
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("schema " + old_version + " -> " + std::to_string(store::schema_version())), std::string::npos)
      << out;
  EXPECT_NE(out.find(std::to_string(events) + " events"), std::string::npos) << out;
  EXPECT_NE(out.find("kept as " + db + ".schema-" + old_version), std::string::npos) << out;
  EXPECT_EQ(file_bytes(db + ".schema-" + old_version), before) << "the old file is kept byte for byte";
  EXPECT_FALSE(fs::exists(db + ".upgrading"));

  auto [verify_rc, verified] = run_plenum("--db " + db + " verify");
  EXPECT_EQ(verify_rc, 0) << verified;
  EXPECT_NE(verified.find(std::to_string(events) + " events"), std::string::npos) << verified;
  auto [replay_rc, replayed] = run_plenum("--db " + db + " replay");
  EXPECT_EQ(replay_rc, 0) << replayed;
  auto [again_rc, again] = run_plenum("--db " + db + " upgrade");
  EXPECT_EQ(again_rc, 0) << again;
  EXPECT_NE(again.find("nothing to do"), std::string::npos) << again;

  // Carried across, and not.
  EXPECT_EQ(raw_count(db, "SELECT COUNT(*) FROM poll_voters"), voters);
  EXPECT_EQ(raw_count(db, "SELECT COUNT(*) FROM requests"), requests);
  EXPECT_EQ(raw_count(db, "SELECT COUNT(*) FROM login_sessions"), 0) << "sign-in sessions end";
  EXPECT_EQ(raw_count(db, "SELECT COUNT(*) FROM upgrades WHERE from_version = " + old_version), 1);

  auto app = open_app(db);
  EXPECT_EQ(app->store->read()->upgrades().size(), 1u);
  TestServer server(*app);
  std::ifstream in(fixture_dir() + "/schema-" + old_version + ".answers.json");
  Json answers = Json::parse(in);
  ASSERT_GE(answers.size(), 25u);
  std::map<std::string, std::unique_ptr<HttpClient>> clients;
  for (const auto& answer : answers) {
    std::string user = answer["user"];
    auto& client = clients[user];
    if (!client) {
      client = std::make_unique<HttpClient>(server.port());
      if (user != "-") {
        ASSERT_EQ(client->login(user, "plenum-2024").status, 200) << user;
      }
    }
    std::string route = answer["route"];
    auto reply = client->get(route);
    ASSERT_EQ(reply.status, answer["status"].get<int>()) << user << " " << route << ": " << reply.body;
    std::string difference;
    EXPECT_TRUE(same_answer(answer["body"], reply.json(), route, difference)) << user << ": " << difference;
  }

  // The proposal's request id still answers its retry once, without a second proposal.
  HttpClient member(server.port());
  ASSERT_EQ(member.login("cppcc-0001", "plenum-2024").status, 200);
  int64_t me = member.get("/api/v1/auth/me").json()["member_id"];
  int64_t proposals = raw_count(db, "SELECT COUNT(*) FROM proposals");
  auto retry = member.action("proposals.submit",
                             Json{{"session_id", 2},
                                  {"title", "关于升级时保全会议记录的提案"},
                                  {"area", "politics"},
                                  {"parts",
                                   {{"facts", "升级须保全每一条记录。"},
                                    {"analysis", "日志是记录本身，各表是它的投影。"},
                                    {"suggestions", "以日志重放完成升级，逐表核对。"}}},
                                  {"member_ids", {me}}},
                             "fixture-proposal");
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_TRUE(retry.json()["replayed"].get<bool>()) << retry.body;
  EXPECT_EQ(raw_count(db, "SELECT COUNT(*) FROM proposals"), proposals);
}

// Every version since upgrades exist, up to the one before this build's.
INSTANTIATE_TEST_SUITE_P(EachSchema, UpgradeFixture, ::testing::Range(7, store::schema_version()),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "Schema" + std::to_string(info.param);
                         });

TEST(Upgrade, AnOpenPollRefusesTheUpgradeAndNothingChanges) {
  TempDir dir;
  std::string db = dir.file("old.db"), next = dir.file("new.db");
  {
    auto app = open_app(db);
    open_vote(*app, seed_assembly(*app, "t", "generic", 4));
  }
  const std::string before = file_bytes(db);
  auto registry = app::make_registry();
  auto report = upgrade::upgrade(registry, db, next);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kConflict);
  EXPECT_NE(report.error().message_en.find("poll 1 is still open"), std::string::npos) << report.error().message_en;
  EXPECT_NE(report.error().message_zh.find("表决 1 尚未结束"), std::string::npos) << report.error().message_zh;
  EXPECT_FALSE(fs::exists(next));
  EXPECT_FALSE(fs::exists(next + "-wal"));
  EXPECT_EQ(file_bytes(db), before);
}

TEST(Upgrade, ABrokenChainOrAnExistingTargetRefusesTheUpgrade) {
  TempDir dir;
  std::string db = dir.file("old.db"), next = dir.file("new.db");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "generic", 3);
  }
  auto registry = app::make_registry();
  {
    std::ofstream(next) << "something";
    auto report = upgrade::upgrade(registry, db, next);
    ASSERT_FALSE(report);
    EXPECT_NE(report.error().message_en.find("exists"), std::string::npos) << report.error().message_en;
    EXPECT_EQ(file_bytes(next), "something") << "a file in the way is never overwritten";
    fs::remove(next);
  }
  raw_sql(db,
          "DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'intruder' WHERE body = 't' AND seq = 2");
  auto report = upgrade::upgrade(registry, db, next);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message_en.find("the ledger is broken at t seq"), std::string::npos)
      << report.error().message_en;
  EXPECT_FALSE(fs::exists(next));
}

// The old file's tables must be what its log says: a row changed behind the ledger is found by
// the table-by-table comparison, and nothing is upgraded.
TEST(Upgrade, ARowChangedBehindTheLedgerStopsTheUpgrade) {
  TempDir dir;
  std::string db = dir.file("old.db"), next = dir.file("new.db");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "generic", 3);
  }
  raw_sql(db, "UPDATE members SET name = '冒名' WHERE id = 2");
  auto report = upgrade::upgrade(app::make_registry(), db, next);
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message_en.find("table members differs from the old file's"), std::string::npos)
      << report.error().message_en;
  EXPECT_FALSE(fs::exists(next));
}

TEST(Upgrade, AFileOfALaterBuildOrOfNoPlenumIsRefusedByName) {
  TempDir dir;
  std::string db = dir.file("p.db");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "generic", 2);
  }
  raw_sql(db, "PRAGMA user_version = 99");
  auto registry = app::make_registry();
  auto report = upgrade::upgrade(registry, db, dir.file("new.db"));
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message_en.find("newer than this build's"), std::string::npos) << report.error().message_en;
  auto store = store::open_sqlite_store(db, registry.slices());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message_en.find("newer than this build's"), std::string::npos) << store.error().message_en;

  std::string other = dir.file("other.db");
  raw_sql(other, "CREATE TABLE t(x)");
  auto not_plenum = upgrade::upgrade(registry, other, dir.file("new2.db"));
  ASSERT_FALSE(not_plenum);
  EXPECT_EQ(not_plenum.error().code, ErrorCode::kMalformed);
  auto missing = upgrade::upgrade(registry, dir.file("missing.db"), dir.file("new3.db"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(Upgrade, IntoANewFileTheOldOneIsOnlyReadAndItsFilesFollow) {
  TempDir dir;
  std::string db = dir.file("old.db"), next = dir.file("new.db");
  std::string photo = std::string("\x89PNG\r\n\x1a\n", 8) + "a member's photo";
  std::string sha;
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "generic", 3);
    auto put = app->blobs->put(photo, "image/png", {1 << 20, {"image/png"}});
    ASSERT_TRUE(put) << put.error().message_en;
    sha = put->sha256;
  }
  const std::string before = file_bytes(db);
  auto registry = app::make_registry();
  auto report = upgrade::upgrade(registry, db, next);
  ASSERT_TRUE(report) << report.error().message_en;
  EXPECT_EQ(file_bytes(db), before);
  EXPECT_GT(report->events, 0);
  for (const auto& t : report->tables)
    EXPECT_TRUE(t.same() || (t.table == "upgrades" && t.target_rows == 0)) << t.table;
  auto app = open_app(next);
  auto bytes = app->blobs->get(sha);
  ASSERT_TRUE(bytes) << bytes.error().message_en;
  EXPECT_EQ(*bytes, photo);
  auto upgrades = app->store->read()->upgrades();
  ASSERT_EQ(upgrades.size(), 1u);
  EXPECT_EQ(upgrades[0].source, fs::absolute(db).string());
  EXPECT_EQ(upgrades[0].events, report->events);
  EXPECT_EQ(upgrades[0].state_hash, report->state_hash);
  EXPECT_EQ(upgrades[0].build, PLENUM_VERSION);
}

// An event type whose payload changed: the stored version-1 events keep their bytes and are
// projected as version 2; new events are stamped with their version; a version this build does
// not know stops the rebuild.
class VectorLog final : public store::EventLog {
 public:
  void add(const std::string& type, const Json& payload) {
    store::EventRecord e;
    e.position = static_cast<int64_t>(events_.size()) + 1;
    e.body = "t";
    e.seq = e.position;
    e.type = type;
    e.actor = ledger::kSystemActor;
    e.at = 1000 * e.position;
    e.payload = canonical(payload);
    e.prev_hash = events_.empty() ? ledger::kGenesisHash : events_.back().hash;
    e.hash = ledger::event_hash(e);
    events_.push_back(e);
  }
  void for_each_event(const std::function<bool(const store::EventRecord&)>& fn) override {
    for (const auto& e : events_)
      if (!fn(e)) return;
  }

 private:
  std::vector<store::EventRecord> events_;
};

ledger::Registry counting_registry(bool with_version_2) {
  ledger::Registry registry;
  auto room = registry.add_room({"counting",
                                 "CREATE TABLE IF NOT EXISTS tallies(seq INTEGER PRIMARY KEY, count INTEGER NOT NULL);",
                                 "",
                                 {{"tallies", "SELECT * FROM tallies ORDER BY seq", "", false}}});
  // Version 1 said {"n": …}; version 2 says {"count": …}.
  if (with_version_2)
    room.add_event_version("counting.counted", [](Json p) {
      p["count"] = p["n"];
      p.erase("n");
      return p;
    });
  room.add_projector("counting.counted", [](store::TableWriter& tx, const ledger::Event& e) {
    store::exec(tx.own_tables(), "INSERT INTO tallies(seq, count) VALUES(?, ?)", e.seq,
                e.payload.at("count").get<int64_t>());
  });
  room.add_action("counting.count", ledger::ArgSchema{ledger::Arg::integer("count", 0, 100).required()},
                  [](ledger::ActionContext& ctx, const Json& args) {
                    ctx.emit("t", "counting.counted", Json{{"count", args["count"]}});
                    return Status::ok();
                  });
  return registry;
}

TEST(EventVersions, EarlierVersionsAreReadThroughTheirReadingsAndNewEventsSayTheirVersion) {
  TempDir dir;
  VectorLog log;
  log.add("counting.counted", Json{{"n", 4}});
  log.add("counting.counted", Json{{"n", 7}});
  auto registry = counting_registry(true);
  EXPECT_EQ(registry.event_version("counting.counted"), 2);
  EXPECT_EQ(registry.event_version("something.else"), 1);
  auto store = store::open_sqlite_store(dir.file("p.db"), registry.slices());
  ASSERT_TRUE(store);
  auto rebuilt = ledger::rebuild(log, **store, registry);
  ASSERT_TRUE(rebuilt.ok) << rebuilt.problem;
  EXPECT_EQ(rebuilt.events, 2);
  {
    auto reader = (*store)->read();
    store::Query q(reader->sql(), "SELECT group_concat(count) FROM tallies");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.s(0), "4,7");
    auto stored = reader->events_since("t", 0, 10);
    ASSERT_EQ(stored.size(), 2u);
    EXPECT_EQ(stored[0].payload, R"({"n":4})") << "a stored event keeps its bytes";
  }

  auto books = open_app(dir.file("books.db"));  // for its rulebooks
  {
    ledger::Ledger ledger(**store, registry, books->rulebooks);
    ASSERT_TRUE(ledger.submit_and_wait({"counting.count", Json{{"count", 9}}, ledger::kSystemActor, "", ""}));
  }
  auto newest = (*store)->read()->last_event("t");
  ASSERT_TRUE(newest);
  EXPECT_EQ(newest->payload, R"({"count":9,"event_version":2})");
  EXPECT_TRUE(ledger::verify_chain(*(*store)->read()).ok);

  // A version-2 event is more than a build that knows only version 1 can read.
  VectorLog later;
  later.add("counting.counted", Json{{"count", 1}, {"event_version", 2}});
  auto older = counting_registry(false);
  auto store2 = store::open_sqlite_store(dir.file("q.db"), older.slices());
  ASSERT_TRUE(store2);
  auto refused = ledger::rebuild(later, **store2, older);
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.problem.find("version 2"), std::string::npos) << refused.problem;
}

}  // namespace
}  // namespace plenum::testing
