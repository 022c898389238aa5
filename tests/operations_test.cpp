// The operator's commands (docs/OPERATIONS.md): plenum backup and restore (src/backup/backup.h),
// plenum init and the configuration file. The restore drill: a backup taken with the plenum
// command while members check in and vote against the real server holds every check-in and
// ballot acknowledged before it began, and nothing half; restored elsewhere it verifies and
// replays. Neither command overwrites a database. When the disk fills, the server refuses writes
// with storage_full, goes on answering reads, and loses nothing it acknowledged.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <set>
#include <sys/mount.h>
#include <thread>

#include "attendance/tables.h"
#include "store/archive.h"
#include "store/blobs.h"
#include "test_support.h"
#include "voting/tables.h"
#include "voting/voting.h"

namespace plenum::testing {
namespace {

std::string key_of(int64_t member) { return "backup-drill-ballot-key-" + std::to_string(member); }
const char* choice_of(int64_t member) { return member % 3 == 0 ? "against" : member % 3 == 1 ? "for" : "abstain"; }

struct Acknowledged {
  bool checked_in = false;
  std::string choice;
};

TEST(Backup, TheRestoreDrillABackupDuringAVoteBurstRestoresElsewhereVerifiesAndReplays) {
  TempDir dir;
  std::string db = dir.file("live.db"), copy = dir.file("nightly.db"), restored = dir.file("elsewhere/plenum.db");
  constexpr int kMembers = 120, kCheckedInBefore = 80;
  Assembly a;
  int64_t poll = 0;
  std::map<int64_t, SignedIn> sessions;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "t", "npc", kMembers);
    // Two thirds check in for the vote to open (议事规则第四条); the rest check in during the burst.
    poll = open_vote(*app, a, kCheckedInBefore);
    add_member_accounts(*app, "t", a.member_ids);
    for (int64_t m : a.member_ids) sessions[m] = sign_in_directly(*app, "m" + std::to_string(m));
  }
  std::set<int64_t> checked_in_before(a.member_ids.begin(), a.member_ids.begin() + kCheckedInBefore);
  ServerProcess server(db);
  uint16_t port = server.port();

  // Each worker checks in its members not yet present and casts their ballots, then goes on changing them
  // (the same ballot key) until the backup has finished: the backup runs beside a live burst.
  std::mutex mu;
  std::map<int64_t, Acknowledged> acknowledged;
  std::atomic<int> acks{0};
  std::atomic<bool> stop{false};
  constexpr int kWorkers = 8;
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      HttpClient client(port);
      std::vector<int64_t> mine;
      for (size_t i = w; i < a.member_ids.size(); i += kWorkers) mine.push_back(a.member_ids[i]);
      auto as = [&](int64_t m) {
        client.cookie = sessions[m].cookie;
        client.csrf = sessions[m].csrf;
      };
      auto cast = [&](int64_t m, const char* choice) {
        auto r = client.action("voting.cast", Json{{"poll_id", poll}, {"choice", choice}, {"ballot_key", key_of(m)}});
        ASSERT_EQ(r.status, 200) << r.body;
        std::lock_guard<std::mutex> lock(mu);
        acknowledged[m].choice = choice;
        ++acks;
      };
      for (int64_t m : mine) {
        as(m);
        if (!checked_in_before.count(m)) {
          auto in = client.action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", m}});
          ASSERT_EQ(in.status, 200) << in.body;
        }
        {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged[m].checked_in = true;
          ++acks;
        }
        cast(m, choice_of(m));
      }
      const char* choices[] = {"for", "against", "abstain"};
      for (int round = 0; !stop; ++round)
        for (int64_t m : mine) {
          if (stop) break;
          as(m);
          cast(m, choices[round % 3]);
        }
    });
  }
  ASSERT_TRUE(wait_until([&] { return acks.load() >= 80; })) << "the server stopped acknowledging";
  std::map<int64_t, Acknowledged> before;
  int acks_at_start = 0;
  {
    std::lock_guard<std::mutex> lock(mu);
    before = acknowledged;
    acks_at_start = acks.load();
  }
  auto [backup_rc, backed_up] = run_plenum("--db " + db + " backup --to " + copy);
  int acks_after_backup = acks.load();
  stop = true;
  for (auto& t : workers) t.join();
  EXPECT_EQ(server.terminate(), 0);
  ASSERT_EQ(backup_rc, 0) << backed_up;
  EXPECT_NE(backed_up.find("chains verified"), std::string::npos) << backed_up;
  EXPECT_GT(acks_after_backup, acks_at_start) << "the server went on acknowledging while the backup ran";

  std::filesystem::create_directories(dir.file("elsewhere"));
  auto [restore_rc, restored_out] = run_plenum("--db " + restored + " restore --from " + copy);
  ASSERT_EQ(restore_rc, 0) << restored_out;
  EXPECT_NE(restored_out.find("verified and replayed"), std::string::npos) << restored_out;
  auto verify = run_plenum("--db " + restored + " verify");
  EXPECT_EQ(verify.first, 0) << verify.second;
  auto replay = run_plenum("--db " + restored + " replay");
  EXPECT_EQ(replay.first, 0) << replay.second;

  auto app = open_app(restored);
  auto reader = app->store->read();
  auto checked_in = attendance::tables::check_ins(*reader, a.sitting_id);
  std::set<int64_t> present;
  for (const auto& c : checked_in) present.insert(c.member_id);
  for (const auto& [m, ack] : before) {
    if (ack.checked_in) {
      EXPECT_TRUE(present.count(m)) << "check-in of member " << m << " acknowledged before the backup";
    }
    // The choice may be a later one, committed before the copy's snapshot; the ballot is there.
    if (!ack.choice.empty()) {
      EXPECT_TRUE(voting::tables::ballot_choice(*reader, poll, voting::ballot_id(poll, m, key_of(m))))
          << "ballot of member " << m << " acknowledged before the backup";
      EXPECT_TRUE(voting::tables::has_voted(*reader, poll, m)) << m;
    }
  }
  // Nothing half-in: each ballot beside its voter mark.
  auto tally = voting::tables::tally(*reader, poll);
  EXPECT_EQ(tally.yes + tally.no + tally.abstain, voting::tables::count_voters(*reader, poll));
}

