// The proposal cycle through the ledger: every state, who may see and do what at each step,
// deadlines on a controlled clock, statistics, and the historical import.
#include "proposals/proposals.h"

#include <atomic>
#include <gtest/gtest.h>

#include "base/text.h"
#include "proposals/import.h"
#include "proposals/tables.h"
#include "test_support.h"

namespace plenum {
namespace {

using testing::act;
using testing::add_account;

int64_t at(const char* iso) {
  int64_t micros = 0;
  EXPECT_TRUE(parse_iso_time(iso, &micros)) << iso;
  return micros;
}

Json parts(const std::string& suggestions, const std::string& facts = "情况说明。",
           const std::string& analysis = "原因分析。") {
  return Json{{"facts", facts}, {"analysis", analysis}, {"suggestions", suggestions}};
}

class ProposalCycle : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = testing::open_app(dir_.file("plenum.db"));
    // A ledger on a clock the test moves: deadlines are months apart.
    app_->ledger.reset();
    ledger::Ledger::Options options;
    options.clock = [this] { return clock_.load(); };
    app_->ledger = std::make_unique<ledger::Ledger>(*app_->store, app_->registry, app_->rulebooks, options);
    clock_ = at("2024-03-05T10:00:00+08:00");
    a_ = testing::seed_assembly(*app_, "cppcc", "cppcc", 6);
    add_account(*app_, "sec", Json::array({{{"body", "cppcc"}, {"role", "secretariat"}}}));
    add_account(*app_, "chair", Json::array({{{"body", "cppcc"}, {"role", "presiding"}}}));
    for (int i = 0; i < 4; ++i)
      add_account(*app_, "m" + std::to_string(i + 1), Json::array({{{"body", "cppcc"}, {"role", "member"}}}),
                  a_.member_ids[i]);
    for (const char* name : {"发展改革委", "教育部", "财政部"}) {
      auto unit = act(*app_, "proposals.add_handling_unit", Json{{"body", "cppcc"}, {"name_zh", name}}, "sec");
      ASSERT_TRUE(unit.is_ok()) << unit.error().message_en;
      units_.push_back(unit->result["unit_id"]);
    }
    const char* unit_accounts[] = {"ndrc", "moe", "mof"};
    for (int i = 0; i < 3; ++i) {
      add_account(*app_, unit_accounts[i], Json::array());
      ASSERT_TRUE(
          act(*app_, "proposals.link_account", Json{{"unit_id", units_[i]}, {"username", unit_accounts[i]}}, "sec")
              .is_ok());
    }
  }

  Result<ledger::Ack> run(const std::string& action, Json args, const std::string& actor,
                          const std::string& request_id = "") {
    return act(*app_, action, std::move(args), actor, request_id);
  }
  Json ok(const std::string& action, Json args, const std::string& actor) {
    auto r = run(action, std::move(args), actor);
    EXPECT_TRUE(r.is_ok()) << action << " by " << actor << ": " << (r.is_ok() ? "" : r.error().message_en);
    return r.is_ok() ? r->result : Json();
  }
  ErrorCode fails(const std::string& action, Json args, const std::string& actor) {
    auto before = app_->store->read()->state_hash();
    auto r = run(action, std::move(args), actor);
    EXPECT_FALSE(r.is_ok()) << action << " by " << actor << " should have failed";
    EXPECT_EQ(before, app_->store->read()->state_hash()) << action << " changed state while failing";
    return r.is_ok() ? ErrorCode::kInternal : r.error().code;
  }
  Result<Json> view(const std::string& viewer, int64_t id) {
    return proposals::get_proposal(*app_->store->read(), {viewer}, id);
  }
  std::string state(int64_t id) { return name_of(proposals::tables::proposal(*app_->store->read(), id)->state); }
  std::vector<std::string> notes(const std::string& viewer) {
    std::vector<std::string> out;
    auto n = proposals::notifications(*app_->store->read(), {viewer});
    for (const auto& x : (*n)["notifications"]) out.push_back(x["text_zh"]);
    return out;
  }
  bool noted(const std::string& viewer, const std::string& fragment) {
    for (const auto& n : notes(viewer))
      if (n.find(fragment) != std::string::npos) return true;
    return false;
  }
  Json submit(const std::string& actor, Json member_ids, const std::string& title, const std::string& text) {
    return ok("proposals.submit",
              Json{{"session_id", a_.session_id},
                   {"title", title},
                   {"area", "society"},
                   {"parts", parts(text)},
                   {"member_ids", member_ids}},
              actor);
  }

