// Roll-call votes: the pass threshold at and around every boundary (all members, present,
// votes cast, with vacancies, abstentions and members who do not press), the announcement,
// changing a choice, manual entry, and every refusal of the issue's bad-input list.
#include "voting/voting.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "rules/rulebook.h"
#include "test_support.h"
#include "voting/tables.h"

namespace plenum::testing {
namespace {

Json must_ok(Result<ledger::Ack> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message_en);
  return r->result;
}

// A motion submitted by the presidium and placed on the agenda.
int64_t presidium_motion(app::App& app, const Assembly& a, const std::string& kind = "draft_resolution",
                         const std::string& organ = "presidium") {
  int64_t id = must_ok(
      act(app, "motions.submit",
          Json{{"session_id", a.session_id}, {"kind", kind}, {"title_zh", "关于测试的决议（草案）"}, {"organ", organ}}),
      "submit")["motion_id"];
  must_ok(act(app, "motions.place_on_agenda", Json{{"motion_id", id}}), "place_on_agenda");
  return id;
}

void open_sitting(app::App& app, int64_t sitting) {
  must_ok(act(app, "assembly.open_sitting", Json{{"sitting_id", sitting}}), "open_sitting");
}

void check_in(app::App& app, const Assembly& a, int n) {
  std::vector<int64_t> ids(a.member_ids.begin(), a.member_ids.begin() + n);
  if (n > 0)
    must_ok(act(app, "attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", ids}}), "check-in");
}

int64_t open_poll(app::App& app, const Assembly& a, int64_t motion, const std::string& mode = "") {
  Json args{{"motion_id", motion}, {"sitting_id", a.sitting_id}};
  if (!mode.empty()) args["mode"] = mode;
  return must_ok(act(app, "voting.open", args), "voting.open")["poll_id"];
}

Result<ledger::Ack> cast(app::App& app, int64_t poll, int64_t member, const std::string& choice) {
  return act(app, "voting.cast", Json{{"poll_id", poll}, {"member_id", member}, {"choice", choice}});
}

Json poll_json(app::App& app, int64_t poll) {
  auto r = voting::get_poll(*app.store->read(), poll);
  if (!r) throw std::runtime_error(r.error().message_en);
  return *r;
}

struct Votes {
  int present, yes, no, abstain;
};

// Seeds `members` members under `rulebook`, checks in the first `present`, and has the first
// yes/no/abstain of them vote; the rest of those present do not press. Returns the closed poll.
Json run_vote(app::App& app, const std::string& rulebook, int members, Votes v,
              const std::string& kind = "draft_resolution", const std::string& organ = "presidium",
              const std::string& vacate_on = "") {
  Assembly a = seed_assembly(app, "t", rulebook, members);
  if (!vacate_on.empty())
    must_ok(act(app, "assembly.record_vacancy",
                Json{{"member_id", a.member_ids.back()}, {"on", vacate_on}, {"reason", "death"}}),
            "vacancy");
  open_sitting(app, a.sitting_id);
  check_in(app, a, v.present);
  int64_t poll = open_poll(app, a, presidium_motion(app, a, kind, organ));
  int i = 0;
  for (int k = 0; k < v.yes; ++k) must_ok(cast(app, poll, a.member_ids[i++], "for"), "cast");
  for (int k = 0; k < v.no; ++k) must_ok(cast(app, poll, a.member_ids[i++], "against"), "cast");
  for (int k = 0; k < v.abstain; ++k) must_ok(cast(app, poll, a.member_ids[i++], "abstain"), "cast");
  must_ok(act(app, "voting.close", Json{{"poll_id", poll}}), "close");
  return poll_json(app, poll);
}

