// Quorum at and around each rulebook's exact boundary (also after a vacancy), the official
// announcement, leave, unexcused absences and the mandate flag, and the 2024 demo's figures.
#include "attendance/attendance.h"

#include <gtest/gtest.h>
#include <regex>

#include "assembly/tables.h"
#include "attendance/tables.h"
#include "base/text.h"
#include "demo/demo.h"
#include "motions/motions.h"
#include "motions/tables.h"
#include "promulgation/tables.h"
#include "proposals/proposals.h"
#include "proposals/tables.h"
#include "test_support.h"
#include "voting/voting.h"

namespace plenum::testing {
namespace {

Json report(app::App& app, int64_t sitting_id) {
  auto r = attendance::sitting_report(*app.store->read(), app.rulebooks, sitting_id);
  if (!r) throw std::runtime_error(r.error().message_en);
  return *r;
}

void check_in_first(app::App& app, const Assembly& a, int64_t sitting, int n) {
  std::vector<int64_t> ids(a.member_ids.begin(), a.member_ids.begin() + n);
  if (n > 0) {
    ASSERT_TRUE(act(app, "attendance.check_in_bulk", Json{{"sitting_id", sitting}, {"member_ids", ids}}));
  }
}

struct Boundary {
  const char* rulebook;
  int members;
  int minimum;  // the smallest number present that meets the quorum
};

void PrintTo(const Boundary& b, std::ostream* os) { *os << b.rulebook << " with " << b.members << " members"; }

class QuorumBoundary : public ::testing::TestWithParam<Boundary> {};

// For every rulebook: one below the minimum fails, the minimum passes.
TEST_P(QuorumBoundary, ExactlyAtTheFraction) {
  const Boundary b = GetParam();
  for (int present : {b.minimum - 1, b.minimum}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Assembly a = seed_assembly(*app, "t", b.rulebook, b.members);
    check_in_first(*app, a, a.sitting_id, present);
    Json r = report(*app, a.sitting_id);
    EXPECT_EQ(r["attendance"]["expected"], b.members);
    EXPECT_EQ(r["attendance"]["present"], present);
    EXPECT_EQ(r["quorum"]["minimum"], b.minimum);
    EXPECT_EQ(r["quorum"]["met"], present >= b.minimum) << b.rulebook << " present " << present;
  }
}

// ≥ 2/3 for congresses (3p ≥ 2n), > 1/2 for standing committees and the CPPCC (2p > n).
INSTANTIATE_TEST_SUITE_P(
    Rulebooks, QuorumBoundary,
    ::testing::Values(Boundary{"npc", 30, 20}, Boundary{"npc", 31, 21}, Boundary{"local-congress", 29, 20},
                      Boundary{"township-congress", 28, 19}, Boundary{"npcsc", 30, 16}, Boundary{"npcsc", 31, 16},
                      Boundary{"local-standing", 17, 9}, Boundary{"cppcc", 22, 12}, Boundary{"cppcc", 21, 11},
                      Boundary{"cppcc-standing", 9, 5}, Boundary{"generic", 10, 6}),
    [](const auto& info) {
      std::string name = std::string(info.param.rulebook) + "_" + std::to_string(info.param.members);
      for (auto& c : name)
        if (c == '-') c = '_';
      return name;
    });

TEST(Quorum, AVacancyLowersTheBaseFromItsDateOn) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 10);  // 2/3 of 10 → 7 needed
  check_in_first(*app, a, a.sitting_id, 6);
  EXPECT_FALSE(report(*app, a.sitting_id)["quorum"]["met"]);
  // A seat vacated after the sitting's date changes nothing for it.
  ASSERT_TRUE(act(*app, "assembly.record_vacancy",
                  Json{{"member_id", a.member_ids[9]}, {"on", "2024-03-06"}, {"reason", "resignation"}}));
  EXPECT_EQ(report(*app, a.sitting_id)["attendance"]["expected"], 10);
  EXPECT_FALSE(report(*app, a.sitting_id)["quorum"]["met"]);
  // A later sitting counts 9 sitting deputies: 6 present meets 2/3 (18 ≥ 18).
  auto s2 = act(*app, "assembly.schedule_sitting",
                Json{{"session_id", a.session_id},
                     {"kind", "plenary"},
                     {"number", 2},
                     {"title_zh", "第二次全体会议"},
                     {"starts_at", "2024-03-07T09:00+08:00"}});
  ASSERT_TRUE(s2);
  int64_t sitting2 = s2->result["sitting_id"];
  check_in_first(*app, a, sitting2, 6);
  Json r = report(*app, sitting2);
  EXPECT_EQ(r["attendance"]["expected"], 9);
  EXPECT_EQ(r["quorum"]["minimum"], 6);
  EXPECT_TRUE(r["quorum"]["met"]);
  // The vacated member cannot check in to the later sitting.
  auto refused = act(*app, "attendance.check_in", Json{{"sitting_id", sitting2}, {"member_id", a.member_ids[9]}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
}

TEST(Quorum, ConfigurableQuorumForTheCppcc) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  ASSERT_TRUE(act(
      *app, "assembly.create_body",
      Json{
          {"id", "c"}, {"name_zh", "政协"}, {"name_en", "CPPCC"}, {"rulebook", "cppcc"}, {"quorum", "more_than 2/3"}}));
  auto fixed =
      act(*app, "assembly.create_body",
          Json{{"id", "n"}, {"name_zh", "人大"}, {"name_en", "NPC"}, {"rulebook", "npc"}, {"quorum", "more_than 1/2"}});
  ASSERT_FALSE(fixed);
  EXPECT_EQ(fixed.error().code, ErrorCode::kRuleViolation);
  EXPECT_FALSE(fixed.error().rule.empty());
  auto book = ledger::body_rulebook(*app->store->read(), app->rulebooks, "c");
  ASSERT_TRUE(book);
  EXPECT_EQ(book->quorum.minimum(30), 21);  // more than 20
}

TEST(Announcement, NpcAndCppccPhrasing) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly npc = seed_assembly(*app, "n", "npc", 9);
  check_in_first(*app, npc, npc.sitting_id, 5);  // 2/3 of 9 is 6: not met
  EXPECT_EQ(report(*app, npc.sitting_id)["announcement_zh"],
            "一届一次会议应出席代表9人，出席5人，缺席4人，出席人数不足法定人数。");
  ASSERT_TRUE(act(*app, "attendance.check_in", Json{{"sitting_id", npc.sitting_id}, {"member_id", npc.member_ids[5]}}));
  EXPECT_EQ(report(*app, npc.sitting_id)["announcement_zh"],
            "一届一次会议应出席代表9人，出席6人，缺席3人，出席人数符合法定人数。");
  Assembly cppcc = seed_assembly(*app, "c", "cppcc", 4);
  check_in_first(*app, cppcc, cppcc.sitting_id, 3);
  EXPECT_EQ(report(*app, cppcc.sitting_id)["announcement_zh"], "一届一次会议应出席委员4人，实到3人，符合规定人数。");
  EXPECT_EQ(report(*app, cppcc.sitting_id)["announcement_en"],
            "Expected to attend: 4 members; present: 3; absent: 1. The required number is met.");
}

