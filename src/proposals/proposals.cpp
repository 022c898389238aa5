// The proposal cycle's actions and projections. Queries are in queries.cpp, the historical
// import in import.cpp.
#include "proposals/proposals.h"

#include <algorithm>
#include <set>

#include "accounts/tables.h"
#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "motions/tables.h"
#include "promulgation/tables.h"
#include "proposals/internal.h"
#include "proposals/tables.h"
#include "rules/rulebook.h"

namespace plenum::proposals {

const std::vector<std::array<std::string, 3>>& areas() {
  static const std::vector<std::array<std::string, 3>> kAreas = {
      {"economy", "经济建设", "economy"},
      {"politics", "政治建设", "politics"},
      {"culture", "文化建设", "culture"},
      {"society", "社会建设", "society"},
      {"ecology", "生态文明建设", "ecological conservation"}};
  return kAreas;
}

bool is_area(std::string_view area) {
  for (const auto& a : areas())
    if (a[0] == area) return true;
  return false;
}

namespace {

using ledger::ActionContext;
using ledger::Event;

// ---- shared checks

Result<const rules::ProposalRules*> rules_of(ActionContext& ctx, const std::string& body) {
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(body));
  if (!(book)->proposals)
    return make_error(ErrorCode::kRuleViolation, body + " 的规则手册没有提案（建议）制度",
                      "the rulebook of " + body + " has no proposal cycle", "args.body");
  return &*(book)->proposals;
}

Status require_staff(ActionContext& ctx, const std::string& body) { return ctx.require_role(body, {"secretariat"}); }

Result<ProposalRecord> proposal_arg(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "proposal_id", "args"));
  auto p = tables::proposal(ctx.reader(), id);
  if (!p) return not_found("提案 " + std::to_string(id), "proposal " + std::to_string(id), "args.proposal_id");
  return *p;
}

Error wrong_state(const ProposalRecord& p, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kConflict, "提案当前状态为“" + state_zh(p.state) + "”，" + zh,
                    "the proposal is " + name_of(p.state) + "; " + en, "args.proposal_id");
}

// The unit named by args.unit_id, which the actor must act for: only the unit's own linked
// accounts answer for it (the secretariat routes and reminds, it does not reply).
Result<int64_t> acting_unit(ActionContext& ctx, const ProposalRecord& p, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "unit_id", "args"));
  auto unit = tables::handling_unit(ctx.reader(), id);
  if (!unit || unit->body != p.body)
    return not_found("承办单位 " + std::to_string(id), "handling unit " + std::to_string(id), "args.unit_id");
  auto mine = tables::units_of_account(ctx.reader(), ctx.actor());
  if (std::find(mine.begin(), mine.end(), id) == mine.end())
    return make_error(ErrorCode::kForbidden, "只有该承办单位的账户可以办理",
                      "only an account of that handling unit may act for it", "actor");
  return id;
}

// The unit's assignment in the proposal's current round.
Result<AssignmentRecord> current_assignment(ActionContext& ctx, const ProposalRecord& p, int64_t unit_id) {
  for (const auto& a : tables::assignments(ctx.reader(), p.id))
    if (a.round == p.round && a.unit_id == unit_id && a.state != AssignmentState::kReturned) return a;
  return make_error(ErrorCode::kForbidden, "该提案当前未交由本单位办理",
                    "the proposal is not currently assigned to this unit", "args.unit_id");
}

std::string today(ActionContext& ctx) { return beijing_date(ctx.now()); }

bool is_proposer(ActionContext& ctx, const ProposalRecord& p) {
  if (ctx.actor() == p.submitted_by && p.first_proposer_id == 0) return true;
  int64_t me = ctx.actor_member_id();
  if (!me) return false;
  return me == p.first_proposer_id ||
         std::find(p.co_proposers.begin(), p.co_proposers.end(), me) != p.co_proposers.end();
}

// The proposer whose rating decides (the first proposer, or the collective's account).
bool is_first_proposer(ActionContext& ctx, const ProposalRecord& p) {
  if (p.first_proposer_id == 0) return ctx.actor() == p.submitted_by;
  return ctx.actor_member_id() == p.first_proposer_id;
}

Result<std::string> one_of(const Json& args, const char* key, const std::vector<std::string>& allowed,
                           const std::string& what_zh, const std::string& what_en) {
  PLENUM_ASSIGN_OR_RETURN(auto v, req_string(args, key, "args"));
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return invalid(field_path("args", key), what_zh + "“" + v + "”无效，可选：" + list,
                   "invalid " + what_en + " \"" + v + "\"; one of: " + list);
  }
  return v;
}

Result<std::vector<int64_t>> unit_list(ActionContext& ctx, const std::string& body, const Json& args, const char* key,
                                       std::set<int64_t>& seen) {
  std::vector<int64_t> out;
  if (!args.contains(key) || args[key].is_null()) return out;
  PLENUM_ASSIGN_OR_RETURN(auto arr, req_array(args, key, "args"));
  for (size_t i = 0; i < (arr)->size(); ++i) {
    std::string at = field_path("args", key) + "[" + std::to_string(i) + "]";
    const Json& v = (*arr)[i];
    if (!v.is_number_integer()) return invalid(at, at + " 应为承办单位编号", at + " must be a unit id");
    auto unit = tables::handling_unit(ctx.reader(), v.get<int64_t>());
    if (!unit || unit->body != body) return not_found("承办单位 " + v.dump(), "handling unit " + v.dump(), at);
    if (!seen.insert(unit->id).second)
      return make_error(ErrorCode::kConflict, "承办单位重复列出", "a handling unit is listed twice", at);
    out.push_back(unit->id);
  }
  return out;
}

// ---- administration

Status add_handling_unit(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!assembly::tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(require_staff(ctx, body));
  PLENUM_TRY(rules_of(ctx, body).status());
  PLENUM_ASSIGN_OR_RETURN(auto zh, text_arg(args, "name_zh", 100));
  PLENUM_ASSIGN_OR_RETURN(auto en, opt_text_arg(args, "name_en", 200));
  for (const auto& u : tables::handling_units(ctx.reader(), body))
    if (u.name_zh == zh)
      return make_error(ErrorCode::kConflict, "承办单位“" + zh + "”已存在",
                        "handling unit \"" + zh + "\" already exists", "args.name_zh");
  int64_t id = store::next_id(ctx.reader().sql(), "handling_units");
  ctx.emit(body, "proposals.unit_added", Json{{"unit_id", id}, {"name_zh", zh}, {"name_en", en.value_or("")}});
  ctx.result() = Json{{"unit_id", id}};
  return Status::ok();
}

Status link_account(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "unit_id", "args"));
  auto unit = tables::handling_unit(ctx.reader(), id);
  if (!unit) return not_found("承办单位 " + std::to_string(id), "handling unit " + std::to_string(id), "args.unit_id");
  PLENUM_TRY(require_staff(ctx, unit->body));
  PLENUM_ASSIGN_OR_RETURN(auto username, req_string(args, "username", "args"));
  if (!accounts::tables::account(ctx.reader(), username))
    return not_found("账户 " + username, "account " + username, "args.username");
  auto mine = tables::units_of_account(ctx.reader(), username);
  if (std::find(mine.begin(), mine.end(), id) != mine.end())
    return make_error(ErrorCode::kConflict, "该账户已属于此承办单位", "the account already acts for this unit",
                      "args.username");
  ctx.emit(unit->body, "proposals.account_linked", Json{{"unit_id", id}, {"username", username}});
  ctx.result() = Json{{"unit_id", id}, {"username", username}};
  return Status::ok();
}