// A copy of the generic rulebook whose ordinary motions pass by `base` (present / votes_cast).
void add_rulebook_with_base(app::App& app, const std::string& id, const std::string& base) {
  std::ifstream in(rules::default_rulebook_dir() + "/generic.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  auto at = toml.find("[pass.default]");
  auto b = toml.find("base = \"all_members\"", at);
  ASSERT_NE(b, std::string::npos);
  toml.replace(b, std::string("base = \"all_members\"").size(), "base = \"" + base + "\"");
  auto book = rules::RulebookSet::parse(toml, id);
  ASSERT_TRUE(book) << book.error().message_en;
  app.rulebooks.add(*book);
}

// ---------------------------------------------------------------- thresholds

// NPC: more than half of ALL 10 deputies → 6; 5 for is not enough even with nobody against.
TEST(VoteThreshold, MoreThanHalfOfAllMembers) {
  {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Json p = run_vote(*app, "npc", 10, {10, 5, 0, 5});
    EXPECT_FALSE(p["adopted"]);
    EXPECT_EQ(p["rule"]["minimum"], 6);
    EXPECT_EQ(p["base_size"], 10);
    EXPECT_EQ(p["announcement_zh"], "赞成5票，反对0票，弃权5票，未按表决器0人。未通过。");
    // Why, for the hall: the count, the minimum, the rule and its article.
    std::string reason = p["reason_zh"];
    EXPECT_EQ(reason.rfind("赞成5票，不足6票：" + p["rule"]["decided_zh"].get<std::string>(), 0), 0u) << reason;
    EXPECT_NE(reason.find("中华人民共和国宪法第六十四条"), std::string::npos) << reason;
    EXPECT_EQ(p["reason_en"].get<std::string>().rfind("5 for, fewer than 6: ", 0), 0u) << p["reason_en"];
  }
  {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Json p = run_vote(*app, "npc", 10, {10, 6, 4, 0});
    EXPECT_TRUE(p["adopted"]);
    EXPECT_EQ(p["announcement_zh"], "赞成6票，反对4票，弃权0票，未按表决器0人。通过。");
    EXPECT_EQ(p["announcement_en"], "For 6, against 4, abstaining 0, not voting 0. Adopted.");
    EXPECT_FALSE(p.contains("reason_zh")) << "an adopted motion needs no reason";
    EXPECT_EQ(p["rule"]["citation_zh"], "中华人民共和国宪法第六十四条；全国人民代表大会议事规则第五十九条");
  }
}

// Odd base: more than half of 11 is 6.
TEST(VoteThreshold, MoreThanHalfOfAnOddNumber) {
  for (auto [yes, adopted] : {std::pair{5, false}, std::pair{6, true}}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Json p = run_vote(*app, "npc", 11, {11, yes, 0, 0});
    EXPECT_EQ(p["adopted"], adopted) << yes;
    EXPECT_EQ(p["rule"]["minimum"], 6);
  }
}

// Abstentions and members who do not press count against adoption when the base is all
// members: 5 for, 1 against, 2 abstaining, 2 not pressing of 10 → not adopted, though 5 > 3.
TEST(VoteThreshold, AbstentionsAndNonPressesWorkAgainstAdoption) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Json p = run_vote(*app, "npc", 10, {10, 5, 1, 2});
  EXPECT_FALSE(p["adopted"]);
  EXPECT_EQ(p["not_voted"], 2);
  EXPECT_EQ(p["announcement_zh"], "赞成5票，反对1票，弃权2票，未按表决器2人。未通过。");
}

// Absent members count against too: 7 present of 10, all 7 for → adopted; 5 of 7 → not.
TEST(VoteThreshold, AbsentMembersCountAgainstWithAllMembersBase) {
  {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    EXPECT_TRUE(run_vote(*app, "npc", 10, {7, 6, 1, 0})["adopted"]);
  }
  {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Json p = run_vote(*app, "npc", 10, {7, 5, 0, 0});
    EXPECT_FALSE(p["adopted"]);
    EXPECT_EQ(p["present"], 7);
    EXPECT_EQ(p["not_voted"], 2);
  }
}

// A vacancy before the sitting lowers the base: 5 of 9 sitting is a majority, 5 of 10 is not.
TEST(VoteThreshold, AVacancyLowersTheBase) {
  {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    Json p = run_vote(*app, "npc", 10, {9, 5, 4, 0}, "draft_resolution", "presidium", "2024-03-01");
    EXPECT_EQ(p["base_size"], 9);
    EXPECT_TRUE(p["adopted"]);
  }
  {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    // Vacated after the sitting's date: still counted that day.
    Json p = run_vote(*app, "npc", 10, {9, 5, 4, 0}, "draft_resolution", "presidium", "2024-03-06");
    EXPECT_EQ(p["base_size"], 10);
    EXPECT_FALSE(p["adopted"]);
  }
}