TEST(Attendance, LeaveAndUnexcusedAbsencesFlagTheMandateAtTwoSessions) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 4);
  auto session2 = act(*app, "assembly.create_session",
                      Json{{"body", "t"},
                           {"term", 1},
                           {"number", 2},
                           {"name_zh", "第一届第二次会议"},
                           {"name_en", "2nd"},
                           {"short_name_zh", "一届二次会议"},
                           {"opens_on", "2025-03-01"},
                           {"closes_on", "2025-03-10"}});
  ASSERT_TRUE(session2);
  int64_t s2 = session2->result["session_id"];
  auto sit2 = act(*app, "assembly.schedule_sitting",
                  Json{{"session_id", s2},
                       {"kind", "plenary"},
                       {"number", 1},
                       {"title_zh", "第一次全体会议"},
                       {"starts_at", "2025-03-05T09:00+08:00"}});
  ASSERT_TRUE(sit2);
  int64_t sitting2 = sit2->result["sitting_id"];
  // Member 0 and 1 present at both; member 2 absent with approved leave; member 3 absent without.
  for (int64_t sitting : {a.sitting_id, sitting2}) {
    ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", sitting}}));
    ASSERT_TRUE(act(*app, "attendance.check_in_bulk",
                    Json{{"sitting_id", sitting}, {"member_ids", {a.member_ids[0], a.member_ids[1]}}}));
    auto leave = act(*app, "attendance.request_leave",
                     Json{{"sitting_id", sitting}, {"member_id", a.member_ids[2]}, {"reason", "因病"}});
    ASSERT_TRUE(leave);
    ASSERT_TRUE(
        act(*app, "attendance.decide_leave", Json{{"leave_id", leave->result["leave_id"]}, {"decision", "approved"}}));
    ASSERT_TRUE(act(*app, "assembly.close_sitting", Json{{"sitting_id", sitting}}));
  }
  Json r = report(*app, sitting2);
  EXPECT_EQ(r["attendance"]["absent"], 2);
  EXPECT_EQ(r["attendance"]["on_leave"], 1);

  auto first = attendance::session_absences(*app->store->read(), app->rulebooks, a.session_id);
  ASSERT_TRUE(first);
  ASSERT_EQ((*first)["members"].size(), 1u);
  EXPECT_EQ((*first)["members"][0]["member_id"], a.member_ids[3]);
  EXPECT_EQ((*first)["members"][0]["mandate_ends"], false);
  auto second = attendance::session_absences(*app->store->read(), app->rulebooks, s2);
  ASSERT_TRUE(second);
  ASSERT_EQ((*second)["members"].size(), 1u);
  EXPECT_EQ((*second)["members"][0]["term_sessions_missed_without_leave"], 2);
  EXPECT_EQ((*second)["members"][0]["mandate_ends"], true);
  EXPECT_NE((*second)["rule"]["citation_zh"].get<std::string>().find("代表法第六十二条"), std::string::npos);

  auto history = attendance::member_history(*app->store->read(), a.member_ids[2]);
  ASSERT_TRUE(history);
  ASSERT_EQ((*history)["sittings"].size(), 2u);
  EXPECT_EQ((*history)["sittings"][0]["status"], "on_leave");
  auto absent = attendance::member_history(*app->store->read(), a.member_ids[3]);
  EXPECT_EQ((*absent)["sittings"][1]["status"], "absent_unexcused");
}