Status set_cutoff(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sid, req_int(args, "session_id", "args"));
  auto session = assembly::tables::session(ctx.reader(), sid);
  if (!session) return not_found("会议 " + std::to_string(sid), "session " + std::to_string(sid), "args.session_id");
  PLENUM_TRY(require_staff(ctx, session->body));
  PLENUM_TRY(rules_of(ctx, session->body).status());
  PLENUM_ASSIGN_OR_RETURN(auto at, req_string(args, "cutoff_at", "args"));
  int64_t micros = 0;
  if (!parse_iso_time(at, &micros))
    return invalid("args.cutoff_at", "截止时间应为 ISO 时间，如 2024-03-07T12:00+08:00",
                   "cutoff_at must be an ISO time such as 2024-03-07T12:00+08:00");
  ctx.emit(session->body, "proposals.cutoff_set", Json{{"session_id", sid}, {"cutoff_at", micros}});
  ctx.result() = Json{{"session_id", sid}, {"cutoff_at", iso_time(micros)}};
  return Status::ok();
}

// The secretariat records the day a session's proposal work report is stated as of ("截至2024年2月
// 底"): the statistics of that session are then taken on that day unless a reader names another.
Status set_report_date(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sid, req_int(args, "session_id", "args"));
  auto session = assembly::tables::session(ctx.reader(), sid);
  if (!session) return not_found("会议 " + std::to_string(sid), "session " + std::to_string(sid), "args.session_id");
  PLENUM_TRY(require_staff(ctx, session->body));
  PLENUM_TRY(rules_of(ctx, session->body).status());
  PLENUM_ASSIGN_OR_RETURN(auto as_of, req_string(args, "as_of", "args"));
  if (as_of < session->opens_on)
    return make_error(ErrorCode::kRuleViolation,
                      "报告的截至日期不能早于会议开幕（" + session->opens_on + "）：报告统计的是本次会议以来的提案",
                      "the report cannot be stated as of a day before the session opened (" + session->opens_on +
                          "): it covers the proposals since the session",
                      "args.as_of");
  if (as_of > today(ctx))
    return make_error(ErrorCode::kRuleViolation, "报告的截至日期不能晚于今天（" + today(ctx) + "）",
                      "the report cannot be stated as of a day after today (" + today(ctx) + ")", "args.as_of");
  ctx.emit(session->body, "proposals.report_dated", Json{{"session_id", sid}, {"as_of", as_of}});
  ctx.result() = Json{{"session_id", sid}, {"as_of", as_of}};
  return Status::ok();
}

// ---- submission

// Plenary proposals are those in by the cut-off (or, without one, by the session's last day);
// anything later, or before the session, is handled as an intersession proposal.
std::string stage_of(const assembly::SessionRecord& s, int64_t now) {
  std::string date = beijing_date(now);
  if (date < s.opens_on) return "intersession";
  if (s.proposal_cutoff_at) return now <= s.proposal_cutoff_at ? "plenary" : "intersession";
  return date <= s.closes_on ? "plenary" : "intersession";
}

Result<Json> parts_arg(const Json& args, const rules::ProposalRules& rules, size_t* total_bytes) {
  auto it = args.find("parts");
  if (it == args.end() || !it->is_object())
    return invalid("args.parts", "缺少 parts（情况、分析、具体建议）",
                   "parts (facts, analysis, suggestions) is required and must be an object");
  Json parts = Json::object();
  for (const char* key : {"facts", "analysis", "suggestions"}) {
    std::string field = std::string("args.parts.") + key;
    auto v = it->find(key);
    bool required =
        std::find(rules.required_parts.begin(), rules.required_parts.end(), key) != rules.required_parts.end();
    std::string text;
    if (v != it->end() && !v->is_null()) {
      if (!v->is_string()) return invalid(field, field + " 应为文本", field + " must be text");
      text = trim(v->get<std::string>());
    }
    if (required && text.empty()) {
      static const std::map<std::string, std::pair<std::string, std::string>> kNames = {
          {"facts", {"情况", "facts"}},
          {"analysis", {"分析", "analysis"}},
          {"suggestions", {"具体建议", "concrete suggestions"}}};
      const auto& name = kNames.at(key);
      return rules::violation("提案须写明" + name.first, "a proposal must state its " + name.second, rules.citation,
                              field);
    }
    *total_bytes += text.size();
    parts[key] = text;
  }
  return parts;
}

