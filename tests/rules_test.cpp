// Rulebooks: loading and validating rulebooks/*.toml, exact-fraction thresholds at their
// boundaries, and the Chinese and English wording of each threshold.
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <optional>
#include <set>
#include <string>

#include "rules/rulebook.h"

namespace plenum::rules {
namespace {

const std::set<std::string> kExpectedIds = {
    "cppcc", "cppcc-standing", "generic", "local-congress", "local-standing", "npc", "npcsc", "township-congress"};

const RulebookSet& shipped() {
  static const RulebookSet set = [] {
    auto loaded = RulebookSet::load_dir(default_rulebook_dir());
    if (!loaded) {
      ADD_FAILURE() << "loading " << default_rulebook_dir() << ": " << loaded.error().field << ": "
                    << loaded.error().message_en;
      return RulebookSet();
    }
    return std::move(loaded).value();
  }();
  return set;
}

const Rulebook& book(const std::string& id) {
  const Rulebook* b = shipped().find(id);
  if (!b) {
    ADD_FAILURE() << "no rulebook " << id;
    static const Rulebook kEmpty;
    return kEmpty;
  }
  return *b;
}

Threshold threshold(Comparison c, int64_t num, int64_t den, Base base = Base::kAllMembers) {
  Threshold t;
  t.comparison = c;
  t.fraction = {num, den};
  t.base = base;
  return t;
}

// ---------------------------------------------------------------------------------------------
// Fractions

TEST(RulesFraction, ParsesValidFractions) {
  auto f = parse_fraction("2/3");
  ASSERT_TRUE(f) << f.error().message_en;
  EXPECT_EQ(f->num, 2);
  EXPECT_EQ(f->den, 3);

  f = parse_fraction(" 1 / 2 ");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->num, 1);
  EXPECT_EQ(f->den, 2);

  f = parse_fraction("1000/1000");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->num, 1000);

  f = parse_fraction("1/1");
  ASSERT_TRUE(f);
}

TEST(RulesFraction, RejectsMalformedFractions) {
  for (const char* text : {"", "2", "2/", "/3", "0/3", "4/3", "1/1001", "-1/2", "+1/2", "1.5/3", "a/b", "2/3/4",
                           "99999/100000", "2÷3", "１/２", "2/0", "0/0"}) {
    auto f = parse_fraction(text);
    ASSERT_FALSE(f) << "accepted \"" << text << "\"";
    EXPECT_EQ(f.error().code, ErrorCode::kMalformed) << text;
    EXPECT_FALSE(f.error().message_zh.empty()) << text;
    EXPECT_FALSE(f.error().message_en.empty()) << text;
  }
}

// ---------------------------------------------------------------------------------------------
// Thresholds: exact integer comparisons

TEST(RulesThreshold, AtLeastTwoThirdsOfTheNpc) {
  auto t = threshold(Comparison::kAtLeast, 2, 3);
  EXPECT_TRUE(t.met(1971, 2956));   // 3*1971 = 5913 >= 5912
  EXPECT_FALSE(t.met(1970, 2956));  // 3*1970 = 5910 <  5912
  EXPECT_EQ(t.minimum(2956), 1971);
  EXPECT_TRUE(t.met(2872, 2956));  // 2024 opening sitting
  EXPECT_TRUE(t.met(2900, 2956));  // 2024 closing sitting
}

TEST(RulesThreshold, MoreThanHalfOfTheCppcc) {
  auto t = threshold(Comparison::kMoreThan, 1, 2);
  EXPECT_TRUE(t.met(1082, 2162));   // 2*1082 = 2164 > 2162
  EXPECT_FALSE(t.met(1081, 2162));  // exactly half is not more than half
  EXPECT_EQ(t.minimum(2162), 1082);
  EXPECT_TRUE(t.met(2093, 2162));
  EXPECT_TRUE(t.met(2085, 2162));
}

TEST(RulesThreshold, OddEvenAndTinyBases) {
  auto half = threshold(Comparison::kMoreThan, 1, 2);
  auto two_thirds = threshold(Comparison::kAtLeast, 2, 3);
  // Odd base: more than half of 175 is 88.
  EXPECT_FALSE(half.met(87, 175));
  EXPECT_TRUE(half.met(88, 175));
  EXPECT_EQ(half.minimum(175), 88);
  // Even base: more than half of 4 is 3.
  EXPECT_FALSE(half.met(2, 4));
  EXPECT_TRUE(half.met(3, 4));
  EXPECT_EQ(half.minimum(4), 3);
  // Base 3: 2 is both more than half and at least two thirds.
  EXPECT_EQ(half.minimum(3), 2);
  EXPECT_EQ(two_thirds.minimum(3), 2);
  EXPECT_FALSE(two_thirds.met(1, 3));
  EXPECT_TRUE(two_thirds.met(2, 3));
  // Base 1: the single member is needed.
  EXPECT_EQ(half.minimum(1), 1);
  EXPECT_EQ(two_thirds.minimum(1), 1);
  EXPECT_FALSE(half.met(0, 1));
  EXPECT_FALSE(two_thirds.met(0, 1));
  // Base 0: "at least" is vacuously met; "more than" needs one more than exists.
  EXPECT_TRUE(two_thirds.met(0, 0));
  EXPECT_EQ(two_thirds.minimum(0), 0);
  EXPECT_FALSE(half.met(0, 0));
  EXPECT_EQ(half.minimum(0), 1);
}

TEST(RulesThreshold, MinimumIsTheExactBoundary) {
  for (auto c : {Comparison::kAtLeast, Comparison::kMoreThan}) {
    for (Fraction f : {Fraction{1, 2}, Fraction{2, 3}, Fraction{1, 5}, Fraction{1, 10}, Fraction{3, 4}, Fraction{1, 1},
                       Fraction{7, 12}}) {
      auto t = threshold(c, f.num, f.den);
      for (int64_t n = 0; n <= 60; ++n) {
        int64_t m = t.minimum(n);
        for (int64_t count = 0; count <= n + 1; ++count)
          EXPECT_EQ(t.met(count, n), count >= m)
              << comparison_name(c) << " " << f.num << "/" << f.den << " n=" << n << " c=" << count;
      }
    }
  }
}