// More than half of those present: 4 of 7 present passes, 3 of 6 does not (10 members).
TEST(VoteThreshold, MoreThanHalfOfPresent) {
  struct Case {
    int present, yes;
    bool adopted;
  };
  for (Case c : {Case{7, 4, true}, Case{6, 3, false}, Case{6, 4, true}}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    add_rulebook_with_base(*app, "test-present", "present");
    Json p = run_vote(*app, "test-present", 10, {c.present, c.yes, 0, 0});
    EXPECT_EQ(p["rule"]["base"], "present");
    EXPECT_EQ(p["base_size"], c.present);
    EXPECT_EQ(p["adopted"], c.adopted) << c.present << "/" << c.yes;
  }
}

// More than half of the votes cast: abstentions count, non-presses do not.
TEST(VoteThreshold, MoreThanHalfOfVotesCast) {
  struct Case {
    Votes v;
    bool adopted;
  };
  // 3 for, 2 against, 0 abstain of 5 cast → 3 > 2.5; 3 for, 2 against, 1 abstain of 6 → not.
  for (Case c : {Case{{10, 3, 2, 0}, true}, Case{{10, 3, 2, 1}, false}, Case{{10, 4, 2, 1}, true}}) {
    TempDir dir;
    auto app = open_app(dir.file("p.db"));
    add_rulebook_with_base(*app, "test-cast", "votes_cast");
    Json p = run_vote(*app, "test-cast", 10, c.v);
    EXPECT_EQ(p["base_size"], c.v.yes + c.v.no + c.v.abstain);
    EXPECT_EQ(p["adopted"], c.adopted);
  }
}

// ---------------------------------------------------------------- casting

struct OpenPoll {
  TempDir dir;
  std::unique_ptr<app::App> app;
  Assembly a;
  int64_t motion = 0;
  int64_t poll = 0;
  OpenPoll(const std::string& rulebook = "npc", int members = 6, int present = 4, const std::string& mode = "") {
    app = open_app(dir.file("p.db"));
    a = seed_assembly(*app, "t", rulebook, members);
    open_sitting(*app, a.sitting_id);
    check_in(*app, a, present);
    motion = presidium_motion(*app, a);
    poll = open_poll(*app, a, motion, mode);
    add_account(*app, "m1", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[0]);
    if (members >= 6) add_account(*app, "m6", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[5]);
    add_account(*app, "observer", Json::array({{{"body", "t"}, {"role", "observer"}}}));
    add_account(*app, "chair", Json::array({{{"body", "t"}, {"role", "presiding"}}}));
  }
  Result<ledger::Ack> as(const std::string& who, const std::string& action, Json args, const std::string& rid = "") {
    return act(*app, action, std::move(args), who, rid);
  }
};

void expect_error(const Result<ledger::Ack>& r, ErrorCode code, const std::string& field) {
  ASSERT_FALSE(r) << "expected an error on " << field;
  EXPECT_EQ(r.error().code, code) << r.error().message_en;
  EXPECT_EQ(r.error().field, field) << r.error().message_en;
  EXPECT_FALSE(r.error().message_zh.empty());
  EXPECT_FALSE(r.error().message_en.empty());
}

TEST(VoteCast, RefusalsChangeNothing) {
  OpenPoll t;
  // An observer, someone else's vote, a member not present, a choice not offered.
  expect_error(t.as("observer", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}}), ErrorCode::kForbidden,
               "actor");
  expect_error(
      t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"member_id", t.a.member_ids[1]}}),
      ErrorCode::kForbidden, "args.member_id");
  auto absent = t.as("m6", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}});
  expect_error(absent, ErrorCode::kRuleViolation, "args.member_id");
  EXPECT_NE(absent.error().rule.find("议事规则"), std::string::npos);
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "yes"}}), ErrorCode::kMalformed,
               "args.choice");
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", 1}}), ErrorCode::kMalformed,
               "args.choice");
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", 999}, {"choice", "for"}}), ErrorCode::kNotFound,
               "args.poll_id");
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"ballot_key", "short"}}),
               ErrorCode::kMalformed, "args.ballot_key");
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"extra", 1}}),
               ErrorCode::kMalformed, "args.extra");
  // Only the presiding role closes.
  expect_error(t.as("m1", "voting.close", Json{{"poll_id", t.poll}}), ErrorCode::kForbidden, "actor");
  EXPECT_EQ(voting::tables::count_voters(*t.app->store->read(), t.poll), 0);
  // After the close nothing more is counted.
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}}), ErrorCode::kConflict,
               "args.poll_id");
  expect_error(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}), ErrorCode::kConflict, "args.poll_id");
  EXPECT_EQ(poll_json(*t.app, t.poll)["not_voted"], 4);
}