Status submit(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sid, req_int(args, "session_id", "args"));
  auto session = assembly::tables::session(ctx.reader(), sid);
  if (!session) return not_found("会议 " + std::to_string(sid), "session " + std::to_string(sid), "args.session_id");
  const std::string& body = session->body;
  auto rules = rules_of(ctx, body);
  if (!rules) return rules.error();
  const rules::ProposalRules& r = **rules;
  bool staff = ctx.has_role(body, {"secretariat"});

  PLENUM_ASSIGN_OR_RETURN(auto title, text_arg(args, "title", 200));
  std::vector<std::string> area_ids;
  for (const auto& a : areas()) area_ids.push_back(a[0]);
  PLENUM_ASSIGN_OR_RETURN(auto area, one_of(args, "area", area_ids, "领域", "area"));
  size_t bytes = title.size();
  PLENUM_ASSIGN_OR_RETURN(auto parts, parts_arg(args, r, &bytes));
  if (static_cast<int64_t>(bytes) > r.max_text_bytes)
    return make_error(
        ErrorCode::kTooLarge,
        "提案全文 " + std::to_string(bytes) + " 字节，超过上限 " + std::to_string(r.max_text_bytes) + " 字节",
        "the proposal's text is " + std::to_string(bytes) + " bytes, over the limit of " +
            std::to_string(r.max_text_bytes),
        "args.parts");
  std::string channel = "online";
  if (args.contains("channel")) {
    PLENUM_ASSIGN_OR_RETURN(auto c, one_of(args, "channel", {"online", "paper"}, "提交方式", "channel"));
    channel = c;
  }
  std::string stage = stage_of(*session, ctx.now());

  bool by_members = args.contains("member_ids") && !args["member_ids"].is_null();
  bool by_collective = args.contains("collective") && !args["collective"].is_null();
  if (by_members == by_collective)
    return invalid("args.member_ids", "须且只须给出 member_ids（委员）或 collective（集体）之一",
                   "give exactly one of member_ids (members) or collective (a party, "
                   "organisation, committee, sector or group)");
  std::string proposer_kind, proposer_name, paper_form;
  int64_t first = 0;
  std::vector<int64_t> co, requested;
  if (by_members) {
    if (std::find(r.proposers.begin(), r.proposers.end(), "member") == r.proposers.end())
      return rules::violation("本机构的" + kind_zh(r) + "不由个人提出",
                              "members may not submit " + r.kind + "s individually here", r.citation,
                              "args.member_ids");
    PLENUM_ASSIGN_OR_RETURN(auto arr, req_array(args, "member_ids", "args"));
    if ((arr)->empty() || (arr)->size() > 1000)
      return invalid("args.member_ids", "member_ids 应列出 1 至 1000 名提案人（第一提案人在前）",
                     "member_ids must list 1 to 1000 proposers, the first proposer first");
    if ((arr)->size() > 1 && !r.joint)
      return rules::violation("本机构不接受联名" + kind_zh(r), "joint " + r.kind + "s are not accepted here",
                              r.citation, "args.member_ids");
    std::set<int64_t> seen;
    for (size_t i = 0; i < (arr)->size(); ++i) {
      std::string at = "args.member_ids[" + std::to_string(i) + "]";
      const Json& v = (*arr)[i];
      if (!v.is_number_integer()) return invalid(at, at + " 应为成员编号", at + " must be a member id");
      auto m = assembly::tables::member(ctx.reader(), v.get<int64_t>());
      if (!m || m->body != body)
        return rules::violation("联名者 " + v.dump() + " 不是本机构成员",
                                "co-proposer " + v.dump() + " is not a member of " + body, r.citation, at);
      assembly::MemberFilter f;
      f.body = body;
      f.sitting_on = today(ctx) < session->opens_on ? session->opens_on : today(ctx);
      if (!assembly::matches(f, *m))
        return rules::violation(m->name + " 已不是在任" + (*ctx.rulebook_of(body))->member_noun_zh,
                                m->name + " is no longer a sitting member", r.citation, at);
      if (!seen.insert(m->id).second)
        return make_error(ErrorCode::kConflict, m->name + " 重复列出", m->name + " is listed twice", at);
      if (i == 0) {
        first = m->id;
        proposer_name = m->name;
      } else {
        co.push_back(m->id);
      }
    }
    if (!staff && ctx.actor_member_id() != first)
      return make_error(ErrorCode::kForbidden, "委员本人须作为第一提案人提交",
                        "a member submits as the first proposer (first in member_ids)", "args.member_ids");
    // Co-proposers listed by a member are asked and join once they confirm from their own
    // accounts (proposals.cosign); the secretariat records them from the signed paper form.
    if (staff) {
      auto form = opt_text_arg(args, "paper_form", 100);
      if (!form) return form.error();
      if (!*form && !co.empty() && ctx.actor() != ledger::kSystemActor)
        return invalid("args.paper_form", "登记联名提案须给出纸质联名表的编号",
                       "the secretariat records co-proposers with the paper form's reference");
      paper_form = form->value_or("");
    } else {
      if (args.contains("paper_form"))
        return make_error(ErrorCode::kForbidden, "纸质联名表由提案工作机构登记", "the secretariat records a paper form",
                          "args.paper_form");
      requested = std::move(co);
      co.clear();
    }
    proposer_kind = "member";
  } else {
    const Json& c = args["collective"];
    if (!c.is_object())
      return invalid("args.collective", "collective 应为 {kind, name}", "collective must be {kind, name}");
    PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(c, "kind", "args.collective"));
    if (!rules::is_proposer_kind(kind) || kind == "member")
      return invalid("args.collective.kind", "未知的提案者类型 " + kind, "unknown proposer kind " + kind);
    if (std::find(r.proposers.begin(), r.proposers.end(), kind) == r.proposers.end())
      return rules::violation(kind + " 不能提出" + kind_zh(r), "a " + kind + " may not submit " + r.kind + "s",
                              r.citation, "args.collective.kind");
    if (std::find(r.plenary_only.begin(), r.plenary_only.end(), kind) != r.plenary_only.end() && stage != "plenary")
      return rules::violation(kind + " 只能在大会期间（截止时间前）提出" + kind_zh(r),
                              "a " + kind + " may submit only during the plenary, before the cut-off", r.citation,
                              "args.collective.kind");
    PLENUM_ASSIGN_OR_RETURN(auto name, text_arg(c, "name", 100));
    if (!staff)
      return make_error(ErrorCode::kForbidden, "集体提案（加盖公章）由提案工作机构登记",
                        "a collective proposal (under seal) is recorded by the secretariat", "actor");
    proposer_kind = kind;
    proposer_name = name;
  }

  int64_t id = store::next_id(ctx.reader().sql(), "proposals");
  ctx.emit(body, "proposals.submitted",
           Json{{"proposal_id", id},
                {"session_id", sid},
                {"title", title},
                {"area", area},
                {"parts", parts},
                {"proposer_kind", proposer_kind},
                {"proposer_name", proposer_name},
                {"first_proposer_id", first},
                {"co_proposers", co},
                {"requested", requested},
                {"signed_via", staff ? "paper" : "submitter"},
                {"paper_form", paper_form},
                {"stage", stage},
                {"channel", channel},
                {"submitted_on", today(ctx)}});
  ctx.result() = Json{{"proposal_id", id}, {"stage", stage}};
  return Status::ok();
}

Status cosign(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(auto decision, opt_string(args, "decision", "args"));
  std::string d = decision.value_or("confirm");
  if (d != "confirm" && d != "decline")
    return invalid("args.decision", "decision 应为 confirm（同意联名）或 decline（不同意）",
                   "decision must be confirm or decline");
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  int64_t me = ctx.actor_member_id();
  if (!me) return make_error(ErrorCode::kForbidden, "只有成员可以联名", "only a member may co-sign", "actor");
  if (p.first_proposer_id == 0 || !(rules)->joint)
    return rules::violation("该" + kind_zh(*rules) + "不接受联名", "this " + (rules)->kind + " takes no co-signers",
                            (rules)->citation, "args.proposal_id");
  if (p.state != ProposalState::kSubmitted)
    return wrong_state(p, "审查后不能再联名", "co-signing ends with the review");
  auto m = assembly::tables::member(ctx.reader(), me);
  if (!m || m->body != p.body)
    return rules::violation("联名者不是本机构成员", "the co-signer is not a member of " + p.body, (rules)->citation,
                            "actor");
  if (is_proposer(ctx, p))
    return make_error(ErrorCode::kConflict, "已是该提案的提案人", "already a proposer of this proposal", "actor");
  if (d == "decline") {
    auto asked = motions::tables::cosignatures(ctx.reader(), "proposal", p.id);
    if (std::none_of(asked.begin(), asked.end(), [&](const auto& c) {
          return c.member_id == me && c.state == motions::CosignatureState::kRequested;
        }))
      return make_error(ErrorCode::kConflict, "没有待确认的联名请求", "no request to co-sign awaits you", "actor");
  }
  ctx.emit(p.body, "proposals.cosigned", Json{{"proposal_id", p.id}, {"member_id", me}, {"decision", d}});
  ctx.result() = Json{{"proposal_id", p.id}, {"member_id", me}, {"decision", d}};
  return Status::ok();
}

// ---- review

Status review(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_TRY(require_staff(ctx, p.body));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  const rules::ProposalRules& r = *rules;
  PLENUM_ASSIGN_OR_RETURN(auto outcome, one_of(args, "outcome", r.outcomes, "审查结果", "review outcome"));
  if (p.state != ProposalState::kSubmitted) return wrong_state(p, "已经审查", "it has already been reviewed");
  auto note = opt_text_arg(args, "note", 500);
  if (!note) return note.error();
  Json payload{{"proposal_id", p.id}, {"outcome", outcome}, {"on", today(ctx)}, {"note", note->value_or("")},
               {"number", 0},         {"into_id", 0},       {"reason", ""}};
  if (outcome == "register") {
    auto session = assembly::tables::session(ctx.reader(), p.session_id);
    std::string series = "proposal:" + std::to_string(p.session_id);
    payload["number"] = promulgation::tables::next_number(ctx.reader(), p.body, session->term, series);
    payload["term"] = session->term;
    payload["series"] = series;
  } else if (outcome == "merge") {
    PLENUM_ASSIGN_OR_RETURN(auto into, req_int(args, "into_id", "args"));
    auto target = tables::proposal(ctx.reader(), into);
    if (!target || target->body != p.body)
      return not_found("提案 " + std::to_string(into), "proposal " + std::to_string(into), "args.into_id");
    if (target->id == p.id) return invalid("args.into_id", "不能并入自身", "a proposal cannot be merged into itself");
    if (target->outcome != "register")
      return make_error(ErrorCode::kConflict, "只能并入已立案的提案",
                        "a proposal can be merged only into a registered one", "args.into_id");
    if (target->state == ProposalState::kClosed)
      return make_error(ErrorCode::kConflict, "目标提案已办结", "the target proposal is closed", "args.into_id");
    payload["into_id"] = into;
  } else if (outcome == "reject") {
    PLENUM_ASSIGN_OR_RETURN(auto reason, req_string(args, "reason", "args"));
    auto it = std::find_if(r.rejection_reasons.begin(), r.rejection_reasons.end(),
                           [&](const rules::ReasonOption& o) { return o.id == reason; });
    if (it == r.rejection_reasons.end())
      return rules::violation("不予立案须依规定的理由，“" + reason + "”不在其列",
                              "not registering needs one of the published reasons; \"" + reason + "\" is not one",
                              r.citation, "args.reason");
    payload["reason"] = reason;
    payload["reason_zh"] = it->zh;
    payload["reason_en"] = it->en;
  } else if (outcome == "withdraw" || outcome == "convert") {
    if (!*note)
      return invalid("args.note", "撤案或转为意见建议须说明（note）",
                     "withdrawal or conversion needs a note saying why");
  }
  ctx.emit(p.body, "proposals.reviewed", payload);
  ctx.result() = Json{{"proposal_id", p.id}, {"state", state_after_review(outcome)}, {"number", payload["number"]}};
  return Status::ok();
}

