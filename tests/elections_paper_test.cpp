// A paper-ballot election through the ledger: nominations by the rulebook, scrutineers who are
// not candidates, a frozen electorate per round, ballot boxes, the count, the chief scrutineer's
// sign-off, a tie decided in a second round and a void round held again; a constitutional
// amendment decided by the same machinery on a confirmation ballot, never by devices or hands.
#include <gtest/gtest.h>

#include "elections/elections.h"
#include "motions/motions.h"
#include "motions/tables.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

class PaperElection : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = open_app(dir_.file("p.db"));
    a_ = seed_assembly(*app_, "npc", "npc", 20);
    add_account(*app_, "chair", Json::array({{{"body", "npc"}, {"role", "presiding"}}}));
    add_account(*app_, "chief", Json::array({{{"body", "npc"}, {"role", "member"}}}), a_.member_ids[0]);
    add_account(*app_, "teller", Json::array({{{"body", "npc"}, {"role", "member"}}}), a_.member_ids[1]);
    add_account(*app_, "m3", Json::array({{{"body", "npc"}, {"role", "member"}}}), a_.member_ids[2]);
    ASSERT_TRUE(act(*app_, "assembly.open_sitting", Json{{"sitting_id", a_.sitting_id}}).is_ok());
    // A round begins only at a quorate sitting (议事规则第四条).
    ASSERT_TRUE(
        act(*app_, "attendance.check_in_bulk", Json{{"sitting_id", a_.sitting_id}, {"member_ids", a_.member_ids}}));
  }
  Json ok(const std::string& action, Json args, const std::string& actor) {
    auto r = act(*app_, action, std::move(args), actor);
    EXPECT_TRUE(r.is_ok()) << action << " by " << actor << ": " << (r.is_ok() ? "" : r.error().message_en);
    return r.is_ok() ? r->result : Json();
  }
  ErrorCode fails(const std::string& action, Json args, const std::string& actor) {
    auto before = app_->store->read()->state_hash();
    auto r = act(*app_, action, std::move(args), actor);
    EXPECT_FALSE(r.is_ok()) << action << " by " << actor << " should have failed";
    EXPECT_EQ(before, app_->store->read()->state_hash());
    return r.is_ok() ? ErrorCode::kInternal : r.error().code;
  }
  Json election(int64_t id) { return *elections::get_election(*app_->store->read(), id); }

  TempDir dir_;
  std::unique_ptr<app::App> app_;
  Assembly a_;
};