TEST(VoteCast, AnonymousChoiceChangesWithTheBallotKeyAndCountsOnce) {
  OpenPoll t;
  const std::string key = "device-key-of-member-1";
  auto first = t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"ballot_key", key}}, "r1");
  ASSERT_TRUE(first) << first.error().message_en;
  EXPECT_TRUE(first->events.empty());  // an anonymous ballot writes no event
  // The same request again: counted once.
  auto again = t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"ballot_key", key}}, "r1");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result["unchanged"], true);
  // A second ballot without (or with another) key is refused; with the key the choice changes.
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "against"}}), ErrorCode::kConflict,
               "args.ballot_key");
  expect_error(t.as("m1", "voting.cast",
                    Json{{"poll_id", t.poll}, {"choice", "against"}, {"ballot_key", "another-key-1234567"}}),
               ErrorCode::kConflict, "args.ballot_key");
  ASSERT_TRUE(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "against"}, {"ballot_key", key}}));
  // Nothing was stored under the request id: it would link the account to the ballot.
  EXPECT_FALSE(t.app->store->read()->request_outcome("r1"));
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  Json p = poll_json(*t.app, t.poll);
  EXPECT_EQ(p["for"], 0);
  EXPECT_EQ(p["against"], 1);
  EXPECT_EQ(p["not_voted"], 3);
  EXPECT_FALSE(p.contains("votes"));
}

TEST(VoteCast, AGeneratedBallotKeyIsReturnedOnce) {
  OpenPoll t;
  auto first = t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "abstain"}});
  ASSERT_TRUE(first);
  std::string key = first->result["ballot_key"];
  EXPECT_EQ(key.size(), 64u);
  auto change = t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"ballot_key", key}});
  ASSERT_TRUE(change);
  EXPECT_FALSE(change->result.contains("ballot_key"));
  EXPECT_EQ(change->result["changed"], true);
}

TEST(VoteCast, NamedPollPublishesEachChoiceAfterTheClose) {
  OpenPoll t("generic", 6, 4, "named");
  ASSERT_TRUE(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}}));
  ASSERT_TRUE(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "against"}}));
  EXPECT_FALSE(poll_json(*t.app, t.poll).contains("votes"));
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  Json p = poll_json(*t.app, t.poll);
  ASSERT_EQ(p["votes"].size(), 1u);
  EXPECT_EQ(p["votes"][0]["member_id"], t.a.member_ids[0]);
  EXPECT_EQ(p["votes"][0]["choice"], "against");
  EXPECT_FALSE(p["votes"][0]["seat"].get<std::string>().empty());
  EXPECT_EQ(p["against"], 1);
}

TEST(VoteCast, NpcDoesNotVoteByName) {
  OpenPoll t;
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  int64_t m = presidium_motion(*t.app, t.a);
  auto r = t.as("chair", "voting.open", Json{{"motion_id", m}, {"sitting_id", t.a.sitting_id}, {"mode", "named"}});
  expect_error(r, ErrorCode::kRuleViolation, "args.mode");
}