Status withdraw(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  if (!is_first_proposer(ctx, p))
    return make_error(ErrorCode::kForbidden, "只有第一提案人可以撤回提案",
                      "only the first proposer may withdraw a proposal", "actor");
  if (p.state != ProposalState::kSubmitted && p.state != ProposalState::kRegistered)
    return wrong_state(p, "交办后不能撤回", "it can no longer be withdrawn once assigned");
  PLENUM_ASSIGN_OR_RETURN(auto note, opt_text_arg(args, "note", 500));
  ctx.emit(p.body, "proposals.reviewed",
           Json{{"proposal_id", p.id},
                {"outcome", "withdraw"},
                {"on", today(ctx)},
                {"note", note.value_or("提案人撤回")},
                {"number", p.number},
                {"into_id", 0},
                {"reason", "by_proposer"}});
  ctx.result() = Json{{"proposal_id", p.id}, {"state", "withdrawn"}};
  return Status::ok();
}

// ---- handling

Status assign(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_TRY(require_staff(ctx, p.body));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  if (p.state != ProposalState::kRegistered)
    return wrong_state(p, "只有已立案、待交办的提案可以交办",
                       "only a registered proposal awaiting assignment can be assigned");
  std::set<int64_t> seen;
  bool split = args.contains("split_unit_ids") && !args["split_unit_ids"].is_null();
  bool lead = args.contains("lead_unit_id") && !args["lead_unit_id"].is_null();
  if (split == lead)
    return invalid("args.lead_unit_id", "须且只须给出 lead_unit_id（主办）或 split_unit_ids（分办）之一",
                   "give exactly one of lead_unit_id (lead, with co_unit_ids) or split_unit_ids");
  std::string on = today(ctx);
  std::string due = add_months(on, static_cast<int>((rules)->reply_months));
  std::string co_due = add_months(on, static_cast<int>((rules)->co_opinion_months));
  Json units = Json::array();
  if (lead) {
    auto lead_units = unit_list(ctx, p.body, Json{{"lead", Json::array({args["lead_unit_id"]})}}, "lead", seen);
    if (!lead_units) {
      auto e = lead_units.error();
      e.field = "args.lead_unit_id";
      return e;
    }
    PLENUM_ASSIGN_OR_RETURN(auto co, unit_list(ctx, p.body, args, "co_unit_ids", seen));
    units.push_back(Json{{"unit_id", lead_units->front()}, {"role", "lead"}, {"due_on", due}});
    for (int64_t id : co) units.push_back(Json{{"unit_id", id}, {"role", "co"}, {"due_on", co_due}});
  } else {
    if (args.contains("co_unit_ids"))
      return invalid("args.co_unit_ids", "分办没有会办单位", "a split assignment has no co-handling units");
    PLENUM_ASSIGN_OR_RETURN(auto ids, unit_list(ctx, p.body, args, "split_unit_ids", seen));
    if (ids.size() < 2)
      return invalid("args.split_unit_ids", "分办至少交给两个单位", "a split assignment names at least two units");
    for (int64_t id : ids) units.push_back(Json{{"unit_id", id}, {"role", "split"}, {"due_on", due}});
  }
  int64_t round = std::max<int64_t>(p.round, 1);
  ctx.emit(p.body, "proposals.assigned",
           Json{{"proposal_id", p.id},
                {"round", round},
                {"handling", split ? "split" : "lead"},
                {"assigned_on", on},
                {"units", units}});
  ctx.result() = Json{{"proposal_id", p.id}, {"due_on", due}, {"units", units}};
  return Status::ok();
}

Status return_assignment(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(auto unit, acting_unit(ctx, p, args));
  PLENUM_ASSIGN_OR_RETURN(auto reason, text_arg(args, "reason", 500));
  if (p.state != ProposalState::kAssigned) return wrong_state(p, "不能退回", "it cannot be returned now");
  PLENUM_ASSIGN_OR_RETURN(auto a, current_assignment(ctx, p, unit));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  if (a.round != 1 || a.state != AssignmentState::kAssigned)
    return make_error(ErrorCode::kConflict, "已开始办理的提案不能退回",
                      "a proposal already being answered cannot be returned", "args.unit_id");
  std::string last_day = add_days(a.assigned_on, static_cast<int>((rules)->return_days));
  if (today(ctx) > last_day)
    return rules::violation("交办已超过 " + std::to_string((rules)->return_days) + " 天（" + a.assigned_on +
                                " 交办），不能退回，请与提案工作机构协商",
                            "more than " + std::to_string((rules)->return_days) + " days since assignment (" +
                                a.assigned_on + "); it can no longer be returned",
                            (rules)->citation, "args.unit_id");
  // The lead returning, or the last split unit, sends the proposal back for reassignment.
  bool reassign = a.role == "lead";
  if (a.role == "split") {
    int others = 0;
    for (const auto& x : tables::assignments(ctx.reader(), p.id))
      if (x.round == p.round && x.role == "split" && x.state != AssignmentState::kReturned && x.unit_id != unit)
        ++others;
    reassign = others == 0;
  }
  ctx.emit(
      p.body, "proposals.assignment_returned",
      Json{{"proposal_id", p.id}, {"round", a.round}, {"unit_id", unit}, {"reason", reason}, {"reassign", reassign}});
  ctx.result() = Json{{"proposal_id", p.id}, {"state", reassign ? ProposalState::kRegistered : p.state}};
  return Status::ok();
}

Status give_opinion(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(auto unit, acting_unit(ctx, p, args));
  PLENUM_ASSIGN_OR_RETURN(auto text, document_arg(args, "text", 30000));
  PLENUM_ASSIGN_OR_RETURN(auto a, current_assignment(ctx, p, unit));
  if (a.role != "co")
    return make_error(ErrorCode::kConflict, "只有会办单位向主办单位提出会办意见",
                      "only a co-handling unit gives an opinion to the lead", "args.unit_id");
  if (a.state != AssignmentState::kAssigned)
    return make_error(ErrorCode::kConflict, "会办意见已经提出", "the opinion has already been given", "args.unit_id");
  if (p.state == ProposalState::kClosed) return wrong_state(p, "不能再提意见", "no more opinions");
  ctx.emit(p.body, "proposals.opinion_given",
           Json{{"proposal_id", p.id}, {"round", a.round}, {"unit_id", unit}, {"text", text}, {"on", today(ctx)}});
  ctx.result() = Json{{"proposal_id", p.id}, {"unit_id", unit}};
  return Status::ok();
}

