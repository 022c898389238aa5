// Who may submit a motion under every rulebook (N−1 vs N co-signers, a delegation's majority of
// ALL its members, 1/5 for a constitutional amendment), the bill's required sections, the
// motion's states and text versions, agendas, applause, and promulgation numbers.
#include "motions/motions.h"

#include <gtest/gtest.h>

#include "motions/tables.h"
#include "promulgation/promulgation.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

Json kSections{
    {"subject", "关于修改某法的议案"}, {"grounds", "现行规定已不适应实践需要"}, {"solution", "建议修改第五条"}};

std::vector<int64_t> first(const Assembly& a, int n) { return {a.member_ids.begin(), a.member_ids.begin() + n}; }

Result<ledger::Ack> members_bill(app::App& app, const Assembly& a, std::vector<int64_t> signers,
                                 const std::string& kind = "bill", const std::string& actor = ledger::kSystemActor) {
  return act(app, "motions.submit",
             Json{{"session_id", a.session_id},
                  {"kind", kind},
                  {"title_zh", "关于修改某法的议案"},
                  {"member_ids", signers},
                  {"sections", kSections}},
             actor);
}

void expect_rule(const Result<ledger::Ack>& r, const std::string& field) {
  ASSERT_FALSE(r) << "expected a rule violation on " << field;
  EXPECT_EQ(r.error().code, ErrorCode::kRuleViolation) << r.error().message_en;
  EXPECT_EQ(r.error().field, field) << r.error().message_en;
  EXPECT_FALSE(r.error().rule.empty()) << "the refusal cites the article";
}

struct Joint {
  const char* rulebook;
  const char* level;
  int members;
  int needed;
};
void PrintTo(const Joint& j, std::ostream* os) { *os << j.rulebook << " " << j.level << " needs " << j.needed; }

class JointSubmission : public ::testing::TestWithParam<Joint> {};

// N−1 co-signers are refused citing the article; N are enough.
TEST_P(JointSubmission, NeedsExactlyTheStatutoryNumber) {
  const Joint j = GetParam();
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", j.rulebook, j.members, j.level);
  auto short_one = members_bill(*app, a, first(a, j.needed - 1));
  expect_rule(short_one, "args.member_ids");
  EXPECT_NE(short_one.error().message_zh.find("不足" + std::to_string(j.needed) + "人"), std::string::npos)
      << short_one.error().message_zh;
  auto enough = members_bill(*app, a, first(a, j.needed));
  ASSERT_TRUE(enough) << enough.error().message_en;
}

