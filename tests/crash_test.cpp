// Nothing acknowledged is ever lost: kill -9 the server in the middle of a check-in burst, then
// every check-in that was acknowledged is in the store, none twice, and the record verifies and
// replays. And SIGTERM stops it cleanly, whatever it is doing.
#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <mutex>
#include <set>
#include <thread>

#include "assembly/tables.h"
#include "attendance/tables.h"
#include "ledger/chain.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

TEST(Crash, Kill9DuringACheckInBurstLosesNoAcknowledgedCheckIn) {
  TempDir dir;
  std::string db = dir.file("p.db");
  constexpr int kMembers = 1200;
  Assembly a;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "t", "npc", kMembers);
    add_account(*app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  }
  ServerProcess server(db);
  uint16_t port = server.port();
  HttpClient probe(port);
  ASSERT_EQ(probe.login("sec").status, 200);

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<int> acks{0};
  constexpr int kWorkers = 8;
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      HttpClient client(port);
      client.cookie = probe.cookie;
      client.csrf = probe.csrf;
      for (int i = w + 1; i <= kMembers; i += kWorkers) {
        char seat[16];
        std::snprintf(seat, sizeof seat, "S%04d", i);
        try {
          auto r = client.action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"seat", seat}});
          if (r.status != 200) continue;
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.insert(seat);
          ++acks;
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
  }
  EXPECT_TRUE(wait_until([&] { return acks.load() >= 300; })) << "the server stopped acknowledging";
  bool killed = server.kill9();
  for (auto& t : workers) t.join();
  ASSERT_TRUE(killed);
  ASSERT_LT(acknowledged.size(), static_cast<size_t>(kMembers)) << "the burst ended before the kill";

  auto app = open_app(db);
  auto reader = app->store->read();
  for (const auto& seat : acknowledged) {
    auto m = assembly::tables::member_by_seat(*reader, "t", seat);
    ASSERT_TRUE(m);
    EXPECT_TRUE(attendance::tables::check_in(*reader, a.sitting_id, m->id))
        << "acknowledged check-in of " << seat << " was lost";
  }
  // Every member at most once (the primary key), and the record is whole.
  int64_t stored = attendance::tables::count_check_ins(*reader, a.sitting_id);
  EXPECT_GE(stored, static_cast<int64_t>(acknowledged.size()));
  int64_t events = 0;
  reader->for_each_event([&](const store::EventRecord& e) {
    if (e.type == "attendance.checked_in") ++events;
    return true;
  });
  EXPECT_EQ(events, stored);
  EXPECT_TRUE(ledger::verify_chain(*reader).ok);
  reader.reset();
  app.reset();
  auto verify = run_plenum("--db " + db + " verify");
  EXPECT_EQ(verify.first, 0) << verify.second;
  auto replay = run_plenum("--db " + db + " replay");
  EXPECT_EQ(replay.first, 0) << replay.second;
}

// SIGTERM while sign-ins wait for Argon2id, a live screen is open and check-ins stream in: the
// server stops on its own (asio::signal_set, not a C handler calling into Asio), exits 0, and
// what it acknowledged is in a record that verifies.
TEST(Shutdown, SigtermWithSignInsWaitingAndScreensOpenExitsCleanly) {
  TempDir dir;
  std::string db = dir.file("p.db");
  Assembly a;
  SignedIn sec;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "t", "npc", 50);
    add_account(*app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
    sec = sign_in_directly(*app, "sec");
  }
  ServerProcess server(db);
  LiveClient screen(server.port(), sec.cookie, "t", 0);
  std::atomic<int> acked{0};
  std::atomic<bool> stop{false};
  std::thread desk([&] {
    HttpClient c(server.port());
    c.cookie = sec.cookie;
    c.csrf = sec.csrf;
    for (size_t i = 0; i < a.member_ids.size() && !stop; ++i) {
      try {
        auto r = c.action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", a.member_ids[i]}});
        if (r.status == 200) acked++;
      } catch (const std::exception&) {
        break;  // the server went away
      }
    }
  });
  std::vector<std::thread> signing;
  for (int i = 0; i < 6; ++i)
    signing.emplace_back([&] {
      try {
        HttpClient c(server.port());
        c.login("sec");
      } catch (const std::exception&) {
      }
    });
  EXPECT_TRUE(wait_until([&] { return acked >= 5; })) << "the server stopped acknowledging";
  EXPECT_EQ(server.terminate(), 0) << "plenum serve did not exit 0 on SIGTERM";
  stop = true;
  desk.join();
  for (auto& t : signing) t.join();
  auto [rc, out] = run_plenum("--db " + db + " verify");
  EXPECT_EQ(rc, 0) << out;
  auto app = open_app(db);
  EXPECT_GE(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), acked.load());
}

}  // namespace
}  // namespace plenum::testing