Status extend(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_TRY(require_staff(ctx, p.body));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  PLENUM_ASSIGN_OR_RETURN(auto months, req_int(args, "months", "args"));
  if (p.state != ProposalState::kAssigned || p.round != 1)
    return wrong_state(p, "只有首轮办理中的提案可以延期", "only a proposal in its first handling can be extended");
  if (months <= (rules)->reply_months || months > (rules)->max_reply_months)
    return rules::violation("答复期限只能延长到交办后 " + std::to_string((rules)->reply_months + 1) + " 至 " +
                                std::to_string((rules)->max_reply_months) + " 个月",
                            "the reply deadline can be extended only to " + std::to_string((rules)->reply_months + 1) +
                                "-" + std::to_string((rules)->max_reply_months) + " months after assignment",
                            (rules)->deadline_citation, "args.months");
  std::string assigned_on;
  for (const auto& a : tables::assignments(ctx.reader(), p.id))
    if (a.round == p.round && a.role != "co" && a.state != AssignmentState::kReturned) assigned_on = a.assigned_on;
  std::string due = add_months(assigned_on, static_cast<int>(months));
  int64_t id = store::next_id(ctx.reader().sql(), "proposal_extensions");
  ctx.emit(p.body, "proposals.deadline_extended",
           Json{{"proposal_id", p.id},
                {"round", p.round},
                {"due_on", due},
                {"id", id},
                {"months", months},
                {"on", today(ctx)}});
  ctx.result() = Json{{"proposal_id", p.id}, {"due_on", due}};
  return Status::ok();
}

Status reply(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(auto unit, acting_unit(ctx, p, args));
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  PLENUM_ASSIGN_OR_RETURN(auto cls, one_of(args, "class", (rules)->reply_classes, "答复类别", "reply class"));
  PLENUM_ASSIGN_OR_RETURN(auto text, document_arg(args, "text", 100000));
  if (p.state == ProposalState::kClosed) return wrong_state(p, "办结后不能再答复", "no replies after it is closed");
  if (p.state != ProposalState::kAssigned && p.state != ProposalState::kRehandling)
    return wrong_state(p, "当前不需要答复", "no reply is due now");
  PLENUM_ASSIGN_OR_RETURN(auto a, current_assignment(ctx, p, unit));
  if (a.role == "co")
    return make_error(ErrorCode::kConflict, "会办单位向主办单位提出意见，不直接答复提案人",
                      "a co-handling unit gives its opinion to the lead; it does not reply", "args.unit_id");
  if (a.state == AssignmentState::kReplied)
    return make_error(ErrorCode::kConflict, "本单位已经答复", "this unit has already replied", "args.unit_id");
  bool complete = true;
  for (const auto& x : tables::assignments(ctx.reader(), p.id))
    if (x.round == p.round && x.role != "co" && x.state == AssignmentState::kAssigned && x.unit_id != unit)
      complete = false;
  ctx.emit(p.body, "proposals.replied",
           Json{{"proposal_id", p.id},
                {"round", p.round},
                {"unit_id", unit},
                {"class", cls},
                {"text", text},
                {"on", today(ctx)},
                {"complete", complete}});
  ctx.result() = Json{{"proposal_id", p.id}, {"state", complete ? ProposalState::kReplied : p.state}};
  return Status::ok();
}

Status rate(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_ASSIGN_OR_RETURN(
      auto rating, one_of(args, "rating", {"satisfied", "basically_satisfied", "dissatisfied"}, "评价", "rating"));
  PLENUM_ASSIGN_OR_RETURN(auto note, opt_text_arg(args, "note", 2000));
  if (!is_proposer(ctx, p))
    return make_error(ErrorCode::kForbidden, "只有提案人可以评价办理结果", "only a proposer may rate the handling",
                      "actor");
  // A merged proposal is answered through the one it was merged into.
  ProposalRecord handled = p;
  if (p.state == ProposalState::kMerged) {
    auto target = tables::proposal(ctx.reader(), p.merged_into);
    if (target) handled = *target;
  }
  if (handled.state != ProposalState::kReplied)
    return wrong_state(handled, "尚无待评价的答复", "there is no reply awaiting a rating");
  for (const auto& f : tables::feedback(ctx.reader(), p.id))
    if (f.round == handled.round && f.rater == ctx.actor())
      return make_error(ErrorCode::kConflict, "本轮答复已评价", "you have already rated this round's reply", "actor");
  PLENUM_ASSIGN_OR_RETURN(auto rules, rules_of(ctx, p.body));
  bool decides = p.state != ProposalState::kMerged && is_first_proposer(ctx, p);
  Json payload{{"proposal_id", p.id}, {"round", handled.round}, {"rating", rating}, {"note", note.value_or("")},
               {"on", today(ctx)},    {"decides", decides},     {"due_on", ""}};
  if (decides && rating == "dissatisfied")
    payload["due_on"] = add_months(today(ctx), static_cast<int>((rules)->rehandle_months));
  ctx.emit(p.body, "proposals.rated", payload);
  ProposalState state = !decides                   ? p.state
                        : rating == "dissatisfied" ? ProposalState::kRehandling
                                                   : ProposalState::kClosed;
  ctx.result() = Json{{"proposal_id", p.id}, {"state", state}};
  if (!payload["due_on"].get<std::string>().empty()) ctx.result()["due_on"] = payload["due_on"];
  return Status::ok();
}

Status select_key(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto p, proposal_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(p.body, {"secretariat", "presiding"}));
  if (p.outcome != "register" || p.state == ProposalState::kClosed)
    return wrong_state(p, "只有已立案、未办结的提案可以列为重点提案",
                       "only a registered proposal not yet closed can be selected as a key proposal");
  if (p.key) return make_error(ErrorCode::kConflict, "已是重点提案", "already a key proposal", "args.proposal_id");
  ctx.emit(p.body, "proposals.key_selected", Json{{"proposal_id", p.id}});
  ctx.result() = Json{{"proposal_id", p.id}, {"key", true}};
  return Status::ok();
}

Status record_supervision(ActionContext& ctx, const Json& args) {
  auto p = proposal_arg(ctx, args);
  if (!p) return p.error();
  PLENUM_TRY(ctx.require_role(p->body, {"secretariat", "presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto kind, one_of(args, "kind", {"consultation", "inspection", "visit", "other"}, "督办方式",
                                            "supervision kind"));
  PLENUM_ASSIGN_OR_RETURN(auto note, document_arg(args, "note", 20000));
  PLENUM_ASSIGN_OR_RETURN(auto on, date_arg(args, "on"));
  if (!p->key)
    return make_error(ErrorCode::kConflict, "只有重点提案记录督办活动", "supervision is recorded for key proposals",
                      "args.proposal_id");
  if (on > today(ctx))
    return invalid("args.on", "督办日期不能晚于今天", "the supervision date cannot be in the future");
  int64_t id = store::next_id(ctx.reader().sql(), "proposal_supervision");
  ctx.emit(p->body, "proposals.supervised",
           Json{{"proposal_id", p->id}, {"id", id}, {"kind", kind}, {"note", note}, {"on", on}});
  ctx.result() = Json{{"proposal_id", p->id}, {"supervision_id", id}};
  return Status::ok();
}

Status remind_overdue(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto body, req_string(args, "body", "args"));
  if (!assembly::tables::body(ctx.reader(), body)) return not_found("机构 " + body, "body " + body, "args.body");
  PLENUM_TRY(require_staff(ctx, body));
  Json items = Json::array();
  for (const auto& o : tables::overdue(ctx.reader(), body, today(ctx)))
    items.push_back(Json{{"proposal_id", o.assignment.proposal_id},
                         {"unit_id", o.assignment.unit_id},
                         {"role", o.assignment.role},
                         {"due_on", o.assignment.due_on}});
  ctx.result() = Json{{"reminded", items.size()}};
  if (items.empty()) return Status::ok();
  ctx.emit(body, "proposals.overdue_reminded", Json{{"as_of", today(ctx)}, {"items", items}});
  return Status::ok();
}

// ---- projections