INSTANTIATE_TEST_SUITE_P(Rulebooks, JointSubmission,
                         ::testing::Values(Joint{"npc", "", 40, 30}, Joint{"local-congress", "county", 20, 10},
                                           Joint{"township-congress", "township", 10, 5}, Joint{"npcsc", "", 15, 10},
                                           Joint{"local-standing", "province", 10, 5},
                                           Joint{"local-standing", "city", 10, 5},
                                           Joint{"local-standing", "county", 10, 3}, Joint{"generic", "", 5, 2}),
                         [](const auto& info) {
                           std::string name = std::string(info.param.rulebook) + "_" + info.param.level;
                           for (auto& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

// CPPCC plenary and standing committee motions come from their organs, never jointly.
TEST(Submission, CppccMotionsComeFromItsOrgans) {
  for (auto [rulebook, organ] :
       {std::pair{"cppcc", "presidium"}, std::pair{"cppcc-standing", "chairpersons_council"}}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Assembly a = seed_assembly(*app, "t", rulebook, 20);
    expect_rule(members_bill(*app, a, first(a, 20)), "args.member_ids");
    expect_rule(act(*app, "motions.submit",
                    Json{{"session_id", a.session_id},
                         {"kind", "draft_resolution"},
                         {"title_zh", "决议草案"},
                         {"organ", "state_council"}}),
                "args.organ");
    EXPECT_TRUE(act(
        *app, "motions.submit",
        Json{{"session_id", a.session_id}, {"kind", "draft_resolution"}, {"title_zh", "决议草案"}, {"organ", organ}}));
  }
}

// One delegation with more than half of ALL its members agreeing (议事规则 12).
TEST(Submission, DelegationNeedsAMajorityOfAllItsMembers) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 40);  // 甲团: the 20 odd-numbered members
  std::vector<int64_t> jia;
  for (size_t i = 0; i < a.member_ids.size(); i += 2) jia.push_back(a.member_ids[i]);
  auto submit = [&](std::vector<int64_t> agreeing) {
    return act(*app, "motions.submit",
               Json{{"session_id", a.session_id},
                    {"kind", "bill"},
                    {"title_zh", "代表团议案"},
                    {"delegations", {"甲团"}},
                    {"agreeing_member_ids", agreeing},
                    {"sections", kSections}});
  };
  expect_rule(submit({jia.begin(), jia.begin() + 10}), "args.delegations[0]");  // 10 of 20: not more than half
  auto ok = submit({jia.begin(), jia.begin() + 11});
  ASSERT_TRUE(ok) << ok.error().message_en;
  // A member of another delegation cannot lend agreement.
  std::vector<int64_t> mixed(jia.begin(), jia.begin() + 11);
  mixed.push_back(a.member_ids[1]);
  auto bad = submit(mixed);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "args.agreeing_member_ids");
  auto unknown = act(*app, "motions.submit",
                     Json{{"session_id", a.session_id},
                          {"kind", "bill"},
                          {"title_zh", "x"},
                          {"delegations", {"丙团"}},
                          {"agreeing_member_ids", {a.member_ids[0]}},
                          {"sections", kSections}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

// A constitutional amendment: the Standing Committee, or at least 1/5 of deputies (宪法 64).
TEST(Submission, ConstitutionalAmendmentNeedsOneFifth) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 40);
  auto short_one = members_bill(*app, a, first(a, 7), "constitutional_amendment");
  expect_rule(short_one, "args.member_ids");
  EXPECT_NE(short_one.error().rule.find("宪法"), std::string::npos);
  EXPECT_TRUE(members_bill(*app, a, first(a, 8), "constitutional_amendment"));
  expect_rule(act(*app, "motions.submit",
                  Json{{"session_id", a.session_id},
                       {"kind", "constitutional_amendment"},
                       {"title_zh", "宪法修正案"},
                       {"organ", "state_council"}}),
              "args.organ");
  EXPECT_TRUE(act(*app, "motions.submit",
                  Json{{"session_id", a.session_id},
                       {"kind", "constitutional_amendment"},
                       {"title_zh", "宪法修正案"},
                       {"organ", "standing_committee"}}));
}

// A removal: the presidium, three delegations, or 1/10 of deputies (议事规则 44).
TEST(Submission, RemovalByThreeDelegationsOrOneTenth) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 40);
  std::vector<int64_t> jia;
  for (size_t i = 0; i < a.member_ids.size(); i += 2) jia.push_back(a.member_ids[i]);
  expect_rule(act(*app, "motions.submit",
                  Json{{"session_id", a.session_id},
                       {"kind", "removal"},
                       {"title_zh", "罢免案"},
                       {"delegations", {"甲团"}},
                       {"agreeing_member_ids", jia}}),
              "args.delegations");
  expect_rule(members_bill(*app, a, first(a, 3), "removal"), "args.member_ids");
  EXPECT_TRUE(members_bill(*app, a, first(a, 4), "removal"));
}