TEST(Attendance, ACheckInCannotBeRecordedForAClosedSitting) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 2);
  ASSERT_TRUE(act(*app, "assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}));
  ASSERT_TRUE(act(*app, "assembly.close_sitting", Json{{"sitting_id", a.sitting_id}}));
  auto r = act(*app, "attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", a.member_ids[0]}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), 0);
}

// The Done-when figures: the demo's four sittings announce the bulletin's numbers.
TEST(Demo, ReproducesThe2024Announcements) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  auto loaded = demo::load_2024(*app->ledger, *app->store);
  ASSERT_TRUE(loaded) << loaded.error().message_en;
  EXPECT_TRUE(*loaded);
  auto reader = app->store->read();
  std::map<std::string, std::vector<std::string>> announcements;
  std::map<std::string, std::vector<Json>> quorums;
  for (const char* body : {"npc", "cppcc"})
    for (const auto& session : assembly::tables::sessions(*reader, body))
      for (const auto& sitting : assembly::tables::sittings(*reader, session.id)) {
        Json r = report(*app, sitting.id);
        announcements[body].push_back(r["announcement_zh"]);
        quorums[body].push_back(r["quorum"]);
      }
  ASSERT_EQ(announcements["npc"].size(), 2u);
  ASSERT_EQ(announcements["cppcc"].size(), 2u);
  auto contains = [](const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; };
  EXPECT_TRUE(contains(announcements["npc"][0], "应出席代表2956人")) << announcements["npc"][0];
  EXPECT_TRUE(contains(announcements["npc"][0], "出席2872人，缺席84人，出席人数符合法定人数"))
      << announcements["npc"][0];
  EXPECT_TRUE(contains(announcements["npc"][1], "应出席代表2956人，出席2900人，缺席56人，出席人数符合法定人数"));
  EXPECT_TRUE(contains(announcements["cppcc"][0], "应出席委员2162人，实到2093人，符合规定人数"))
      << announcements["cppcc"][0];
  EXPECT_TRUE(contains(announcements["cppcc"][1], "应出席委员2162人，实到2085人，符合规定人数"));
  // A badge says what its announcement says, either way.
  EXPECT_EQ(quorums["cppcc"][0]["wording"], (Json{{"met_zh", "实到人数符合规定人数"},
                                                  {"not_met_zh", "实到人数不足规定人数"},
                                                  {"met_en", "The required number is met"},
                                                  {"not_met_en", "The required number is not met"}}));
  EXPECT_EQ(report(*app, assembly::tables::sittings(*reader, assembly::tables::sessions(*reader, "npc")[0].id)[0]
                             .id)["quorum"]["wording"]["met_zh"],
            "出席人数符合法定人数");
  assembly::MemberFilter npc;
  npc.body = "npc";
  EXPECT_EQ(assembly::tables::units(*reader, "npc").size(), 35u);
  EXPECT_EQ(assembly::tables::units(*reader, "cppcc").size(), 34u);
  EXPECT_EQ(assembly::tables::count_members(*reader, npc), 2956);

  // The NPC closing sitting announces its seven results (DOMAIN.md section 7) in official form.
  int64_t npc_closing = assembly::tables::sittings(*reader, assembly::tables::sessions(*reader, "npc")[0].id)[1].id;
  auto polls = voting::sitting_polls(*reader, npc_closing);
  ASSERT_TRUE(polls);
  ASSERT_EQ((*polls)["polls"].size(), 7u);
  const std::regex official("赞成\\d+票，反对\\d+票，弃权\\d+票，未按表决器\\d+人。通过。");
  for (const Json& p : (*polls)["polls"]) {
    EXPECT_TRUE(p["adopted"]) << p.dump();
    EXPECT_TRUE(std::regex_match(p["announcement_zh"].get<std::string>(), official)) << p["announcement_zh"];
    EXPECT_EQ(p["present"], 2900);
    EXPECT_EQ(p["for"].get<int>() + p["against"].get<int>() + p["abstain"].get<int>() + p["not_voted"].get<int>(),
              2900);
    EXPECT_EQ(p["base_size"], 2956);
  }
  auto orders = promulgation::tables::promulgations(*reader, "npc");
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].series, "order");
  EXPECT_EQ(orders[0].number, 21);
  EXPECT_NE(
      orders[0].text_zh.find("《中华人民共和国国务院组织法》已由第十四届全国人民代表大会第二次会议于2024年3月11日通过"),
      std::string::npos)
      << orders[0].text_zh;
  // CPPCC: four documents adopted, three by vote and the proposal review report by applause.
  auto agenda = motions::session_agenda(*reader, assembly::tables::sessions(*reader, "cppcc").back().id);
  ASSERT_TRUE(agenda);
  ASSERT_EQ((*agenda)["agendas"].size(), 1u);
  EXPECT_TRUE((*agenda)["agendas"][0]["adopted"]);
  EXPECT_EQ((*agenda)["agendas"][0]["decided_how"], "applause");
  int cppcc_adopted = 0;
  for (const auto& m : motions::tables::motions(*reader, assembly::tables::sessions(*reader, "cppcc").back().id))
    cppcc_adopted += m.state == motions::MotionState::kAdopted;
  EXPECT_EQ(cppcc_adopted, 5);  // and the session's agenda, by applause at the opening sitting
  // The proposal year since the 1st session, as the bulletin reports it.
  proposals::ProposalFilter year;
  year.body = "cppcc";
  year.session_id = assembly::tables::sessions(*reader, "cppcc").front().id;
  auto stats = proposals::statistics(*reader, year, "2024-02-29");
  ASSERT_TRUE(stats);
  EXPECT_EQ((*stats)["received"], 5621);
  EXPECT_EQ((*stats)["registered"], 4791);
  EXPECT_EQ((*stats)["reply_rate"], "99.9%");
  EXPECT_NE((*stats)["report_zh"].get<std::string>().find("共提出提案5621件，经审查立案4791件"), std::string::npos)
      << (*stats)["report_zh"];
  EXPECT_NE((*stats)["report_zh"].get<std::string>().find("截至2024年2月底，99.9%的提案已经办复。"), std::string::npos)
      << (*stats)["report_zh"];
  // Loading again is a no-op.
  auto again = demo::load_2024(*app->ledger, *app->store);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
}

