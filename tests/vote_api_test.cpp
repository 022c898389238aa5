// Votes over real HTTP and WebSocket clients: the anonymity proof (two votes that differ only in
// who chose what leave identical traces in the API, the events, the tables, the live stream and
// the logs), 100 concurrent casts by one member, and the live result on every screen.
#include <sqlite3.h>

#include <atomic>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

#include "test_support.h"
#include "voting/tables.h"
#include "voting/voting.h"

namespace plenum::testing {
namespace {

// Drops what differs between any two runs whatever happens in them: times, hash links.
Json without_times(Json j) {
  if (j.is_object()) {
    Json out = Json::object();
    for (auto& [k, v] : j.items()) {
      if (k == "at" || k == "hash" || k == "prev_hash" || (k.size() > 3 && k.substr(k.size() - 3) == "_at")) continue;
      out[k] = without_times(v);
    }
    return out;
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (auto& v : j) out.push_back(without_times(v));
    return out;
  }
  return j;
}

// Every row of the tables a vote touches, as plain text (the database itself, not the API).
std::string dump_tables(const std::string& db) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  std::string out;
  for (const char* sql :
       {"SELECT body, seq, type, actor, request_id, payload FROM events WHERE body != 'plenum' ORDER BY position",
        "SELECT * FROM requests ORDER BY request_id", "SELECT * FROM poll_ballots ORDER BY 1, 4, 2",
        "SELECT * FROM poll_voters ORDER BY 1, 2",
        "SELECT id, state, yes, no, abstain, not_voted, "
        "present, adopted, rule, announcement_zh FROM polls ORDER BY id",
        "SELECT id, state FROM motions ORDER BY id"}) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, sql, -1, &st, nullptr);
    out += std::string(sql) + "\n";
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(st); ++c) {
        const unsigned char* t = sqlite3_column_text(st, c);
        std::string cell = t ? reinterpret_cast<const char*>(t) : "NULL";
        // Event payloads carry no times, but check_in rows etc. are not read here.
        out += cell + "|";
      }
      out += "\n";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

struct Cast {
  int member;  // index into the assembly's members
  std::string key;
  std::string choice;
};