TEST(Submission, BadInput) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 40);
  // A members' bill states 案由, 案据 and 方案.
  auto no_sections =
      act(*app, "motions.submit",
          Json{{"session_id", a.session_id}, {"kind", "bill"}, {"title_zh", "议案"}, {"member_ids", first(a, 30)}});
  ASSERT_FALSE(no_sections);
  EXPECT_EQ(no_sections.error().field, "args.sections");
  Json partial = kSections;
  partial.erase("grounds");
  auto no_grounds = act(*app, "motions.submit",
                        Json{{"session_id", a.session_id},
                             {"kind", "bill"},
                             {"title_zh", "议案"},
                             {"member_ids", first(a, 30)},
                             {"sections", partial}});
  ASSERT_FALSE(no_grounds);
  EXPECT_EQ(no_grounds.error().field, "args.sections.grounds");
  // Unknown kind, duplicate co-signer, unknown member, two routes at once, unknown organ.
  auto kind = act(*app, "motions.submit",
                  Json{{"session_id", a.session_id}, {"kind", "petition"}, {"title_zh", "x"}, {"organ", "presidium"}});
  EXPECT_EQ(kind.error().field, "args.kind");
  std::vector<int64_t> dup = first(a, 30);
  dup.push_back(a.member_ids[0]);
  auto twice = members_bill(*app, a, dup);
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().field, "args.member_ids[30]");
  std::vector<int64_t> unknown = first(a, 29);
  unknown.push_back(99999);
  EXPECT_EQ(members_bill(*app, a, unknown).error().code, ErrorCode::kNotFound);
  auto both = act(*app, "motions.submit",
                  Json{{"session_id", a.session_id},
                       {"kind", "bill"},
                       {"title_zh", "x"},
                       {"organ", "presidium"},
                       {"member_ids", first(a, 30)}});
  EXPECT_EQ(both.error().code, ErrorCode::kMalformed);
  auto organ = act(*app, "motions.submit",
                   Json{{"session_id", a.session_id}, {"kind", "bill"}, {"title_zh", "x"}, {"organ", "the_king"}});
  EXPECT_EQ(organ.error().field, "args.organ");
  // A member submits listing themselves first; an observer does not submit at all.
  add_account(*app, "m2", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[1]);
  add_account(*app, "obs", Json::array({{{"body", "t"}, {"role", "observer"}}}));
  EXPECT_EQ(members_bill(*app, a, first(a, 30), "bill", "m2").error().code, ErrorCode::kForbidden);
  std::vector<int64_t> led = first(a, 30);
  std::swap(led[0], led[1]);
  EXPECT_TRUE(members_bill(*app, a, led, "bill", "m2"));
  EXPECT_EQ(members_bill(*app, a, first(a, 30), "bill", "obs").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(motions::tables::motions(*app->store->read(), a.session_id).size(), 1u);
}

// ---------------------------------------------------------------- states, versions, agenda

TEST(MotionStates, FromSubmissionToAdoptionWithVersions) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 40);
  int64_t id = act(*app, "motions.submit",
                   Json{{"session_id", a.session_id},
                        {"kind", "draft_law"},
                        {"title_zh", "某法（修订草案）"},
                        {"organ", "state_council"},
                        {"text", "第一条 草案"}})
                   ->result["motion_id"];
  // Versions only once on the agenda; referral and placement by the presiding role.
  EXPECT_EQ(
      act(*app, "motions.add_version", Json{{"motion_id", id}, {"stage", "revised"}, {"text", "x"}, {"note", "n"}})
          .error()
          .code,
      ErrorCode::kConflict);
  ASSERT_TRUE(act(*app, "motions.refer", Json{{"motion_id", id}, {"to", "宪法和法律委员会"}}));
  ASSERT_TRUE(act(*app, "motions.place_on_agenda", Json{{"motion_id", id}}));
  ASSERT_TRUE(act(*app, "motions.begin_deliberation", Json{{"motion_id", id}}));
  ASSERT_TRUE(act(
      *app, "motions.add_version",
      Json{
          {"motion_id", id}, {"stage", "revised"}, {"text", "第一条 修改稿"}, {"note", "根据代表审议意见修改第一条"}}));
  ASSERT_TRUE(act(*app, "motions.add_version",
                  Json{{"motion_id", id}, {"stage", "voting"}, {"text", "第一条 表决稿"}, {"note", "主席团提请表决"}}));
  auto m = motions::get_motion(*app->store->read(), id);
  ASSERT_TRUE(m);
  ASSERT_EQ((*m)["versions"].size(), 3u);
  EXPECT_EQ((*m)["versions"][0]["stage"], "draft");
  EXPECT_EQ((*m)["versions"][1]["stage"], "revised");
  EXPECT_EQ((*m)["versions"][1]["note"], "根据代表审议意见修改第一条");
  EXPECT_EQ((*m)["versions"][2]["stage"], "voting");
  EXPECT_EQ((*m)["state"], "deliberation");
}

