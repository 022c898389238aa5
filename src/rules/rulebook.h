// Rulebooks: each body type's parameters as data (rulebooks/*.toml), with the article that
// sets each one. Code implements the meaning of a threshold once; the data picks the numbers.
// Thresholds are exact fractions evaluated in integer arithmetic, never floating point.
//
// Thread-safety: a loaded RulebookSet is immutable and may be shared across threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace plenum::rules {

struct Fraction {
  int64_t num = 1;
  int64_t den = 2;
};

// "2/3" → {2,3}. Requires 0 < num <= den <= 1000. Errors are kMalformed.
Result<Fraction> parse_fraction(std::string_view text);

enum class Comparison {
  kAtLeast,   // count ≥ fraction × base   ("三分之二以上", "不少于")
  kMoreThan,  // count > fraction × base   ("过半数", "超过")
};

enum class Base {
  kAllMembers,  // sitting members on the day (实有): elected minus vacated
  kPresent,     // members present at the sitting
  kVotesCast,   // for + against + abstain
};

struct Citation {
  std::string zh;  // "全国人民代表大会议事规则第四条"
  std::string en;  // "NPC Rules of Procedure, art. 4"
};

struct Threshold {
  Comparison comparison = Comparison::kMoreThan;
  Fraction fraction;
  Base base = Base::kAllMembers;
  Citation citation;

  // at least: count*den >= num*base_size;  more than: count*den > num*base_size.
  bool met(int64_t count, int64_t base_size) const;
  // The smallest count that meets the threshold for this base size.
  int64_t minimum(int64_t base_size) const;
  // Human wording, e.g. "全体代表的三分之二以上" / "at least 2/3 of all deputies".
  std::string describe_zh(std::string_view member_noun_zh) const;
  std::string describe_en(std::string_view member_noun_en) const;
};

// Who may submit a motion of one kind (DOMAIN.md section 4). A submission qualifies by ANY
// one of the routes the rule allows.
struct SubmissionRule {
  std::vector<std::string> organs;  // organ ids allowed to submit: "presidium", "standing_committee", ...
  int64_t delegations = 0;          // this many delegations jointly, each with more than half of
                                    // ALL its sitting members agreeing (议事规则 12); 0 = route closed
  int64_t members_jointly = 0;      // at least this many members jointly; 0 = route closed
  std::map<std::string, int64_t> members_jointly_by_level;  // body level ("county") → count, overrides members_jointly
  std::optional<Fraction> members_fraction;                 // at least this fraction of ALL sitting members jointly
  bool sections_required = false;  // a members' or delegation's bill states 案由, 案据, 方案 (代表法 15)
  Citation citation;
  // members_jointly for a body of this level ("" → members_jointly).
  int64_t members_needed(std::string_view level) const;
};

struct VotingRules {
  bool requires_presence = true;            // only members checked in at the sitting may vote
  bool requires_quorum = true;              // a vote or election round begins only at a quorate sitting ([quorum])
  std::vector<std::string> modes;           // "anonymous" | "named"; the first is the default; non-empty
  std::vector<std::string> applause_kinds;  // motion kinds that may be adopted by applause (鼓掌通过)
  // Motion kinds put to a secret paper ballot (无记名投票: ballots issued and returned, scrutineers,
  // counted as a confirmation ballot by the elections feature), never to the devices or to hands.
  std::vector<std::string> secret_ballot_kinds;
  bool weights_and_proxies = false;  // vote weights and proxies (only the generic rulebook may set true)
  Citation citation;                 // the voting-method article (议事规则 59-60 for npc)
};

// The proposal cycle (DOMAIN.md section 6): CPPCC proposals (提案) and deputies' suggestions
// (建议) share one engine; this is where they differ. Absent from rulebooks of bodies without one.
struct ReasonOption {
  std::string id;  // "state_secrets"
  std::string zh;
  std::string en;
};
struct ProposalRules {
  std::string kind;                             // "proposal" (提案) | "suggestion" (建议)
  std::vector<std::string> proposers;           // proposer kinds allowed: member, party, organisation,
                                                // special_committee, sector, group, delegation
  std::vector<std::string> plenary_only;        // kinds allowed only until the plenary cut-off
  bool joint = true;                            // members may propose jointly, the first proposer first
  std::vector<std::string> required_parts;      // of facts, analysis, suggestions (情况、分析、具体建议)
  std::vector<std::string> outcomes;            // review outcomes offered: register, merge, convert,
                                                // withdraw, reject
  std::vector<ReasonOption> rejection_reasons;  // 不予立案 only with one of these
  std::vector<std::string> reply_classes;       // "A", "B", "C" (some places add "D")
  int64_t max_text_bytes = 30000;               // the whole proposal text
  int64_t return_days = 5;                      // a unit may return a wrong assignment within N days
  int64_t reply_months = 3;                     // reply due N months after assignment
  int64_t max_reply_months = 6;                 // extended at most to N months
  int64_t co_opinion_months = 1;                // a co-handling unit's view to the lead
  int64_t rehandle_months = 2;                  // after 不满意, a new reply within N months
  Citation citation;                            // who may propose, review
  Citation deadline_citation;                   // reply deadlines
};
bool is_proposer_kind(std::string_view kind);
const std::vector<std::string>& proposer_kinds();  // member, party, organisation, ...
bool is_review_outcome(std::string_view outcome);
bool is_proposal_part(std::string_view part);