TEST(VoteOpen, RefusesWhatTheProcedureForbids) {
  OpenPoll t;
  int64_t second = presidium_motion(*t.app, t.a);
  // One open poll per sitting.
  expect_error(t.as("chair", "voting.open", Json{{"motion_id", second}, {"sitting_id", t.a.sitting_id}}),
               ErrorCode::kConflict, "args.sitting_id");
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  // The motion already decided.
  expect_error(t.as("chair", "voting.open", Json{{"motion_id", t.motion}, {"sitting_id", t.a.sitting_id}}),
               ErrorCode::kConflict, "args.motion_id");
  // A draft law is voted on its voting draft.
  int64_t law = presidium_motion(*t.app, t.a, "draft_law", "state_council");
  expect_error(t.as("chair", "voting.open", Json{{"motion_id", law}, {"sitting_id", t.a.sitting_id}}),
               ErrorCode::kConflict, "args.motion_id");
  ASSERT_TRUE(t.as("chair", "motions.add_version",
                   Json{{"motion_id", law}, {"stage", "voting"}, {"text", "第一条 ……"}, {"note", "表决稿"}}));
  // Nothing follows the voting draft.
  expect_error(t.as("chair", "motions.add_version",
                    Json{{"motion_id", law}, {"stage", "revised"}, {"text", "……"}, {"note", "再改"}}),
               ErrorCode::kConflict, "args.stage");
  // Not the presiding role.
  expect_error(t.as("m1", "voting.open", Json{{"motion_id", law}, {"sitting_id", t.a.sitting_id}}),
               ErrorCode::kForbidden, "actor");
  auto law_poll = t.as("chair", "voting.open", Json{{"motion_id", law}, {"sitting_id", t.a.sitting_id}});
  ASSERT_TRUE(law_poll);
  // The sitting does not close over an open vote; a closed sitting takes no votes.
  expect_error(act(*t.app, "assembly.close_sitting", Json{{"sitting_id", t.a.sitting_id}}), ErrorCode::kConflict,
               "args.sitting_id");
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", law_poll->result["poll_id"]}}));
  ASSERT_TRUE(act(*t.app, "assembly.close_sitting", Json{{"sitting_id", t.a.sitting_id}}));
  expect_error(t.as("chair", "voting.open", Json{{"motion_id", second}, {"sitting_id", t.a.sitting_id}}),
               ErrorCode::kConflict, "args.sitting_id");
}

// 全国人民代表大会议事规则第四条: the NPC sits only with two thirds of all deputies present, so no
// vote opens below that; the refusal names those present, the minimum and the article.
TEST(VoteOpen, OnlyAtAQuorateSitting) {
  TempDir dir;
  auto app = open_app(dir.file("plenum.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 12);
  open_sitting(*app, a.sitting_id);
  int64_t motion = presidium_motion(*app, a);
  Json args{{"motion_id", motion}, {"sitting_id", a.sitting_id}};
  check_in(*app, a, 7);  // 7 of 12: fewer than 2/3 (8)
  auto refused = act(*app, "voting.open", args);
  expect_error(refused, ErrorCode::kRuleViolation, "args.sitting_id");
  EXPECT_EQ(refused.error().rule, "全国人民代表大会议事规则第四条");
  EXPECT_NE(refused.error().message_zh.find("应出席代表12人，出席7人，不足法定人数（至少8人），不能开始表决"),
            std::string::npos)
      << refused.error().message_zh;
  EXPECT_NE(refused.error().message_en.find("7 of 12 deputies present, fewer than the legal quorum of 8"),
            std::string::npos)
      << refused.error().message_en;
  EXPECT_TRUE(voting::tables::polls_of_sitting(*app->store->read(), a.sitting_id).empty()) << "nothing changed";
  must_ok(act(*app, "attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", a.member_ids[7]}}),
          "the eighth");
  EXPECT_TRUE(act(*app, "voting.open", args));
}

