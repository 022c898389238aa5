// The big screen over HTTP: the sitting it follows by itself, what the secretariat projects over
// it and clears, every refusal changing nothing, and the check-in by delegation it shows (reasons
// for leave only for the officers).
#include <gtest/gtest.h>

#include "base/text.h"
#include "ledger/ledger.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

class Screen : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = open_app(dir_.file("p.db"));
    a_ = seed_assembly(*app_, "t", "npc", 12);
    other_ = seed_assembly(*app_, "u", "npc", 3);
    add_account(*app_, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
    add_account(*app_, "chair", Json::array({{{"body", "t"}, {"role", "presiding"}}}));
    add_account(*app_, "wall", Json::array({{{"body", "t"}, {"role", "observer"}}}));
    add_account(*app_, "m1", Json::array({{{"body", "t"}, {"role", "member"}}}), a_.member_ids[0]);
    add_account(*app_, "usec", Json::array({{{"body", "u"}, {"role", "secretariat"}}}));
    server_ = std::make_unique<TestServer>(*app_);
    for (const char* user : {"sec", "chair", "wall", "m1", "usec"}) {
      clients_[user] = std::make_unique<HttpClient>(server_->port());
      ASSERT_EQ(clients_[user]->login(user).status, 200) << user;
    }
  }
  HttpClient& as(const std::string& user) { return *clients_.at(user); }
  Json screen(const std::string& user = "wall") {
    auto r = as(user).get("/api/v1/bodies/t/screen");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  Json project(Json args, const std::string& user = "sec") {
    args["body"] = "t";
    auto r = as(user).action("screen.project", args);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // The refusal's field; the state hash is as before.
  std::string refused(const std::string& action, Json args, int status, const std::string& user = "sec") {
    auto before = app_->store->read()->state_hash();
    auto r = as(user).action(action, args);
    EXPECT_EQ(r.status, status) << args.dump() << " → " << r.body;
    EXPECT_EQ(before, app_->store->read()->state_hash()) << args.dump();
    Json j = r.json();
    EXPECT_FALSE(j["error"]["message_zh"].get<std::string>().empty());
    EXPECT_FALSE(j["error"]["message_en"].get<std::string>().empty());
    return j["error"]["field"].is_string() ? j["error"]["field"].get<std::string>() : "";
  }

  TempDir dir_;
  std::unique_ptr<app::App> app_;
  Assembly a_, other_;
  std::unique_ptr<TestServer> server_;
  std::map<std::string, std::unique_ptr<HttpClient>> clients_;
};

TEST_F(Screen, FollowsTheOpenSittingElseTheNextElseTheLast) {
  Json s = screen();
  EXPECT_EQ(s["following"], "next");  // the skeleton's sitting is scheduled
  EXPECT_EQ(s["sitting_id"], a_.sitting_id);
  EXPECT_TRUE(s["projection"].is_null());
  Json later = act(*app_, "assembly.schedule_sitting",
                   Json{{"session_id", a_.session_id},
                        {"kind", "plenary"},
                        {"number", 2},
                        {"title_zh", "第二次全体会议"},
                        {"starts_at", "2024-03-08T09:00+08:00"}})
                   ->result;
  int64_t second = later["sitting_id"];
  EXPECT_EQ(screen()["sitting_id"], a_.sitting_id) << "the earlier scheduled sitting is next";
  ASSERT_TRUE(act(*app_, "assembly.open_sitting", Json{{"sitting_id", second}}));
  s = screen();
  EXPECT_EQ(s["following"], "open");
  EXPECT_EQ(s["sitting_id"], second);
  ASSERT_TRUE(act(*app_, "assembly.close_sitting", Json{{"sitting_id", second}}));
  EXPECT_EQ(screen()["sitting_id"], a_.sitting_id) << "a scheduled sitting comes before one that is over";
  ASSERT_TRUE(act(*app_, "assembly.open_sitting", Json{{"sitting_id", a_.sitting_id}}));
  ASSERT_TRUE(act(*app_, "assembly.close_sitting", Json{{"sitting_id", a_.sitting_id}}));
  s = screen();
  EXPECT_EQ(s["following"], "last");
  EXPECT_EQ(s["sitting_id"], a_.sitting_id) << "closed last";
}

TEST_F(Screen, EachKindIsProjectedUntilClearedAndReplays) {
  int64_t poll = open_vote(*app_, a_);
  Json r = project({{"kind", "poll"}, {"poll_id", poll}});
  EXPECT_EQ(r["result"]["kind"], "poll");
  Json p = screen()["projection"];
  EXPECT_EQ(p["kind"], "poll");
  EXPECT_EQ(p["poll_id"], poll);
  EXPECT_TRUE(p["sitting_id"].is_null());
  EXPECT_EQ(p["by"], "sec");
  EXPECT_EQ(screen()["following"], "open") << "the screen still knows the sitting it follows";

  project({{"kind", "sign_in"}, {"sitting_id", a_.sitting_id}});
  EXPECT_EQ(screen()["projection"]["kind"], "sign_in") << "a projection replaces the one before";
  project({{"kind", "attendance"}, {"sitting_id", a_.sitting_id}});
  project({{"kind", "message"}, {"text_zh", "会议将于15时继续进行"}, {"text_en", "The sitting resumes at 15:00"}});
  p = screen()["projection"];
  EXPECT_EQ(p["text_zh"], "会议将于15时继续进行");
  EXPECT_EQ(p["text_en"], "The sitting resumes at 15:00");

  Json s = screen();
  r = project({{"kind", "countdown"}, {"seconds", 600}, {"text_zh", "距复会"}});
  int64_t now = 0, ends = 0;
  ASSERT_TRUE(parse_iso_time(s["now"].get<std::string>(), &now));
  ASSERT_TRUE(parse_iso_time(r["result"]["ends_at"].get<std::string>(), &ends));
  EXPECT_GE(ends - now, 600 * 1000000LL) << "ten minutes from when it was projected";
  EXPECT_LT(ends - now, 900 * 1000000LL);
  EXPECT_EQ(screen()["projection"]["ends_at"], r["result"]["ends_at"]);

  // Every screen reads the same; a member's device may read it too (any follower).
  EXPECT_EQ(screen("m1")["projection"], screen("wall")["projection"]);

  // The projection is on the record: a replay rebuilds it, state hash and all.
  {
    auto fresh = store::open_sqlite_store(dir_.file("replayed.db"), app_->registry.slices());
    ASSERT_TRUE(fresh);
    auto report = ledger::replay(*app_->store, **fresh, app_->registry);
    EXPECT_TRUE(report.ok) << report.problem;
    EXPECT_EQ(report.source_hash, report.replayed_hash);
  }

  auto cleared = as("sec").action("screen.clear", Json{{"body", "t"}});
  EXPECT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(screen()["projection"].is_null());
  EXPECT_EQ(refused("screen.clear", Json{{"body", "t"}}, 409), "args.body") << "nothing left to clear";
}

TEST_F(Screen, RefusalsNameTheFieldAndChangeNothing) {
  int64_t poll = open_vote(*app_, a_);
  project({{"kind", "message"}, {"text_zh", "请就座"}});
  auto bad = [&](Json args, int status, const std::string& field, const std::string& user = "sec") {
    if (!args.contains("body")) args["body"] = "t";
    EXPECT_EQ(refused("screen.project", args, status, user), field) << args.dump();
  };
  // Only the secretariat projects, and only on its own body's screens.
  bad({{"kind", "message"}, {"text_zh", "x"}}, 403, "actor", "chair");
  bad({{"kind", "message"}, {"text_zh", "x"}}, 403, "actor", "m1");
  bad({{"kind", "message"}, {"text_zh", "x"}}, 403, "actor", "usec");
  bad({{"kind", "message"}, {"text_zh", "x"}, {"body", "nobody"}}, 404, "args.body");
  // Each kind takes its own arguments and no other.
  bad({{"kind", "slideshow"}}, 400, "args.kind");
  bad({{"kind", "message"}}, 400, "args.text_zh");
  bad({{"kind", "message"}, {"text_zh", "  "}}, 400, "args.text_zh");
  // Blank as a person sees it: an IME's ideographic spaces, a no-break or a zero-width space.
  bad({{"kind", "message"}, {"text_zh", "\u3000\u3000"}}, 400, "args.text_zh");
  bad({{"kind", "message"}, {"text_zh", "\u00a0\u200b"}}, 400, "args.text_zh");
  bad({{"kind", "countdown"}, {"seconds", 60}, {"text_zh", "\u3000"}}, 400, "args.text_zh");
  bad({{"kind", "countdown"}, {"seconds", 60}, {"text_en", "Until the sitting resumes"}}, 400, "args.text_zh");
  bad({{"kind", "message"}, {"text_zh", std::string(1201, 'a')}}, 400, "args.text_zh");
  bad({{"kind", "message"}, {"text_zh", "x"}, {"poll_id", poll}}, 400, "args.poll_id");
  bad({{"kind", "poll"}, {"poll_id", poll}, {"text_zh", "x"}}, 400, "args.text_zh");
  bad({{"kind", "poll"}, {"poll_id", poll}, {"seconds", 60}}, 400, "args.seconds");
  bad({{"kind", "poll"}}, 400, "args.poll_id");
  bad({{"kind", "poll"}, {"poll_id", 999999}}, 404, "args.poll_id");
  bad({{"kind", "poll"}, {"poll_id", "1"}}, 400, "args.poll_id");
  bad({{"kind", "attendance"}, {"sitting_id", other_.sitting_id}}, 400, "args.sitting_id");
  bad({{"kind", "attendance"}, {"sitting_id", -1}}, 400, "args.sitting_id");
  bad({{"kind", "sign_in"}, {"sitting_id", 9223372036854775807LL}}, 404, "args.sitting_id");
  bad({{"kind", "countdown"}}, 400, "args.seconds");
  bad({{"kind", "countdown"}, {"seconds", 9}}, 400, "args.seconds");
  bad({{"kind", "countdown"}, {"seconds", 86401}}, 400, "args.seconds");
  bad({{"kind", "countdown"}, {"seconds", 1e300}}, 400, "args.seconds");
  // An election shows only once it has a round.
  Json e =
      act(*app_, "elections.create",
          Json{{"session_id", a_.session_id}, {"title_zh", "选举主任委员"}, {"seats", 1}, {"ballot_kind", "election"}})
          ->result;
  bad({{"kind", "election"}, {"election_id", e["election_id"]}}, 409, "args.election_id");
  EXPECT_EQ(screen()["projection"]["text_zh"], "请就座") << "every refusal left the message up";
  // Neither the route nor the actions are for strangers, nor another body's staff.
  HttpClient stranger(server_->port());
  EXPECT_EQ(stranger.get("/api/v1/bodies/t/screen").status, 401);
  EXPECT_EQ(as("usec").get("/api/v1/bodies/t/screen").status, 403);
  EXPECT_EQ(as("wall").get("/api/v1/bodies/nobody/screen").status, 404);
  EXPECT_EQ(refused("screen.clear", Json{{"body", "t"}}, 403, "wall"), "actor");
}

TEST_F(Screen, CheckInByDelegationWithReasonsForTheOfficersOnly) {
  ASSERT_TRUE(act(*app_, "assembly.open_sitting", Json{{"sitting_id", a_.sitting_id}}));
  std::vector<int64_t> first(a_.member_ids.begin(), a_.member_ids.begin() + 9);
  ASSERT_TRUE(act(*app_, "attendance.check_in_bulk", Json{{"sitting_id", a_.sitting_id}, {"member_ids", first}}));
  int64_t on_leave = a_.member_ids[9], pending = a_.member_ids[10];
  Json l = act(*app_, "attendance.request_leave",
               Json{{"sitting_id", a_.sitting_id}, {"member_id", on_leave}, {"reason", "因病住院"}})
               ->result;
  ASSERT_TRUE(act(*app_, "attendance.decide_leave", Json{{"leave_id", l["leave_id"]}, {"decision", "approved"}}));
  ASSERT_TRUE(act(*app_, "attendance.request_leave",
                  Json{{"sitting_id", a_.sitting_id}, {"member_id", pending}, {"reason", "家中有事"}}));

  const std::string path = "/api/v1/sittings/" + std::to_string(a_.sitting_id) + "/units";
  auto r = as("wall").get(path);
  ASSERT_EQ(r.status, 200) << r.body;
  Json units = r.json()["units"];
  int64_t expected = 0, present = 0, absent = 0, leave = 0;
  std::map<int64_t, Json> absentees;
  for (const auto& u : units) {
    EXPECT_FALSE(u["name"].get<std::string>().empty());
    EXPECT_EQ(u["absent"], u["expected"].get<int64_t>() - u["present"].get<int64_t>());
    EXPECT_EQ(u["absentees"].size(), u["absent"].get<size_t>());
    expected += u["expected"].get<int64_t>();
    present += u["present"].get<int64_t>();
    absent += u["absent"].get<int64_t>();
    leave += u["on_leave"].get<int64_t>();
    for (const auto& a : u["absentees"]) {
      absentees[a["member_id"]] = a;
      EXPECT_FALSE(a.contains("reason")) << "an observer does not learn why";
    }
  }
  EXPECT_EQ(units.size(), 2u) << "甲团 and 乙团";
  EXPECT_EQ(expected, 12);
  EXPECT_EQ(present, 9);
  EXPECT_EQ(absent, 3);
  EXPECT_EQ(leave, 1);
  EXPECT_EQ(absentees[on_leave]["leave"], "approved");
  EXPECT_EQ(absentees[pending]["leave"], "pending");
  EXPECT_TRUE(absentees[a_.member_ids[11]]["leave"].is_null());

  for (const char* officer : {"sec", "chair"}) {
    Json again = as(officer).get(path).json();
    std::map<int64_t, std::string> reasons;
    for (const auto& u : again["units"])
      for (const auto& a : u["absentees"])
        if (a.contains("reason")) reasons[a["member_id"]] = a["reason"];
    EXPECT_EQ(reasons[on_leave], "因病住院") << officer;
    EXPECT_EQ(reasons[pending], "家中有事") << officer;
    EXPECT_EQ(reasons.count(a_.member_ids[11]), 0u) << "no leave, no reason";
  }
  EXPECT_EQ(as("m1").get(path).status, 200);
  EXPECT_EQ(as("usec").get(path).status, 403);
  HttpClient stranger(server_->port());
  EXPECT_EQ(stranger.get(path).status, 401);
  EXPECT_EQ(as("wall").get("/api/v1/sittings/999999/units").status, 404);
  EXPECT_EQ(as("wall").get("/api/v1/sittings/x/units").status, 400);
}

}  // namespace
}  // namespace plenum::testing