TEST(MotionStates, WithdrawalOnlyBeforeTheVote) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 40);
  auto submit = [&] {
    return act(*app, "motions.submit",
               Json{{"session_id", a.session_id},
                    {"kind", "draft_resolution"},
                    {"title_zh", "决议草案"},
                    {"organ", "presidium"}})
        ->result["motion_id"]
        .get<int64_t>();
  };
  int64_t one = submit();
  auto no_reason = act(*app, "motions.withdraw", Json{{"motion_id", one}});
  EXPECT_EQ(no_reason.error().field, "args.reason");
  ASSERT_TRUE(act(*app, "motions.withdraw", Json{{"motion_id", one}, {"reason", "提案人申请，主席团同意"}}));
  EXPECT_EQ(act(*app, "motions.place_on_agenda", Json{{"motion_id", one}}).error().code, ErrorCode::kConflict);
  int64_t two = submit();
  ASSERT_TRUE(act(*app, "motions.place_on_agenda", Json{{"motion_id", two}}));
  ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
  ASSERT_TRUE(act(*app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", a.member_ids}}));
  ASSERT_TRUE(act(*app, "voting.open", Json{{"motion_id", two}, {"sitting_id", a.sitting_id}}));
  auto late = act(*app, "motions.withdraw", Json{{"motion_id", two}, {"reason", "太晚了"}});
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
}

TEST(Agenda, AdoptedByVoteOrByApplauseWhereTheRulebookAllows) {
  for (std::string rulebook : {"npc", "cppcc"}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Assembly a = seed_assembly(*app, "t", rulebook, 10);
    int64_t report = act(*app, "motions.submit",
                         Json{{"session_id", a.session_id},
                              {"kind", "report"},
                              {"title_zh", "常务委员会工作报告"},
                              {"organ", "standing_committee"}})
                         ->result["motion_id"];
    auto agenda = act(*app, "motions.submit",
                      Json{{"session_id", a.session_id},
                           {"kind", "agenda"},
                           {"title_zh", "大会议程"},
                           {"organ", "presidium"},
                           {"items", {{{"motion_id", report}}, {{"title_zh", "选举"}}}}});
    ASSERT_TRUE(agenda) << agenda.error().message_en;
    int64_t id = agenda->result["motion_id"];
    ASSERT_TRUE(act(*app, "motions.place_on_agenda", Json{{"motion_id", id}}));
    ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
    auto applause = act(*app, "motions.adopt_by_applause", Json{{"motion_id", id}, {"sitting_id", a.sitting_id}});
    if (rulebook == "cppcc") {
      ASSERT_TRUE(applause) << applause.error().message_en;
    } else {
      ASSERT_FALSE(applause);
      EXPECT_EQ(applause.error().code, ErrorCode::kRuleViolation);
      std::vector<int64_t> all = a.member_ids;
      ASSERT_TRUE(act(*app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", all}}));
      int64_t poll = act(*app, "voting.open", Json{{"motion_id", id}, {"sitting_id", a.sitting_id}})->result["poll_id"];
      for (int64_t m : all)
        ASSERT_TRUE(act(*app, "voting.cast", Json{{"poll_id", poll}, {"member_id", m}, {"choice", "for"}}));
      ASSERT_TRUE(act(*app, "voting.close", Json{{"poll_id", poll}}));
    }
    auto listed = motions::session_agenda(*app->store->read(), a.session_id);
    ASSERT_TRUE(listed);
    ASSERT_EQ((*listed)["agendas"].size(), 1u);
    const Json& ag = (*listed)["agendas"][0];
    EXPECT_TRUE(ag["adopted"]);
    EXPECT_EQ(ag["decided_how"], rulebook == "cppcc" ? "applause" : "vote");
    ASSERT_EQ(ag["items"].size(), 2u);
    EXPECT_EQ(ag["items"][0]["title_zh"], "常务委员会工作报告");
    EXPECT_EQ(ag["items"][1]["title_zh"], "选举");
  }
}

// ---------------------------------------------------------------- promulgation

TEST(Promulgation, OrdersAndAnnouncementsAreNumberedPerTerm) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 10);
  ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
  ASSERT_TRUE(act(*app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", a.member_ids}}));
  auto adopt = [&](const std::string& kind, const std::string& organ, const std::string& title) {
    int64_t id = act(*app, "motions.submit",
                     Json{{"session_id", a.session_id}, {"kind", kind}, {"title_zh", title}, {"organ", organ}})
                     ->result["motion_id"];
    EXPECT_TRUE(act(*app, "motions.place_on_agenda", Json{{"motion_id", id}}));
    if (kind == "draft_law") {
      EXPECT_TRUE(act(*app, "motions.add_version",
                      Json{{"motion_id", id}, {"stage", "voting"}, {"text", "全文"}, {"note", "表决稿"}}));
    }
    if (kind == "constitutional_amendment") {  // by secret paper ballot (议事规则第六十条)
      int64_t e = act(*app, "elections.create",
                      Json{{"session_id", a.session_id},
                           {"title_zh", title + "表决"},
                           {"seats", 1},
                           {"ballot_kind", "confirmation"},
                           {"motion_id", id}})
                      ->result["election_id"];
      const int64_t all = static_cast<int64_t>(a.member_ids.size());
      for (auto [action, args] : std::vector<std::pair<const char*, Json>>{
               {"elections.appoint_scrutineer", {{"member_id", a.member_ids[0]}, {"chief", true}}},
               {"elections.open_round", {{"sitting_id", a.sitting_id}}},
               {"elections.record_box", {{"box", "1"}, {"issued", all}, {"returned", all}}},
               {"elections.enter_count",
                {{"totals", {{"valid_ballots", all}, {"void_ballots", 0}, {"for", {{"c1", all}}}}}}},
               {"elections.sign_off", Json::object()}}) {
        args["election_id"] = e;
        EXPECT_TRUE(act(*app, action, args)) << action;
      }
      return id;
    }
    int64_t poll = act(*app, "voting.open", Json{{"motion_id", id}, {"sitting_id", a.sitting_id}})->result["poll_id"];
    for (int64_t m : a.member_ids)
      EXPECT_TRUE(act(*app, "voting.cast", Json{{"poll_id", poll}, {"member_id", m}, {"choice", "for"}}));
    EXPECT_TRUE(act(*app, "voting.close", Json{{"poll_id", poll}}));
    return id;
  };
  // Not adopted yet: refused.
  int64_t pending =
      act(*app, "motions.submit",
          Json{{"session_id", a.session_id}, {"kind", "draft_law"}, {"title_zh", "未决法"}, {"organ", "state_council"}})
          ->result["motion_id"];
  EXPECT_EQ(
      act(*app, "promulgation.issue", Json{{"motion_id", pending}, {"promulgated_on", "2024-03-05"}}).error().code,
      ErrorCode::kConflict);
  ASSERT_TRUE(
      act(*app, "promulgation.set_next_number", Json{{"body", "t"}, {"term", 1}, {"series", "order"}, {"next", 21}}));
  int64_t law = adopt("draft_law", "state_council", "中华人民共和国某组织法");
  auto order = act(*app, "promulgation.issue", Json{{"motion_id", law}, {"promulgated_on", "2024-03-05"}});
  ASSERT_TRUE(order) << order.error().message_en;
  EXPECT_EQ(order->result["series"], "order");
  EXPECT_EQ(order->result["number"], 21);
  std::string text = order->result["text_zh"];
  EXPECT_NE(text.find("主席令 第21号"), std::string::npos) << text;
  EXPECT_NE(text.find("第一届第一次会议于2024年3月5日通过"), std::string::npos) << text;
  EXPECT_NE(text.find("自公布之日起施行"), std::string::npos) << text;
  // Once per motion; numbers already issued are never reused.
  EXPECT_EQ(act(*app, "promulgation.issue", Json{{"motion_id", law}, {"promulgated_on", "2024-03-05"}}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(
      act(*app, "promulgation.set_next_number", Json{{"body", "t"}, {"term", 1}, {"series", "order"}, {"next", 5}})
          .error()
          .code,
      ErrorCode::kConflict);
  int64_t law2 = adopt("draft_law", "state_council", "中华人民共和国另一法");
  auto order2 = act(*app, "promulgation.issue",
                    Json{{"motion_id", law2}, {"promulgated_on", "2024-03-06"}, {"effective_on", "2024-07-01"}});
  ASSERT_TRUE(order2);
  EXPECT_EQ(order2->result["number"], 22);
  EXPECT_NE(order2->result["text_zh"].get<std::string>().find("自2024年7月1日起施行"), std::string::npos);
  // A resolution (here an amendment, adopted by its ballot) gets an announcement number of its own series.
  int64_t resolution = adopt("constitutional_amendment", "standing_committee", "宪法修正案");
  auto ann = act(*app, "promulgation.issue", Json{{"motion_id", resolution}, {"promulgated_on", "2024-03-05"}});
  ASSERT_TRUE(ann) << ann.error().message_en;
  EXPECT_EQ(ann->result["series"], "announcement");
  EXPECT_EQ(ann->result["number"], 1);
  // Bad dates.
  EXPECT_EQ(
      act(*app, "promulgation.issue", Json{{"motion_id", pending}, {"promulgated_on", "2024-02-30"}}).error().field,
      "args.promulgated_on");
  auto listed = promulgation::list_promulgations(*app->store->read(), "t");
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)["promulgations"].size(), 3u);
}

}  // namespace
}  // namespace plenum::testing
