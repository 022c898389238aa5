// Nothing acknowledged is ever lost, proposals included: kill -9 the server while members submit
// proposals, then every acknowledged proposal is stored once, findable by full-text search (the
// index commits with the record), and the record verifies and replays.
#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <thread>

#include "ledger/chain.h"
#include "proposals/proposals.h"
#include "proposals/tables.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

TEST(Crash, Kill9DuringProposalSubmissionsLosesNoAcknowledgedProposal) {
  TempDir dir;
  std::string db = dir.file("p.db");
  constexpr int kMembers = 400;
  Assembly a;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "cppcc", "cppcc", kMembers);
    add_account(*app, "sec", Json::array({{{"body", "cppcc"}, {"role", "secretariat"}}}));
  }
  ServerProcess server(db);
  uint16_t port = server.port();
  HttpClient probe(port);
  ASSERT_EQ(probe.login("sec").status, 200);

  std::mutex mu;
  std::map<int64_t, std::string> acknowledged;  // proposal id → the unique word in its text
  std::atomic<int> acks{0};
  constexpr int kWorkers = 8;
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      HttpClient client(port);
      client.cookie = probe.cookie;
      client.csrf = probe.csrf;
      for (int i = w; i < kMembers; i += kWorkers) {
        std::string mark = "编号" + std::to_string(100000 + i);  // one per proposal
        Json args{{"session_id", a.session_id},
                  {"title", "关于乡村振兴的提案"},
                  {"area", "economy"},
                  {"parts", {{"facts", "情况。"}, {"analysis", "分析。"}, {"suggestions", "建议" + mark + "。"}}},
                  {"member_ids", {a.member_ids[i]}},
                  {"channel", "paper"}};
        try {
          auto r = client.action("proposals.submit", args);
          if (r.status != 200) continue;
          std::lock_guard<std::mutex> lock(mu);
          acknowledged[r.json()["result"]["proposal_id"].get<int64_t>()] = mark;
          ++acks;
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

  auto app = open_app(db);
  auto reader = app->store->read();
  for (const auto& [id, mark] : acknowledged) {
    auto p = proposals::tables::proposal(*reader, id);
    ASSERT_TRUE(p) << "acknowledged proposal " << id << " was lost";
    proposals::ProposalFilter f;
    f.body = "cppcc";
    f.query = "\"" + mark + "\"";
    auto hits = proposals::tables::find_proposals(*reader, f);
    ASSERT_EQ(hits.size(), 1u) << mark;
    EXPECT_EQ(hits[0].proposal.id, id);
  }
  proposals::ProposalFilter all;
  all.body = "cppcc";
  int64_t stored = proposals::tables::count_proposals(*reader, all);
  EXPECT_GE(stored, static_cast<int64_t>(acknowledged.size()));
  int64_t events = 0;
  reader->for_each_event([&](const store::EventRecord& e) {
    if (e.type == "proposals.submitted") ++events;
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

}  // namespace
}  // namespace plenum::testing
