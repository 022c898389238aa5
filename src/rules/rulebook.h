// Rulebooks: each body type's parameters as data (rulebooks/*.toml), with the article that
// sets each one. Code implements the meaning of a threshold once; the data picks the numbers.
// Thresholds are exact fractions evaluated in integer arithmetic, never floating point.
//
// Thread-safety: a loaded RulebookSet is immutable and may be shared across threads.
#pragma once

#include <cstdint>
#include <map>
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

  Threshold quorum;                 // base is always kAllMembers
  bool quorum_configurable = false; // a body may choose its own quorum fraction/comparison

  // Pass thresholds by motion kind; "default" is always present. Later issues add kinds.
  std::map<std::string, Threshold> pass;

  // Unexcused absences from sessions that end a mandate (代表法 62: 2); 0 means no such rule.
  int unexcused_absence_limit = 0;
  Citation absence_citation;
  Citation leave_citation;  // who grants leave (议事规则 15)

  const Threshold& pass_for(std::string_view kind) const;  // falls back to "default"
};

// Replaces the quorum's comparison and fraction, if the rulebook allows it; otherwise a
// kRuleViolation citing the rulebook.
Result<Rulebook> with_quorum(const Rulebook& book, Comparison comparison, Fraction fraction);

Json to_json(const Rulebook& book);
Json to_json(const Threshold& threshold);
const char* comparison_name(Comparison c);  // "at_least" | "more_than"
const char* base_name(Base b);              // "all_members" | "present" | "votes_cast"

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