// A body whose rules let it vote whoever is present (requires_quorum = false) opens at once.
TEST(VoteOpen, ARulebookMayWaiveTheQuorum) {
  TempDir dir;
  auto app = open_app(dir.file("plenum.db"));
  std::ifstream in(rules::default_rulebook_dir() + "/generic.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  auto at = toml.find("[voting]\n");
  ASSERT_NE(at, std::string::npos);
  toml.insert(at + std::string("[voting]\n").size(), "requires_quorum = false\n");
  auto book = rules::RulebookSet::parse(toml, "no-quorum");
  ASSERT_TRUE(book) << book.error().message_en;
  EXPECT_FALSE(book->voting.requires_quorum);
  EXPECT_EQ(rules::to_json(*book)["voting"]["requires_quorum"], false);
  app->rulebooks.add(*book);
  Assembly a = seed_assembly(*app, "t", "no-quorum", 10);
  open_sitting(*app, a.sitting_id);
  check_in(*app, a, 1);
  EXPECT_TRUE(act(*app, "voting.open", Json{{"motion_id", presidium_motion(*app, a)}, {"sitting_id", a.sitting_id}}));
}

TEST(VoteOpen, ClausesAreVotedBeforeTheWhole) {
  OpenPoll t;
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  int64_t law = presidium_motion(*t.app, t.a, "draft_law", "state_council");
  auto clause =
      t.as("chair", "motions.split_clause", Json{{"motion_id", law}, {"clause", "第五条"}, {"text", "第五条 ……"}});
  ASSERT_TRUE(clause) << clause.error().message_en;
  int64_t clause_id = clause->result["motion_id"];
  ASSERT_TRUE(t.as("chair", "motions.add_version",
                   Json{{"motion_id", law}, {"stage", "voting"}, {"text", "全文"}, {"note", "表决稿"}}));
  expect_error(t.as("chair", "voting.open", Json{{"motion_id", law}, {"sitting_id", t.a.sitting_id}}),
               ErrorCode::kConflict, "args.motion_id");
  auto cp = t.as("chair", "voting.open", Json{{"motion_id", clause_id}, {"sitting_id", t.a.sitting_id}});
  ASSERT_TRUE(cp) << cp.error().message_en;
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", cp->result["poll_id"]}}));
  ASSERT_TRUE(t.as("chair", "voting.open", Json{{"motion_id", law}, {"sitting_id", t.a.sitting_id}}));
}

TEST(VoteManual, ShowOfHandsEnteredAndSignedOff) {
  OpenPoll t("npc", 6, 5);
  // One device ballot before the system failed: kept on the record, not counted.
  ASSERT_TRUE(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "against"}}));
  expect_error(t.as("chair", "voting.sign_off_manual_result", Json{{"poll_id", t.poll}}), ErrorCode::kConflict,
               "args.poll_id");
  expect_error(t.as("chair", "voting.enter_manual_result",
                    Json{{"poll_id", t.poll}, {"for", 4}, {"against", 1}, {"abstain", 1}}),
               ErrorCode::kRuleViolation, "args.for");  // 6 hands, 5 present
  expect_error(
      t.as("m1", "voting.enter_manual_result", Json{{"poll_id", t.poll}, {"for", 4}, {"against", 1}, {"abstain", 0}}),
      ErrorCode::kForbidden, "actor");
  ASSERT_TRUE(t.as("chair", "voting.enter_manual_result",
                   Json{{"poll_id", t.poll}, {"for", 4}, {"against", 1}, {"abstain", 0}, {"note", "表决器故障"}}));
  expect_error(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}), ErrorCode::kConflict, "args.poll_id");
  // What presiding is about to sign off is on the open poll, for any console to show.
  Json entered = poll_json(*t.app, t.poll);
  EXPECT_TRUE(entered["manual_entered"]);
  EXPECT_EQ(entered["manual"], Json::parse(R"({"for":4,"against":1,"abstain":0,"note":"表决器故障"})"));
  ASSERT_TRUE(t.as("chair", "voting.sign_off_manual_result", Json{{"poll_id", t.poll}}));
  Json p = poll_json(*t.app, t.poll);
  EXPECT_EQ(p["method"], "show_of_hands");
  EXPECT_EQ(p["manual_note"], "表决器故障");
  EXPECT_TRUE(p["adopted"]);  // 4 of 6 all members
  EXPECT_EQ(p["announcement_zh"], "举手表决：赞成4票，反对1票，弃权0票。通过。");
  // The record replays to the same state, the sealed device ballot included.
  auto fresh = store::open_sqlite_store(t.dir.file("replayed.db"), app::make_registry().slices());
  ASSERT_TRUE(fresh);
  auto report = ledger::replay(*t.app->store, **fresh, t.app->registry);
  EXPECT_TRUE(report.ok) << report.problem;
}

}  // namespace
}  // namespace plenum::testing