TEST_F(PaperElection, TwoSeatsATieAVoidRoundAndTheResult) {
  int64_t e =
      ok("elections.create",
         Json{{"session_id", a_.session_id}, {"title_zh", "选举副主任委员"}, {"seats", 2}, {"ballot_kind", "election"}},
         "chair")["election_id"];
  EXPECT_EQ(
      fails("elections.create",
            Json{{"session_id", a_.session_id}, {"title_zh", "x"}, {"seats", 1}, {"ballot_kind", "election"}}, "m3"),
      ErrorCode::kForbidden);
  // Nominations: the presidium may; a joint nomination is not a route in the NPC's rulebook.
  for (const char* name : {"甲", "乙", "丙"})
    ok("elections.nominate", Json{{"election_id", e}, {"name", name}, {"organ", "presidium"}}, "chair");
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "丁"}, {"organ", "state_council"}}, "chair"),
            ErrorCode::kRuleViolation);
  EXPECT_EQ(
      fails("elections.nominate",
            Json{{"election_id", e}, {"name", "丁"}, {"member_ids", {a_.member_ids[3], a_.member_ids[4]}}}, "chair"),
      ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "甲"}, {"organ", "presidium"}}, "chair"),
            ErrorCode::kConflict);
  ok("elections.nominate",
     Json{{"election_id", e}, {"name", "戊"}, {"member_id", a_.member_ids[5]}, {"organ", "presidium"}}, "chair");
  // Scrutineers are not candidates; a round needs a chief scrutineer.
  EXPECT_EQ(fails("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[5]}}, "chair"),
            ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair"),
            ErrorCode::kConflict);
  ok("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[0]}, {"chief", true}},
     "chair");
  ok("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[1]}}, "chair");

  // Round 1: 20 members entitled; 18 ballots issued, 18 returned in two boxes.
  Json opened = ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair");
  EXPECT_EQ(opened["members"], 20);
  EXPECT_EQ(opened["kind"], "first");
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "己"}, {"organ", "presidium"}}, "chair"),
            ErrorCode::kConflict);
  EXPECT_EQ(fails("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 9}, {"returned", 9}}, "m3"),
            ErrorCode::kForbidden);
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 9}, {"returned", 9}}, "teller");
  ok("elections.record_box", Json{{"election_id", e}, {"box", "2"}, {"issued", 9}, {"returned", 9}}, "teller");
  EXPECT_EQ(
      fails("elections.record_box", Json{{"election_id", e}, {"box", "3"}, {"issued", 3}, {"returned", 3}}, "teller"),
      ErrorCode::kMalformed);  // 21 issued for 20 members
  // Totals that do not add up are refused when entered.
  EXPECT_EQ(
      fails("elections.enter_count",
            Json{{"election_id", e}, {"totals", {{"valid_ballots", 17}, {"void_ballots", 0}, {"for", {{"c1", 15}}}}}},
            "teller"),
      ErrorCode::kMalformed);
  // 甲 12, 乙 11, 丙 11, 戊 0: more than half of 20 is 11; 甲 elected, 乙 and 丙 tied for the other seat.
  ok("elections.enter_count",
     Json{{"election_id", e},
          {"totals",
           {{"valid_ballots", 17},
            {"void_ballots", 1},
            {"for", {{"c1", 12}, {"c2", 11}, {"c3", 11}}},
            {"against", {{"c4", 10}}}}}},
     "teller");
  EXPECT_EQ(fails("elections.sign_off", Json{{"election_id", e}}, "teller"), ErrorCode::kForbidden);  // not the chief
  Json first = ok("elections.sign_off", Json{{"election_id", e}}, "chief");
  EXPECT_EQ(first["elected"], Json::array({"甲"}));
  EXPECT_EQ(first["runoff"], Json::array({"乙", "丙"}));
  EXPECT_EQ(first["minimum"], 11);
  EXPECT_NE(first["announcement_zh"].get<std::string>().find(
                "发出选票18张，收回选票18张，收回的选票等于发出的选票，选举有效"),
            std::string::npos)
      << first["announcement_zh"];
  EXPECT_EQ(election(e)["state"], "counted");

  // Round 2 between the tied for one seat; more ballots come back than were issued: void.
  EXPECT_EQ(fails("elections.open_round",
                  Json{{"election_id", e}, {"sitting_id", a_.sitting_id}, {"candidate_ids", {"c1", "c2"}}}, "chair"),
            ErrorCode::kConflict);  // 甲 is already elected
  Json second = ok("elections.open_round",
                   Json{{"election_id", e}, {"sitting_id", a_.sitting_id}, {"candidate_ids", {"c2", "c3"}}}, "chair");
  EXPECT_EQ(second["kind"], "runoff");
  EXPECT_EQ(second["seats"], 1);
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 18}, {"returned", 19}}, "teller");
  ok("elections.enter_count",
     Json{{"election_id", e},
          {"totals", {{"valid_ballots", 19}, {"void_ballots", 0}, {"for", {{"c2", 12}, {"c3", 7}}}}}},
     "chief");
  Json void_round = ok("elections.sign_off", Json{{"election_id", e}}, "chief");
  EXPECT_FALSE(void_round["valid"]);
  EXPECT_TRUE(void_round["elected"].empty());

  // Held again, ballot by ballot: 乙 12, 丙 6, and one ballot marking both (void).
  Json third = ok("elections.open_round",
                  Json{{"election_id", e}, {"sitting_id", a_.sitting_id}, {"candidate_ids", {"c2", "c3"}}}, "chair");
  EXPECT_EQ(third["kind"], "runoff");
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 19}, {"returned", 19}}, "teller");
  Json ballots = Json::array();
  for (int i = 0; i < 12; ++i) ballots.push_back(Json{{"marks", {{"c2", "for"}, {"c3", "against"}}}});
  for (int i = 0; i < 6; ++i) ballots.push_back(Json{{"marks", {{"c3", "for"}}}});
  ballots.push_back(Json{{"marks", {{"c2", "for"}, {"c3", "for"}}}});
  EXPECT_EQ(
      fails("elections.enter_count", Json{{"election_id", e}, {"ballots", {{{"marks", {{"c2", "maybe"}}}}}}}, "teller"),
      ErrorCode::kMalformed);
  ok("elections.enter_count", Json{{"election_id", e}, {"ballots", ballots}}, "teller");
  Json final_result = ok("elections.sign_off", Json{{"election_id", e}}, "chief");
  EXPECT_EQ(final_result["elected"], Json::array({"乙"}));
  EXPECT_EQ(final_result["void_ballots"], 1);
  Json done = election(e);
  EXPECT_EQ(done["state"], "closed");
  EXPECT_EQ(done["elected"], Json::array({"甲", "乙"}));
  EXPECT_EQ(done["rounds"].size(), 3u);
  EXPECT_EQ(done["rounds"][0]["members_hash"].get<std::string>().size(), 64u);
  EXPECT_EQ(fails("elections.open_round",
                  Json{{"election_id", e}, {"sitting_id", a_.sitting_id}, {"candidate_ids", {"c3"}}}, "chair"),
            ErrorCode::kConflict);  // closed

  // The record replays to the same state.
  TempDir fresh_dir;
  auto fresh = store::open_sqlite_store(fresh_dir.file("replay.db"), app::make_registry().slices());
  ASSERT_TRUE(fresh.is_ok());
  auto report = ledger::replay(*app_->store, **fresh, app_->registry);
  EXPECT_TRUE(report.ok) << report.problem;
}