// The demo runs in the bulletin's time (DOMAIN.md section 7), not the day it was loaded.
TEST(Demo, RunsAtTheBulletinsTimes) {
  TempDir dir;
  demo::BulletinClock clock;
  ledger::Ledger::Options timed;
  timed.clock = clock.reader();
  auto app = app::open(dir.file("p.db"), "", timed);
  ASSERT_TRUE(app) << app.error().message_en;
  auto loaded = demo::load_2024(*(*app)->ledger, *(*app)->store, &clock);
  ASSERT_TRUE(loaded) << loaded.error().message_en;
  auto reader = (*app)->store->read();
  std::map<std::string, std::pair<std::string, std::string>> held;  // title → (opened, closed), UTC
  for (const char* body : {"npc", "cppcc"})
    for (const auto& session : assembly::tables::sessions(*reader, body))
      for (const auto& sitting : assembly::tables::sittings(*reader, session.id))
        held[std::string(body) + " " + sitting.title_zh] = {iso_time(sitting.opened_at), iso_time(sitting.closed_at)};
  EXPECT_EQ(held["npc 开幕会（第一次全体会议）"].first, "2024-03-05T01:00:00Z");   // 09:00 +08:00
  EXPECT_EQ(held["npc 闭幕会（第三次全体会议）"].first, "2024-03-11T07:00:00Z");   // 15:00 +08:00
  EXPECT_EQ(held["npc 闭幕会（第三次全体会议）"].second, "2024-03-11T07:31:00Z");  // 15:31 +08:00
  EXPECT_EQ(held["cppcc 开幕会"].first, "2024-03-04T07:00:00Z");
  EXPECT_EQ(held["cppcc 闭幕会"].first, "2024-03-10T01:00:00Z");
  // The proposal report is stated as of the end of February, and its sentence says so.
  Json reports = proposals::reports(*reader, "cppcc");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0]["short_name_zh"], "全国政协十四届一次会议");
  EXPECT_EQ(reports[0]["as_of"], "2024-02-29");
  proposals::ProposalFilter of_the_session;
  of_the_session.body = "cppcc";
  of_the_session.session_id = reports[0]["session_id"];
  auto stats = proposals::statistics(*reader, of_the_session, "");
  ASSERT_TRUE(stats) << stats.error().message_en;
  EXPECT_NE((*stats)["report_zh"].get<std::string>().find("共提出提案5621件，经审查立案4791件"), std::string::npos);
  EXPECT_NE((*stats)["report_zh"].get<std::string>().find("。截至2024年2月底，99.9%的提案已经办复。"),
            std::string::npos)
      << (*stats)["report_zh"];
  // Every event of each chain in order of time, none from the day of loading.
  for (const char* body : {"npc", "cppcc"}) {
    int64_t last = 0;
    for (const auto& e : reader->events_since(body, 0, 1000000)) {
      EXPECT_GE(e.at, last) << body << " #" << e.seq;
      EXPECT_LT(e.at, int64_t{1711900800} * 1000000) << body << " #" << e.seq << " is after March 2024";
      last = e.at;
    }
  }
}

}  // namespace
}  // namespace plenum::testing