TEST(Backup, NeitherBackupNorRestoreOverwritesADatabase) {
  TempDir dir;
  std::string db = dir.file("p.db"), other = dir.file("other.db");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "generic", 3);
  }
  { auto app = open_app(other); }
  auto [backup_rc, backup_out] = run_plenum("--db " + db + " backup --to " + other);
  EXPECT_NE(backup_rc, 0);
  EXPECT_NE(backup_out.find("never overwritten"), std::string::npos) << backup_out;
  auto [restore_rc, restore_out] = run_plenum("--db " + other + " restore --from " + db);
  EXPECT_NE(restore_rc, 0);
  EXPECT_NE(restore_out.find("never overwritten"), std::string::npos) << restore_out;
  auto app = open_app(other);
  EXPECT_FALSE(app->store->read()->last_event("t")) << "the other database is as it was";
}

TEST(Backup, TheFilesTheEventsNameAreCopiedCheckedAgainstTheirHashes) {
  TempDir dir;
  auto from = store::open_blob_directory(dir.file("a.blobs"));
  auto to = store::open_blob_directory(dir.file("b.blobs"));
  ASSERT_TRUE(from && to);
  std::string pdf = "%PDF-1.7 the government work report";
  auto ref = (*from)->put(pdf, "application/pdf", {1 << 20, {"application/pdf"}});
  ASSERT_TRUE(ref);
  Json payload{{"document_id", 3}, {"files", Json::array({ref->to_json(), Json{{"sha256", "short"}}})}};
  auto named = store::named_blobs(payload);
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].sha256, ref->sha256);
  ASSERT_TRUE(store::copy_blobs(**from, **to, named));
  EXPECT_EQ(*(*to)->get(ref->sha256), pdf);

  // A damaged file is never copied as if it were the one named.
  std::string path = dir.file("a.blobs") + "/" + ref->sha256.substr(0, 2) + "/" + ref->sha256;
  std::ofstream(path, std::ios::trunc) << "%PDF-1.7 altered";
  auto third = store::open_blob_directory(dir.file("c.blobs"));
  auto copied = store::copy_blobs(**from, **third, named);
  ASSERT_FALSE(copied);
  EXPECT_FALSE((*third)->contains(ref->sha256));
  auto missing = store::copy_blobs(**to, **third, {{std::string(64, 'a'), 1, "application/pdf"}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// A tmpfs of its own under `at`, so the test can fill a disk without touching the machine's.
class SmallFileSystem {
 public:
  SmallFileSystem(const std::string& at, const char* size) : at_(at) {
    std::filesystem::create_directories(at);
    mounted_ = ::mount("plenum-disk-full-test", at.c_str(), "tmpfs", 0, (std::string("size=") + size).c_str()) == 0;
    error_ = mounted_ ? 0 : errno;
  }
  ~SmallFileSystem() {
    if (mounted_) ::umount2(at_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  int error() const { return error_; }

 private:
  std::string at_;
  bool mounted_ = false;
  int error_ = 0;
};

// Writes `path` until the file system holding it has no byte left: large chunks, then smaller
// ones, so that not even a page is free.
void fill_to_the_last_byte(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0) << path;
  std::string chunk(1 << 20, 'x');
  for (size_t size = chunk.size(); size > 0; size /= 2)
    while (::write(fd, chunk.data(), size) == static_cast<ssize_t>(size)) {
    }
  EXPECT_EQ(errno, ENOSPC);
  ::close(fd);
}

TEST(DiskFull, WritesAreRefusedWithStorageFullReadsGoOnAndNothingAcknowledgedIsLost) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a small file system needs root";
  TempDir dir;
  SmallFileSystem disk(dir.file("disk"), "24m");
  ASSERT_TRUE(disk.mounted()) << "mount tmpfs: " << std::strerror(disk.error());
  std::string db = dir.file("disk/plenum.db"), filler = dir.file("disk/filler");
  // More members than check-ins can fit in the WAL's pages already allocated: the disk refuses
  // one long before the roster runs out.
  constexpr int kMembers = 600;
  Assembly a;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "t", "npc", kMembers);
    ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
    add_account(*app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  }
  ServerProcess server(db);
  HttpClient desk(server.port());
  ASSERT_EQ(desk.login("sec").status, 200);

  std::set<int64_t> acknowledged;
  size_t next = 0;
  auto check_in = [&](size_t i) {
    int64_t member = a.member_ids.at(i);
    return desk.action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", member}},
                       "desk-" + std::to_string(member));
  };
  for (; next < 50; ++next) {
    auto r = check_in(next);
    ASSERT_EQ(r.status, 200) << r.body;
    acknowledged.insert(a.member_ids[next]);
  }

  // The disk fills. Writes that still fit in pages the database already holds may succeed
  // (each acknowledged one must survive); the first that needs a new page is refused.
  fill_to_the_last_byte(filler);
  HttpReply refused;
  for (; next < a.member_ids.size(); ++next) {
    refused = check_in(next);
    if (refused.status != 200) break;
    acknowledged.insert(a.member_ids[next]);
  }
  ASSERT_LT(next, a.member_ids.size()) << "no write was refused on a full disk";
  ASSERT_EQ(refused.status, 507) << refused.body;
  Json error = refused.json()["error"];
  EXPECT_EQ(error["code"], "storage_full");
  EXPECT_NE(error["message_zh"].get<std::string>().find("磁盘已满"), std::string::npos) << refused.body;
  EXPECT_NE(error["message_en"].get<std::string>().find("disk is full"), std::string::npos) << refused.body;

  // Refused whole, and the server goes on reading.
  EXPECT_EQ(desk.get("/api/v1/health").status, 200);
  auto listed = desk.get("/api/v1/sittings/" + std::to_string(a.sitting_id) + "/check-ins");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json().size(), acknowledged.size());
  // A sign-in writes a login session: refused the same way, not with an internal error.
  HttpClient late(server.port());
  EXPECT_EQ(late.login("sec").status, 507);
  // Still full: the same request is refused again, not answered from a half-kept outcome.
  EXPECT_EQ(check_in(next).status, 507);

  // Space is freed: the refused request, sent again with its request id, is recorded now (it
  // was never recorded, so it is no replay), and the desk goes on.
  std::filesystem::remove(filler);
  auto retried = check_in(next);
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.json()["replayed"], false);
  acknowledged.insert(a.member_ids[next]);
  ++next;
  ASSERT_LT(next + 30, a.member_ids.size());
  for (size_t end = next + 30; next < end; ++next) {
    auto r = check_in(next);
    ASSERT_EQ(r.status, 200) << r.body;
    acknowledged.insert(a.member_ids[next]);
  }
  EXPECT_EQ(late.login("sec").status, 200);

  // Killed outright: every acknowledged check-in is on the ledger, and nothing else.
  ASSERT_TRUE(server.kill9());
  auto verify = run_plenum("--db " + db + " verify");
  EXPECT_EQ(verify.first, 0) << verify.second;
  auto replay = run_plenum("--db " + db + " replay");
  EXPECT_EQ(replay.first, 0) << replay.second;
  auto app = open_app(db);
  auto reader = app->store->read();
  std::set<int64_t> present;
  for (const auto& c : attendance::tables::check_ins(*reader, a.sitting_id)) present.insert(c.member_id);
  EXPECT_EQ(present, acknowledged);
}