void put_note(store::TableWriter& tx, const Event& e, int64_t proposal_id, const std::string& recipient,
              const std::string& zh, const std::string& en) {
  NotificationRecord n;
  n.id = store::next_id(tx.sql(), "notifications");
  n.body = e.body;
  n.recipient = recipient;
  n.proposal_id = proposal_id;
  n.kind = e.type;
  n.text_zh = zh;
  n.text_en = en;
  n.at = e.at;
  tables::put_notification(tx, n);
}

// Notifies a proposal's proposers, and (with_merged) those of the proposals merged into it.
void notify_proposers(store::TableWriter& tx, const Event& e, const ProposalRecord& p, const std::string& zh,
                      const std::string& en, bool with_merged) {
  std::vector<ProposalRecord> all{p};
  if (with_merged)
    for (auto& m : tables::merged_proposals(tx, p.id)) all.push_back(m);
  for (const auto& q : all) {
    std::string title = "《" + q.title + "》";
    for (const auto& r : proposer_recipients(q)) put_note(tx, e, q.id, r, title + zh, "\"" + q.title + "\": " + en);
  }
}

ProposalRecord must_proposal(store::TableWriter& tx, const Event& e) {
  auto p = tables::proposal(tx, e.payload["proposal_id"]);
  if (!p) throw store::StoreFailure(e.type + ": unknown proposal");
  return *p;
}

std::string unit_name(store::TableWriter& tx, int64_t id) {
  auto u = tables::handling_unit(tx, id);
  return u ? u->name_zh : std::to_string(id);
}

void register_projectors(ledger::Registry::Room r) {
  r.add_projector("proposals.unit_added", [](store::TableWriter& tx, const Event& e) {
    tables::put_handling_unit(tx, {e.payload["unit_id"], e.body, e.payload["name_zh"], e.payload["name_en"]});
  });
  r.add_projector("proposals.report_dated", [](store::TableWriter& tx, const Event& e) {
    tables::put_report(tx, {e.payload["session_id"], e.body, e.payload["as_of"]});
  });
  r.add_projector("proposals.account_linked", [](store::TableWriter& tx, const Event& e) {
    tables::put_unit_account(tx, e.payload["unit_id"], e.payload["username"]);
  });
  r.add_projector("proposals.submitted", [](store::TableWriter& tx, const Event& e) {
    const Json& j = e.payload;
    ProposalRecord p;
    p.id = j["proposal_id"];
    p.body = e.body;
    p.session_id = j["session_id"];
    p.title = j["title"];
    p.parts = canonical(j["parts"]);
    p.area = j["area"];
    p.proposer_kind = j["proposer_kind"];
    p.proposer_name = j["proposer_name"];
    p.first_proposer_id = j["first_proposer_id"];
    p.co_proposers = j["co_proposers"].get<std::vector<int64_t>>();
    p.stage = j["stage"];
    p.channel = j["channel"];
    p.submitted_on = j["submitted_on"];
    p.submitted_by = e.actor;
    p.state = ProposalState::kSubmitted;
    tables::put_proposal(tx, p);  // its signatures: motions projects this event too
    notify_proposers(tx, e, p, "已收到，等待审查。", "received; awaiting review.", false);
  });
  r.add_projector("proposals.cosigned", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    // The signature itself: motions projects this event too.
    if (e.payload.value("decision", "confirm") != "confirm") return;
    p.co_proposers.push_back(e.payload["member_id"]);
    tables::put_proposal(tx, p);
  });
  r.add_projector("proposals.reviewed", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    p.outcome = j["outcome"];
    p.state = state_after_review(p.outcome);
    p.reviewed_on = j["on"];
    p.reason = j["reason"].get<std::string>().empty() ? j["note"].get<std::string>() : j["reason"].get<std::string>();
    if (p.outcome == "register") p.number = j["number"];  // the series moves on: promulgation projects it
    p.merged_into = j["into_id"];
    tables::put_proposal(tx, p);
    std::string zh, en;
    if (p.outcome == "register") {
      zh = "已立案，提案号第" + std::to_string(p.number) + "号。";
      en = "registered as No. " + std::to_string(p.number) + ".";
    } else if (p.outcome == "merge") {
      auto target = tables::proposal(tx, p.merged_into);
      zh = "与第" + std::to_string(target ? target->number : 0) + "号提案《" + (target ? target->title : "") +
           "》并案办理，办理结果将一并答复您。";
      en = "merged with proposal No. " + std::to_string(target ? target->number : 0) +
           "; its replies will be sent to you as well.";
    } else if (p.outcome == "convert") {
      zh = "转为意见建议：" + j["note"].get<std::string>();
      en = "converted to a suggestion: " + j["note"].get<std::string>();
    } else if (p.outcome == "withdraw") {
      zh = "已撤案：" + j["note"].get<std::string>();
      en = "withdrawn: " + j["note"].get<std::string>();
    } else {
      zh = "不予立案，理由：" + j.value("reason_zh", p.reason) + "。";
      en = "not registered: " + j.value("reason_en", p.reason) + ".";
    }
    notify_proposers(tx, e, p, zh, en, false);
  });
  r.add_projector("proposals.assigned", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    p.state = ProposalState::kAssigned;
    p.handling = j["handling"];
    p.round = j["round"];
    tables::put_proposal(tx, p);
    std::string names;
    for (const auto& u : j["units"]) {
      AssignmentRecord a;
      a.proposal_id = p.id;
      a.unit_id = u["unit_id"];
      a.role = u["role"];
      a.round = p.round;
      a.assigned_on = j["assigned_on"];
      a.due_on = u["due_on"];
      a.state = AssignmentState::kAssigned;
      a.by = e.actor;
      tables::put_assignment(tx, a);
      std::string role_zh = a.role == "lead" ? "主办" : a.role == "co" ? "会办" : "分办";
      names += (names.empty() ? "" : "、") + unit_name(tx, a.unit_id) + "（" + role_zh + "）";
      put_note(tx, e, p.id, "unit:" + std::to_string(a.unit_id),
               "交办《" + p.title + "》（" + role_zh + "），请于 " + a.due_on + " 前" +
                   (a.role == "co" ? "向主办单位提出会办意见。" : "答复提案人。"),
               "assigned \"" + p.title + "\" (" + a.role + "); due " + a.due_on + ".");
    }
    notify_proposers(tx, e, p, "已交" + names + "办理。", "assigned for handling.", true);
  });
  r.add_projector("proposals.assignment_returned", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    bool reassign = j["reassign"];
    for (auto a : tables::assignments(tx, p.id)) {
      if (a.round != j["round"].get<int64_t>() || a.state == AssignmentState::kReturned) continue;
      if (a.unit_id == j["unit_id"].get<int64_t>()) {
        a.state = AssignmentState::kReturned;
        a.returned_reason = j["reason"];
        a.by = e.actor;
        tables::put_assignment(tx, a);
      } else if (reassign && a.state == AssignmentState::kAssigned) {
        // The lead gave it back: the co-handlers' part ends too until it is reassigned.
        a.state = AssignmentState::kReturned;
        a.returned_reason = "主办单位退回，待重新交办";
        tables::put_assignment(tx, a);
      }
    }
    if (reassign) {
      p.state = ProposalState::kRegistered;
      p.handling = "";
      tables::put_proposal(tx, p);
    }
    put_note(tx, e, p.id, "staff:" + p.body,
             unit_name(tx, j["unit_id"]) + "退回《" + p.title + "》：" + j["reason"].get<std::string>() +
                 (reassign ? "。请重新交办。" : "。"),
             "a handling unit returned \"" + p.title + "\": " + j["reason"].get<std::string>() +
                 (reassign ? ". Please reassign it." : "."));
  });
  r.add_projector("proposals.opinion_given", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    for (auto a : tables::assignments(tx, p.id)) {
      if (a.round != j["round"].get<int64_t>()) continue;
      if (a.unit_id == j["unit_id"].get<int64_t>()) {
        a.state = AssignmentState::kOpinionGiven;
        a.reply_text = j["text"];
        a.replied_on = j["on"];
        a.by = e.actor;
        tables::put_assignment(tx, a);
      } else if (a.role == "lead" && a.state != AssignmentState::kReturned) {
        put_note(tx, e, p.id, "unit:" + std::to_string(a.unit_id),
                 unit_name(tx, j["unit_id"]) + "对《" + p.title + "》提出了会办意见。",
                 "a co-handling unit gave its opinion on \"" + p.title + "\".");
      }
    }
  });
  r.add_projector("proposals.deadline_extended", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    tables::put_extension(tx, {j["id"], p.id, j["round"], j["months"], j["due_on"], j["on"], e.actor});
    for (auto a : tables::assignments(tx, p.id)) {
      if (a.round != e.payload["round"].get<int64_t>() || a.role == "co" || a.state != AssignmentState::kAssigned)
        continue;
      a.due_on = e.payload["due_on"];
      tables::put_assignment(tx, a);
      put_note(tx, e, p.id, "unit:" + std::to_string(a.unit_id), "《" + p.title + "》答复期限延长至 " + a.due_on + "。",
               "the reply to \"" + p.title + "\" is now due " + a.due_on + ".");
    }
  });
  r.add_projector("proposals.replied", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    for (auto a : tables::assignments(tx, p.id)) {
      if (a.round != j["round"].get<int64_t>() || a.unit_id != j["unit_id"].get<int64_t>()) continue;
      a.state = AssignmentState::kReplied;
      a.reply_class = j["class"];
      a.reply_text = j["text"];
      a.replied_on = j["on"];
      a.by = e.actor;
      tables::put_assignment(tx, a);
    }
    if (j["complete"]) {
      p.state = ProposalState::kReplied;
      if (p.replied_on.empty()) p.replied_on = j["on"];
      tables::put_proposal(tx, p);
      for (auto m : tables::merged_proposals(tx, p.id)) {
        if (m.replied_on.empty()) m.replied_on = j["on"];
        tables::put_proposal(tx, m);
      }
    }
    notify_proposers(
        tx, e, p, unit_name(tx, j["unit_id"]) + "已答复（" + j["class"].get<std::string>() + "类），请评价办理结果。",
        "replied (class " + j["class"].get<std::string>() + "); please rate the handling.", true);
  });
  r.add_projector("proposals.rated", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    const Json& j = e.payload;
    tables::put_feedback(tx, {p.id, j["round"], e.actor, j["rating"], j["note"], j["on"]});
    if (!j["decides"]) return;
    p.rating = j["rating"];
    if (p.rating != "dissatisfied") {
      p.state = ProposalState::kClosed;
      p.closed_on = j["on"];
      tables::put_proposal(tx, p);
      return;
    }
    // 不满意: the units that replied handle it again with a new deadline.
    int64_t round = p.round;
    p.state = ProposalState::kRehandling;
    p.round = round + 1;
    tables::put_proposal(tx, p);
    for (const auto& a : tables::assignments(tx, p.id)) {
      if (a.round != round || a.role == "co" || a.state != AssignmentState::kReplied) continue;
      AssignmentRecord next;
      next.proposal_id = p.id;
      next.unit_id = a.unit_id;
      next.role = a.role;
      next.round = p.round;
      next.assigned_on = j["on"];
      next.due_on = j["due_on"];
      next.state = AssignmentState::kAssigned;
      next.by = e.actor;
      tables::put_assignment(tx, next);
      put_note(
          tx, e, p.id, "unit:" + std::to_string(a.unit_id),
          "提案人对《" + p.title + "》的答复不满意，请重新办理，于 " + next.due_on + " 前再次答复。",
          "the proposer is dissatisfied with the reply to \"" + p.title + "\"; reply again by " + next.due_on + ".");
    }
  });
  r.add_projector("proposals.key_selected", [](store::TableWriter& tx, const Event& e) {
    auto p = must_proposal(tx, e);
    p.key = true;
    tables::put_proposal(tx, p);
    notify_proposers(tx, e, p, "已列为重点提案，由领导督办。", "selected as a key proposal.", false);
  });
  r.add_projector("proposals.supervised", [](store::TableWriter& tx, const Event& e) {
    const Json& j = e.payload;
    tables::put_supervision(tx, {j["id"], j["proposal_id"], j["kind"], j["note"], j["on"], e.actor});
  });
  r.add_projector("proposals.overdue_reminded", [](store::TableWriter& tx, const Event& e) {
    for (const auto& item : e.payload["items"]) {
      auto p = tables::proposal(tx, item["proposal_id"]);
      std::string title = p ? p->title : "";
      put_note(tx, e, item["proposal_id"], "unit:" + std::to_string(item["unit_id"].get<int64_t>()),
               "催办：《" + title + "》应于 " + item["due_on"].get<std::string>() + " 前" +
                   (item["role"] == "co" ? "提出会办意见" : "答复") + "，已逾期。",
               "reminder: \"" + title + "\" was due " + item["due_on"].get<std::string>() + " and is overdue.");
    }
  });
  register_import_projector(r);
}

}  // namespace