TEST(RulesThreshold, NoOverflowNearInt64Max) {
  auto t = threshold(Comparison::kAtLeast, 2, 3);
  EXPECT_TRUE(t.met(INT64_MAX, INT64_MAX));
  int64_t m = t.minimum(INT64_MAX);
  EXPECT_EQ(m, 6148914691236517205);  // ceil(2 * (2^63 - 1) / 3)
  EXPECT_TRUE(t.met(m, INT64_MAX));
  EXPECT_FALSE(t.met(m - 1, INT64_MAX));

  auto all = threshold(Comparison::kAtLeast, 1000, 1000);
  EXPECT_EQ(all.minimum(INT64_MAX), INT64_MAX);
}

// ---------------------------------------------------------------------------------------------
// The shipped rulebooks

TEST(RulesLoad, EveryShippedRulebookLoads) {
  auto loaded = RulebookSet::load_dir(default_rulebook_dir());
  ASSERT_TRUE(loaded) << loaded.error().field << ": " << loaded.error().message_en;
  auto ids = loaded->ids();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), kExpectedIds);
  for (const auto& id : ids) {
    const Rulebook* b = loaded->find(id);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->id, id);
    EXPECT_FALSE(b->name_zh.empty()) << id;
    EXPECT_FALSE(b->name_en.empty()) << id;
    EXPECT_EQ(b->quorum.base, Base::kAllMembers) << id;
    EXPECT_FALSE(b->quorum.citation.zh.empty()) << id;
    EXPECT_FALSE(b->quorum.citation.en.empty()) << id;
    ASSERT_TRUE(b->pass.count("default")) << id;
    for (const auto& [kind, t] : b->pass) {
      EXPECT_FALSE(t.citation.zh.empty()) << id << " " << kind;
      EXPECT_FALSE(t.citation.en.empty()) << id << " " << kind;
    }
    EXPECT_FALSE(b->leave_citation.zh.empty()) << id;
    EXPECT_FALSE(b->leave_citation.en.empty()) << id;
  }
  EXPECT_EQ(loaded->find("no-such-body"), nullptr);
}

TEST(RulesLoad, ShippedParameters) {
  struct Expected {
    std::string id;
    Comparison quorum;
    Fraction fraction;
    bool configurable;
    AnnouncementStyle style;
    std::string noun_zh, noun_en;
    int absence_limit;
  };
  const Expected table[] = {
      {"npc", Comparison::kAtLeast, {2, 3}, false, AnnouncementStyle::kNpc, "代表", "deputies", 2},
      {"npcsc", Comparison::kMoreThan, {1, 2}, false, AnnouncementStyle::kNpc, "委员", "members", 0},
      {"local-congress", Comparison::kAtLeast, {2, 3}, false, AnnouncementStyle::kNpc, "代表", "deputies", 2},
      {"township-congress", Comparison::kAtLeast, {2, 3}, false, AnnouncementStyle::kNpc, "代表", "deputies", 2},
      {"local-standing", Comparison::kMoreThan, {1, 2}, false, AnnouncementStyle::kNpc, "委员", "members", 0},
      {"cppcc", Comparison::kMoreThan, {1, 2}, true, AnnouncementStyle::kCppcc, "委员", "members", 0},
      {"cppcc-standing", Comparison::kMoreThan, {1, 2}, true, AnnouncementStyle::kCppcc, "委员", "members", 0},
      {"generic", Comparison::kMoreThan, {1, 2}, true, AnnouncementStyle::kGeneric, "成员", "members", 0},
  };
  for (const auto& e : table) {
    SCOPED_TRACE(e.id);
    const Rulebook& b = book(e.id);
    EXPECT_EQ(b.quorum.comparison, e.quorum);
    EXPECT_EQ(b.quorum.fraction.num, e.fraction.num);
    EXPECT_EQ(b.quorum.fraction.den, e.fraction.den);
    EXPECT_EQ(b.quorum_configurable, e.configurable);
    EXPECT_EQ(b.announcement_style, e.style);
    EXPECT_EQ(b.member_noun_zh, e.noun_zh);
    EXPECT_EQ(b.member_noun_en, e.noun_en);
    EXPECT_EQ(b.unexcused_absence_limit, e.absence_limit);
    if (e.absence_limit > 0) {
      EXPECT_NE(b.absence_citation.zh.find("代表法第六十二条"), std::string::npos);
      EXPECT_EQ(b.absence_citation.en, "Deputies Law, art. 62");
    }
    // Every body passes ordinary motions by more than half of all its members.
    const Threshold& pass = b.pass_for("default");
    EXPECT_EQ(pass.comparison, Comparison::kMoreThan);
    EXPECT_EQ(pass.fraction.num, 1);
    EXPECT_EQ(pass.fraction.den, 2);
    EXPECT_EQ(pass.base, Base::kAllMembers);
  }
  EXPECT_EQ(book("npc").quorum.citation.zh, "全国人民代表大会议事规则第四条");
  EXPECT_EQ(book("npc").leave_citation.zh, "全国人民代表大会议事规则第十五条");
}

TEST(RulesLoad, QuorumBoundaryForEveryRulebook) {
  for (const auto& id : kExpectedIds) {
    const Rulebook& b = book(id);
    bool two_thirds = b.quorum.comparison == Comparison::kAtLeast;
    for (int64_t n : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 174, 175, 2161, 2162, 2955, 2956, 2957}) {
      int64_t m = b.quorum.minimum(n);
      for (int64_t c : {m - 1, m, m + 1}) {
        if (c < 0) continue;
        bool expected = two_thirds ? 3 * c >= 2 * n : 2 * c > n;
        EXPECT_EQ(b.quorum.met(c, n), expected) << id << " n=" << n << " present=" << c;
      }
      if (m > 0) {
        EXPECT_FALSE(b.quorum.met(m - 1, n)) << id << " n=" << n;
      }
      EXPECT_TRUE(b.quorum.met(m, n)) << id << " n=" << n;
    }
  }
  EXPECT_EQ(book("npc").quorum.minimum(2956), 1971);
  EXPECT_EQ(book("local-congress").quorum.minimum(2956), 1971);
  EXPECT_EQ(book("township-congress").quorum.minimum(60), 40);
  EXPECT_EQ(book("cppcc").quorum.minimum(2162), 1082);
  EXPECT_EQ(book("npcsc").quorum.minimum(175), 88);
  EXPECT_EQ(book("local-standing").quorum.minimum(30), 16);
}