  testing::TempDir dir_;
  std::unique_ptr<app::App> app_;
  std::atomic<int64_t> clock_{0};
  testing::Assembly a_;
  std::vector<int64_t> units_;
};

TEST_F(ProposalCycle, OneProposalThroughEveryState) {
  const int64_t m1 = a_.member_ids[0], m2 = a_.member_ids[1], outsider = 999999;
  const int64_t ndrc = units_[0], moe = units_[1], mof = units_[2];
  const std::string text = "建议加大对农村义务教育学校的投入，改善办学条件，提高乡村教师待遇。";

  // Submission: bad input changes nothing.
  EXPECT_EQ(fails("proposals.submit",
                  Json{{"session_id", a_.session_id},
                       {"title", "关于乡村教育的提案"},
                       {"area", "society"},
                       {"parts", Json{{"facts", "情况"}, {"analysis", "分析"}}},
                       {"member_ids", {m1}}},
                  "m1"),
            ErrorCode::kRuleViolation);  // no concrete suggestions
  EXPECT_EQ(fails("proposals.submit",
                  Json{{"session_id", a_.session_id},
                       {"title", "关于乡村教育的提案"},
                       {"area", "society"},
                       {"parts", parts(text)},
                       {"member_ids", {m1, outsider}}},
                  "m1"),
            ErrorCode::kRuleViolation);  // a co-signer who is not a member
  EXPECT_EQ(fails("proposals.submit",
                  Json{{"session_id", a_.session_id},
                       {"title", "关于乡村教育的提案"},
                       {"area", "society"},
                       {"parts", parts(std::string(40000, 'x'))},
                       {"member_ids", {m1}}},
                  "m1"),
            ErrorCode::kTooLarge);
  EXPECT_EQ(fails("proposals.submit",
                  Json{{"session_id", a_.session_id},
                       {"title", "关于乡村教育的提案"},
                       {"area", "space"},
                       {"parts", parts(text)},
                       {"member_ids", {m1}}},
                  "m1"),
            ErrorCode::kMalformed);
  EXPECT_EQ(fails("proposals.submit",
                  Json{{"session_id", a_.session_id},
                       {"title", "关于乡村教育的提案"},
                       {"area", "society"},
                       {"parts", parts(text)},
                       {"member_ids", {m1}}},
                  "m3"),
            ErrorCode::kForbidden);  // submitting in someone else's name

  // m1 with m2 jointly; the same request replayed is one proposal.
  Json args{{"session_id", a_.session_id},
            {"title", "关于加强乡村义务教育的提案"},
            {"area", "society"},
            {"parts", parts(text)},
            {"member_ids", {m1, m2}}};
  auto first = run("proposals.submit", args, "m1", "req-p1");
  ASSERT_TRUE(first.is_ok());
  auto again = run("proposals.submit", args, "m1", "req-p1");
  ASSERT_TRUE(again.is_ok());
  EXPECT_TRUE(again->replayed);
  const int64_t p1 = first->result["proposal_id"];
  EXPECT_EQ(again->result["proposal_id"], p1);
  // m2, listed as co-proposer, is asked and joins by confirming from their own account.
  ok("proposals.cosign", Json{{"proposal_id", p1}}, "m2");
  EXPECT_EQ(first->result["stage"], "plenary");
  EXPECT_EQ(state(p1), "submitted");
  // A similar one by m3 alone, to be merged.
  const int64_t p2 = submit("m3", Json::array({a_.member_ids[2]}), "关于提高乡村教师待遇的提案",
                            "建议提高乡村教师待遇，加大农村义务教育投入。")["proposal_id"];
  // After the cut-off, a proposal is an intersession one.
  ok("proposals.set_cutoff", Json{{"session_id", a_.session_id}, {"cutoff_at", "2024-03-07T12:00+08:00"}}, "sec");
  clock_ = at("2024-03-07T12:30:00+08:00");
  Json late = submit("m4", Json::array({a_.member_ids[3]}), "关于城市停车管理的提案", "建议规范城市停车收费。");
  EXPECT_EQ(late["stage"], "intersession");
  // Sectors propose only during the plenary.
  EXPECT_EQ(fails("proposals.submit",
                  Json{{"session_id", a_.session_id},
                       {"title", "关于科技创新的提案"},
                       {"area", "economy"},
                       {"parts", parts("建议加强基础研究。")},
                       {"collective", {{"kind", "sector"}, {"name", "科技界"}}}},
                  "sec"),
            ErrorCode::kRuleViolation);

  // Who sees it before review: its proposers and staff; not another member or any unit.
  EXPECT_TRUE(view("m1", p1).is_ok());
  EXPECT_TRUE(view("m2", p1).is_ok());
  EXPECT_TRUE(view("sec", p1).is_ok());
  EXPECT_FALSE(view("m4", p1).is_ok());
  EXPECT_FALSE(view("ndrc", p1).is_ok());
  EXPECT_FALSE(view("", p1).is_ok());
  EXPECT_TRUE(noted("m1", "已收到"));
  // The reviewer is shown the similar proposal as a merge candidate.
  auto for_reviewer = view("sec", p1);
  ASSERT_FALSE((*for_reviewer)["similar"].empty());
  EXPECT_EQ((*for_reviewer)["similar"][0]["id"], p2);

  // Review.
  EXPECT_EQ(fails("proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}}, "m1"), ErrorCode::kForbidden);
  EXPECT_EQ(fails("proposals.review", Json{{"proposal_id", p1}, {"outcome", "reject"}, {"reason", "too_long"}}, "sec"),
            ErrorCode::kRuleViolation);
  Json reg = ok("proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}}, "sec");
  EXPECT_EQ(reg["number"], 1);
  EXPECT_EQ(state(p1), "registered");
  EXPECT_EQ(fails("proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}}, "sec"), ErrorCode::kConflict);
  EXPECT_EQ(fails("proposals.review", Json{{"proposal_id", p2}, {"outcome", "merge"}, {"into_id", p2}}, "sec"),
            ErrorCode::kMalformed);
  ok("proposals.review", Json{{"proposal_id", p2}, {"outcome", "merge"}, {"into_id", p1}}, "sec");
  EXPECT_EQ(state(p2), "merged");
  EXPECT_TRUE(noted("m1", "已立案，提案号第1号"));
  EXPECT_TRUE(noted("m3", "并案办理"));
  EXPECT_EQ(fails("proposals.cosign", Json{{"proposal_id", p1}}, "m4"), ErrorCode::kConflict);  // after review

  // Assignment: lead NDRC with MOE co-handling; NDRC returns it within the rulebook's days.
  clock_ = at("2024-03-15T09:00:00+08:00");
  Json assigned =
      ok("proposals.assign", Json{{"proposal_id", p1}, {"lead_unit_id", ndrc}, {"co_unit_ids", {moe}}}, "sec");
  EXPECT_EQ(assigned["due_on"], "2024-06-15");  // 3 months from assignment
  EXPECT_TRUE(view("ndrc", p1).is_ok());
  EXPECT_TRUE(view("moe", p1).is_ok());
  EXPECT_FALSE(view("mof", p1).is_ok());
  EXPECT_TRUE(noted("ndrc", "请于 2024-06-15 前"));
  EXPECT_EQ(
      fails("proposals.reply", Json{{"proposal_id", p1}, {"unit_id", ndrc}, {"class", "A"}, {"text", "答复"}}, "mof"),
      ErrorCode::kForbidden);  // acting for someone else's unit
  EXPECT_EQ(
      fails("proposals.reply", Json{{"proposal_id", p1}, {"unit_id", moe}, {"class", "A"}, {"text", "答复"}}, "moe"),
      ErrorCode::kConflict);  // a co-handler does not reply
  clock_ = at("2024-03-18T09:00:00+08:00");
  ok("proposals.return_assignment", Json{{"proposal_id", p1}, {"unit_id", ndrc}, {"reason", "不属于本单位职责"}},
     "ndrc");
  EXPECT_EQ(state(p1), "registered");
  EXPECT_FALSE(view("ndrc", p1).is_ok());  // returned: no longer its business
  EXPECT_TRUE(noted("sec", "退回"));
  // Reassigned to the Ministry of Finance; returning after 5 days is refused.
  ok("proposals.assign", Json{{"proposal_id", p1}, {"lead_unit_id", mof}, {"co_unit_ids", {moe}}}, "sec");
  clock_ = at("2024-03-25T09:00:00+08:00");
  EXPECT_EQ(
      fails("proposals.return_assignment", Json{{"proposal_id", p1}, {"unit_id", mof}, {"reason", "不是我们"}}, "mof"),
      ErrorCode::kRuleViolation);
  // A key proposal, with a supervision visit.
  ok("proposals.select_key", Json{{"proposal_id", p1}}, "chair");
  ok("proposals.record_supervision",
     Json{{"proposal_id", p1}, {"kind", "inspection"}, {"note", "赴农村学校调研"}, {"on", "2024-03-25"}}, "chair");

  // The co-handler's view reaches the lead; the lead sees it, the proposer does not.
  ok("proposals.give_opinion", Json{{"proposal_id", p1}, {"unit_id", moe}, {"text", "建议统筹乡村教师编制。"}}, "moe");
  auto lead_view = view("mof", p1);
  bool lead_sees_opinion = false;
  for (const auto& a : (*lead_view)["assignments"])
    if (a["role"] == "co" && a["reply_text"] == "建议统筹乡村教师编制。") lead_sees_opinion = true;
  EXPECT_TRUE(lead_sees_opinion);
  auto proposer_view = view("m1", p1);
  for (const auto& a : (*proposer_view)["assignments"]) EXPECT_NE(a["role"], "co");

  // Overdue: nothing on 2024-06-18 is late except the lead's reply (due 2024-06-18 is not yet late).
  clock_ = at("2024-06-18T09:00:00+08:00");
  EXPECT_EQ(ok("proposals.remind_overdue", Json{{"body", "cppcc"}}, "sec")["reminded"], 0);
  clock_ = at("2024-06-19T09:00:00+08:00");
  auto late_list = proposals::overdue(*app_->store->read(), {"sec"}, "cppcc", "2024-06-19");
  ASSERT_EQ((*late_list)["overdue"].size(), 1u);
  EXPECT_EQ((*late_list)["overdue"][0]["unit_id"], mof);
  EXPECT_EQ(ok("proposals.remind_overdue", Json{{"body", "cppcc"}}, "sec")["reminded"], 1);
  EXPECT_TRUE(noted("mof", "催办"));
  EXPECT_FALSE(noted("moe", "催办"));
  EXPECT_EQ(proposals::overdue(*app_->store->read(), {"m1"}, "cppcc", "2024-06-19").error().code,
            ErrorCode::kForbidden);

  // Reply; only a proposer rates; 不满意 sends it back with a new deadline.
  ok("proposals.reply", Json{{"proposal_id", p1}, {"unit_id", mof}, {"class", "B"}, {"text", "正在研究落实。"}}, "mof");
  EXPECT_EQ(state(p1), "replied");
  EXPECT_TRUE(noted("m3", "已答复"));  // the merged proposal's proposer hears too
  EXPECT_EQ(
      fails("proposals.reply", Json{{"proposal_id", p1}, {"unit_id", mof}, {"class", "A"}, {"text", "再答"}}, "mof"),
      ErrorCode::kConflict);
  EXPECT_EQ(fails("proposals.rate", Json{{"proposal_id", p1}, {"rating", "satisfied"}}, "m4"), ErrorCode::kForbidden);
  EXPECT_EQ(fails("proposals.rate", Json{{"proposal_id", p1}, {"rating", "satisfied"}}, "mof"), ErrorCode::kForbidden);
  Json rated =
      ok("proposals.rate", Json{{"proposal_id", p1}, {"rating", "dissatisfied"}, {"note", "措施不具体"}}, "m1");
  EXPECT_EQ(rated["state"], "rehandling");
  EXPECT_EQ(rated["due_on"], "2024-08-19");  // rehandle_months = 2
  EXPECT_EQ(state(p1), "rehandling");
  EXPECT_TRUE(noted("mof", "不满意"));
  ok("proposals.reply", Json{{"proposal_id", p1}, {"unit_id", mof}, {"class", "A"}, {"text", "已安排专项资金。"}},
     "mof");
  ok("proposals.rate", Json{{"proposal_id", p1}, {"rating", "satisfied"}}, "m1");
  EXPECT_EQ(state(p1), "closed");
  EXPECT_EQ(
      fails("proposals.reply", Json{{"proposal_id", p1}, {"unit_id", mof}, {"class", "A"}, {"text", "补充"}}, "mof"),
      ErrorCode::kConflict);  // no replies after closing

  // The statistics count it.
  proposals::ProposalFilter f;
  f.body = "cppcc";
  auto stats = proposals::statistics(*app_->store->read(), f, "2024-12-31");
  EXPECT_EQ((*stats)["received"], 3);
  EXPECT_EQ((*stats)["registered"], 1);
  EXPECT_EQ((*stats)["merged"], 1);
  EXPECT_EQ((*stats)["pending_review"], 1);
  EXPECT_EQ((*stats)["answered"], 1);
  EXPECT_EQ((*stats)["reply_rate"], "100.0%");
  EXPECT_EQ((*stats)["satisfaction_rate"], "100.0%");
  EXPECT_EQ((*stats)["intersession"], 1);

  // The record replays to the same state.
  testing::TempDir fresh_dir;
  auto fresh = store::open_sqlite_store(fresh_dir.file("replay.db"), app::make_registry().slices());
  ASSERT_TRUE(fresh.is_ok());
  app_->ledger->wait_idle();
  auto report = ledger::replay(*app_->store, **fresh, app_->registry);
  EXPECT_TRUE(report.ok) << report.problem;
}

TEST_F(ProposalCycle, SplitHandlingWaitsForEveryUnitAndOtherOutcomesNotify) {
  const int64_t ndrc = units_[0], moe = units_[1];
  int64_t p =
      submit("m1", Json::array({a_.member_ids[0]}), "关于职业教育产教融合的提案", "建议深化产教融合。")["proposal_id"];
  ok("proposals.review", Json{{"proposal_id", p}, {"outcome", "register"}}, "sec");
  EXPECT_EQ(fails("proposals.assign", Json{{"proposal_id", p}, {"split_unit_ids", {ndrc}}}, "sec"),
            ErrorCode::kMalformed);
  ok("proposals.assign", Json{{"proposal_id", p}, {"split_unit_ids", {ndrc, moe}}}, "sec");
  ok("proposals.reply", Json{{"proposal_id", p}, {"unit_id", ndrc}, {"class", "A"}, {"text", "已落实。"}}, "ndrc");
  EXPECT_EQ(state(p), "assigned");  // one of two
  ok("proposals.reply", Json{{"proposal_id", p}, {"unit_id", moe}, {"class", "B"}, {"text", "正在推进。"}}, "moe");
  EXPECT_EQ(state(p), "replied");
  // Withdrawal by its first proposer only, and only before assignment.
  int64_t q = submit("m2", Json::array({a_.member_ids[1], a_.member_ids[0]}), "关于社区养老的提案",
                     "建议发展社区养老服务。")["proposal_id"];
  EXPECT_EQ(fails("proposals.withdraw", Json{{"proposal_id", q}}, "m1"), ErrorCode::kForbidden);
  ok("proposals.withdraw", Json{{"proposal_id", q}, {"note", "已通过其他渠道反映"}}, "m2");
  EXPECT_EQ(state(q), "withdrawn");
  // Not registered, with the published reason in the notice.
  int64_t r =
      submit("m3", Json::array({a_.member_ids[2]}), "关于推广某品牌产品的提案", "建议推广某品牌产品。")["proposal_id"];
  ok("proposals.review", Json{{"proposal_id", r}, {"outcome", "reject"}, {"reason", "promotion"}}, "sec");
  EXPECT_TRUE(noted("m3", "不予立案，理由：为具体作品、产品或单位宣传推介"));
  EXPECT_EQ(fails("proposals.review", Json{{"proposal_id", r}, {"outcome", "register"}}, "sec"), ErrorCode::kConflict);
}

TEST_F(ProposalCycle, DeadlinesExtendOnlyWithinTheRulebooksMonths) {
  const int64_t ndrc = units_[0];
  int64_t p = submit("m1", Json::array({a_.member_ids[0]}), "关于跨区域生态补偿的提案",
                     "建议建立跨区域生态补偿机制。")["proposal_id"];
  ok("proposals.review", Json{{"proposal_id", p}, {"outcome", "register"}}, "sec");
  EXPECT_EQ(fails("proposals.extend", Json{{"proposal_id", p}, {"months", 5}}, "sec"),
            ErrorCode::kConflict);  // not assigned yet
  clock_ = at("2024-04-10T09:00:00+08:00");
  EXPECT_EQ(ok("proposals.assign", Json{{"proposal_id", p}, {"lead_unit_id", ndrc}}, "sec")["due_on"], "2024-07-10");
  EXPECT_EQ(fails("proposals.extend", Json{{"proposal_id", p}, {"months", 7}}, "sec"), ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("proposals.extend", Json{{"proposal_id", p}, {"months", 3}}, "sec"), ErrorCode::kRuleViolation);
  EXPECT_EQ(fails("proposals.extend", Json{{"proposal_id", p}, {"months", 6}}, "ndrc"), ErrorCode::kForbidden);
  clock_ = at("2024-05-20T09:00:00+08:00");
  EXPECT_EQ(ok("proposals.extend", Json{{"proposal_id", p}, {"months", 5}}, "sec")["due_on"], "2024-09-10");
  clock_ = at("2024-06-03T09:00:00+08:00");
  EXPECT_EQ(ok("proposals.extend", Json{{"proposal_id", p}, {"months", 6}}, "sec")["due_on"], "2024-10-10");
  // Each extension stays on the record, with its day and who made it; the proposer sees them.
  auto seen = view("m1", p);
  ASSERT_TRUE(seen.is_ok());
  EXPECT_EQ((*seen)["extensions"],
            Json::parse(R"([{"round":1,"months":5,"due_on":"2024-09-10","on":"2024-05-20","by":"sec"},
                            {"round":1,"months":6,"due_on":"2024-10-10","on":"2024-06-03","by":"sec"}])"));
  clock_ = at("2024-08-01T09:00:00+08:00");
  EXPECT_EQ(ok("proposals.remind_overdue", Json{{"body", "cppcc"}}, "sec")["reminded"], 0);  // extended: not late
  EXPECT_TRUE(noted("ndrc", "答复期限延长至 2024-10-10"));
}

TEST(ProposalImport, CsvIsAllOrNothingAndReportsProgress) {
  testing::TempDir dir;
  auto app = testing::open_app(dir.file("plenum.db"));
  auto a = testing::seed_assembly(*app, "cppcc", "cppcc", 2);
  std::string header =
      "title,area,proposer_kind,proposer_name,submitted_on,outcome,number,merged_into,reason,units,"
      "assigned_on,replied_on,reply_class,rating,suggestions\n";
  std::string good = header +
                     "关于甲的提案,economy,member,张三,2023-03-05,register,1,,,发展改革委:lead;财政部:co,2023-04-01,"
                     "2023-06-20,A,satisfied,建议甲。\n"
                     "关于乙的提案,culture,party,民革中央,2023-03-06,merge,,1,,,,,,,建议乙。\n"
                     "关于丙的提案,ecology,member,李四,2023-03-07,reject,,,no_content,,,,,,建议丙。\n";
  std::vector<std::pair<size_t, size_t>> progress;
  auto rows = proposals::parse_import_csv(good, [&](size_t d, size_t t) { progress.emplace_back(d, t); });
  ASSERT_TRUE(rows.is_ok()) << rows.error().message_en;
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(size_t{3}, size_t{3}));

  // One bad row (an unknown area, a merge into a number not in the file) and nothing is written.
  std::string bad = good + "关于丁的提案,space,member,王五,2023-03-08,merge,,7,,,,,,,建议丁。\n";
  auto bad_rows = proposals::parse_import_csv(bad);
  ASSERT_TRUE(bad_rows.is_ok());
  auto before = app->store->read()->state_hash();
  auto refused = act(*app, "proposals.import", Json{{"session_id", a.session_id}, {"rows", *bad_rows}});
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.error().details.size(), 2u);
  EXPECT_EQ(refused.error().details[0].line, 5);
  EXPECT_EQ(before, app->store->read()->state_hash());
  EXPECT_FALSE(proposals::parse_import_csv(header + "\"unclosed,economy\n").is_ok());
  EXPECT_FALSE(proposals::parse_import_csv(std::string("title\n\xff\xfe\n")).is_ok());

  auto imported = act(*app, "proposals.import", Json{{"session_id", a.session_id}, {"rows", *rows}});
  ASSERT_TRUE(imported.is_ok()) << imported.error().message_en;
  proposals::ProposalFilter f;
  f.body = "cppcc";
  auto stats = proposals::statistics(*app->store->read(), f, "2023-12-31");
  EXPECT_EQ((*stats)["received"], 3);
  EXPECT_EQ((*stats)["registered"], 1);
  EXPECT_EQ((*stats)["merged"], 1);
  EXPECT_EQ((*stats)["not_registered"], 1);
  EXPECT_EQ((*stats)["by_collectives"], 1);
  EXPECT_EQ((*stats)["answered"], 1);
  EXPECT_EQ((*stats)["units"].size(), 2u);
  // Numbering continues after the imported numbers.
  auto next = act(*app, "proposals.submit",
                  Json{{"session_id", a.session_id},
                       {"title", "关于戊的提案"},
                       {"area", "society"},
                       {"parts", parts("建议戊。")},
                       {"member_ids", {a.member_ids[0]}}});
  ASSERT_TRUE(next.is_ok());
  auto reg = act(*app, "proposals.review", Json{{"proposal_id", next->result["proposal_id"]}, {"outcome", "register"}});
  ASSERT_TRUE(reg.is_ok());
  EXPECT_EQ(reg->result["number"], 2);
}

}  // namespace
}  // namespace plenum

namespace plenum {
namespace {

// Search as the secretariat uses it: Chinese-aware full text over title and text, combined
// with the list filters, ranked by bm25, with 【】 highlights.
TEST(ProposalSearch, ChineseQueriesWithFiltersAndHighlights) {
  testing::TempDir dir;
  auto app = testing::open_app(dir.file("plenum.db"));
  auto a = testing::seed_assembly(*app, "cppcc", "cppcc", 3);
  testing::add_account(*app, "sec", Json::array({{{"body", "cppcc"}, {"role", "secretariat"}}}));
  auto submit = [&](const std::string& title, const std::string& area, const std::string& text) -> int64_t {
    auto r = testing::act(*app, "proposals.submit",
                          Json{{"session_id", a.session_id},
                               {"title", title},
                               {"area", area},
                               {"parts", Json{{"facts", "情况。"}, {"analysis", "分析。"}, {"suggestions", text}}},
                               {"member_ids", {a.member_ids[0]}}});
    EXPECT_TRUE(r.is_ok()) << (r.is_ok() ? "" : r.error().message_en);
    return r.is_ok() ? r->result["proposal_id"].get<int64_t>() : 0;
  };
  int64_t trad = submit("關於促進經濟發展的提案", "economy", "建議加強中小企業融資支持，促進經濟高質量發展。");
  int64_t edu = submit("关于发展高等教育的提案", "society", "建议扩大高等教育优质资源，推进教育公平。");
  int64_t meeting = submit("关于规范会议费管理的提案", "politics", "建议精简会议，压缩会议经费。");
  int64_t eco = submit("关于长江生态保护的提案", "ecology", "建议加强长江流域生态保护和经济协调发展。");
  ASSERT_TRUE(
      testing::act(*app, "proposals.review", Json{{"proposal_id", edu}, {"outcome", "register"}}, "sec").is_ok());

  auto search = [&](const std::string& q, const std::string& area = "", const std::string& state = "") {
    proposals::ProposalFilter f;
    f.body = "cppcc";
    f.query = q;
    f.area = area;
    f.state = state;
    auto r = proposals::list_proposals(*app->store->read(), {"sec"}, f);
    EXPECT_TRUE(r.is_ok());
    return r.is_ok() ? *r : Json();
  };
  auto ids = [](const Json& r) {
    std::vector<int64_t> out;
    for (const auto& p : r["proposals"]) out.push_back(p["id"]);
    return out;
  };
  // A simplified query finds traditional text, and the highlight marks the original characters.
  Json economy = search("经济");
  EXPECT_EQ(ids(economy), (std::vector<int64_t>{trad, eco}));  // two hits in trad's title and text rank it first
  EXPECT_EQ(economy["total"], 2);
  EXPECT_EQ(economy["proposals"][0]["title_highlight"], "關於促進【經濟】發展的提案");
  EXPECT_NE(economy["proposals"][0]["snippet"].get<std::string>().find("【經濟】"), std::string::npos);
  // The same as parts, for a screen to mark without reading brackets a title may hold itself.
  EXPECT_EQ(economy["proposals"][0]["title_parts"],
            Json::parse(R"([{"text":"關於促進","matched":false},{"text":"經濟","matched":true},)"
                        R"({"text":"發展的提案","matched":false}])"));
  // Two-character words inside longer words; a one-character query.
  EXPECT_EQ(ids(search("教育")), (std::vector<int64_t>{edu}));
  EXPECT_EQ(ids(search("会议")), (std::vector<int64_t>{meeting}));
  EXPECT_EQ(search("费")["total"], 1);
  // Phrases: adjacent characters only; unquoted words may be apart.
  EXPECT_EQ(ids(search("\"高等教育\"")), (std::vector<int64_t>{edu}));
  EXPECT_TRUE(ids(search("\"教育高等\"")).empty());
  EXPECT_EQ(ids(search("教育 公平")), (std::vector<int64_t>{edu}));
  // A phrase reads across spaces and punctuation, and past the end of a Han run.
  EXPECT_EQ(ids(search("\"教育 公平\"")), (std::vector<int64_t>{edu}));
  EXPECT_EQ(ids(search("\"优质资源，推进教育\"")), (std::vector<int64_t>{edu}));
  EXPECT_TRUE(ids(search("\"资源 教育\"")).empty());
  // Filters narrow a search.
  EXPECT_EQ(ids(search("经济", "ecology")), (std::vector<int64_t>{eco}));
  EXPECT_EQ(ids(search("教育", "", "registered")), (std::vector<int64_t>{edu}));
  EXPECT_TRUE(ids(search("教育", "", "submitted")).empty());
  // Garbage never reaches FTS5 as syntax.
  for (const char* q : {"\"", "AND OR NOT", "title:经济", "*", "(((", "NEAR(经济", "\xff\xfe"}) {
    Json r = search(q);
    EXPECT_TRUE(r.is_object()) << q;
  }
  // A member searching sees only their own proposals.
  testing::add_account(*app, "other", Json::array({{{"body", "cppcc"}, {"role", "member"}}}), a.member_ids[1]);
  proposals::ProposalFilter f;
  f.body = "cppcc";
  f.query = "经济";
  auto theirs = proposals::list_proposals(*app->store->read(), {"other"}, f);
  ASSERT_TRUE(theirs.is_ok());
  EXPECT_EQ((*theirs)["total"], 0);
}

}  // namespace
}  // namespace plenum