// Runs one vote of four members, all casting over HTTP in the given order, while a screen
// watches the live stream; returns everything an observer could read afterwards, each ballot's
// id written as BALLOT. An id is a hash of the member and the key only their device holds
// (voting::ballot_id): to anyone without the key it is a random string, the same whoever chose
// what, so the comparison looks at everything but its value.
std::string observe_vote(const std::string& mode, const std::vector<Cast>& casts) {
  TempDir dir;
  std::string db = dir.file("p.db");
  auto app = open_app(db);
  Assembly a = seed_assembly(*app, "t", "generic", 4);
  EXPECT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
  EXPECT_TRUE(act(*app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", a.member_ids}}));
  int64_t motion = act(*app, "motions.submit",
                       Json{{"session_id", a.session_id},
                            {"kind", "draft_resolution"},
                            {"title_zh", "决议草案"},
                            {"organ", "presidium"}})
                       ->result["motion_id"];
  EXPECT_TRUE(act(*app, "motions.place_on_agenda", Json{{"motion_id", motion}}));
  add_member_accounts(*app, "t", a.member_ids);
  add_account(*app, "screen", Json::array({{{"body", "t"}, {"role", "observer"}}}));
  add_account(*app, "chair", Json::array({{{"body", "t"}, {"role", "presiding"}}}));

  std::string observed;
  std::vector<std::string> ballot_ids;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  {
    TestServer server(*app);
    HttpClient chair(server.port()), screen(server.port());
    EXPECT_EQ(chair.login("chair").status, 200);
    EXPECT_EQ(screen.login("screen").status, 200);
    LiveClient live(server.port(), screen.cookie, "t", 0);
    // The catch-up first, up to "live": otherwise whether the poll's opening arrives in the
    // catch-up or after it depends on timing, and two runs would differ for no reason of privacy.
    for (;;) {
      Json m = live.next();
      observed += "live: " + without_times(m).dump() + "\n";
      if (m.value("type", "") == "live") break;
    }
    int64_t poll =
        chair.action("voting.open", Json{{"motion_id", motion}, {"sitting_id", a.sitting_id}, {"mode", mode}})
            .json()["result"]["poll_id"];
    for (const Cast& c : casts) ballot_ids.push_back(voting::ballot_id(poll, a.member_ids[c.member], c.key));
    for (const Cast& c : casts) {
      HttpClient member(server.port());
      SignedIn s = sign_in_directly(*app, "m" + std::to_string(a.member_ids[c.member]));
      member.cookie = s.cookie;
      member.csrf = s.csrf;
      auto r = member.action("voting.cast", Json{{"poll_id", poll}, {"choice", c.choice}, {"ballot_key", c.key}},
                             "cast-" + std::to_string(c.member));
      // The reply goes to the member's own device only; it is not a trace anyone else reads.
      EXPECT_EQ(r.status, 200) << r.body;
    }
    EXPECT_EQ(chair.action("voting.close", Json{{"poll_id", poll}}).status, 200);
    // The live stream as the screen saw it, up to the result.
    for (;;) {
      Json m = live.next();
      observed += "live: " + without_times(m).dump() + "\n";
      if (m.value("event_type", "") == "voting.poll_closed") break;
    }
    for (std::string target :
         {"/api/v1/polls/" + std::to_string(poll), "/api/v1/sittings/" + std::to_string(a.sitting_id) + "/polls",
          "/api/v1/motions/" + std::to_string(motion), std::string("/api/v1/bodies/t/events"),
          "/api/v1/sittings/" + std::to_string(a.sitting_id)})
      observed += target + ": " + without_times(screen.get(target).json()).dump() + "\n";
    for (int64_t m : a.member_ids)
      observed += "member: " + without_times(chair.get("/api/v1/members/" + std::to_string(m)).json()).dump() + "\n";
  }
  app.reset();
  observed += "stdout: " + ::testing::internal::GetCapturedStdout() + "\n";
  observed += "stderr: " + ::testing::internal::GetCapturedStderr() + "\n";
  observed += dump_tables(db);
  for (const auto& id : ballot_ids)
    for (size_t at = observed.find(id); at != std::string::npos; at = observed.find(id, at))
      observed.replace(at, id.size(), "BALLOT");
  return observed;
}

// The proof: in vote A member 1 votes for and member 2 against; in vote B the other way round
// (each with their own device's key), everything else equal. If anything an observer can read
// — replies, live stream, API, events, every table a vote touches, the server's output —
// depended on who chose what, the two would differ. They do not.
TEST(VotePrivacy, AnonymousChoicesCannotBeRecoveredFromAnyTrace) {
  const std::string k1 = "device-key-aaaaaaaaaaaa", k2 = "device-key-bbbbbbbbbbbb";
  const std::string k3 = "device-key-cccccccccccc";
  std::string a = observe_vote("anonymous", {{0, k1, "for"}, {1, k2, "against"}, {2, k3, "abstain"}});
  std::string b = observe_vote("anonymous", {{0, k1, "against"}, {1, k2, "for"}, {2, k3, "abstain"}});
  std::istringstream la(a), lb(b);
  std::string line_a, line_b;
  while (std::getline(la, line_a) && std::getline(lb, line_b)) ASSERT_EQ(line_a, line_b);
  EXPECT_EQ(a.size(), b.size());
  // The traces are not empty: the result is there, and the box can be recounted.
  EXPECT_NE(a.find("赞成1票，反对1票，弃权1票，未按表决器1人。"), std::string::npos) << a;
  EXPECT_NE(a.find("[\"BALLOT\",\"for\"]"), std::string::npos) << "a member finds their own ballot by its key";
}

// The same comparison tells two named votes apart: the method would catch a leak.
TEST(VotePrivacy, TheSameComparisonTellsNamedVotesApart) {
  std::string a = observe_vote("named", {{0, "unused-key-aaaaaaaaaa", "for"}, {1, "unused-key-bbbbbbbbbb", "against"}});
  std::string b = observe_vote("named", {{0, "unused-key-bbbbbbbbbb", "against"}, {1, "unused-key-aaaaaaaaaa", "for"}});
  EXPECT_NE(a, b);
}

struct LivePoll {
  TempDir dir;
  std::unique_ptr<app::App> app;
  Assembly a;
  int64_t motion = 0;
  std::unique_ptr<TestServer> server;
  LivePoll(int members) {
    app = open_app(dir.file("p.db"));
    a = seed_assembly(*app, "t", "npc", members);
    EXPECT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
    EXPECT_TRUE(
        act(*app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", a.member_ids}}));
    motion = act(*app, "motions.submit",
                 Json{{"session_id", a.session_id},
                      {"kind", "draft_resolution"},
                      {"title_zh", "决议草案"},
                      {"organ", "presidium"}})
                 ->result["motion_id"];
    EXPECT_TRUE(act(*app, "motions.place_on_agenda", Json{{"motion_id", motion}}));
    add_account(*app, "chair", Json::array({{{"body", "t"}, {"role", "presiding"}}}));
    server = std::make_unique<TestServer>(*app);
  }
};

// 100 casts by one member at once, with the same key or none: one ballot, one voter; every
// reply is 200 (the same ballot) or 409 (a second ballot refused).
TEST(VoteHttp, HundredConcurrentCastsByOneMemberCountOnce) {
  LivePoll t(3);
  add_member_accounts(*t.app, "t", {t.a.member_ids[0]});
  SignedIn s = sign_in_directly(*t.app, "m" + std::to_string(t.a.member_ids[0]));
  HttpClient chair(t.server->port());
  ASSERT_EQ(chair.login("chair").status, 200);
  int64_t poll = chair.action("voting.open", Json{{"motion_id", t.motion}, {"sitting_id", t.a.sitting_id}})
                     .json()["result"]["poll_id"];
  std::atomic<int> ok{0}, conflict{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 100; ++i)
    threads.emplace_back([&, i] {
      HttpClient c(t.server->port());
      c.cookie = s.cookie;
      c.csrf = s.csrf;
      Json args{{"poll_id", poll}, {"choice", i % 3 == 0 ? "against" : "for"}};
      if (i % 2 == 0) args["ballot_key"] = "the-one-device-key-of-m1";
      auto r = c.action("voting.cast", args);
      (r.status == 200 ? ok : r.status == 409 ? conflict : other)++;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GE(ok.load(), 1);
  EXPECT_EQ(ok.load() + conflict.load(), 100);
  auto reader = t.app->store->read();
  EXPECT_EQ(voting::tables::count_voters(*reader, poll), 1);
  auto tally = voting::tables::tally(*reader, poll);
  EXPECT_EQ(tally.yes + tally.no + tally.abstain, 1);
}

// Opening reaches every screen; progress arrives as coalesced notices, never single ballots;
// at the close the totals and 通过/未通过 reach the subscriber.
TEST(VoteHttp, ResultReachesEveryLiveSubscriber) {
  LivePoll t(6);
  add_member_accounts(*t.app, "t", t.a.member_ids);
  add_account(*t.app, "screen", Json::array({{{"body", "t"}, {"role", "observer"}}}));
  HttpClient chair(t.server->port()), screen(t.server->port());
  ASSERT_EQ(chair.login("chair").status, 200);
  ASSERT_EQ(screen.login("screen").status, 200);
  std::vector<std::unique_ptr<LiveClient>> screens;
  for (int i = 0; i < 3; ++i) {
    screens.push_back(std::make_unique<LiveClient>(t.server->port(), screen.cookie, "t", 0));
    for (;;)
      if (screens.back()->next()["type"] == "live") break;
  }
  int64_t poll = chair.action("voting.open", Json{{"motion_id", t.motion}, {"sitting_id", t.a.sitting_id}})
                     .json()["result"]["poll_id"];
  for (size_t i = 0; i < 4; ++i) {
    HttpClient m(t.server->port());
    SignedIn s = sign_in_directly(*t.app, "m" + std::to_string(t.a.member_ids[i]));
    m.cookie = s.cookie;
    m.csrf = s.csrf;
    ASSERT_EQ(m.action("voting.cast", Json{{"poll_id", poll}, {"choice", "for"}}).status, 200);
  }
  ASSERT_EQ(chair.action("voting.close", Json{{"poll_id", poll}}).status, 200);
  for (auto& live : screens) {
    bool opened = false;
    int64_t last_progress = 0;
    for (;;) {
      Json m = live->next();
      ASSERT_NE(m.value("event_type", ""), "voting.vote_cast");
      if (m.value("event_type", "") == "voting.poll_opened") opened = true;
      if (m["type"] == "notice" && m["notice"]["kind"] == "voting.progress") last_progress = m["notice"]["voted"];
      if (m.value("event_type", "") == "voting.poll_closed") {
        EXPECT_TRUE(opened);
        EXPECT_EQ(last_progress, 4);
        EXPECT_EQ(m["payload"]["announcement_zh"], "赞成4票，反对0票，弃权0票，未按表决器2人。通过。");
        EXPECT_EQ(m["payload"]["adopted"], true);
        break;
      }
    }
  }
}

}  // namespace
}  // namespace plenum::testing