TEST(RulesLoad, NpcPassThresholds) {
  const Rulebook& npc = book("npc");
  const Threshold& ordinary = npc.pass_for("law");  // unknown kinds fall back to default
  EXPECT_EQ(&ordinary, &npc.pass_for("default"));
  EXPECT_EQ(ordinary.minimum(2956), 1479);
  EXPECT_FALSE(ordinary.met(1478, 2956));
  EXPECT_TRUE(ordinary.met(1479, 2956));

  const Threshold& amendment = npc.pass_for("constitutional_amendment");
  EXPECT_EQ(amendment.comparison, Comparison::kAtLeast);
  EXPECT_EQ(amendment.base, Base::kAllMembers);
  EXPECT_EQ(amendment.minimum(2956), 1971);
  EXPECT_NE(amendment.citation.zh.find("宪法第六十四条"), std::string::npos);
  EXPECT_NE(amendment.citation.en.find("art. 59"), std::string::npos);
}

TEST(RulesLoad, ToJsonMirrorsTheFile) {
  Json j = to_json(book("npc"));
  EXPECT_EQ(j["id"], "npc");
  EXPECT_EQ(j["announcement_style"], "npc");
  EXPECT_EQ(j["quorum"]["comparison"], "at_least");
  EXPECT_EQ(j["quorum"]["fraction"], "2/3");
  EXPECT_EQ(j["quorum"]["base"], "all_members");
  EXPECT_EQ(j["quorum"]["configurable"], false);
  EXPECT_EQ(j["pass"]["constitutional_amendment"]["fraction"], "2/3");
  EXPECT_EQ(j["pass"]["default"]["comparison"], "more_than");
  EXPECT_EQ(j["attendance"]["unexcused_absence_limit"], 2);
  EXPECT_EQ(j["attendance"]["leave_citation_zh"], "全国人民代表大会议事规则第十五条");
  EXPECT_EQ(to_json(book("cppcc"))["quorum"]["configurable"], true);
}

TEST(RulesLoad, EveryShippedRulebookSaysWhoSubmitsAndHowToVote) {
  for (const auto& id : kExpectedIds) {
    SCOPED_TRACE(id);
    const Rulebook& b = book(id);
    ASSERT_TRUE(b.submission.count("default"));
    for (const auto& [kind, rule] : b.submission) {
      EXPECT_TRUE(kind == "default" || is_motion_kind(kind)) << kind;
      EXPECT_FALSE(rule.citation.zh.empty()) << kind;
      EXPECT_FALSE(rule.citation.en.empty()) << kind;
      for (const auto& organ : rule.organs) EXPECT_TRUE(is_organ(organ)) << kind << " " << organ;
    }
    EXPECT_TRUE(b.voting.requires_presence);
    ASSERT_FALSE(b.voting.modes.empty());
    EXPECT_FALSE(b.voting.citation.zh.empty());
    EXPECT_FALSE(b.voting.citation.en.empty());
    // One member, one vote, in person, except where a body's own charter says otherwise.
    EXPECT_EQ(b.voting.weights_and_proxies, id == "generic");
  }
}

TEST(RulesLoad, NpcSubmission) {
  const Rulebook& npc = book("npc");
  const SubmissionRule& bill = npc.submission_for("default");
  EXPECT_EQ(bill.organs,
            (std::vector<std::string>{"presidium", "standing_committee", "special_committee", "state_council",
                                      "central_military_commission", "national_supervisory_commission", "supreme_court",
                                      "supreme_procuratorate"}));
  EXPECT_EQ(bill.delegations, 1);
  EXPECT_EQ(bill.members_jointly, 30);
  EXPECT_EQ(bill.members_needed(""), 30);
  EXPECT_EQ(bill.members_needed("national"), 30);
  EXPECT_FALSE(bill.members_fraction);
  EXPECT_TRUE(bill.sections_required);
  EXPECT_NE(bill.citation.zh.find("全国人民代表大会议事规则第二十三条"), std::string::npos);
  EXPECT_NE(bill.citation.en.find("NPC Rules of Procedure, art. 23"), std::string::npos);

  const SubmissionRule& amendment = npc.submission_for("constitutional_amendment");
  EXPECT_EQ(amendment.organs, std::vector<std::string>{"standing_committee"});
  ASSERT_TRUE(amendment.members_fraction);
  EXPECT_EQ(amendment.members_fraction->num, 1);
  EXPECT_EQ(amendment.members_fraction->den, 5);
  EXPECT_EQ(amendment.members_jointly, 0);
  EXPECT_EQ(amendment.delegations, 0);
  EXPECT_EQ(amendment.citation.zh, "中华人民共和国宪法第六十四条");

  const SubmissionRule& inquiry = npc.submission_for("inquiry");
  EXPECT_TRUE(inquiry.organs.empty());
  EXPECT_EQ(inquiry.delegations, 1);
  EXPECT_EQ(inquiry.members_jointly, 30);
  EXPECT_EQ(inquiry.citation.zh, "全国人民代表大会议事规则第四十八条");

  const SubmissionRule& removal = npc.submission_for("removal");
  EXPECT_EQ(removal.organs, std::vector<std::string>{"presidium"});
  EXPECT_EQ(removal.delegations, 3);
  ASSERT_TRUE(removal.members_fraction);
  EXPECT_EQ(removal.members_fraction->num, 1);
  EXPECT_EQ(removal.members_fraction->den, 10);
  EXPECT_EQ(removal.citation.en, "NPC Rules of Procedure, art. 44");

  for (const char* kind : {"draft_resolution", "agenda"})
    EXPECT_EQ(npc.submission_for(kind).organs, std::vector<std::string>{"presidium"}) << kind;
  const auto& report = npc.submission_for("report").organs;
  for (const char* organ : {"standing_committee", "state_council", "supreme_court", "supreme_procuratorate"})
    EXPECT_NE(std::find(report.begin(), report.end(), organ), report.end()) << organ;

  EXPECT_EQ(npc.voting.modes, std::vector<std::string>{"anonymous"});
  EXPECT_TRUE(npc.voting.applause_kinds.empty());
  EXPECT_EQ(npc.voting.citation.zh, "全国人民代表大会议事规则第五十九条、第六十条");
}

