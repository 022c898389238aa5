// Nothing acknowledged is ever lost in a vote either: kill -9 the server in the middle of an
// anonymous vote burst; after restart every acknowledged ballot is in the box with the choice
// acknowledged, nobody is counted twice, the poll closes with those counts, and the record
// verifies and replays.
#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <thread>

#include "ledger/chain.h"
#include "test_support.h"
#include "voting/tables.h"
#include "voting/voting.h"

namespace plenum::testing {
namespace {

std::string key_of(int64_t member) { return "crash-test-ballot-key-" + std::to_string(member); }
const char* choice_of(int64_t member) { return member % 3 == 0 ? "against" : member % 3 == 1 ? "for" : "abstain"; }

TEST(Crash, Kill9DuringAVoteBurstLosesNoAcknowledgedVote) {
  TempDir dir;
  std::string db = dir.file("p.db");
  constexpr int kMembers = 160;
  Assembly a;
  int64_t poll = 0;
  std::map<int64_t, SignedIn> sessions;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "t", "npc", kMembers);
    poll = open_vote(*app, a);
    add_member_accounts(*app, "t", a.member_ids);
    for (int64_t m : a.member_ids) sessions[m] = sign_in_directly(*app, "m" + std::to_string(m));
  }
  ServerProcess server(db);
  uint16_t port = server.port();

  std::mutex mu;
  std::map<int64_t, std::string> acknowledged;  // member → the choice acknowledged
  std::atomic<int> acks{0};
  constexpr int kWorkers = 8;
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      HttpClient client(port);
      for (size_t i = w; i < a.member_ids.size(); i += kWorkers) {
        int64_t m = a.member_ids[i];
        client.cookie = sessions[m].cookie;
        client.csrf = sessions[m].csrf;
        try {
          // Every member first votes "for", then changes to their final choice with the same key.
          for (const char* choice : {"for", choice_of(m)}) {
            auto r =
                client.action("voting.cast", Json{{"poll_id", poll}, {"choice", choice}, {"ballot_key", key_of(m)}});
            if (r.status != 200) break;
            std::lock_guard<std::mutex> lock(mu);
            acknowledged[m] = choice;
            ++acks;
          }
        } catch (const std::exception&) {
          return;  // the server is gone
        }
      }
    });
  }
  EXPECT_TRUE(wait_until([&] { return acks.load() >= 100; })) << "the server stopped acknowledging";
  bool killed = server.kill9();
  for (auto& t : workers) t.join();
  ASSERT_TRUE(killed);
  ASSERT_LT(acknowledged.size(), static_cast<size_t>(kMembers)) << "the burst ended before the kill";

  // Straight after the crash, with the poll still open, the record verifies and replays.
  auto verify_open = run_plenum("--db " + db + " verify");
  EXPECT_EQ(verify_open.first, 0) << verify_open.second;
  auto replay_open = run_plenum("--db " + db + " replay");
  EXPECT_EQ(replay_open.first, 0) << replay_open.second;

  auto app = open_app(db);
  {
    auto reader = app->store->read();
    for (const auto& [m, choice] : acknowledged) {
      auto stored = voting::tables::ballot_choice(*reader, poll, voting::ballot_id(poll, m, key_of(m)));
      ASSERT_TRUE(stored) << "acknowledged ballot of member " << m << " was lost";
      // A later unacknowledged change may have committed; an acknowledged one is never undone.
      if (choice != "for") {
        EXPECT_EQ(*stored, choice) << "member " << m;
      }
      EXPECT_TRUE(voting::tables::has_voted(*reader, poll, m));
    }
    // One ballot per voter: nobody counted twice.
    auto tally = voting::tables::tally(*reader, poll);
    EXPECT_EQ(tally.yes + tally.no + tally.abstain, voting::tables::count_voters(*reader, poll));
    EXPECT_GE(voting::tables::count_voters(*reader, poll), static_cast<int64_t>(acknowledged.size()));
  }
  // The poll still closes, counting exactly the ballots in the box.
  auto closed = act(*app, "voting.close", Json{{"poll_id", poll}});
  ASSERT_TRUE(closed) << closed.error().message_en;
  auto reader = app->store->read();
  auto p = voting::tables::poll(*reader, poll);
  EXPECT_EQ(p->yes + p->no + p->abstain + p->not_voted, kMembers);
  EXPECT_TRUE(ledger::verify_chain(*reader).ok);
  reader.reset();
  app.reset();
  auto verify = run_plenum("--db " + db + " verify");
  EXPECT_EQ(verify.first, 0) << verify.second;
  auto replay = run_plenum("--db " + db + " replay");
  EXPECT_EQ(replay.first, 0) << replay.second;
}

}  // namespace
}  // namespace plenum::testing