// The session's election method fixes the competitive margin (等额 or 差额), checked when the
// first round opens; joint nominations need the number of deputies the law sets for the level.
// 全国人民代表大会议事规则第四条: a round is put only to a sitting with its quorum.
TEST(ElectionQuorum, ARoundBeginsOnlyAtAQuorateSitting) {
  TempDir dir;
  auto app = open_app(dir.file("q.db"));
  Assembly a = seed_assembly(*app, "npc", "npc", 9);
  add_account(*app, "chair", Json::array({{{"body", "npc"}, {"role", "presiding"}}}));
  ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
  auto run = [&](const std::string& action, Json args) { return act(*app, action, std::move(args), "chair"); };
  auto created =
      run("elections.create",
          Json{{"session_id", a.session_id}, {"title_zh", "选举主任委员"}, {"seats", 1}, {"ballot_kind", "election"}});
  ASSERT_TRUE(created);
  int64_t e = created->result["election_id"];
  ASSERT_TRUE(run("elections.nominate", Json{{"election_id", e}, {"name", "甲"}, {"organ", "presidium"}}));
  ASSERT_TRUE(
      run("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a.member_ids[8]}, {"chief", true}}));
  std::vector<int64_t> five(a.member_ids.begin(), a.member_ids.begin() + 5);  // 5 of 9: fewer than 6
  ASSERT_TRUE(act(*app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", five}}));
  auto before = app->store->read()->state_hash();
  auto refused = run("elections.open_round", Json{{"election_id", e}, {"sitting_id", a.sitting_id}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(refused.error().field, "args.sitting_id");
  EXPECT_EQ(refused.error().rule, "全国人民代表大会议事规则第四条");
  EXPECT_NE(refused.error().message_zh.find("出席5人，不足法定人数（至少6人），不能开始本轮投票"), std::string::npos)
      << refused.error().message_zh;
  EXPECT_EQ(before, app->store->read()->state_hash());
  ASSERT_TRUE(act(*app, "attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", a.member_ids[5]}}));
  EXPECT_TRUE(run("elections.open_round", Json{{"election_id", e}, {"sitting_id", a.sitting_id}}));
}

TEST(ElectionMethod, MarginsAndJointNominationsByLevel) {
  TempDir dir;
  auto app = open_app(dir.file("m.db"));
  Assembly county = seed_assembly(*app, "county", "local-congress", 30, "county");
  add_account(*app, "chair", Json::array({{{"body", "county"}, {"role", "presiding"}}}));
  add_account(*app, "chief", Json::array({{{"body", "county"}, {"role", "member"}}}), county.member_ids[29]);
  ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", county.sitting_id}}).is_ok());
  ASSERT_TRUE(act(*app, "attendance.check_in_bulk",
                  Json{{"sitting_id", county.sitting_id}, {"member_ids", county.member_ids}}));
  auto run = [&](const std::string& action, Json args) { return act(*app, action, std::move(args), "chair"); };
  auto create = [&](Json margin, int seats) {
    Json args{{"session_id", county.session_id},
              {"title_zh", "选举常务委员会委员"},
              {"seats", seats},
              {"ballot_kind", "election"}};
    if (!margin.is_null()) args["margin"] = margin;
    auto r = run("elections.create", args);
    EXPECT_TRUE(r.is_ok()) << (r.is_ok() ? "" : r.error().message_en);
    int64_t id = r.is_ok() ? r->result["election_id"].get<int64_t>() : 0;
    EXPECT_TRUE(run("elections.appoint_scrutineer",
                    Json{{"election_id", id}, {"member_id", county.member_ids[29]}, {"chief", true}})
                    .is_ok());
    return id;
  };
  auto nominate = [&](int64_t e, int n) {
    for (int i = 0; i < n; ++i)
      ASSERT_TRUE(run("elections.nominate",
                      Json{{"election_id", e}, {"name", "候选人" + std::to_string(i)}, {"organ", "presidium"}})
                      .is_ok());
  };
  auto open = [&](int64_t e) {
    return run("elections.open_round", Json{{"election_id", e}, {"sitting_id", county.sitting_id}});
  };

  // Bad margins are refused when the election is created.
  for (Json bad :
       {Json{{"min", 2}, {"max", 1}}, Json{{"min", -1}, {"max", 1}}, Json{{"min", "x"}, {"max", 1}}, Json{{"min", 1}}})
    EXPECT_EQ(run("elections.create", Json{{"session_id", county.session_id},
                                           {"title_zh", "x"},
                                           {"seats", 10},
                                           {"ballot_kind", "election"},
                                           {"margin", bad}})
                  .error()
                  .code,
              ErrorCode::kMalformed)
        << bad;
  // 等额: one candidate per seat.
  int64_t equal = create(Json{{"min", 0}, {"max", 0}}, 1);
  nominate(equal, 2);
  auto refused = open(equal);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
  EXPECT_NE(refused.error().message_zh.find("候选人应多出0名"), std::string::npos) << refused.error().message_zh;
  // 差额 for standing-committee members: 1/10 to 1/5 more than 10 seats → 1 to 2 more.
  int64_t members = create(Json{{"min", "1/10"}, {"max", "1/5"}}, 10);
  nominate(members, 10);
  EXPECT_EQ(open(members).error().code, ErrorCode::kRuleViolation);  // 10 for 10 seats
  nominate(members, 0);
  ASSERT_TRUE(
      run("elections.nominate", Json{{"election_id", members}, {"name", "候选人甲"}, {"organ", "presidium"}}).is_ok());
  EXPECT_TRUE(open(members).is_ok());  // 11 for 10

  // Joint nominations: ten deputies of a county congress, not nine.
  int64_t joint = create(Json(), 1);
  std::vector<int64_t> nine(county.member_ids.begin(), county.member_ids.begin() + 9);
  auto nine_r = run("elections.nominate", Json{{"election_id", joint}, {"name", "联名甲"}, {"member_ids", nine}});
  ASSERT_FALSE(nine_r.is_ok());
  EXPECT_EQ(nine_r.error().code, ErrorCode::kRuleViolation);
  EXPECT_NE(nine_r.error().message_zh.find("10名以上"), std::string::npos) << nine_r.error().message_zh;
  nine.push_back(county.member_ids[9]);
  EXPECT_TRUE(
      run("elections.nominate", Json{{"election_id", joint}, {"name", "联名甲"}, {"member_ids", nine}}).is_ok());
}

// 宪法的修改，采用无记名投票方式表决 (议事规则第六十条): an amendment cannot be put to the devices
// (nor so to a show of hands, which counts an open poll); it is decided by a secret paper ballot on
// it, counted against at least two thirds of ALL deputies (宪法第六十四条), and its count decides
// the motion. The ballot has the amendment as its one item: no nominations, one seat, on paper.
TEST_F(PaperElection, AConstitutionalAmendmentIsDecidedBySecretPaperBallotOnly) {
  auto amendment = [&](const char* title) -> int64_t {
    int64_t id = ok("motions.submit",
                    Json{{"session_id", a_.session_id},
                         {"kind", "constitutional_amendment"},
                         {"title_zh", title},
                         {"organ", "standing_committee"}},
                    "chair")["motion_id"];
    ok("motions.place_on_agenda", Json{{"motion_id", id}}, "chair");
    return id;
  };
  const int64_t first = amendment("中华人民共和国宪法修正案（草案）");
  auto refused = act(*app_, "voting.open", Json{{"motion_id", first}, {"sitting_id", a_.sitting_id}}, "chair");
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(refused.error().field, "args.motion_id");
  EXPECT_NE(refused.error().message_zh.find("以无记名投票方式表决"), std::string::npos) << refused.error().message_zh;
  EXPECT_NE(refused.error().message_zh.find("第六十条"), std::string::npos) << refused.error().message_zh;
  EXPECT_NE(refused.error().message_en.find("secret paper ballot"), std::string::npos);

  // The ballot is a one-item paper confirmation ballot on a motion of the session.
  Json ballot{{"session_id", a_.session_id},
              {"title_zh", "宪法修正案表决"},
              {"seats", 1},
              {"ballot_kind", "confirmation"},
              {"motion_id", first}};
  auto with = [&](const char* key, Json value) {
    Json b = ballot;
    b[key] = std::move(value);
    return b;
  };
  EXPECT_EQ(fails("elections.create", with("ballot_kind", "election"), "chair"), ErrorCode::kMalformed);
  EXPECT_EQ(fails("elections.create", with("seats", 2), "chair"), ErrorCode::kMalformed);
  EXPECT_EQ(fails("elections.create", with("mode", "electronic"), "chair"), ErrorCode::kMalformed);
  EXPECT_EQ(fails("elections.create", with("motion_id", 999999), "chair"), ErrorCode::kNotFound);
  EXPECT_EQ(fails("elections.create", ballot, "m3"), ErrorCode::kForbidden);
  int64_t resolution = ok("motions.submit",
                          Json{{"session_id", a_.session_id},
                               {"kind", "draft_resolution"},
                               {"title_zh", "决议草案"},
                               {"organ", "presidium"}},
                          "chair")["motion_id"];
  ok("motions.place_on_agenda", Json{{"motion_id", resolution}}, "chair");
  EXPECT_EQ(fails("elections.create", with("motion_id", resolution), "chair"), ErrorCode::kRuleViolation)
      << "a resolution is voted by the devices";
  int64_t e = ok("elections.create", ballot, "chair")["election_id"];
  EXPECT_EQ(fails("elections.create", ballot, "chair"), ErrorCode::kConflict) << "one ballot per motion";
  Json created = election(e);
  ASSERT_EQ(created["candidates"].size(), 1u);
  EXPECT_EQ(created["candidates"][0]["motion_id"], first);
  EXPECT_EQ(created["candidates"][0]["name"], "中华人民共和国宪法修正案（草案）");
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "甲"}, {"organ", "presidium"}}, "chair"),
            ErrorCode::kConflict);
  ok("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[0]}, {"chief", true}},
     "chair");
  ok("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[1]}}, "chair");

  // 20 deputies, all present: at least two thirds of all of them is 14.
  ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair");
  EXPECT_EQ(motions::tables::motion(*app_->store->read(), first)->state, motions::MotionState::kVoting);
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 20}, {"returned", 20}}, "teller");
  ok("elections.enter_count",
     Json{{"election_id", e},
          {"totals", {{"valid_ballots", 19}, {"void_ballots", 1}, {"for", {{"c1", 14}}}, {"against", {{"c1", 3}}}}}},
     "teller");
  Json adopted = ok("elections.sign_off", Json{{"election_id", e}}, "chief");
  EXPECT_TRUE(adopted["adopted"].get<bool>());
  EXPECT_EQ(adopted["minimum"], 14);
  EXPECT_EQ(adopted["announcement_zh"],
            "发出表决票20张，收回表决票20张，有效票19张，无效票1张。赞成14票，反对3票，弃权2票。通过。");
  EXPECT_FALSE(adopted.contains("reason_zh"));
  auto decided = motions::tables::motion(*app_->store->read(), first);
  EXPECT_EQ(decided->state, motions::MotionState::kAdopted);
  EXPECT_EQ(decided->decided_how, "secret_ballot");
  EXPECT_EQ(election(e)["state"], "closed");
  EXPECT_EQ(election(e)["rounds"][0]["result"], adopted) << "the round keeps the count as announced";
  EXPECT_EQ(fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair"),
            ErrorCode::kConflict);

  // One vote short: not adopted, and the count says why.
  const int64_t second = amendment("关于修改宪法第二条的修正案（草案）");
  int64_t e2 = ok("elections.create", with("motion_id", second), "chair")["election_id"];
  ok("elections.appoint_scrutineer", Json{{"election_id", e2}, {"member_id", a_.member_ids[0]}, {"chief", true}},
     "chair");
  ok("elections.open_round", Json{{"election_id", e2}, {"sitting_id", a_.sitting_id}}, "chair");
  ok("elections.record_box", Json{{"election_id", e2}, {"box", "1"}, {"issued", 20}, {"returned", 20}}, "chief");
  ok("elections.enter_count",
     Json{{"election_id", e2},
          {"totals", {{"valid_ballots", 20}, {"void_ballots", 0}, {"for", {{"c1", 13}}}, {"against", {{"c1", 7}}}}}},
     "chief");
  Json failed = ok("elections.sign_off", Json{{"election_id", e2}}, "chief");
  EXPECT_FALSE(failed["adopted"].get<bool>());
  EXPECT_EQ(failed["result_zh"], "未通过");
  EXPECT_NE(failed["reason_zh"].get<std::string>().find("赞成13票，不足14票"), std::string::npos)
      << failed["reason_zh"];
  EXPECT_NE(failed["reason_zh"].get<std::string>().find("宪法第六十四条"), std::string::npos) << failed["reason_zh"];
  EXPECT_EQ(motions::tables::motion(*app_->store->read(), second)->state, motions::MotionState::kNotAdopted);
}