TEST(RulesLoad, SubmissionCountsByBody) {
  EXPECT_EQ(book("local-congress").submission_for("default").members_jointly, 10);
  EXPECT_TRUE(book("local-congress").submission_for("default").sections_required);
  EXPECT_EQ(book("local-congress").submission_for("inquiry").delegations, 1);
  EXPECT_EQ(book("local-congress").submission_for("inquiry").members_jointly, 10);
  ASSERT_TRUE(book("local-congress").submission_for("removal").members_fraction);
  EXPECT_EQ(book("local-congress").submission_for("removal").members_fraction->den, 10);

  EXPECT_EQ(book("township-congress").submission_for("default").members_jointly, 5);
  EXPECT_EQ(book("township-congress").submission_for("default").organs,
            (std::vector<std::string>{"presidium", "government"}));
  ASSERT_TRUE(book("township-congress").submission_for("removal").members_fraction);
  EXPECT_EQ(book("township-congress").submission_for("removal").members_fraction->den, 5);

  EXPECT_EQ(book("npcsc").submission_for("default").members_jointly, 10);
  EXPECT_EQ(book("npcsc").submission_for("default").organs.front(), "chairpersons_council");
  EXPECT_EQ(book("npcsc").submission_for("default").citation.en, "NPC Organic Law, art. 32");

  const SubmissionRule& standing = book("local-standing").submission_for("default");
  EXPECT_EQ(standing.members_jointly, 5);
  EXPECT_EQ(standing.members_needed("county"), 3);
  EXPECT_EQ(standing.members_needed("province"), 5);
  EXPECT_EQ(standing.members_needed("city"), 5);
  EXPECT_EQ(standing.members_needed(""), 5);
  EXPECT_EQ(standing.citation.en, "Local Organic Law, art. 52");

  EXPECT_EQ(book("cppcc").submission_for("default").members_jointly, 0);
  EXPECT_EQ(book("cppcc").submission_for("default").organs,
            (std::vector<std::string>{"presidium", "standing_committee"}));
  EXPECT_EQ(book("cppcc-standing").submission_for("default").organs, std::vector<std::string>{"chairpersons_council"});
  EXPECT_EQ(book("generic").submission_for("default").members_jointly, 2);
}

TEST(RulesLoad, SubmissionFallsBackToDefault) {
  const Rulebook& npc = book("npc");
  EXPECT_EQ(&npc.submission_for("bill"), &npc.submission_for("default"));
  EXPECT_EQ(&npc.submission_for("draft_law"), &npc.submission_for("default"));
  EXPECT_NE(&npc.submission_for("removal"), &npc.submission_for("default"));
  const Rulebook& npcsc = book("npcsc");
  EXPECT_EQ(&npcsc.submission_for("removal"), &npcsc.submission_for("default"));
  EXPECT_EQ(&npcsc.submission_for("no_such_kind"), &npcsc.submission_for("default"));
}

TEST(RulesLoad, VotingRulesByBody) {
  const VotingRules& cppcc = book("cppcc").voting;
  EXPECT_EQ(cppcc.modes, std::vector<std::string>{"anonymous"});
  EXPECT_EQ(cppcc.applause_kinds, (std::vector<std::string>{"agenda", "report"}));
  EXPECT_FALSE(cppcc.weights_and_proxies);
  const VotingRules& generic = book("generic").voting;
  EXPECT_EQ(generic.modes, (std::vector<std::string>{"named", "anonymous"}));
  EXPECT_EQ(generic.applause_kinds, std::vector<std::string>{"agenda"});
  EXPECT_TRUE(generic.weights_and_proxies);
  EXPECT_EQ(book("npcsc").voting.citation.en, "NPCSC Rules of Procedure, art. 45");
}

TEST(RulesLoad, KnownKindsAndOrgans) {
  ASSERT_EQ(motion_kinds().size(), 8u);
  for (const auto& [id, zh, en] : motion_kinds()) {
    EXPECT_TRUE(is_motion_kind(id));
    EXPECT_FALSE(zh.empty()) << id;
    EXPECT_FALSE(en.empty()) << id;
  }
  EXPECT_EQ(motion_kinds()[0][1], "议案");
  EXPECT_FALSE(is_motion_kind("default"));
  EXPECT_FALSE(is_motion_kind("Bill"));
  EXPECT_FALSE(is_motion_kind(""));

  ASSERT_EQ(organs().size(), 13u);
  for (const auto& [id, zh, en] : organs()) {
    EXPECT_TRUE(is_organ(id));
    EXPECT_FALSE(zh.empty()) << id;
    EXPECT_FALSE(en.empty()) << id;
  }
  EXPECT_TRUE(is_organ("state_council"));
  EXPECT_TRUE(is_organ("procuratorate"));
  EXPECT_FALSE(is_organ("president"));
  EXPECT_FALSE(is_organ(""));
}

TEST(RulesLoad, SubmissionAndVotingToJson) {
  Json j = to_json(book("npc"));
  const Json& bill = j["submission"]["default"];
  EXPECT_EQ(bill["members_jointly"], 30);
  EXPECT_EQ(bill["delegations"], 1);
  EXPECT_TRUE(bill["members_fraction"].is_null());
  EXPECT_EQ(bill["sections_required"], true);
  EXPECT_EQ(bill["organs"].size(), 8u);
  EXPECT_EQ(bill["organs"][0], "presidium");
  EXPECT_TRUE(bill["members_jointly_by_level"].is_object());
  EXPECT_TRUE(bill["members_jointly_by_level"].empty());
  EXPECT_NE(bill["citation_zh"].get<std::string>().find("第二十三条"), std::string::npos);
  EXPECT_EQ(j["submission"]["constitutional_amendment"]["members_fraction"], "1/5");
  EXPECT_EQ(j["submission"]["removal"]["members_fraction"], "1/10");
  EXPECT_EQ(j["submission"]["removal"]["delegations"], 3);
  EXPECT_EQ(j["voting"]["requires_presence"], true);
  EXPECT_EQ(j["voting"]["modes"], Json::array({"anonymous"}));
  EXPECT_EQ(j["voting"]["applause_kinds"], Json::array());
  EXPECT_EQ(j["voting"]["weights_and_proxies"], false);
  EXPECT_EQ(j["voting"]["citation_en"], "NPC Rules of Procedure, arts. 59-60");

  Json standing = to_json(book("local-standing"));
  EXPECT_EQ(standing["submission"]["default"]["members_jointly_by_level"]["county"], 3);
  Json generic = to_json(book("generic"));
  EXPECT_EQ(generic["voting"]["weights_and_proxies"], true);
  EXPECT_EQ(generic["voting"]["modes"][0], "named");
  EXPECT_EQ(to_json(book("cppcc"))["voting"]["applause_kinds"], Json::array({"agenda", "report"}));
}

TEST(RulesLoad, DefaultDirFollowsEnvironment) {
  const char* old = std::getenv("PLENUM_RULEBOOKS");
  std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
  ::setenv("PLENUM_RULEBOOKS", "/tmp/elsewhere", 1);
  EXPECT_EQ(default_rulebook_dir(), "/tmp/elsewhere");
  ::unsetenv("PLENUM_RULEBOOKS");
  EXPECT_NE(default_rulebook_dir().find("rulebooks"), std::string::npos);
  if (saved) ::setenv("PLENUM_RULEBOOKS", saved->c_str(), 1);
}