// The kinds this feature's actions take (each documented once in docs/openapi.json).
const ledger::Arg kProposalArea =
    ledger::Arg::kind("ProposalArea", {"economy", "politics", "culture", "society", "ecology"},
                      "The area the reports count by: economy 经济建设, politics 政治建设, culture "
                      "文化建设, society 社会建设, ecology 生态文明建设.");
const ledger::Arg kProposerKind = ledger::Arg::kind(
    "ProposerKind", rules::proposer_kinds(),
    "Who proposes: member 委员/代表 (individually or jointly), or a collective: party 党派, organisation "
    "人民团体, special_committee 专门委员会, sector 界别, group 界别小组/联组, delegation 代表团. The rulebook's "
    "proposals.proposers says which a body accepts; proposals.plenary_only those that propose only during the "
    "plenary.");
const ledger::Arg kProposalRating = ledger::Arg::kind(
    "ProposalRating", {"satisfied", "basically_satisfied", "dissatisfied"},
    "The proposer's rating of the handling: satisfied 满意, basically_satisfied 基本满意, dissatisfied 不满意 "
    "(the units handle it again).");
// Checked by proposals/import.cpp, which builds the rows from the import CSV.
const ledger::Arg kProposalImportRow =
    ledger::Arg::json("", "object", Json{{"$ref", "#/components/schemas/ProposalImportRow"}});