// Elections by secret ballot (DOMAIN.md section 5): who wins and who nominates. Ballots and
// margins are each election's own parameters (the session adopts its election method).
struct ElectionRules {
  Threshold threshold;                                      // to be elected: more than half of ALL members
  std::optional<Threshold> reelection_floor;                // re-electing unfilled seats at these levels: the
  std::vector<std::string> reelection_floor_levels;         // most votes with at least this share (选举法 45)
  std::vector<std::string> nominating_organs;               // organ ids that nominate candidates
  int64_t members_jointly = 0;                              // members jointly nominate (0: route closed)
  std::map<std::string, int64_t> members_jointly_by_level;  // body level → count, overrides members_jointly
  Citation nomination_citation;
  // Members needed for a joint nomination in a body of this level (0: the route is closed).
  int64_t members_needed(std::string_view level) const;
};

// How attendance is announced (DOMAIN.md section 3).
enum class AnnouncementStyle {
  kNpc,      // "应出席代表N人，出席N人，缺席N人，出席人数符合法定人数。"
  kCppcc,    // "应出席委员N人，实到N人，符合规定人数。"
  kGeneric,  // "应出席N人，出席N人，缺席N人，符合规定人数。"
};

struct Rulebook {
  std::string id;  // file stem: "npc", "cppcc-standing", ...
  std::string name_zh;
  std::string name_en;
  std::string member_noun_zh;  // "代表", "委员", "成员"
  std::string member_noun_en;  // "deputies", "members"
  AnnouncementStyle announcement_style = AnnouncementStyle::kGeneric;

  Threshold quorum;                  // base is always kAllMembers
  bool quorum_configurable = false;  // a body may choose its own quorum fraction/comparison

  // Pass thresholds by motion kind; "default" is always present. Later issues add kinds.
  std::map<std::string, Threshold> pass;

  // Unexcused absences from sessions that end a mandate (代表法 62: 2); 0 means no such rule.
  int unexcused_absence_limit = 0;
  Citation absence_citation;
  Citation leave_citation;  // who grants leave (议事规则 15)

  std::map<std::string, SubmissionRule> submission;  // "default" always present; other motion kinds optional
  VotingRules voting;
  std::optional<ProposalRules> proposals;  // bodies that run a proposal cycle
  std::optional<ElectionRules> elections;  // bodies that elect by secret ballot

  const Threshold& pass_for(std::string_view kind) const;             // falls back to "default"
  const SubmissionRule& submission_for(std::string_view kind) const;  // falls back to "default"
};

// Replaces the quorum's comparison and fraction, if the rulebook allows it; otherwise a
// kRuleViolation citing the rulebook.
Result<Rulebook> with_quorum(const Rulebook& book, Comparison comparison, Fraction fraction);

// kRuleViolation citing the article: "<zh>（<citation>）" / "<en> (<citation>)", rule = citation.
Error violation(const std::string& zh, const std::string& en, const Citation& citation, const std::string& field);

Json to_json(const Rulebook& book);
Json to_json(const Threshold& threshold);
const char* comparison_name(Comparison c);  // "at_least" | "more_than"
const char* base_name(Base b);              // "all_members" | "present" | "votes_cast"

// The motion kinds plenum knows (DOMAIN.md section 4), with zh/en names:
// bill 议案, draft_law 法律草案, draft_resolution 决议草案, report 工作报告, constitutional_amendment 宪法修正案,
// inquiry 质询案, removal 罢免案, agenda 议程.
const std::vector<std::array<std::string, 3>>& motion_kinds();  // {id, zh, en}
bool is_motion_kind(std::string_view kind);
// Organ ids with zh/en names: presidium 主席团, standing_committee 常务委员会, chairpersons_council
// 委员长会议/主任会议, special_committee 专门委员会, state_council 国务院, central_military_commission 中央军事委员会,
// national_supervisory_commission 国家监察委员会, supreme_court 最高人民法院, supreme_procuratorate 最高人民检察院,
// government 本级人民政府, supervisory_commission 本级监察委员会, court 本级人民法院, procuratorate 本级人民检察院.
const std::vector<std::array<std::string, 3>>& organs();  // {id, zh, en}
bool is_organ(std::string_view organ);
// The ids of motion_kinds() or organs(), in order: what an action's argument accepts.
std::vector<std::string> ids_of(const std::vector<std::array<std::string, 3>>& named);
// national, province, city, county, township.
const std::vector<std::string>& body_levels();

class RulebookSet {
 public:
  // Loads every *.toml in `dir`; fails on the first invalid file, naming file and key.
  static Result<RulebookSet> load_dir(const std::string& dir);
  // Parses one rulebook; `id` becomes Rulebook::id.
  static Result<Rulebook> parse(std::string_view toml_text, const std::string& id);

  void add(Rulebook book);
  const Rulebook* find(std::string_view id) const;  // nullptr if unknown
  std::vector<std::string> ids() const;

 private:
  std::map<std::string, Rulebook, std::less<>> books_;
};

// The directory holding the project's rulebooks: $PLENUM_RULEBOOKS, else <source>/rulebooks.
std::string default_rulebook_dir();

}  // namespace plenum::rules