// ---------------------------------------------------------------------------------------------
// Validation: each mistake names the file and key

const char* const kValid = R"(
name_zh = "测试机构"
name_en = "test body"
member_noun_zh = "成员"
member_noun_en = "members"
announcement_style = "generic"

[quorum]
comparison = "more_than"
fraction = "1/2"
base = "all_members"
configurable = false
citation_zh = "测试章程第一条"
citation_en = "Test Charter, art. 1"

[pass.default]
comparison = "more_than"
fraction = "1/2"
base = "all_members"
citation_zh = "测试章程第二条"
citation_en = "Test Charter, art. 2"

[attendance]
unexcused_absence_limit = 0
leave_citation_zh = "测试章程第三条"
leave_citation_en = "Test Charter, art. 3"

[submission.default]
organs = ["presidium"]
members_jointly = 10
citation_zh = "测试章程第五条"
citation_en = "Test Charter, art. 5"

[voting]
modes = ["anonymous"]
citation_zh = "测试章程第六条"
citation_en = "Test Charter, art. 6"
)";

// kValid with the first occurrence of `from` replaced by `to`.
std::string edited(std::string_view from, std::string_view to) {
  std::string text = kValid;
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "test setup: \"" << from << "\" not in kValid";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

void expect_rejected(const std::string& text, const std::string& field) {
  auto parsed = RulebookSet::parse(text, "sample");
  ASSERT_FALSE(parsed) << "accepted, expected an error at " << field << "\n" << text;
  const Error& e = parsed.error();
  EXPECT_EQ(e.code, ErrorCode::kMalformed) << field;
  EXPECT_EQ(e.field, field) << e.message_en;
  EXPECT_FALSE(e.message_zh.empty()) << field;
  EXPECT_FALSE(e.message_en.empty()) << field;
}

TEST(RulesValidation, ValidSampleParses) {
  auto parsed = RulebookSet::parse(kValid, "sample");
  ASSERT_TRUE(parsed) << parsed.error().field << ": " << parsed.error().message_en;
  EXPECT_EQ(parsed->id, "sample");
  EXPECT_EQ(parsed->announcement_style, AnnouncementStyle::kGeneric);
  EXPECT_FALSE(parsed->quorum_configurable);
  EXPECT_EQ(parsed->pass.size(), 1u);
}

TEST(RulesValidation, ConfigurableDefaultsToFalse) {
  auto parsed = RulebookSet::parse(edited("configurable = false\n", ""), "sample");
  ASSERT_TRUE(parsed) << parsed.error().message_en;
  EXPECT_FALSE(parsed->quorum_configurable);
}

TEST(RulesValidation, MissingRequiredKeys) {
  expect_rejected(edited("name_zh = \"测试机构\"\n", ""), "sample.toml: name_zh");
  expect_rejected(edited("member_noun_en = \"members\"\n", ""), "sample.toml: member_noun_en");
  expect_rejected(edited("announcement_style = \"generic\"\n", ""), "sample.toml: announcement_style");
  expect_rejected(
      edited("fraction = \"1/2\"\nbase = \"all_members\"\nconfigurable", "base = \"all_members\"\nconfigurable"),
      "sample.toml: quorum.fraction");
  expect_rejected(edited("[quorum]\ncomparison = \"more_than\"\n", "[quorum]\n"), "sample.toml: quorum.comparison");
  expect_rejected(edited("unexcused_absence_limit = 0\n", ""), "sample.toml: attendance.unexcused_absence_limit");
  // A whole table missing.
  std::string no_attendance = kValid;
  no_attendance.erase(no_attendance.find("[attendance]"));
  expect_rejected(no_attendance, "sample.toml: attendance");
}

TEST(RulesValidation, UnknownComparisonBaseAndStyle) {
  expect_rejected(edited("comparison = \"more_than\"", "comparison = \"majority\""), "sample.toml: quorum.comparison");
  expect_rejected(edited("[pass.default]\ncomparison = \"more_than\"\nfraction = \"1/2\"\n"
                         "base = \"all_members\"",
                         "[pass.default]\ncomparison = \"more_than\"\nfraction = \"1/2\"\n"
                         "base = \"everyone\""),
                  "sample.toml: pass.default.base");
  expect_rejected(edited("announcement_style = \"generic\"", "announcement_style = \"NPC\""),
                  "sample.toml: announcement_style");
}

TEST(RulesValidation, BadFractions) {
  for (const char* bad : {"3/2", "0/3", "2/0", "half", "1/1001", ""}) {
    SCOPED_TRACE(bad);
    expect_rejected(edited("fraction = \"1/2\"", std::string("fraction = \"") + bad + "\""),
                    "sample.toml: quorum.fraction");
  }
  // Not a string at all.
  expect_rejected(edited("fraction = \"1/2\"", "fraction = 0.5"), "sample.toml: quorum.fraction");
  auto parsed = RulebookSet::parse(edited("fraction = \"1/2\"", "fraction = \"3/2\""), "sample");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message_en.find("3/2"), std::string::npos);
}

TEST(RulesValidation, QuorumBaseMustBeAllMembers) {
  for (const char* base : {"present", "votes_cast"}) {
    SCOPED_TRACE(base);
    expect_rejected(edited("base = \"all_members\"", std::string("base = \"") + base + "\""),
                    "sample.toml: quorum.base");
  }
}

TEST(RulesValidation, PassThresholdsMayUseOtherBases) {
  std::string text = kValid;
  text += R"(
[pass.procedural]
comparison = "more_than"
fraction = "1/2"
base = "present"
citation_zh = "测试章程第四条"
citation_en = "Test Charter, art. 4"
)";
  auto parsed = RulebookSet::parse(text, "sample");
  ASSERT_TRUE(parsed) << parsed.error().message_en;
  EXPECT_EQ(parsed->pass_for("procedural").base, Base::kPresent);
}

TEST(RulesValidation, MissingPassDefault) {
  expect_rejected(edited("[pass.default]", "[pass.ordinary]"), "sample.toml: pass.default");
  std::string no_pass = kValid;
  auto from = no_pass.find("[pass.default]");
  no_pass.erase(from, no_pass.find("[attendance]") - from);
  expect_rejected(no_pass, "sample.toml: pass");
}

TEST(RulesValidation, BadMotionKind) {
  expect_rejected(edited("[pass.default]", "[pass.Default]"), "sample.toml: pass.Default");
}