void register_feature(ledger::Registry& r) {
  register_routes(r);
  for (const char* type :
       {"proposals.unit_added", "proposals.account_linked", "proposals.cutoff_set", "proposals.report_dated",
        "proposals.submitted", "proposals.cosigned", "proposals.reviewed", "proposals.assigned",
        "proposals.assignment_returned", "proposals.opinion_given", "proposals.deadline_extended", "proposals.replied",
        "proposals.rated", "proposals.key_selected", "proposals.supervised", "proposals.overdue_reminded",
        "proposals.imported", "proposals.numbering_advanced"})
    r.add_event_view(type, proposal_event_view);
  r.add_action(
      "proposals.add_handling_unit",
      ledger::ArgSchema{
          ledger::Arg::body("body").required(),
          ledger::Arg::text("name_zh", 100).required().describe("The unit's Chinese name, unique in the body."),
          ledger::Arg::text("name_en", 200).describe("English name.")},
      add_handling_unit);
  r.add_action("proposals.link_account",
               ledger::ArgSchema{ledger::Arg::id("unit_id").required().describe("The handling unit."),
                                 ledger::Arg::string("username", 64, 1)
                                     .required()
                                     .describe("An existing account (accounts.create, usually without roles).")},
               link_account);
  r.add_action("proposals.set_cutoff",
               ledger::ArgSchema{ledger::Arg::id("session_id").required().describe("The session."),
                                 ledger::Arg::time("cutoff_at")
                                     .required()
                                     .describe("ISO 8601 time with offset, e.g. 2024-03-07T12:00+08:00.")},
               set_cutoff);
  r.add_action("proposals.set_report_date",
               ledger::ArgSchema{ledger::Arg::id("session_id").required().describe("The session the report covers."),
                                 ledger::Arg::date("as_of").required().describe(
                                     "The day its figures are taken on, from the session's opening to today.")},
               set_report_date);
  r.add_action(
      "proposals.submit",
      ledger::ArgSchema{
          ledger::Arg::id("session_id").required().describe("The session (its numbering series)."),
          ledger::Arg::text("title", 200).required().describe("案由."), kProposalArea.as("area").required(),
          ledger::Arg::object("parts", ledger::ArgSchema{ledger::Arg::string("facts", 1 << 20),
                                                         ledger::Arg::string("analysis", 1 << 20),
                                                         ledger::Arg::string("suggestions", 1 << 20)})
              .required()
              .describe("情况 facts, 分析 analysis, 具体建议 suggestions; each trimmed text. Those in the rulebook's "
                        "proposals.required_parts must be non-empty (422; CPPCC: all three, NPC: suggestions). Title "
                        "and parts together at most max_text_bytes (30000 bytes; else 413)."),
          ledger::Arg::array("member_ids", ledger::Arg::id(""), 1, 1000)
              .describe(
                  "Members: the first proposer first, then co-proposers (联名), distinct members of the body sitting "
                  "today (or on the session's first day, before it). More than one only where the rulebook allows "
                  "joint proposals. A member submitting from their own account lists themselves first."),
          ledger::Arg::object(
              "collective",
              ledger::ArgSchema{
                  kProposerKind.as("kind").required(),
                  ledger::Arg::text("name", 100).required().describe("The collective's name, e.g. 民盟中央.")})
              .describe("A collective proposal (加盖公章): recorded by the secretariat."),
          ledger::Arg::choice("channel", {"online", "paper"}),
          ledger::Arg::string("paper_form", 400)
              .describe("Recorded by the secretariat: the signed paper form's reference; its co-proposers then count. "
                        "Required with co-proposers (the system actor may omit it). A member's co-proposers are asked "
                        "instead and join once they confirm (proposals.cosign).")}
          .exactly_one_of({"member_ids", "collective"})
          .describe("Exactly one of member_ids, collective; null counts as absent."),
      submit);
  r.add_action("proposals.cosign",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                                 ledger::Arg::choice("decision", {"confirm", "decline"})
                                     .describe("confirm joins (also unasked); decline answers a request to co-sign.")},
               cosign);
  r.add_action(
      "proposals.review",
      ledger::ArgSchema{
          ledger::Arg::id("proposal_id").required().describe("The proposal."),
          ledger::Arg::choice("outcome", {"register", "merge", "convert", "withdraw", "reject"})
              .required()
              .describe("register 立案 (numbered in the session's series), merge 并案 (into_id), convert 转为意见建议 "
                        "(note), withdraw 撤案 (note), reject 不予立案 (reason). Only those the rulebook's "
                        "proposals.outcomes lists (else 400)."),
          ledger::Arg::id("into_id").describe(
              "merge: a registered, not closed proposal of the same body; its replies go to this one's proposers too."),
          ledger::Arg::string("reason", 64, 1)
              .describe("reject: the id of one of the rulebook's proposals.rejection_reasons (GET "
                        "/api/v1/rulebooks/{id}), e.g. personal, no_content."),
          ledger::Arg::text("note", 500).describe("Why; required for convert and withdraw.")},
      review);
  r.add_action("proposals.withdraw",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                                 ledger::Arg::text("note", 500).describe("Why (default 提案人撤回).")},
               withdraw);
  r.add_action("proposals.assign",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                                 ledger::Arg::id("lead_unit_id").describe("The lead unit (主办)."),
                                 ledger::Arg::array("co_unit_ids", ledger::Arg::id(""), 0, 100)
                                     .describe("With lead_unit_id: co-handling units (会办), which give their opinion "
                                               "to the lead within co_opinion_months."),
                                 ledger::Arg::array("split_unit_ids", ledger::Arg::id(""), 2, 100)
                                     .describe("Split handling (分办): two or more units, each replying for its part.")}
                   .exactly_one_of({"lead_unit_id", "split_unit_ids"})
                   .describe("Exactly one of lead_unit_id (with co_unit_ids?) and split_unit_ids."),
               assign);
  r.add_action(
      "proposals.return_assignment",
      ledger::ArgSchema{
          ledger::Arg::id("proposal_id").required().describe("The proposal."),
          ledger::Arg::id("unit_id").required().describe("The handling unit the caller acts for; the caller's account "
                                                         "must be linked to it (proposals.link_account)."),
          ledger::Arg::text("reason", 500).required().describe("Why it is not this unit's to handle.")},
      return_assignment);
  r.add_action("proposals.give_opinion",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                                 ledger::Arg::id("unit_id").required().describe(
                                     "The handling unit the caller acts for; the caller's account must be linked to it "
                                     "(proposals.link_account)."),
                                 ledger::Arg::document("text", 30000)
                                     .required()
                                     .describe("The co-handling opinion (会办意见), for the lead unit. Non-empty text, "
                                               "may span lines; at most 30000 bytes.")},
               give_opinion);
  r.add_action("proposals.extend",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                                 ledger::Arg::id("months").required().describe(
                                     "The new deadline in months after assignment: more than reply_months, at most "
                                     "max_reply_months (CPPCC 4-6).")},
               extend);
  r.add_action(
      "proposals.reply",
      ledger::ArgSchema{
          ledger::Arg::id("proposal_id").required().describe("The proposal."),
          ledger::Arg::id("unit_id").required().describe("The handling unit the caller acts for; the caller's account "
                                                         "must be linked to it (proposals.link_account)."),
          ledger::Arg::string("class", 64, 1)
              .required()
              .describe("One of the rulebook's reply_classes (CPPCC, NPC: A solved or basically solved, B being solved "
                        "or planned, C cannot be solved now owing to conditions).")
              .example("A"),
          ledger::Arg::document("text", 100000)
              .required()
              .describe("The reply (答复) to the proposers. Non-empty text, may span lines; at most 100000 bytes.")},
      reply);
  r.add_action(
      "proposals.rate",
      ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                        kProposalRating.as("rating").required(), ledger::Arg::text("note", 2000).describe("Comment.")},
      rate);
  r.add_action("proposals.select_key",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal.")}, select_key);
  r.add_action("proposals.record_supervision",
               ledger::ArgSchema{ledger::Arg::id("proposal_id").required().describe("The proposal."),
                                 ledger::Arg::choice("kind", {"consultation", "inspection", "visit", "other"})
                                     .required()
                                     .describe("consultation, inspection, visit or other."),
                                 ledger::Arg::document("note", 20000)
                                     .required()
                                     .describe("What was done. Non-empty text, may span lines; at most 20000 bytes."),
                                 ledger::Arg::date("on").required().describe("Not in the future.")},
               record_supervision);
  r.add_action("proposals.remind_overdue", ledger::ArgSchema{ledger::Arg::body("body").required()}, remind_overdue);
  r.add_action(
      "proposals.import",
      ledger::ArgSchema{
          ledger::Arg::id("session_id")
              .required()
              .describe("The session whose numbering the registered rows use; the body is its body."),
          ledger::Arg::array("rows", kProposalImportRow.as(""), 1, 1000000)
              .required()
              .describe("POST /api/v1/bodies/{body}/proposals/import?session_id= builds these from a CSV file.")},
      import_proposals);
  register_projectors(r.add_room(tables::slice()));
}

}  // namespace plenum::proposals