// At least 2/3 of ALL deputies for a constitutional amendment: 20 of 30 and 21 of 31, whoever
// abstains or is absent.
TEST(AmendmentBallot, AtLeastTwoThirdsOfAllDeputies) {
  struct Case {
    int members, yes;
    bool adopted;
  };
  for (Case c : {Case{30, 19, false}, Case{30, 20, true}, Case{31, 20, false}, Case{31, 21, true}}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Assembly a = seed_assembly(*app, "npc", "npc", c.members);
    auto step = [&](const std::string& action, Json args) {
      auto r = act(*app, action, std::move(args));
      EXPECT_TRUE(r.is_ok()) << action << ": " << (r.is_ok() ? "" : r.error().message_en);
      return r.is_ok() ? r->result : Json();
    };
    step("assembly.open_sitting", Json{{"sitting_id", a.sitting_id}});
    step("attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", a.member_ids}});
    int64_t motion = step("motions.submit", Json{{"session_id", a.session_id},
                                                 {"kind", "constitutional_amendment"},
                                                 {"title_zh", "宪法修正案（草案）"},
                                                 {"organ", "standing_committee"}})["motion_id"];
    step("motions.place_on_agenda", Json{{"motion_id", motion}});
    int64_t e = step("elections.create", Json{{"session_id", a.session_id},
                                              {"title_zh", "宪法修正案表决"},
                                              {"seats", 1},
                                              {"ballot_kind", "confirmation"},
                                              {"motion_id", motion}})["election_id"];
    step("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a.member_ids[0]}, {"chief", true}});
    step("elections.open_round", Json{{"election_id", e}, {"sitting_id", a.sitting_id}});
    int issued = c.members - 1;  // one deputy takes no ballot
    step("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", issued}, {"returned", issued}});
    step("elections.enter_count",
         Json{{"election_id", e},
              {"totals",
               {{"valid_ballots", issued}, {"void_ballots", 0}, {"for", {{"c1", c.yes}}}, {"against", {{"c1", 1}}}}}});
    Json result = step("elections.sign_off", Json{{"election_id", e}});
    EXPECT_EQ(result["adopted"], c.adopted) << c.members << "/" << c.yes;
    EXPECT_EQ(result["minimum"], c.members == 30 ? 20 : 21);
    EXPECT_EQ(motions::tables::motion(*app->store->read(), motion)->state,
              c.adopted ? motions::MotionState::kAdopted : motions::MotionState::kNotAdopted);
  }
}

}  // namespace
}  // namespace plenum::testing