TEST(RulesValidation, EmptyOrMissingCitations) {
  expect_rejected(edited("citation_zh = \"测试章程第一条\"", "citation_zh = \"\""), "sample.toml: quorum.citation_zh");
  expect_rejected(edited("citation_en = \"Test Charter, art. 1\"\n", ""), "sample.toml: quorum.citation_en");
  expect_rejected(edited("citation_zh = \"测试章程第二条\"", "citation_zh = \"  \""),
                  "sample.toml: pass.default.citation_zh");
  expect_rejected(edited("citation_en = \"Test Charter, art. 2\"\n", ""), "sample.toml: pass.default.citation_en");
  expect_rejected(edited("leave_citation_zh = \"测试章程第三条\"\n", ""), "sample.toml: attendance.leave_citation_zh");
}

TEST(RulesValidation, AbsenceLimitNeedsItsCitation) {
  expect_rejected(edited("unexcused_absence_limit = 0", "unexcused_absence_limit = 2"),
                  "sample.toml: attendance.absence_citation_zh");
  expect_rejected(edited("unexcused_absence_limit = 0", "unexcused_absence_limit = -1"),
                  "sample.toml: attendance.unexcused_absence_limit");
  auto parsed = RulebookSet::parse(edited("unexcused_absence_limit = 0",
                                          "unexcused_absence_limit = 2\nabsence_citation_zh = \"代表法第六十二条\"\n"
                                          "absence_citation_en = \"Deputies Law, art. 62\""),
                                   "sample");
  ASSERT_TRUE(parsed) << parsed.error().message_en;
  EXPECT_EQ(parsed->unexcused_absence_limit, 2);
  EXPECT_EQ(parsed->absence_citation.en, "Deputies Law, art. 62");
}

TEST(RulesValidation, UnknownKeysAreTypos) {
  expect_rejected("quorom = 3\n" + std::string(kValid), "sample.toml: quorom");
  expect_rejected(edited("name_en = ", "nmae_en = \"x\"\nname_en = "), "sample.toml: nmae_en");
  expect_rejected(edited("configurable = false", "configurable = false\nfractoin = \"2/3\""),
                  "sample.toml: quorum.fractoin");
  expect_rejected(
      edited("citation_en = \"Test Charter, art. 2\"", "citation_en = \"Test Charter, art. 2\"\nconfigurable = true"),
      "sample.toml: pass.default.configurable");
  expect_rejected(edited("unexcused_absence_limit = 0", "unexcused_absence_limit = 0\nleave = 1"),
                  "sample.toml: attendance.leave");
}

TEST(RulesValidation, WrongTypes) {
  expect_rejected(edited("configurable = false", "configurable = \"no\""), "sample.toml: quorum.configurable");
  expect_rejected(edited("unexcused_absence_limit = 0", "unexcused_absence_limit = \"2\""),
                  "sample.toml: attendance.unexcused_absence_limit");
  expect_rejected(edited("name_zh = \"测试机构\"", "name_zh = 1"), "sample.toml: name_zh");
}

// kValid with its [voting] table replaced by `voting` (which includes the header).
std::string with_voting(const std::string& voting) {
  std::string text = kValid;
  text.erase(text.find("[voting]"));
  return text + voting;
}

TEST(RulesValidation, SubmissionAndVotingDefaults) {
  auto parsed = RulebookSet::parse(kValid, "sample");
  ASSERT_TRUE(parsed) << parsed.error().field << ": " << parsed.error().message_en;
  ASSERT_EQ(parsed->submission.size(), 1u);
  const SubmissionRule& rule = parsed->submission_for("bill");
  EXPECT_EQ(rule.organs, std::vector<std::string>{"presidium"});
  EXPECT_EQ(rule.delegations, 0);
  EXPECT_EQ(rule.members_jointly, 10);
  EXPECT_TRUE(rule.members_jointly_by_level.empty());
  EXPECT_FALSE(rule.members_fraction);
  EXPECT_FALSE(rule.sections_required);
  EXPECT_EQ(rule.citation.en, "Test Charter, art. 5");
  EXPECT_TRUE(parsed->voting.requires_presence);
  EXPECT_EQ(parsed->voting.modes, std::vector<std::string>{"anonymous"});
  EXPECT_TRUE(parsed->voting.applause_kinds.empty());
  EXPECT_FALSE(parsed->voting.weights_and_proxies);
  EXPECT_EQ(parsed->voting.citation.zh, "测试章程第六条");
}

TEST(RulesValidation, FullSubmissionTable) {
  std::string text = kValid;
  text += R"(
[submission.removal]
organs = ["presidium", "standing_committee"]
delegations = 3
members_jointly = 0
members_fraction = "1/10"
sections_required = true
citation_zh = "测试章程第七条"
citation_en = "Test Charter, art. 7"

[submission.removal.members_jointly_by_level]
county = 3
township = 0
)";
  auto parsed = RulebookSet::parse(text, "sample");
  ASSERT_TRUE(parsed) << parsed.error().field << ": " << parsed.error().message_en;
  const SubmissionRule& removal = parsed->submission_for("removal");
  EXPECT_EQ(removal.delegations, 3);
  ASSERT_TRUE(removal.members_fraction);
  EXPECT_EQ(removal.members_fraction->den, 10);
  EXPECT_TRUE(removal.sections_required);
  EXPECT_EQ(removal.members_needed("county"), 3);
  EXPECT_EQ(removal.members_needed("township"), 0);
  EXPECT_EQ(removal.members_needed("city"), 0);
}