namespace plenum::testing {
namespace {

// Generic bodies may weight votes and vote by proxy; the weights then count everywhere: in the
// ballots, among those present and in the all-members base.
TEST(VoteWeights, WeightsAndProxiesCountInGenericBodies) {
  OpenPoll t("generic", 4, 3, "named");  // members 1-3 present, member 4 absent
  int64_t m1 = t.a.member_ids[0], m2 = t.a.member_ids[1], m4 = t.a.member_ids[3];
  add_account(*t.app, "m2", Json::array({{{"body", "t"}, {"role", "member"}}}), m2);
  add_account(*t.app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  ASSERT_TRUE(t.as("sec", "voting.set_weight", Json{{"member_id", m1}, {"weight", 3}}));
  expect_error(t.as("sec", "voting.set_weight", Json{{"member_id", m1}, {"weight", 0}}), ErrorCode::kMalformed,
               "args.weight");
  expect_error(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"on_behalf_of", m4}}),
               ErrorCode::kForbidden, "args.on_behalf_of");  // no proxy yet
  ASSERT_TRUE(
      t.as("sec", "voting.grant_proxy", Json{{"sitting_id", t.a.sitting_id}, {"grantor_id", m4}, {"holder_id", m1}}));
  expect_error(
      t.as("sec", "voting.grant_proxy", Json{{"sitting_id", t.a.sitting_id}, {"grantor_id", m4}, {"holder_id", m2}}),
      ErrorCode::kConflict, "args.grantor_id");
  expect_error(
      t.as("sec", "voting.grant_proxy", Json{{"sitting_id", t.a.sitting_id}, {"grantor_id", m2}, {"holder_id", m4}}),
      ErrorCode::kConflict, "args.holder_id");  // no chains
  expect_error(t.as("m2", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"on_behalf_of", m4}}),
               ErrorCode::kForbidden, "args.on_behalf_of");  // not the holder
  ASSERT_TRUE(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}}));
  ASSERT_TRUE(t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"on_behalf_of", m4}}));
  ASSERT_TRUE(t.as("m2", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "against"}}));
  ASSERT_TRUE(t.as("chair", "voting.close", Json{{"poll_id", t.poll}}));
  Json p = poll_json(*t.app, t.poll);
  EXPECT_EQ(p["for"], 4);  // 3 + the proxy's 1
  EXPECT_EQ(p["against"], 1);
  EXPECT_EQ(p["present"], 6);    // 3 + 1 + 1 in person, and member 4 represented
  EXPECT_EQ(p["not_voted"], 1);  // member 3
  EXPECT_EQ(p["base_size"], 6);
  EXPECT_TRUE(p["adopted"]);
  ASSERT_EQ(p["votes"].size(), 3u);
  EXPECT_EQ(p["votes"][2]["member_id"], m4);
  // The record replays to the same state.
  auto fresh = store::open_sqlite_store(t.dir.file("replayed.db"), app::make_registry().slices());
  ASSERT_TRUE(fresh);
  auto report = ledger::replay(*t.app->store, **fresh, t.app->registry);
  EXPECT_TRUE(report.ok) << report.problem;
}

TEST(VoteWeights, OnlyGenericBodiesHaveThem) {
  OpenPoll t;  // npc
  add_account(*t.app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  expect_error(t.as("sec", "voting.set_weight", Json{{"member_id", t.a.member_ids[0]}, {"weight", 2}}),
               ErrorCode::kRuleViolation, "args.member_id");
  expect_error(
      t.as("sec", "voting.grant_proxy",
           Json{{"sitting_id", t.a.sitting_id}, {"grantor_id", t.a.member_ids[5]}, {"holder_id", t.a.member_ids[0]}}),
      ErrorCode::kRuleViolation, "args.sitting_id");
  expect_error(
      t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"on_behalf_of", t.a.member_ids[5]}}),
      ErrorCode::kRuleViolation, "args.on_behalf_of");
}

// Where the rulebook allows proxies, a grantor who turns up votes in person.
TEST(VoteWeights, AGrantorWhoIsPresentVotesThemselves) {
  OpenPoll t("generic", 4, 4);
  add_account(*t.app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  ASSERT_TRUE(
      t.as("sec", "voting.grant_proxy",
           Json{{"sitting_id", t.a.sitting_id}, {"grantor_id", t.a.member_ids[3]}, {"holder_id", t.a.member_ids[0]}}));
  expect_error(
      t.as("m1", "voting.cast", Json{{"poll_id", t.poll}, {"choice", "for"}, {"on_behalf_of", t.a.member_ids[3]}}),
      ErrorCode::kConflict, "args.on_behalf_of");
}

}  // namespace
}  // namespace plenum::testing
