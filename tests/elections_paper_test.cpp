// A paper-ballot election through the ledger: nominations by the rulebook, scrutineers who are
// not candidates, a frozen electorate per round, ballot boxes, the count, the chief scrutineer's
// sign-off, a tie decided in a second round and a void round held again.
#include <gtest/gtest.h>

#include "elections/elections.h"
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
  int64_t e = ok("elections.create", Json{{"session_id", a_.session_id}, {"title_zh", "选举副主任委员"}, {"seats", 2},
                                          {"ballot_kind", "election"}}, "chair")["election_id"];
  EXPECT_EQ(fails("elections.create", Json{{"session_id", a_.session_id}, {"title_zh", "x"}, {"seats", 1},
                                           {"ballot_kind", "election"}}, "m3"), ErrorCode::kForbidden);
  // Nominations: the presidium may; a joint nomination is not a route in the NPC's rulebook.
  for (const char* name : {"甲", "乙", "丙"})
    ok("elections.nominate", Json{{"election_id", e}, {"name", name}, {"organ", "presidium"}}, "chair");
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "丁"}, {"organ", "state_council"}}, "chair"),
            ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "丁"},
                                             {"member_ids", {a_.member_ids[3], a_.member_ids[4]}}}, "chair"),
            ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "甲"}, {"organ", "presidium"}}, "chair"),
            ErrorCode::kConflict);
  ok("elections.nominate", Json{{"election_id", e}, {"name", "戊"}, {"member_id", a_.member_ids[5]}, {"organ", "presidium"}}, "chair");
  // Scrutineers are not candidates; a round needs a chief scrutineer.
  EXPECT_EQ(fails("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[5]}}, "chair"),
            ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair"), ErrorCode::kConflict);
  ok("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[0]}, {"chief", true}}, "chair");
  ok("elections.appoint_scrutineer", Json{{"election_id", e}, {"member_id", a_.member_ids[1]}}, "chair");

  // Round 1: 20 members entitled; 18 ballots issued, 18 returned in two boxes.
  Json opened = ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id}}, "chair");
  EXPECT_EQ(opened["members"], 20);
  EXPECT_EQ(opened["kind"], "first");
  EXPECT_EQ(fails("elections.nominate", Json{{"election_id", e}, {"name", "己"}, {"organ", "presidium"}}, "chair"), ErrorCode::kConflict);
  EXPECT_EQ(fails("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 9}, {"returned", 9}}, "m3"),
            ErrorCode::kForbidden);
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 9}, {"returned", 9}}, "teller");
  ok("elections.record_box", Json{{"election_id", e}, {"box", "2"}, {"issued", 9}, {"returned", 9}}, "teller");
  EXPECT_EQ(fails("elections.record_box", Json{{"election_id", e}, {"box", "3"}, {"issued", 3}, {"returned", 3}}, "teller"),
            ErrorCode::kMalformed);  // 21 issued for 20 members
  // Totals that do not add up are refused when entered.
  EXPECT_EQ(fails("elections.enter_count", Json{{"election_id", e}, {"totals", {{"valid_ballots", 17}, {"void_ballots", 0},
                                                                                 {"for", {{"c1", 15}}}}}}, "teller"),
            ErrorCode::kMalformed);
  // 甲 12, 乙 11, 丙 11, 戊 0: more than half of 20 is 11; 甲 elected, 乙 and 丙 tied for the other seat.
  ok("elections.enter_count", Json{{"election_id", e}, {"totals", {{"valid_ballots", 17}, {"void_ballots", 1},
                                                                   {"for", {{"c1", 12}, {"c2", 11}, {"c3", 11}}},
                                                                   {"against", {{"c4", 10}}}}}}, "teller");
  EXPECT_EQ(fails("elections.sign_off", Json{{"election_id", e}}, "teller"), ErrorCode::kForbidden);  // not the chief
  Json first = ok("elections.sign_off", Json{{"election_id", e}}, "chief");
  EXPECT_EQ(first["elected"], Json::array({"甲"}));
  EXPECT_EQ(first["runoff"], Json::array({"乙", "丙"}));
  EXPECT_EQ(first["minimum"], 11);
  EXPECT_NE(first["announcement_zh"].get<std::string>().find("发出选票18张，收回选票18张，收回的选票等于发出的选票，选举有效"),
            std::string::npos) << first["announcement_zh"];
  EXPECT_EQ(election(e)["state"], "counted");

  // Round 2 between the tied for one seat; more ballots come back than were issued: void.
  EXPECT_EQ(fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id},
                                               {"candidate_ids", {"c1", "c2"}}}, "chair"),
            ErrorCode::kConflict);  // 甲 is already elected
  Json second = ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id},
                                                {"candidate_ids", {"c2", "c3"}}}, "chair");
  EXPECT_EQ(second["kind"], "runoff");
  EXPECT_EQ(second["seats"], 1);
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 18}, {"returned", 19}}, "teller");
  ok("elections.enter_count", Json{{"election_id", e}, {"totals", {{"valid_ballots", 19}, {"void_ballots", 0},
                                                                   {"for", {{"c2", 12}, {"c3", 7}}}}}}, "chief");
  Json void_round = ok("elections.sign_off", Json{{"election_id", e}}, "chief");
  EXPECT_FALSE(void_round["valid"]);
  EXPECT_TRUE(void_round["elected"].empty());

  // Held again, ballot by ballot: 乙 12, 丙 6, and one ballot marking both (void).
  Json third = ok("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id},
                                               {"candidate_ids", {"c2", "c3"}}}, "chair");
  EXPECT_EQ(third["kind"], "runoff");
  ok("elections.record_box", Json{{"election_id", e}, {"box", "1"}, {"issued", 19}, {"returned", 19}}, "teller");
  Json ballots = Json::array();
  for (int i = 0; i < 12; ++i) ballots.push_back(Json{{"marks", {{"c2", "for"}, {"c3", "against"}}}});
  for (int i = 0; i < 6; ++i) ballots.push_back(Json{{"marks", {{"c3", "for"}}}});
  ballots.push_back(Json{{"marks", {{"c2", "for"}, {"c3", "for"}}}});
  EXPECT_EQ(fails("elections.enter_count", Json{{"election_id", e}, {"ballots", {{{"marks", {{"c2", "maybe"}}}}}}}, "teller"),
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
  EXPECT_EQ(fails("elections.open_round", Json{{"election_id", e}, {"sitting_id", a_.sitting_id},
                                               {"candidate_ids", {"c3"}}}, "chair"),
            ErrorCode::kConflict);  // closed

  // The record replays to the same state.
  TempDir fresh_dir;
  auto fresh = store::open_sqlite_store(fresh_dir.file("replay.db"));
  ASSERT_TRUE(fresh.is_ok());
  auto report = ledger::replay(*app_->store, **fresh, app_->registry);
  EXPECT_TRUE(report.ok) << report.problem;
}

}  // namespace
}  // namespace plenum::testing