TEST(RulesValidation, SubmissionMistakes) {
  expect_rejected(edited("organs = [\"presidium\"]", "organs = [\"president\"]"),
                  "sample.toml: submission.default.organs");
  expect_rejected(edited("organs = [\"presidium\"]", "organs = [\"presidium\", \"presidium\"]"),
                  "sample.toml: submission.default.organs");
  expect_rejected(edited("organs = [\"presidium\"]", "organs = \"presidium\""),
                  "sample.toml: submission.default.organs");
  expect_rejected(edited("organs = [\"presidium\"]", "organs = [1]"), "sample.toml: submission.default.organs");
  expect_rejected(edited("[voting]",
                         "[submission.law]\norgans = [\"presidium\"]\n"
                         "citation_zh = \"x\"\ncitation_en = \"x\"\n\n[voting]"),
                  "sample.toml: submission.law");
  expect_rejected(edited("[submission.default]", "[submission.Default]"), "sample.toml: submission.Default");
  for (const char* bad : {"3/2", "0/5", "half", "1/0", ""}) {
    SCOPED_TRACE(bad);
    expect_rejected(
        edited("members_jointly = 10", std::string("members_jointly = 10\nmembers_fraction = \"") + bad + "\""),
        "sample.toml: submission.default.members_fraction");
  }
  expect_rejected(edited("members_jointly = 10", "members_jointly = 10\nmembers_fraction = 0.2"),
                  "sample.toml: submission.default.members_fraction");
  for (const char* bad : {"-1", "100001", "\"10\""}) {
    SCOPED_TRACE(bad);
    expect_rejected(edited("members_jointly = 10", std::string("members_jointly = ") + bad),
                    "sample.toml: submission.default.members_jointly");
    expect_rejected(edited("members_jointly = 10", std::string("members_jointly = 10\ndelegations = ") + bad),
                    "sample.toml: submission.default.delegations");
  }
  EXPECT_TRUE(RulebookSet::parse(edited("members_jointly = 10", "members_jointly = 100000"), "sample"));
  expect_rejected(edited("members_jointly = 10", "members_jointly = 10\nsections_required = 1"),
                  "sample.toml: submission.default.sections_required");
  expect_rejected(edited("members_jointly = 10", "members_jointly = 10\nseconders = 1"),
                  "sample.toml: submission.default.seconders");
  expect_rejected(edited("citation_en = \"Test Charter, art. 5\"\n", ""),
                  "sample.toml: submission.default.citation_en");
  expect_rejected(edited("citation_zh = \"测试章程第五条\"", "citation_zh = \"\""),
                  "sample.toml: submission.default.citation_zh");
  // By level: known levels only, counts in range.
  expect_rejected(edited("[voting]",
                         "[submission.default.members_jointly_by_level]\n"
                         "countty = 3\n\n[voting]"),
                  "sample.toml: submission.default.members_jointly_by_level.countty");
  expect_rejected(edited("[voting]",
                         "[submission.default.members_jointly_by_level]\n"
                         "county = -3\n\n[voting]"),
                  "sample.toml: submission.default.members_jointly_by_level.county");
  expect_rejected(edited("members_jointly = 10",
                         "members_jointly = 10\n"
                         "members_jointly_by_level = 3"),
                  "sample.toml: submission.default.members_jointly_by_level");
  // A rule nobody can meet.
  expect_rejected(edited("organs = [\"presidium\"]\nmembers_jointly = 10\n", ""), "sample.toml: submission.default");
}

TEST(RulesValidation, MissingSubmission) {
  expect_rejected(edited("[submission.default]", "[submission.bill]"), "sample.toml: submission.default");
  std::string no_submission = kValid;
  auto from = no_submission.find("[submission.default]");
  no_submission.erase(from, no_submission.find("[voting]") - from);
  expect_rejected(no_submission, "sample.toml: submission");
}

TEST(RulesValidation, VotingMistakes) {
  std::string no_voting = kValid;
  no_voting.erase(no_voting.find("[voting]"));
  expect_rejected(no_voting, "sample.toml: voting");

  expect_rejected(edited("modes = [\"anonymous\"]", "modes = []"), "sample.toml: voting.modes");
  expect_rejected(edited("modes = [\"anonymous\"]\n", ""), "sample.toml: voting.modes");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = [\"secret\"]"), "sample.toml: voting.modes");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = [\"named\", \"named\"]"), "sample.toml: voting.modes");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = \"anonymous\""), "sample.toml: voting.modes");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = [\"anonymous\"]\napplause_kinds = [\"cheering\"]"),
                  "sample.toml: voting.applause_kinds");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = [\"anonymous\"]\napplause_kinds = [\"default\"]"),
                  "sample.toml: voting.applause_kinds");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = [\"anonymous\"]\nquorum = 3"),
                  "sample.toml: voting.quorum");
  expect_rejected(edited("modes = [\"anonymous\"]", "modes = [\"anonymous\"]\nrequires_presence = \"yes\""),
                  "sample.toml: voting.requires_presence");
  expect_rejected(edited("citation_zh = \"测试章程第六条\"\n", ""), "sample.toml: voting.citation_zh");

  auto parsed =
      RulebookSet::parse(with_voting("[voting]\nrequires_presence = false\nmodes = [\"named\", \"anonymous\"]\n"
                                     "applause_kinds = [\"agenda\", \"report\"]\n"
                                     "citation_zh = \"测试章程第六条\"\ncitation_en = \"Test Charter, art. 6\"\n"),
                         "sample");
  ASSERT_TRUE(parsed) << parsed.error().field << ": " << parsed.error().message_en;
  EXPECT_FALSE(parsed->voting.requires_presence);
  EXPECT_EQ(parsed->voting.modes.front(), "named");
  EXPECT_EQ(parsed->voting.applause_kinds.size(), 2u);
}

TEST(RulesValidation, WeightsAndProxiesOnlyForGenericBodies) {
  const std::string weighted = edited("modes = [\"anonymous\"]", "modes = [\"anonymous\"]\nweights_and_proxies = true");
  // The sample's announcement_style is generic.
  auto parsed = RulebookSet::parse(weighted, "sample");
  ASSERT_TRUE(parsed) << parsed.error().field << ": " << parsed.error().message_en;
  EXPECT_TRUE(parsed->voting.weights_and_proxies);

  std::string npc_style = weighted;
  npc_style.replace(npc_style.find("announcement_style = \"generic\""),
                    std::string("announcement_style = \"generic\"").size(), "announcement_style = \"npc\"");
  expect_rejected(npc_style, "sample.toml: voting.weights_and_proxies");
  std::string cppcc_style = weighted;
  cppcc_style.replace(cppcc_style.find("announcement_style = \"generic\""),
                      std::string("announcement_style = \"generic\"").size(), "announcement_style = \"cppcc\"");
  expect_rejected(cppcc_style, "sample.toml: voting.weights_and_proxies");
  // The file named generic may, whatever its style.
  EXPECT_TRUE(RulebookSet::parse(npc_style, "generic"));
  // false is always allowed.
  npc_style.replace(npc_style.find("weights_and_proxies = true"), std::string("weights_and_proxies = true").size(),
                    "weights_and_proxies = false");
  EXPECT_TRUE(RulebookSet::parse(npc_style, "sample"));
}

