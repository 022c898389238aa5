#include "rules/rulebook.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <toml++/toml.h>

// CMake defines this; a hand-compiled build falls back to the working directory.
#ifndef PLENUM_SOURCE_DIR
#define PLENUM_SOURCE_DIR "."
#endif
// The package's build puts the rulebooks in /usr/share/plenum/rulebooks (cmake/package.cmake).
#ifndef PLENUM_RULEBOOK_DIR
#define PLENUM_RULEBOOK_DIR PLENUM_SOURCE_DIR "/rulebooks"
#endif

namespace plenum::rules {

namespace {

constexpr int64_t kMaxDenominator = 1000;
constexpr int64_t kMaxAbsenceLimit = 100;
constexpr std::uintmax_t kMaxRulebookBytes = 1 << 20;  // a rulebook is a page of text
// Joint-submission counts: far above any real body (the NPC has under 3,000 deputies), low
// enough that a stray digit is caught.
constexpr int64_t kMaxJointCount = 100000;

// Body levels a submission count may depend on (store::Body::level, "" meaning none).
constexpr std::string_view kVotingModes[] = {"anonymous", "named"};

using Wide = __int128;  // count*den and num*base overflow int64 near INT64_MAX

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Digits only, at most 4 of them: the bound (1000) fits, and no overflow is possible.
std::optional<int64_t> small_number(std::string_view s) {
  if (!all_digits(s) || s.size() > 4) return std::nullopt;
  int64_t v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string fraction_text(Fraction f) { return std::to_string(f.num) + "/" + std::to_string(f.den); }

// "三分之二" for denominators up to ten; otherwise the digits, "7/12".
std::string fraction_zh(Fraction f) {
  static const char* const kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  if (f.den >= 2 && f.den <= 10 && f.num >= 1 && f.num < f.den)
    return std::string(kDigits[f.den]) + "分之" + kDigits[f.num];
  return fraction_text(f);
}

const char* style_name(AnnouncementStyle s) {
  switch (s) {
    case AnnouncementStyle::kNpc:
      return "npc";
    case AnnouncementStyle::kCppcc:
      return "cppcc";
    case AnnouncementStyle::kGeneric:
      return "generic";
  }
  return "generic";
}

// A rulebook's id is its file stem; keep it to what is safe in URLs and file names.
bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Motion kinds are identifiers used by code ("default", "constitutional_amendment").
bool valid_kind(std::string_view kind) {
  return !kind.empty() && std::all_of(kind.begin(), kind.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Reads one TOML table, naming "<file>: <path>.<key>" in every error so that an operator
// editing a rulebook is pointed straight at the line to fix.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string path)
      : table_(table), file_(std::move(file)), path_(std::move(path)) {}

  std::string key_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  std::string field(std::string_view key) const { return file_ + ": " + key_path(key); }

  Error error(std::string_view key, const std::string& zh, const std::string& en) const {
    auto where = field(key);
    return make_error(ErrorCode::kMalformed, zh + "（" + where + "）", en + " (" + where + ")", where);
  }

  // Rejects keys outside `allowed`, so a misspelt key is an error, not a silent default.
  Status only_keys(std::initializer_list<std::string_view> allowed) const {
    for (auto&& [key, node] : table_) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
        return error(key.str(), "未知的键 " + key_path(key.str()), "unknown key " + key_path(key.str()));
    }
    return Status::ok();
  }

  Result<const toml::table*> req_table(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return missing(key);
    if (!node->is_table()) return wrong_type(key, "表（[节]）", "a table");
    return node->as_table();
  }

  // nullptr when absent.
  Result<const toml::table*> opt_table(std::string_view key) const {
    if (!table_.get(key)) return static_cast<const toml::table*>(nullptr);
    return req_table(key);
  }

  // Required and non-empty: an empty name or citation is as good as a missing one.
  Result<std::string> req_string(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return missing(key);
    auto* s = node->as_string();
    if (!s) return wrong_type(key, "字符串", "a string");
    if (trim_ascii(s->get()).empty())
      return error(key, key_path(key) + " 不能为空", key_path(key) + " must not be empty");
    return s->get();
  }

  Result<std::optional<std::string>> opt_string(std::string_view key) const {
    if (!table_.get(key)) return std::optional<std::string>();
    PLENUM_ASSIGN_OR_RETURN(auto s, req_string(key));
    return std::optional<std::string>(std::move(s));
  }

  Result<int64_t> req_int(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return missing(key);
    auto* i = node->as_integer();
    if (!i) return wrong_type(key, "整数", "an integer");
    return i->get();
  }

  // An integer in [lo, hi], or `fallback` when the key is absent.
  Result<int64_t> opt_int_in(std::string_view key, int64_t fallback, int64_t lo, int64_t hi) const {
    if (!table_.get(key)) return fallback;
    PLENUM_ASSIGN_OR_RETURN(auto i, req_int(key));
    if (i < lo || i > hi) return range_error(key, lo, hi);
    return i;
  }

  Error range_error(std::string_view key, int64_t lo, int64_t hi) const {
    return error(key, key_path(key) + " 应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间",
                 key_path(key) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }

  // An array of non-empty strings without duplicates; absent → empty. Each element must be
  // one of `allowed` (`what_zh`/`what_en` name the kind of value in the error).
  Result<std::vector<std::string>> opt_string_list(std::string_view key, bool (*allowed)(std::string_view),
                                                   const std::string& what_zh, const std::string& what_en) const {
    std::vector<std::string> out;
    const toml::node* node = table_.get(key);
    if (!node) return out;
    auto* array = node->as_array();
    if (!array) return wrong_type(key, "字符串数组", "an array of strings");
    for (const auto& element : *array) {
      auto* s = element.as_string();
      if (!s) return wrong_type(key, "字符串数组", "an array of strings");
      const std::string& value = s->get();
      if (!allowed(value))
        return error(key, key_path(key) + " 中的" + what_zh + "“" + value + "”未知",
                     "unknown " + what_en + " \"" + value + "\" in " + key_path(key));
      if (std::find(out.begin(), out.end(), value) != out.end())
        return error(key, key_path(key) + " 中“" + value + "”重复",
                     "\"" + value + "\" appears twice in " + key_path(key));
      out.push_back(value);
    }
    return out;
  }

  Result<std::optional<bool>> opt_bool(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (!node) return std::optional<bool>();
    auto* b = node->as_boolean();
    if (!b) return wrong_type(key, "布尔值（true 或 false）", "a boolean (true or false)");
    return std::optional<bool>(b->get());
  }

 private:
  Error missing(std::string_view key) const {
    return error(key, "缺少必填项 " + key_path(key), "missing required key " + key_path(key));
  }
  Error wrong_type(std::string_view key, const std::string& zh, const std::string& en) const {
    return error(key, key_path(key) + " 应为" + zh, key_path(key) + " must be " + en);
  }

  const toml::table& table_;
  std::string file_;
  std::string path_;
};

Result<Comparison> parse_comparison(const TableReader& r) {
  PLENUM_ASSIGN_OR_RETURN(auto s, r.req_string("comparison"));
  if (s == "at_least") return Comparison::kAtLeast;
  if (s == "more_than") return Comparison::kMoreThan;
  return r.error("comparison", "比较方式“" + s + "”无效，应为 at_least（以上）或 more_than（超过）",
                 "invalid comparison \"" + s + "\"; expected at_least or more_than");
}

Result<Base> parse_base(const TableReader& r) {
  PLENUM_ASSIGN_OR_RETURN(auto s, r.req_string("base"));
  if (s == "all_members") return Base::kAllMembers;
  if (s == "present") return Base::kPresent;
  if (s == "votes_cast") return Base::kVotesCast;
  return r.error("base", "基数“" + s + "”无效，应为 all_members（全体）、present（出席）或 votes_cast（所投票数）",
                 "invalid base \"" + s + "\"; expected all_members, present or votes_cast");
}

// Reads comparison, fraction, base and the citation; the caller checks for unknown keys.
Result<Threshold> parse_threshold(const TableReader& r) {
  Threshold t;
  PLENUM_ASSIGN_OR_RETURN(auto comparison, parse_comparison(r));
  t.comparison = comparison;

  PLENUM_ASSIGN_OR_RETURN(auto written, r.req_string("fraction"));
  auto fraction = parse_fraction(written);
  if (!fraction) return r.error("fraction", fraction.error().message_zh, fraction.error().message_en);
  t.fraction = *fraction;

  PLENUM_ASSIGN_OR_RETURN(auto base, parse_base(r));
  t.base = base;

  PLENUM_ASSIGN_OR_RETURN(auto zh, r.req_string("citation_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto en, r.req_string("citation_en"));
  t.citation = {std::move(zh), std::move(en)};
  return t;
}

Result<AnnouncementStyle> parse_style(const TableReader& r) {
  PLENUM_ASSIGN_OR_RETURN(auto s, r.req_string("announcement_style"));
  if (s == "npc") return AnnouncementStyle::kNpc;
  if (s == "cppcc") return AnnouncementStyle::kCppcc;
  if (s == "generic") return AnnouncementStyle::kGeneric;
  return r.error("announcement_style", "公告样式“" + s + "”无效，应为 npc、cppcc 或 generic",
                 "invalid announcement_style \"" + s + "\"; expected npc, cppcc or generic");
}

Status parse_quorum(const TableReader& root, const std::string& file, Rulebook& book) {
  PLENUM_ASSIGN_OR_RETURN(auto table, root.req_table("quorum"));
  TableReader r(*table, file, "quorum");
  PLENUM_TRY(r.only_keys({"comparison", "fraction", "base", "citation_zh", "citation_en", "configurable"}));
  PLENUM_ASSIGN_OR_RETURN(auto t, parse_threshold(r));
  // Presence is counted against the members sitting on the day, never against those present.
  if (t.base != Base::kAllMembers)
    return r.error("base", "法定人数的基数必须是全体实有成员（all_members）",
                   "the quorum base must be all_members (the members sitting on the day)");
  PLENUM_ASSIGN_OR_RETURN(auto configurable, r.opt_bool("configurable"));
  book.quorum = std::move(t);
  book.quorum_configurable = configurable.value_or(false);
  return Status::ok();
}

Status parse_pass(const TableReader& root, const std::string& file, Rulebook& book) {
  PLENUM_ASSIGN_OR_RETURN(auto table, root.req_table("pass"));
  TableReader pass(*table, file, "pass");
  for (auto&& [key, node] : *table) {
    std::string kind(key.str());
    if (!valid_kind(kind))
      return pass.error(kind, "表决事项类型“" + kind + "”无效，只能用小写字母、数字和下划线",
                        "invalid motion kind \"" + kind + "\"; use lowercase letters, digits and underscores");
    if (!node.is_table())
      return pass.error(kind, "pass." + kind + " 应为表（[pass." + kind + "]）",
                        "pass." + kind + " must be a table ([pass." + kind + "])");
    TableReader r(*node.as_table(), file, "pass." + kind);
    PLENUM_TRY(r.only_keys({"comparison", "fraction", "base", "citation_zh", "citation_en"}));
    PLENUM_ASSIGN_OR_RETURN(auto t, parse_threshold(r));
    book.pass.emplace(kind, std::move(t));
  }
  if (!book.pass.count("default"))
    return pass.error("default", "缺少必填项 pass.default（一般议案的通过条件）",
                      "missing required key pass.default "
                      "(the pass threshold for ordinary motions)");
  return Status::ok();
}

Status parse_attendance(const TableReader& root, const std::string& file, Rulebook& book) {
  PLENUM_ASSIGN_OR_RETURN(auto table, root.req_table("attendance"));
  TableReader r(*table, file, "attendance");
  PLENUM_TRY(r.only_keys({"unexcused_absence_limit", "absence_citation_zh", "absence_citation_en", "leave_citation_zh",
                          "leave_citation_en"}));
  PLENUM_ASSIGN_OR_RETURN(auto limit, r.req_int("unexcused_absence_limit"));
  if (limit < 0 || limit > kMaxAbsenceLimit)
    return r.error("unexcused_absence_limit",
                   "unexcused_absence_limit 应在 0 到 " + std::to_string(kMaxAbsenceLimit) + " 之间（0 表示无此规定）",
                   "unexcused_absence_limit must be between 0 and " + std::to_string(kMaxAbsenceLimit) +
                       " (0 means no such rule)");
  book.unexcused_absence_limit = static_cast<int>(limit);

  // A limit that ends a mandate must say which law ends it.
  if (limit > 0) {
    PLENUM_ASSIGN_OR_RETURN(auto zh, r.req_string("absence_citation_zh"));
    PLENUM_ASSIGN_OR_RETURN(auto en, r.req_string("absence_citation_en"));
    book.absence_citation = {std::move(zh), std::move(en)};
  } else {
    PLENUM_ASSIGN_OR_RETURN(auto zh, r.opt_string("absence_citation_zh"));
    PLENUM_ASSIGN_OR_RETURN(auto en, r.opt_string("absence_citation_en"));
    book.absence_citation = {zh.value_or(""), en.value_or("")};
  }

  PLENUM_ASSIGN_OR_RETURN(auto zh, r.req_string("leave_citation_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto en, r.req_string("leave_citation_en"));
  book.leave_citation = {std::move(zh), std::move(en)};
  return Status::ok();
}

bool is_body_level(std::string_view level) {
  const auto& levels = body_levels();
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

bool is_voting_mode(std::string_view mode) {
  return std::find(std::begin(kVotingModes), std::end(kVotingModes), mode) != std::end(kVotingModes);
}

Result<Citation> parse_citation(const TableReader& r) {
  PLENUM_ASSIGN_OR_RETURN(auto zh, r.req_string("citation_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto en, r.req_string("citation_en"));
  return Citation{std::move(zh), std::move(en)};
}

// members_jointly_by_level: body level → number of members; a misspelt level would silently
// fall back to members_jointly, so it is an error.
Result<std::map<std::string, int64_t>> parse_counts_by_level(const TableReader& r, const std::string& file,
                                                             const std::string& path) {
  std::map<std::string, int64_t> out;
  auto by_level = r.opt_table("members_jointly_by_level");
  if (!by_level) return by_level.error();
  if (!*by_level) return out;
  TableReader levels(**by_level, file, path + ".members_jointly_by_level");
  for (auto&& [key, node] : **by_level) {
    std::string level(key.str());
    if (!is_body_level(level))
      return levels.error(
          level, "机构层级“" + level + "”未知，应为 national、province、city、county 或 township",
          "unknown body level \"" + level + "\"; expected national, province, city, county or township");
    PLENUM_ASSIGN_OR_RETURN(auto count, levels.opt_int_in(level, 0, 0, kMaxJointCount));
    out.emplace(level, count);
  }
  return out;
}

Result<SubmissionRule> parse_submission_rule(const TableReader& r, const std::string& file, const std::string& path) {
  PLENUM_TRY(r.only_keys({"organs", "delegations", "members_jointly", "members_jointly_by_level", "members_fraction",
                          "sections_required", "citation_zh", "citation_en"}));
  SubmissionRule rule;
  PLENUM_ASSIGN_OR_RETURN(auto organ_ids, r.opt_string_list("organs", &is_organ, "机关", "organ"));
  rule.organs = std::move(organ_ids);

  PLENUM_ASSIGN_OR_RETURN(auto delegations, r.opt_int_in("delegations", 0, 0, kMaxJointCount));
  rule.delegations = delegations;
  PLENUM_ASSIGN_OR_RETURN(auto jointly, r.opt_int_in("members_jointly", 0, 0, kMaxJointCount));
  rule.members_jointly = jointly;

  PLENUM_ASSIGN_OR_RETURN(auto by_level, parse_counts_by_level(r, file, path));
  rule.members_jointly_by_level = std::move(by_level);

  if (auto written = r.opt_string("members_fraction"); !written) {
    return written.error();
  } else if (*written) {
    auto fraction = parse_fraction(**written);
    if (!fraction) return r.error("members_fraction", fraction.error().message_zh, fraction.error().message_en);
    rule.members_fraction = *fraction;
  }

  PLENUM_ASSIGN_OR_RETURN(auto sections, r.opt_bool("sections_required"));
  rule.sections_required = sections.value_or(false);

  PLENUM_ASSIGN_OR_RETURN(auto citation, parse_citation(r));
  rule.citation = std::move(citation);
  return rule;
}

// True if some route is open: a rule nobody can meet is a mistake, not a way to close a kind.
bool has_route(const SubmissionRule& rule) {
  if (!rule.organs.empty() || rule.delegations > 0 || rule.members_jointly > 0 || rule.members_fraction) return true;
  return std::any_of(rule.members_jointly_by_level.begin(), rule.members_jointly_by_level.end(),
                     [](const auto& level) { return level.second > 0; });
}

Status parse_submission(const TableReader& root, const std::string& file, Rulebook& book) {
  PLENUM_ASSIGN_OR_RETURN(auto table, root.req_table("submission"));
  TableReader submission(*table, file, "submission");
  for (auto&& [key, node] : *table) {
    std::string kind(key.str());
    if (kind != "default" && !is_motion_kind(kind))
      return submission.error(kind, "表决事项类型“" + kind + "”未知（见 rulebooks/README.md）",
                              "unknown motion kind \"" + kind + "\" (see rulebooks/README.md)");
    const std::string path = "submission." + kind;
    if (!node.is_table())
      return submission.error(kind, path + " 应为表（[" + path + "]）", path + " must be a table ([" + path + "])");
    TableReader r(*node.as_table(), file, path);
    PLENUM_ASSIGN_OR_RETURN(auto rule, parse_submission_rule(r, file, path));
    if (!has_route(rule))
      return submission.error(kind, path + " 没有任何提出途径（机关、代表团或成员联名）",
                              path +
                                  " allows no one to submit (no organ, delegation or "
                                  "members jointly)");
    book.submission.emplace(kind, std::move(rule));
  }
  if (!book.submission.count("default"))
    return submission.error("default", "缺少必填项 submission.default（一般议案的提出主体）",
                            "missing required key submission.default "
                            "(who may submit ordinary motions)");
  return Status::ok();
}

Status parse_voting(const TableReader& root, const std::string& file, Rulebook& book) {
  PLENUM_ASSIGN_OR_RETURN(auto table, root.req_table("voting"));
  TableReader r(*table, file, "voting");
  PLENUM_TRY(r.only_keys({"requires_presence", "requires_quorum", "modes", "applause_kinds", "secret_ballot_kinds",
                          "weights_and_proxies", "citation_zh", "citation_en"}));
  VotingRules voting;
  PLENUM_ASSIGN_OR_RETURN(auto presence, r.opt_bool("requires_presence"));
  voting.requires_presence = presence.value_or(true);
  PLENUM_ASSIGN_OR_RETURN(auto quorate, r.opt_bool("requires_quorum"));
  voting.requires_quorum = quorate.value_or(true);

  if (!(*table).get("modes")) return r.error("modes", "缺少必填项 voting.modes", "missing required key voting.modes");
  PLENUM_ASSIGN_OR_RETURN(auto modes, r.opt_string_list("modes", &is_voting_mode, "表决方式（anonymous 或 named）",
                                                        "voting mode (anonymous or named)"));
  if (modes.empty())
    return r.error("modes", "voting.modes 不能为空（至少一种表决方式，第一种为默认）",
                   "voting.modes must not be empty (at least one mode; the first is the default)");
  voting.modes = std::move(modes);

  PLENUM_ASSIGN_OR_RETURN(auto applause,
                          r.opt_string_list("applause_kinds", &is_motion_kind, "表决事项类型", "motion kind"));
  voting.applause_kinds = std::move(applause);
  PLENUM_ASSIGN_OR_RETURN(auto secret,
                          r.opt_string_list("secret_ballot_kinds", &is_motion_kind, "表决事项类型", "motion kind"));
  for (const auto& kind : secret)
    if (std::find(voting.applause_kinds.begin(), voting.applause_kinds.end(), kind) != voting.applause_kinds.end())
      return r.error("secret_ballot_kinds", kind + " 不能既以无记名投票表决又鼓掌通过",
                     kind + " cannot be both put to a secret ballot and adopted by applause");
  voting.secret_ballot_kinds = std::move(secret);

  PLENUM_ASSIGN_OR_RETURN(auto weights, r.opt_bool("weights_and_proxies"));
  voting.weights_and_proxies = weights.value_or(false);
  // One member, one vote, in person: statutory bodies allow neither weights nor proxies.
  if (voting.weights_and_proxies && book.id != "generic" && book.announcement_style != AnnouncementStyle::kGeneric)
    return r.error("weights_and_proxies",
                   "只有通用议事机构（announcement_style = \"generic\"）可以设置表决权重和委托投票",
                   "only a generic body (announcement_style = \"generic\") may use vote weights "
                   "and proxies");

  PLENUM_ASSIGN_OR_RETURN(auto citation, parse_citation(r));
  voting.citation = std::move(citation);
  book.voting = std::move(voting);
  return Status::ok();
}

constexpr std::string_view kReviewOutcomes[] = {"register", "merge", "convert", "withdraw", "reject"};
constexpr std::string_view kProposalParts[] = {"facts", "analysis", "suggestions"};
template <size_t N>
bool listed(const std::string_view (&list)[N], std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}
bool is_reply_class(std::string_view c) { return c.size() == 1 && c[0] >= 'A' && c[0] <= 'D'; }

Status parse_proposals(const TableReader& root, const std::string& file, Rulebook& book) {
  auto table = root.opt_table("proposals");
  if (!table) return table.error();
  if (!*table) return Status::ok();
  TableReader r(**table, file, "proposals");
  PLENUM_TRY(r.only_keys({"kind", "proposers", "plenary_only", "joint", "required_parts", "outcomes",
                          "rejection_reasons", "reply_classes", "max_text_bytes", "return_days", "reply_months",
                          "max_reply_months", "co_opinion_months", "rehandle_months", "citation_zh", "citation_en",
                          "deadline_citation_zh", "deadline_citation_en"}));
  ProposalRules p;
  PLENUM_ASSIGN_OR_RETURN(auto kind, r.req_string("kind"));
  if (kind != "proposal" && kind != "suggestion")
    return r.error("kind", "proposals.kind 只能是 proposal（提案）或 suggestion（建议）",
                   "proposals.kind must be proposal or suggestion");
  p.kind = kind;
  PLENUM_ASSIGN_OR_RETURN(auto proposers,
                          r.opt_string_list("proposers", &is_proposer_kind, "提出者类型", "proposer kind"));
  if (proposers.empty())
    return r.error("proposers", "proposals.proposers 不能为空", "proposals.proposers must not be empty");
  p.proposers = std::move(proposers);
  PLENUM_ASSIGN_OR_RETURN(auto plenary,
                          r.opt_string_list("plenary_only", &is_proposer_kind, "提出者类型", "proposer kind"));
  p.plenary_only = std::move(plenary);
  PLENUM_ASSIGN_OR_RETURN(auto joint, r.opt_bool("joint"));
  p.joint = joint.value_or(true);
  PLENUM_ASSIGN_OR_RETURN(auto parts,
                          r.opt_string_list("required_parts", &is_proposal_part, "提案组成部分", "proposal part"));
  p.required_parts = std::move(parts);
  PLENUM_ASSIGN_OR_RETURN(auto outcomes,
                          r.opt_string_list("outcomes", &is_review_outcome, "审查结果", "review outcome"));
  if (std::find(outcomes.begin(), outcomes.end(), "register") == outcomes.end())
    return r.error("outcomes", "proposals.outcomes 必须包含 register（立案）",
                   "proposals.outcomes must include register");
  p.outcomes = std::move(outcomes);
  PLENUM_ASSIGN_OR_RETURN(auto classes,
                          r.opt_string_list("reply_classes", &is_reply_class, "答复类别（A–D）", "reply class (A-D)"));
  if (classes.empty())
    return r.error("reply_classes", "proposals.reply_classes 不能为空", "proposals.reply_classes must not be empty");
  p.reply_classes = std::move(classes);

  if (const toml::node* reasons = (**table).get("rejection_reasons")) {
    auto* array = reasons->as_array();
    if (!array || !array->is_homogeneous(toml::node_type::table))
      return r.error("rejection_reasons", "proposals.rejection_reasons 应为表数组",
                     "proposals.rejection_reasons must be an array of tables");
    for (const auto& element : *array) {
      TableReader rr(*element.as_table(), file, "proposals.rejection_reasons");
      PLENUM_TRY(rr.only_keys({"id", "zh", "en"}));
      ReasonOption option;
      for (auto [key, out] : {std::pair{"id", &option.id}, std::pair{"zh", &option.zh}, std::pair{"en", &option.en}}) {
        PLENUM_ASSIGN_OR_RETURN(auto v, rr.req_string(key));
        *out = std::move(v);
      }
      if (!valid_kind(option.id))
        return rr.error("id", "理由编号“" + option.id + "”无效，只能用小写字母、数字和下划线",
                        "invalid reason id \"" + option.id + "\"");
      p.rejection_reasons.push_back(std::move(option));
    }
  }
  bool rejects = std::find(p.outcomes.begin(), p.outcomes.end(), "reject") != p.outcomes.end();
  if (rejects && p.rejection_reasons.empty())
    return r.error("rejection_reasons", "允许不予立案时必须列出理由（proposals.rejection_reasons）",
                   "proposals.rejection_reasons must list the reasons when reject is an outcome");

  struct IntKey {
    const char* key;
    int64_t* out;
    int64_t lo, hi;
  };
  for (IntKey k :
       {IntKey{"max_text_bytes", &p.max_text_bytes, 1000, 1 << 20}, IntKey{"return_days", &p.return_days, 1, 30},
        IntKey{"reply_months", &p.reply_months, 1, 12}, IntKey{"max_reply_months", &p.max_reply_months, 1, 24},
        IntKey{"co_opinion_months", &p.co_opinion_months, 1, 6}, IntKey{"rehandle_months", &p.rehandle_months, 1, 6}}) {
    PLENUM_ASSIGN_OR_RETURN(auto v, r.opt_int_in(k.key, *k.out, k.lo, k.hi));
    *k.out = v;
  }
  if (p.max_reply_months < p.reply_months)
    return r.error("max_reply_months", "max_reply_months 不能小于 reply_months",
                   "max_reply_months must not be less than reply_months");
  PLENUM_ASSIGN_OR_RETURN(auto citation, parse_citation(r));
  p.citation = std::move(citation);
  PLENUM_ASSIGN_OR_RETURN(auto dzh, r.req_string("deadline_citation_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto den, r.req_string("deadline_citation_en"));
  p.deadline_citation = {std::move(dzh), std::move(den)};
  book.proposals = std::move(p);
  return Status::ok();
}

Status parse_elections(const TableReader& root, const std::string& file, Rulebook& book) {
  auto table = root.opt_table("elections");
  if (!table) return table.error();
  if (!*table) return Status::ok();
  TableReader r(**table, file, "elections");
  PLENUM_TRY(
      r.only_keys({"threshold", "reelection_floor", "reelection_floor_levels", "nominating_organs", "members_jointly",
                   "members_jointly_by_level", "nomination_citation_zh", "nomination_citation_en"}));
  ElectionRules e;
  PLENUM_ASSIGN_OR_RETURN(auto threshold, r.req_table("threshold"));
  TableReader tr(*threshold, file, "elections.threshold");
  PLENUM_TRY(tr.only_keys({"comparison", "fraction", "base", "citation_zh", "citation_en"}));
  PLENUM_ASSIGN_OR_RETURN(auto t, parse_threshold(tr));
  e.threshold = std::move(t);
  PLENUM_ASSIGN_OR_RETURN(auto floor, r.opt_table("reelection_floor"));
  if (floor) {
    TableReader fr(*floor, file, "elections.reelection_floor");
    PLENUM_TRY(fr.only_keys({"comparison", "fraction", "base", "citation_zh", "citation_en"}));
    PLENUM_ASSIGN_OR_RETURN(auto f, parse_threshold(fr));
    e.reelection_floor = std::move(f);
  }
  PLENUM_ASSIGN_OR_RETURN(auto levels,
                          r.opt_string_list("reelection_floor_levels", &is_body_level, "机构层级", "body level"));
  e.reelection_floor_levels = std::move(levels);
  if (e.reelection_floor.has_value() != !e.reelection_floor_levels.empty())
    return r.error("reelection_floor_levels", "reelection_floor 与 reelection_floor_levels 须同时给出",
                   "reelection_floor and reelection_floor_levels go together");
  PLENUM_ASSIGN_OR_RETURN(auto organs, r.opt_string_list("nominating_organs", &is_organ, "机关", "organ"));
  e.nominating_organs = std::move(organs);
  PLENUM_ASSIGN_OR_RETURN(auto jointly, r.opt_int_in("members_jointly", 0, 0, 100000));
  e.members_jointly = jointly;
  PLENUM_ASSIGN_OR_RETURN(auto by_level, parse_counts_by_level(r, file, "elections"));
  e.members_jointly_by_level = std::move(by_level);
  if (e.nominating_organs.empty() && e.members_jointly == 0 && e.members_jointly_by_level.empty())
    return r.error("nominating_organs", "须有提名途径（nominating_organs 或 members_jointly）",
                   "candidates need a nominating route (nominating_organs or members_jointly)");
  PLENUM_ASSIGN_OR_RETURN(auto zh, r.req_string("nomination_citation_zh"));
  PLENUM_ASSIGN_OR_RETURN(auto en, r.req_string("nomination_citation_en"));
  e.nomination_citation = {std::move(zh), std::move(en)};
  book.elections = std::move(e);
  return Status::ok();
}

}  // namespace

const std::vector<std::string>& body_levels() {
  static const std::vector<std::string> kBodyLevels{"national", "province", "city", "county", "township"};
  return kBodyLevels;
}

const std::vector<std::string>& proposer_kinds() {
  static const std::vector<std::string> kProposerKinds{"member", "party", "organisation", "special_committee",
                                                       "sector", "group", "delegation"};
  return kProposerKinds;
}
bool is_proposer_kind(std::string_view kind) {
  const auto& kinds = proposer_kinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}
bool is_review_outcome(std::string_view outcome) { return listed(kReviewOutcomes, outcome); }
bool is_proposal_part(std::string_view part) { return listed(kProposalParts, part); }

Result<Fraction> parse_fraction(std::string_view text) {
  auto bad = [&](const std::string& zh, const std::string& en) {
    return make_error(
        ErrorCode::kMalformed, "分数“" + std::string(text) + "”无效：" + zh + "（应写作“分子/分母”，如“2/3”）",
        "invalid fraction \"" + std::string(text) + "\": " + en + " (write it as \"num/den\", e.g. \"2/3\")");
  };
  auto trimmed = trim_ascii(text);
  auto slash = trimmed.find('/');
  if (slash == std::string_view::npos) return bad("缺少“/”", "missing \"/\"");
  auto num = small_number(trim_ascii(trimmed.substr(0, slash)));
  auto den = small_number(trim_ascii(trimmed.substr(slash + 1)));
  if (!num || !den)
    return bad("分子和分母须为不超过" + std::to_string(kMaxDenominator) + "的正整数",
               "numerator and denominator must be whole numbers up to " + std::to_string(kMaxDenominator));
  if (*num <= 0) return bad("分子须大于零", "numerator must be positive");
  if (*den <= 0) return bad("分母须大于零", "denominator must be positive");
  if (*den > kMaxDenominator)
    return bad("分母不能超过" + std::to_string(kMaxDenominator),
               "denominator must not exceed " + std::to_string(kMaxDenominator));
  if (*num > *den) return bad("分子不能大于分母", "numerator must not exceed denominator");
  return Fraction{*num, *den};
}

bool Threshold::met(int64_t count, int64_t base_size) const {
  Wide lhs = Wide(count) * fraction.den;
  Wide rhs = Wide(fraction.num) * base_size;
  return comparison == Comparison::kAtLeast ? lhs >= rhs : lhs > rhs;
}

int64_t Threshold::minimum(int64_t base_size) const {
  // Smallest c with c*den >= num*base (ceiling), or c*den > num*base (floor + 1). The result
  // may exceed base_size (e.g. more than 1/2 of 0 is 1): then the threshold cannot be met.
  assert(base_size >= 0 && fraction.den > 0);
  if (base_size < 0) base_size = 0;
  Wide product = Wide(fraction.num) * base_size;
  Wide den = fraction.den;
  Wide c = comparison == Comparison::kAtLeast ? (product + den - 1) / den : product / den + 1;
  return static_cast<int64_t>(c);
}

std::string Threshold::describe_zh(std::string_view member_noun_zh) const {
  std::string noun = member_noun_zh.empty() ? "成员" : std::string(member_noun_zh);
  std::string of;
  switch (base) {
    case Base::kAllMembers:
      of = "全体" + noun + "的";
      break;
    case Base::kPresent:
      of = "出席" + noun + "的";
      break;
    case Base::kVotesCast:
      of = "所投票数的";
      break;
  }
  if (fraction.num == fraction.den) return comparison == Comparison::kAtLeast ? of + "全部" : "超过" + of + "全部";
  if (comparison == Comparison::kAtLeast) return of + fraction_zh(fraction) + "以上";
  if (fraction.num * 2 == fraction.den) return of + "过半数";
  return "超过" + of + fraction_zh(fraction);
}

std::string Threshold::describe_en(std::string_view member_noun_en) const {
  std::string noun = member_noun_en.empty() ? "members" : std::string(member_noun_en);
  std::string of;
  switch (base) {
    case Base::kAllMembers:
      of = "all " + noun;
      break;
    case Base::kPresent:
      of = noun + " present";
      break;
    case Base::kVotesCast:
      of = "votes cast";
      break;
  }
  std::string amount = fraction.num * 2 == fraction.den ? "half" : fraction_text(fraction);
  return (comparison == Comparison::kAtLeast ? "at least " : "more than ") + amount + " of " + of;
}

Error violation(const std::string& zh, const std::string& en, const Citation& c, const std::string& field) {
  return make_error(ErrorCode::kRuleViolation, zh + "（" + c.zh + "）", en + " (" + c.en + ")", field, c.zh);
}

const Threshold& Rulebook::pass_for(std::string_view kind) const {
  if (auto it = pass.find(std::string(kind)); it != pass.end()) return it->second;
  auto it = pass.find("default");
  // Loading guarantees "default"; only a hand-built Rulebook can lack it.
  assert(it != pass.end());
  if (it == pass.end()) {
    static const Threshold kSimpleMajority;
    return kSimpleMajority;
  }
  return it->second;
}

const SubmissionRule& Rulebook::submission_for(std::string_view kind) const {
  if (auto it = submission.find(std::string(kind)); it != submission.end()) return it->second;
  auto it = submission.find("default");
  // Loading guarantees "default"; only a hand-built Rulebook can lack it.
  assert(it != submission.end());
  if (it == submission.end()) {
    static const SubmissionRule kNobody;
    return kNobody;
  }
  return it->second;
}

int64_t ElectionRules::members_needed(std::string_view level) const {
  if (auto it = members_jointly_by_level.find(std::string(level)); it != members_jointly_by_level.end())
    return it->second;
  return members_jointly;
}

int64_t SubmissionRule::members_needed(std::string_view level) const {
  if (!level.empty()) {
    if (auto it = members_jointly_by_level.find(std::string(level)); it != members_jointly_by_level.end())
      return it->second;
  }
  return members_jointly;
}

const std::vector<std::array<std::string, 3>>& motion_kinds() {
  static const std::vector<std::array<std::string, 3>> kKinds = {
      {"bill", "议案", "bill"},
      {"draft_law", "法律草案", "draft law"},
      {"draft_resolution", "决议草案", "draft resolution"},
      {"report", "工作报告", "work report"},
      {"constitutional_amendment", "宪法修正案", "constitutional amendment"},
      {"inquiry", "质询案", "inquiry"},
      {"removal", "罢免案", "removal"},
      {"agenda", "议程", "agenda"},
  };
  return kKinds;
}

bool is_motion_kind(std::string_view kind) {
  const auto& kinds = motion_kinds();
  return std::any_of(kinds.begin(), kinds.end(), [&](const auto& k) { return k[0] == kind; });
}

const std::vector<std::array<std::string, 3>>& organs() {
  static const std::vector<std::array<std::string, 3>> kOrgans = {
      {"presidium", "主席团", "presidium"},
      {"standing_committee", "常务委员会", "standing committee"},
      {"chairpersons_council", "委员长会议/主任会议", "Council of Chairpersons / council of directors"},
      {"special_committee", "专门委员会", "special committee"},
      {"state_council", "国务院", "State Council"},
      {"central_military_commission", "中央军事委员会", "Central Military Commission"},
      {"national_supervisory_commission", "国家监察委员会", "National Supervisory Commission"},
      {"supreme_court", "最高人民法院", "Supreme People's Court"},
      {"supreme_procuratorate", "最高人民检察院", "Supreme People's Procuratorate"},
      {"government", "本级人民政府", "people's government at the same level"},
      {"supervisory_commission", "本级监察委员会", "supervisory commission at the same level"},
      {"court", "本级人民法院", "people's court at the same level"},
      {"procuratorate", "本级人民检察院", "people's procuratorate at the same level"},
  };
  return kOrgans;
}

std::vector<std::string> ids_of(const std::vector<std::array<std::string, 3>>& named) {
  std::vector<std::string> ids;
  for (const auto& n : named) ids.push_back(n[0]);
  return ids;
}

bool is_organ(std::string_view organ) {
  const auto& all = organs();
  return std::any_of(all.begin(), all.end(), [&](const auto& o) { return o[0] == organ; });
}

Result<Rulebook> with_quorum(const Rulebook& book, Comparison comparison, Fraction fraction) {
  if (!book.quorum_configurable) {
    const auto& c = book.quorum.citation;
    return make_error(ErrorCode::kRuleViolation,
                      book.name_zh + "的法定人数（" + book.quorum.describe_zh(book.member_noun_zh) +
                          "出席）是固定的，不能更改（" + c.zh + "）",
                      "the quorum of the " + book.name_en + " (" + book.quorum.describe_en(book.member_noun_en) +
                          ") is fixed and cannot be changed (" + c.en + ")",
                      "quorum", c.zh);
  }
  if (fraction.den <= 0 || fraction.den > kMaxDenominator || fraction.num <= 0 || fraction.num > fraction.den)
    return make_error(
        ErrorCode::kMalformed,
        "法定人数比例" + fraction_text(fraction) + "无效：须满足 0 < 分子 ≤ 分母 ≤ " + std::to_string(kMaxDenominator),
        "invalid quorum fraction " + fraction_text(fraction) +
            ": need 0 < num <= den <= " + std::to_string(kMaxDenominator),
        "quorum.fraction");
  Rulebook changed = book;
  changed.quorum.comparison = comparison;
  changed.quorum.fraction = fraction;
  return changed;
}

Json to_json(const Threshold& t) {
  return Json{{"comparison", comparison_name(t.comparison)},
              {"fraction", fraction_text(t.fraction)},
              {"base", base_name(t.base)},
              {"citation_zh", t.citation.zh},
              {"citation_en", t.citation.en}};
}

// File-local: the header exposes only to_json(Rulebook) and to_json(Threshold).
static Json submission_json(const SubmissionRule& rule) {
  Json by_level = Json::object();
  for (const auto& [level, count] : rule.members_jointly_by_level) by_level[level] = count;
  return Json{{"organs", rule.organs},
              {"delegations", rule.delegations},
              {"members_jointly", rule.members_jointly},
              {"members_jointly_by_level", std::move(by_level)},
              {"members_fraction", rule.members_fraction ? Json(fraction_text(*rule.members_fraction)) : Json(nullptr)},
              {"sections_required", rule.sections_required},
              {"citation_zh", rule.citation.zh},
              {"citation_en", rule.citation.en}};
}

static Json elections_json(const ElectionRules& e) {
  return Json{{"threshold", to_json(e.threshold)},
              {"reelection_floor", e.reelection_floor ? to_json(*e.reelection_floor) : Json()},
              {"reelection_floor_levels", e.reelection_floor_levels},
              {"nominating_organs", e.nominating_organs},
              {"members_jointly", e.members_jointly},
              {"members_jointly_by_level", e.members_jointly_by_level},
              {"nomination_citation_zh", e.nomination_citation.zh},
              {"nomination_citation_en", e.nomination_citation.en}};
}

static Json proposals_json(const ProposalRules& p) {
  Json reasons = Json::array();
  for (const auto& r : p.rejection_reasons) reasons.push_back(Json{{"id", r.id}, {"zh", r.zh}, {"en", r.en}});
  return Json{{"kind", p.kind},
              {"proposers", p.proposers},
              {"plenary_only", p.plenary_only},
              {"joint", p.joint},
              {"required_parts", p.required_parts},
              {"outcomes", p.outcomes},
              {"rejection_reasons", std::move(reasons)},
              {"reply_classes", p.reply_classes},
              {"max_text_bytes", p.max_text_bytes},
              {"return_days", p.return_days},
              {"reply_months", p.reply_months},
              {"max_reply_months", p.max_reply_months},
              {"co_opinion_months", p.co_opinion_months},
              {"rehandle_months", p.rehandle_months},
              {"citation_zh", p.citation.zh},
              {"citation_en", p.citation.en},
              {"deadline_citation_zh", p.deadline_citation.zh},
              {"deadline_citation_en", p.deadline_citation.en}};
}

static Json voting_json(const VotingRules& voting) {
  return Json{{"requires_presence", voting.requires_presence},
              {"requires_quorum", voting.requires_quorum},
              {"modes", voting.modes},
              {"applause_kinds", voting.applause_kinds},
              {"secret_ballot_kinds", voting.secret_ballot_kinds},
              {"weights_and_proxies", voting.weights_and_proxies},
              {"citation_zh", voting.citation.zh},
              {"citation_en", voting.citation.en}};
}

Json to_json(const Rulebook& book) {
  Json quorum = to_json(book.quorum);
  quorum["configurable"] = book.quorum_configurable;
  Json pass = Json::object();
  for (const auto& [kind, t] : book.pass) pass[kind] = to_json(t);
  Json submission = Json::object();
  for (const auto& [kind, rule] : book.submission) submission[kind] = submission_json(rule);
  Json attendance{{"unexcused_absence_limit", book.unexcused_absence_limit},
                  {"absence_citation_zh", book.absence_citation.zh},
                  {"absence_citation_en", book.absence_citation.en},
                  {"leave_citation_zh", book.leave_citation.zh},
                  {"leave_citation_en", book.leave_citation.en}};
  return Json{{"id", book.id},
              {"name_zh", book.name_zh},
              {"name_en", book.name_en},
              {"member_noun_zh", book.member_noun_zh},
              {"member_noun_en", book.member_noun_en},
              {"announcement_style", style_name(book.announcement_style)},
              {"quorum", std::move(quorum)},
              {"pass", std::move(pass)},
              {"attendance", std::move(attendance)},
              {"submission", std::move(submission)},
              {"voting", voting_json(book.voting)},
              {"proposals", book.proposals ? proposals_json(*book.proposals) : Json()},
              {"elections", book.elections ? elections_json(*book.elections) : Json()}};
}

const char* comparison_name(Comparison c) {
  switch (c) {
    case Comparison::kAtLeast:
      return "at_least";
    case Comparison::kMoreThan:
      return "more_than";
  }
  return "more_than";
}

const char* base_name(Base b) {
  switch (b) {
    case Base::kAllMembers:
      return "all_members";
    case Base::kPresent:
      return "present";
    case Base::kVotesCast:
      return "votes_cast";
  }
  return "all_members";
}

Result<Rulebook> RulebookSet::parse(std::string_view toml_text, const std::string& id) {
  const std::string file = id + ".toml";
  if (!valid_id(id))
    return make_error(ErrorCode::kMalformed, "规则手册名“" + id + "”无效，只能用小写字母、数字、连字符和下划线",
                      "invalid rulebook id \"" + id + "\"; use lowercase letters, digits, hyphens and underscores",
                      file);
  toml::table root;
  try {
    root = toml::parse(toml_text, file);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    std::string line = std::to_string(at.line), column = std::to_string(at.column);
    std::string what(e.description());
    return make_error(ErrorCode::kMalformed, file + " 第" + line + "行第" + column + "列 TOML 语法错误：" + what,
                      file + " line " + line + ", column " + column + ": TOML syntax error: " + what,
                      file + ":" + line + ":" + column);
  }

  TableReader r(root, file, "");
  PLENUM_TRY(r.only_keys({"name_zh", "name_en", "member_noun_zh", "member_noun_en", "announcement_style", "quorum",
                          "pass", "attendance", "submission", "voting", "proposals", "elections"}));
  Rulebook book;
  book.id = id;
  for (auto [key, out] :
       {std::pair{"name_zh", &book.name_zh}, std::pair{"name_en", &book.name_en},
        std::pair{"member_noun_zh", &book.member_noun_zh}, std::pair{"member_noun_en", &book.member_noun_en}}) {
    PLENUM_ASSIGN_OR_RETURN(auto s, r.req_string(key));
    *out = std::move(s);
  }
  PLENUM_ASSIGN_OR_RETURN(auto style, parse_style(r));
  book.announcement_style = style;
  PLENUM_TRY(parse_quorum(r, file, book));
  PLENUM_TRY(parse_pass(r, file, book));
  PLENUM_TRY(parse_attendance(r, file, book));
  PLENUM_TRY(parse_submission(r, file, book));
  PLENUM_TRY(parse_voting(r, file, book));
  PLENUM_TRY(parse_proposals(r, file, book));
  PLENUM_TRY(parse_elections(r, file, book));
  return book;
}

Result<RulebookSet> RulebookSet::load_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec)
    return make_error(ErrorCode::kNotFound, "无法读取规则手册目录 " + dir + "：" + ec.message(),
                      "cannot read rulebook directory " + dir + ": " + ec.message(), dir);
  if (files.empty())
    return make_error(ErrorCode::kNotFound, "规则手册目录 " + dir + " 中没有 .toml 文件",
                      "no .toml rulebooks in directory " + dir, dir);
  std::sort(files.begin(), files.end());  // deterministic: the first bad file is always the same

  RulebookSet set;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxRulebookBytes)
      return make_error(ErrorCode::kTooLarge, "规则手册 " + name + " 过大", "rulebook " + name + " is too large", name);
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (ec || !in)
      return make_error(ErrorCode::kInternal, "无法读取规则手册 " + path.string(),
                        "cannot read rulebook " + path.string(), name);
    PLENUM_ASSIGN_OR_RETURN(auto book, parse(text.str(), path.stem().string()));
    set.add(std::move(book));
  }
  return set;
}

void RulebookSet::add(Rulebook book) {
  std::string id = book.id;
  books_.insert_or_assign(std::move(id), std::move(book));
}

const Rulebook* RulebookSet::find(std::string_view id) const {
  auto it = books_.find(id);
  return it == books_.end() ? nullptr : &it->second;
}

std::vector<std::string> RulebookSet::ids() const {
  std::vector<std::string> out;
  out.reserve(books_.size());
  for (const auto& [id, book] : books_) out.push_back(id);
  return out;
}

std::string default_rulebook_dir() {
  if (const char* env = std::getenv("PLENUM_RULEBOOKS"); env && *env) return env;
  return PLENUM_RULEBOOK_DIR;
}

}  // namespace plenum::rules