TEST(DiskFull, ABackupOntoAFullDiskStopsAndLeavesNoPartialCopy) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a small file system needs root";
  TempDir dir;
  std::string db = dir.file("plenum.db");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "npc", 600);  // a database of some MiB: more than the target holds
  }
  SmallFileSystem disk(dir.file("backups"), "256k");
  ASSERT_TRUE(disk.mounted()) << "mount tmpfs: " << std::strerror(disk.error());
  std::string copy = dir.file("backups/nightly.db");
  auto [rc, out] = run_plenum("--db " + db + " backup --to " + copy);
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("is full"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(copy)) << "a partial copy was left";
  EXPECT_FALSE(std::filesystem::exists(copy + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(copy + "-journal"));
}

TEST(Init, CreatesAnEmptyDatabaseWithItsFirstAdminAndNothingElse) {
  TempDir dir;
  std::string db = dir.file("new/plenum.db"), password = dir.file("pw");
  std::filesystem::create_directories(dir.file("new"));
  std::ofstream(password) << "a-long-admin-secret\n";
  auto [rc, out] = run_plenum("--db " + db + " init --admin root --password-file " + password);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(out.find("a-long-admin-secret"), std::string::npos) << "the password is never printed";
  {
    auto app = open_app(db);
    EXPECT_EQ(app->store->read()->event_bodies(), std::vector<std::string>{"plenum"}) << "the account's chain only";
    TestServer server(*app);
    HttpClient admin(server.port());
    auto login = admin.login("root", "a-long-admin-secret");
    ASSERT_EQ(login.status, 200) << login.body;
    EXPECT_EQ(login.json()["roles"], Json::parse(R"([{"body":"*","role":"admin"}])"));
    EXPECT_EQ(admin.get("/api/v1/bodies").json(), Json::array()) << "the admin creates the bodies";
    auto body = admin.action(
        "assembly.create_body",
        Json{{"id", "county"}, {"name_zh", "县人大"}, {"name_en", "County congress"}, {"rulebook", "npc"}});
    EXPECT_EQ(body.status, 200) << body.body;
  }
  auto [again_rc, again] = run_plenum("--db " + db + " init --admin root --password-file " + password);
  EXPECT_NE(again_rc, 0);
  EXPECT_NE(again.find("exists"), std::string::npos) << again;

  std::ofstream(password, std::ios::trunc) << "short\n";
  std::string other = dir.file("new/other.db");
  auto [short_rc, short_out] = run_plenum("--db " + other + " init --password-file " + password);
  EXPECT_NE(short_rc, 0);
  EXPECT_NE(short_out.find("password"), std::string::npos) << short_out;
  EXPECT_FALSE(store::database_exists(other)) << "a failed init leaves no database behind";
}

TEST(Config, TheFileSaysWhatFlagsWouldAndTheCommandLineWins) {
  TempDir dir;
  std::string db = dir.file("configured.db"), config = dir.file("plenum.toml");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "generic", 2);
  }
  std::ofstream(config) << "db = \"" << db << "\"\n";
  auto [rc, out] = run_plenum("--config " + config + " verify");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("ledger OK"), std::string::npos) << out;
  auto [other_rc, other] = run_plenum("--config " + config + " --db " + dir.file("missing/none.db") + " replay");
  EXPECT_NE(other.find("0 events"), std::string::npos) << "the command line's --db wins: " << other;

  std::ofstream(config, std::ios::trunc) << "db = \"" << db << "\"\n[replay]\ninot = \"x.db\"\n";
  auto [typo_rc, typo] = run_plenum("--config " + config + " replay");
  EXPECT_NE(typo_rc, 0) << "a misspelt key is an error, not ignored: " << typo;
  EXPECT_NE(typo.find("inot"), std::string::npos) << typo;
}

}  // namespace
}  // namespace plenum::testing