TEST(RulesValidation, TomlSyntaxErrorNamesTheFileAndLine) {
  auto parsed = RulebookSet::parse(edited("fraction = \"1/2\"", "fraction = \"1/2"), "sample");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(parsed.error().field.rfind("sample.toml:", 0), 0u) << parsed.error().field;
  EXPECT_NE(parsed.error().message_zh.find("TOML"), std::string::npos);
  EXPECT_NE(parsed.error().message_en.find("line 10"), std::string::npos) << parsed.error().message_en;
}

TEST(RulesValidation, BadId) {
  auto parsed = RulebookSet::parse(kValid, "../npc");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
}

class RulesLoadDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("plenum-rules-test-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name, std::ios::binary) << text; }
  std::filesystem::path dir_;
};

TEST_F(RulesLoadDir, LoadsEveryTomlAndIgnoresOtherFiles) {
  write("alpha.toml", kValid);
  write("beta.toml", kValid);
  write("README.md", "not a rulebook");
  auto set = RulebookSet::load_dir(dir_.string());
  ASSERT_TRUE(set) << set.error().message_en;
  EXPECT_EQ(set->ids(), (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_EQ(set->find("beta")->id, "beta");
}

TEST_F(RulesLoadDir, FailsOnTheFirstInvalidFile) {
  write("alpha.toml", kValid);
  write("beta.toml", edited("fraction = \"1/2\"", "fraction = \"5/3\""));
  auto set = RulebookSet::load_dir(dir_.string());
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().field, "beta.toml: quorum.fraction");
}

TEST_F(RulesLoadDir, EmptyOrMissingDirectoryIsAnError) {
  EXPECT_FALSE(RulebookSet::load_dir(dir_.string()));
  EXPECT_FALSE(RulebookSet::load_dir((dir_ / "missing").string()));
}

TEST(RulesSet, AddReplacesById) {
  RulebookSet set;
  Rulebook b;
  b.id = "x";
  b.name_en = "first";
  set.add(b);
  b.name_en = "second";
  set.add(b);
  ASSERT_NE(set.find("x"), nullptr);
  EXPECT_EQ(set.find("x")->name_en, "second");
  EXPECT_EQ(set.ids().size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Changing the quorum

TEST(RulesWithQuorum, CppccMayRaiseItsQuorum) {
  const Rulebook& cppcc = book("cppcc");
  auto raised = with_quorum(cppcc, Comparison::kMoreThan, Fraction{2, 3});
  ASSERT_TRUE(raised) << raised.error().message_en;
  EXPECT_EQ(raised->quorum.fraction.num, 2);
  EXPECT_EQ(raised->quorum.fraction.den, 3);
  EXPECT_EQ(raised->quorum.base, Base::kAllMembers);
  EXPECT_EQ(raised->quorum.citation.zh, cppcc.quorum.citation.zh);
  EXPECT_EQ(raised->quorum.minimum(2162), 1442);  // 3*1442 = 4326 > 4324
  EXPECT_FALSE(raised->quorum.met(1441, 2162));
  // The loaded rulebook is untouched.
  EXPECT_EQ(cppcc.quorum.fraction.den, 2);
  EXPECT_TRUE(with_quorum(book("cppcc-standing"), Comparison::kAtLeast, Fraction{1, 2}));
  EXPECT_TRUE(with_quorum(book("generic"), Comparison::kAtLeast, Fraction{3, 4}));
}

TEST(RulesWithQuorum, NpcQuorumIsFixedByLaw) {
  auto changed = with_quorum(book("npc"), Comparison::kMoreThan, Fraction{1, 2});
  ASSERT_FALSE(changed);
  const Error& e = changed.error();
  EXPECT_EQ(e.code, ErrorCode::kRuleViolation);
  EXPECT_EQ(e.rule, "全国人民代表大会议事规则第四条");
  EXPECT_EQ(e.field, "quorum");
  EXPECT_NE(e.message_zh.find("全国人民代表大会议事规则第四条"), std::string::npos) << e.message_zh;
  EXPECT_NE(e.message_en.find("NPC Rules of Procedure, art. 4"), std::string::npos) << e.message_en;
  for (const char* id : {"npcsc", "local-congress", "township-congress", "local-standing"})
    EXPECT_FALSE(with_quorum(book(id), Comparison::kMoreThan, Fraction{1, 2})) << id;
}

TEST(RulesWithQuorum, RejectsInvalidFraction) {
  auto changed = with_quorum(book("cppcc"), Comparison::kMoreThan, Fraction{3, 2});
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, ErrorCode::kMalformed);
  EXPECT_FALSE(with_quorum(book("cppcc"), Comparison::kMoreThan, Fraction{1, 0}));
}

// ---------------------------------------------------------------------------------------------
// Wording

TEST(RulesDescribe, ChineseWording) {
  EXPECT_EQ(book("npc").quorum.describe_zh("代表"), "全体代表的三分之二以上");
  EXPECT_EQ(book("npc").pass_for("default").describe_zh("代表"), "全体代表的过半数");
  EXPECT_EQ(book("cppcc").quorum.describe_zh("委员"), "全体委员的过半数");
  EXPECT_EQ(threshold(Comparison::kMoreThan, 1, 2, Base::kPresent).describe_zh("代表"), "出席代表的过半数");
  EXPECT_EQ(threshold(Comparison::kMoreThan, 1, 2, Base::kVotesCast).describe_zh("代表"), "所投票数的过半数");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 1, 2).describe_zh("代表"), "全体代表的二分之一以上");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 1, 5).describe_zh("代表"), "全体代表的五分之一以上");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 1, 10).describe_zh("代表"), "全体代表的十分之一以上");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 1, 3, Base::kVotesCast).describe_zh("代表"), "所投票数的三分之一以上");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 3, 4).describe_zh("委员"), "全体委员的四分之三以上");
  EXPECT_EQ(threshold(Comparison::kMoreThan, 2, 3).describe_zh("委员"), "超过全体委员的三分之二");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 7, 12).describe_zh("成员"), "全体成员的7/12以上");
}

TEST(RulesDescribe, EnglishWording) {
  EXPECT_EQ(book("npc").quorum.describe_en("deputies"), "at least 2/3 of all deputies");
  EXPECT_EQ(book("npc").pass_for("default").describe_en("deputies"), "more than half of all deputies");
  EXPECT_EQ(threshold(Comparison::kMoreThan, 1, 2, Base::kPresent).describe_en("members"),
            "more than half of members present");
  EXPECT_EQ(threshold(Comparison::kAtLeast, 1, 3, Base::kVotesCast).describe_en("deputies"),
            "at least 1/3 of votes cast");
}

}  // namespace
}  // namespace plenum::rules
