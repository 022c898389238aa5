#include "motions/motions.h"

#include <algorithm>
#include <map>
#include <set>

#include "assembly/assembly.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "motions/tables.h"
#include "promulgation/tables.h"
#include "rules/rulebook.h"
#include "voting/tables.h"

namespace plenum::motions {
namespace {

using ledger::ActionContext;
using ledger::Event;

Error wrong_state(const MotionRecord& m, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kConflict, "议案当前状态为 " + name_of(m.state) + "，" + zh,
                    "the motion is " + name_of(m.state) + "; " + en, "args.motion_id");
}

std::string kind_zh(const std::string& kind) {
  for (const auto& k : rules::motion_kinds())
    if (k[0] == kind) return k[1];
  return kind;
}

// Distinct member ids from an array argument.
Result<std::vector<int64_t>> id_list(const Json& args, const char* key) {
  PLENUM_ASSIGN_OR_RETURN(auto arr, req_array(args, key, "args"));
  std::string field = field_path("args", key);
  if ((arr)->size() > 100000) return invalid(field, field + " 过长", field + " is too long");
  std::vector<int64_t> ids;
  std::set<int64_t> seen;
  for (size_t i = 0; i < (arr)->size(); ++i) {
    const Json& v = (*arr)[i];
    std::string at = field + "[" + std::to_string(i) + "]";
    if (!v.is_number_integer()) return invalid(at, at + " 应为整数", at + " must be an integer");
    if (!seen.insert(v.get<int64_t>()).second)
      return make_error(ErrorCode::kConflict, "成员 " + std::to_string(v.get<int64_t>()) + " 重复列出",
                        "member " + std::to_string(v.get<int64_t>()) + " is listed twice", at);
    ids.push_back(v.get<int64_t>());
  }
  return ids;
}

// The date on which "all members" of a submission are counted: the session's first day.
std::string base_date(const assembly::SessionRecord& session) { return session.opens_on; }

// Checks that every id names a member of `body` sitting on `date`; returns the records.
Result<std::vector<assembly::MemberRecord>> sitting_members(store::Reader& tx, const std::string& body,
                                                            const std::vector<int64_t>& ids, const std::string& date,
                                                            const std::string& field) {
  std::vector<assembly::MemberRecord> out;
  assembly::MemberFilter f;
  f.body = body;
  f.sitting_on = date;
  for (size_t i = 0; i < ids.size(); ++i) {
    auto m = assembly::tables::member(tx, ids[i]);
    std::string at = field + "[" + std::to_string(i) + "]";
    if (!m || m->body != body)
      return not_found("成员 " + std::to_string(ids[i]), "member " + std::to_string(ids[i]), at);
    if (!assembly::matches(f, *m))
      return make_error(ErrorCode::kRuleViolation, m->name + " 在 " + date + " 不是在任成员",
                        m->name + " is not a sitting member on " + date, at);
    out.push_back(*m);
  }
  return out;
}

struct Submitter {
  std::string kind;                // organ | delegations | members
  std::string name;                // organ id, or delegation names joined by ','
  std::vector<int64_t> signers;    // whose signature counts now
  std::vector<int64_t> requested;  // listed, asked to co-sign from their own accounts
  std::string paper_form;          // the signed paper form the secretariat recorded them from
  bool on_paper = false;           // recorded by the secretariat (or loaded by the system)
};

// Whether `n` members' signatures meet the rule for the kind; `want`: how many it takes.
bool members_suffice(ActionContext& ctx, const rules::SubmissionRule& rule, const assembly::BodyRecord& body,
                     const assembly::SessionRecord& session, int64_t n, int64_t* want) {
  int64_t needed = rule.members_needed(body.level);
  bool by_count = needed > 0 && n >= needed;
  bool by_fraction = false;
  int64_t fraction_min = 0;
  if (rule.members_fraction) {
    assembly::MemberFilter f;
    f.body = body.id;
    f.sitting_on = base_date(session);
    rules::Threshold t{rules::Comparison::kAtLeast, *rule.members_fraction, rules::Base::kAllMembers, rule.citation};
    int64_t all = assembly::tables::count_members(ctx.reader(), f);
    fraction_min = t.minimum(all);
    by_fraction = t.met(n, all);
  }
  *want = needed > 0 ? needed : fraction_min;
  if (needed > 0 && rule.members_fraction) *want = std::min(needed, fraction_min);
  return by_count || by_fraction;
}

// Applies the rulebook's submission rule for the motion kind to whoever submits.
Result<Submitter> check_submitter(ActionContext& ctx, const rules::Rulebook& book, const assembly::BodyRecord& body,
                                  const assembly::SessionRecord& session, const std::string& kind, const Json& args) {
  const rules::SubmissionRule& rule = book.submission_for(kind);
  int routes = 0;
  for (const char* k : {"organ", "delegations", "member_ids"})
    if (args.contains(k) && !args[k].is_null()) ++routes;
  if (routes != 1)
    return invalid("args.organ", "须且只须给出 organ、delegations、member_ids 之一（提案人）",
                   "give exactly one of organ, delegations, member_ids (who submits)");
  Submitter s;
  std::string noun_zh = book.member_noun_zh;
  if (args.contains("organ") && !args["organ"].is_null()) {
    PLENUM_ASSIGN_OR_RETURN(auto organ, req_string(args, "organ", "args"));
    if (!rules::is_organ(organ)) return invalid("args.organ", "未知的机关 " + organ, "unknown organ " + organ);
    if (std::find(rule.organs.begin(), rule.organs.end(), organ) == rule.organs.end())
      return rules::violation(organ + " 无权提出" + kind_zh(kind), organ + " may not submit a " + kind, rule.citation,
                              "args.organ");
    if (!ctx.has_role(session.body, {"secretariat", "presiding"}))
      return make_error(ErrorCode::kForbidden, "机关提出的议案由秘书处或主持人登记",
                        "an organ's submission is recorded by the secretariat or the presiding role", "actor");
    s.kind = "organ";
    s.name = organ;
    return s;
  }
  std::string date = base_date(session);
  if (args.contains("delegations") && !args["delegations"].is_null()) {
    if (rule.delegations == 0)
      return rules::violation("代表团不能提出" + kind_zh(kind), "a delegation may not submit a " + kind, rule.citation,
                              "args.delegations");
    if (!ctx.has_role(session.body, {"secretariat", "presiding"}))
      return make_error(ErrorCode::kForbidden, "代表团提出的议案由秘书处登记",
                        "a delegation's submission is recorded by the secretariat", "actor");
    PLENUM_ASSIGN_OR_RETURN(auto names, req_array(args, "delegations", "args"));
    PLENUM_ASSIGN_OR_RETURN(auto agreeing, id_list(args, "agreeing_member_ids"));
    PLENUM_ASSIGN_OR_RETURN(auto members,
                            sitting_members(ctx.reader(), body.id, agreeing, date, "args.agreeing_member_ids"));
    std::map<int64_t, int64_t> agree_by_unit;
    for (const auto& m : members) ++agree_by_unit[m.unit_id];
    std::set<int64_t> units;
    std::vector<std::string> unit_names;
    for (size_t i = 0; i < (names)->size(); ++i) {
      std::string at = "args.delegations[" + std::to_string(i) + "]";
      if (!(*names)[i].is_string()) return invalid(at, at + " 应为代表团名称", at + " must be a delegation name");
      auto unit = assembly::tables::unit_by_name(ctx.reader(), body.id, (*names)[i].get<std::string>());
      if (!unit)
        return not_found("代表团 " + (*names)[i].get<std::string>(), "delegation " + (*names)[i].get<std::string>(),
                         at);
      if (!units.insert(unit->id).second)
        return make_error(ErrorCode::kConflict, "代表团重复列出", "a delegation is listed twice", at);
      assembly::MemberFilter f;
      f.body = body.id;
      f.sitting_on = date;
      f.unit_ids = {unit->id};
      int64_t all = assembly::tables::count_members(ctx.reader(), f);
      int64_t yes = agree_by_unit[unit->id];
      // More than half of ALL the delegation's members (议事规则 12).
      if (2 * yes <= all)
        return rules::violation(unit->name + "代表团全体" + std::to_string(all) + "名代表中同意的只有" +
                                    std::to_string(yes) + "名，未过半数",
                                "only " + std::to_string(yes) + " of the " + std::to_string(all) + " members of the " +
                                    unit->name + " delegation agree, not more than half",
                                rule.citation, at);
      unit_names.push_back(unit->name);
    }
    for (const auto& m : members)
      if (!units.count(m.unit_id))
        return invalid("args.agreeing_member_ids", m.name + " 不属于所列代表团",
                       m.name + " is not in a listed delegation");
    if (static_cast<int64_t>(units.size()) < rule.delegations)
      return rules::violation(
          "须有" + std::to_string(rule.delegations) + "个代表团联名，只有" + std::to_string(units.size()) + "个",
          std::to_string(rule.delegations) + " delegations must submit jointly, " + std::to_string(units.size()) +
              " did",
          rule.citation, "args.delegations");
    s.kind = "delegations";
    for (const auto& n : unit_names) s.name += (s.name.empty() ? "" : ",") + n;
    s.signers = agreeing;
    return s;
  }
  PLENUM_ASSIGN_OR_RETURN(auto ids, id_list(args, "member_ids"));
  PLENUM_ASSIGN_OR_RETURN(auto members, sitting_members(ctx.reader(), body.id, ids, date, "args.member_ids"));
  // A member lists themselves first; the others listed are asked, and count once they confirm
  // from their own accounts. The secretariat records a joint submission from its signed paper
  // form (联名表), whose reference it gives, and then every listed signature counts.
  bool staff = ctx.has_role(session.body, {"secretariat", "presiding"});
  std::optional<std::string> form;
  if (!staff) {
    int64_t me = ctx.actor_member_id();
    if (!ctx.has_role(session.body, {"member"}) || ids.empty() || ids.front() != me)
      return make_error(ErrorCode::kForbidden, "成员提出议案时须列本人为第一提案人",
                        "a member submitting lists themselves first", "args.member_ids");
    if (args.contains("paper_form"))
      return make_error(ErrorCode::kForbidden, "纸质联名表由秘书处登记", "the secretariat records a paper form",
                        "args.paper_form");
  } else {
    auto f = opt_text_arg(args, "paper_form", 100);
    if (!f) return f.error();
    // The system actor (the operator's CLI, the demo loader) loads records: it may omit it.
    if (!*f && ids.size() > 1 && ctx.actor() != ledger::kSystemActor)
      return invalid("args.paper_form", "秘书处登记联名议案须给出纸质联名表的编号",
                     "the secretariat records joint signatures with the paper form's reference");
    form = *f;
  }
  int64_t n = static_cast<int64_t>(ids.size());
  int64_t want = 0;
  if (!members_suffice(ctx, rule, body, session, n, &want)) {
    if (rule.members_needed(body.level) == 0 && !rule.members_fraction)
      return rules::violation(noun_zh + "联名不能提出" + kind_zh(kind), "members may not jointly submit a " + kind,
                              rule.citation, "args.member_ids");
    return rules::violation(
        "联名" + noun_zh + std::to_string(n) + "人，不足" + std::to_string(want) + "人",
        std::to_string(n) + " " + book.member_noun_en + " signed; " + std::to_string(want) + " are needed",
        rule.citation, "args.member_ids");
  }
  s.kind = "members";
  if (staff) {
    s.signers = ids;
    s.paper_form = form.value_or("");
    s.on_paper = true;
  } else {
    s.signers = {ids.front()};
    s.requested.assign(ids.begin() + 1, ids.end());
  }
  return s;
}

// 案由, 案据, 方案: {subject, grounds, solution}.
Result<std::string> sections_arg(const Json& args, bool required) {
  if (!args.contains("sections") || args["sections"].is_null()) {
    if (required)
      return invalid("args.sections", "代表提出的议案须写明案由、案据和方案",
                     "a members' bill states its subject, grounds and solution (案由, 案据, 方案)");
    return std::string();
  }
  const Json& sec = args["sections"];
  if (!sec.is_object()) return invalid("args.sections", "sections 应为对象", "sections must be an object");
  Json out = Json::object();
  static const char* const kZh[] = {"案由", "案据", "方案"};
  int i = 0;
  for (const char* k : {"subject", "grounds", "solution"}) {
    std::string field = std::string("args.sections.") + k;
    if (!sec.contains(k) || sec[k].is_null()) {
      if (required)
        return invalid(field, std::string("缺少") + kZh[i], std::string("missing ") + k + " (" + kZh[i] + ")");
      ++i;
      continue;
    }
    if (!sec[k].is_string() || trim(sec[k].get<std::string>()).empty() || sec[k].get<std::string>().size() > 200000)
      return invalid(field, std::string(kZh[i]) + "应为非空文本", field + " must be non-empty text");
    out[k] = sec[k];
    ++i;
  }
  return canonical(out);
}

// Agenda items: existing motions of the session, or titled items.
Result<std::string> items_arg(ActionContext& ctx, const Json& args, int64_t session_id) {
  PLENUM_ASSIGN_OR_RETURN(auto arr, req_array(args, "items", "args"));
  if ((arr)->empty() || (arr)->size() > 500)
    return invalid("args.items", "议程须有1到500项", "an agenda has 1 to 500 items");
  Json out = Json::array();
  for (size_t i = 0; i < (arr)->size(); ++i) {
    const Json& it = (*arr)[i];
    std::string at = "args.items[" + std::to_string(i) + "]";
    if (!it.is_object()) return invalid(at, at + " 应为对象", at + " must be an object");
    if (it.contains("motion_id")) {
      PLENUM_ASSIGN_OR_RETURN(auto id, req_int(it, "motion_id", at));
      auto m = tables::motion(ctx.reader(), id);
      if (!m || m->session_id != session_id || m->kind == "agenda")
        return not_found("本次会议的议案 " + std::to_string(id), "motion " + std::to_string(id) + " of this session",
                         at + ".motion_id");
      out.push_back(Json{{"motion_id", id}, {"title_zh", m->title_zh}, {"title_en", m->title_en}});
    } else {
      auto zh = text_arg(it, "title_zh", 300);
      if (!zh) {
        Error e = zh.error();
        e.field = at + ".title_zh";
        return e;
      }
      PLENUM_ASSIGN_OR_RETURN(auto en, opt_text_arg(it, "title_en", 300));
      out.push_back(Json{{"title_zh", *zh}, {"title_en", en.value_or("")}});
    }
  }
  return canonical(out);
}

Status submit(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto session_id, req_int(args, "session_id", "args"));
  auto session = assembly::tables::session(ctx.reader(), session_id);
  if (!session)
    return not_found("会议 " + std::to_string(session_id), "session " + std::to_string(session_id), "args.session_id");
  PLENUM_ASSIGN_OR_RETURN(auto kind, req_string(args, "kind", "args"));
  if (!rules::is_motion_kind(kind))
    return invalid("args.kind", "未知的议案类型 " + kind, "unknown motion kind " + kind);
  PLENUM_ASSIGN_OR_RETURN(auto title_zh, text_arg(args, "title_zh", 300));
  PLENUM_ASSIGN_OR_RETURN(auto title_en, opt_text_arg(args, "title_en", 300));
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(session->body));
  auto body = assembly::tables::body(ctx.reader(), session->body);
  PLENUM_ASSIGN_OR_RETURN(auto who, check_submitter(ctx, *book, *body, *session, kind, args));
  const rules::SubmissionRule& rule = (book)->submission_for(kind);
  bool member_bill = who.kind != "organ" && (kind == "bill" || kind == "draft_law");
  PLENUM_ASSIGN_OR_RETURN(auto sections, sections_arg(args, member_bill && rule.sections_required));
  std::string items;
  int64_t sitting_id = 0;
  if (kind == "agenda") {
    PLENUM_ASSIGN_OR_RETURN(auto it, items_arg(ctx, args, session_id));
    items = it;
    if (args.contains("sitting_id") && !args["sitting_id"].is_null()) {
      PLENUM_ASSIGN_OR_RETURN(auto sitting, assembly::sitting_arg(ctx, args));
      if (sitting.session_id != session_id)
        return invalid("args.sitting_id", "该会议不属于本次会议", "the sitting is not part of this session");
      sitting_id = sitting.id;
    }
  } else if (args.contains("items") || args.contains("sitting_id")) {
    return invalid(args.contains("items") ? "args.items" : "args.sitting_id", "只有议程才有 items 和 sitting_id",
                   "only an agenda has items and sitting_id");
  }
  std::string text;
  if (args.contains("text") && !args["text"].is_null()) {
    PLENUM_ASSIGN_OR_RETURN(auto t, document_arg(args, "text"));
    text = t;
  }
  int64_t id = store::next_id(ctx.reader().sql(), "motions");
  Json signers = who.signers;
  // Until the confirmed signatures meet the rule, the motion awaits them and is not submitted.
  int64_t want = 0;
  bool complete = who.kind != "members" ||
                  members_suffice(ctx, rule, *body, *session, static_cast<int64_t>(who.signers.size()), &want);
  Json payload{{"motion_id", id},
               {"session_id", session_id},
               {"sitting_id", sitting_id},
               {"kind", kind},
               {"title_zh", title_zh},
               {"title_en", title_en.value_or("")},
               {"submitter_kind", who.kind},
               {"submitter", who.name},
               {"signers", signers},
               {"sections", sections},
               {"items", items},
               {"text", text},
               {"parent_id", 0},
               {"clause", ""}};
  if (who.kind == "members") {
    payload["state"] = complete ? "submitted" : "awaiting_signatures";
    payload["requested"] = who.requested;
    payload["signed_via"] = who.on_paper ? "paper" : "submitter";
    payload["paper_form"] = who.paper_form;
  }
  ctx.emit(session->body, "motions.submitted", std::move(payload));
  ctx.result()["motion_id"] = id;
  ctx.result()["state"] = complete ? "submitted" : "awaiting_signatures";
  return Status::ok();
}

Result<MotionRecord> presiding_motion(ActionContext& ctx, const Json& args, std::initializer_list<const char*> roles) {
  PLENUM_ASSIGN_OR_RETURN(auto m, motion_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(m.body, roles));
  return m;
}

void emit_state(ActionContext& ctx, const MotionRecord& m, const std::string& state, Json extra = Json::object()) {
  extra["motion_id"] = m.id;
  extra["state"] = state;
  ctx.emit(m.body, "motions.state_changed", std::move(extra));
}

Status place_on_agenda(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding"}));
  if (m.state != MotionState::kSubmitted && m.state != MotionState::kReferred)
    return wrong_state(m, "只有已提出或已交付审议的议案可以列入议程",
                       "only a submitted or referred motion can be placed on the agenda");
  emit_state(ctx, m, "on_agenda");
  ctx.result()["state"] = "on_agenda";
  return Status::ok();
}

Status refer(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto to, text_arg(args, "to"));
  if (m.state != MotionState::kSubmitted)
    return wrong_state(m, "只有刚提出的议案可以交付审议", "only a just-submitted motion can be referred");
  emit_state(ctx, m, "referred", Json{{"referred_to", to}});
  ctx.result()["state"] = "referred";
  return Status::ok();
}

Status begin_deliberation(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding", "secretariat"}));
  if (m.state != MotionState::kOnAgenda)
    return wrong_state(m, "只有列入议程的议案可以开始审议", "only a motion on the agenda can go to deliberation");
  emit_state(ctx, m, "deliberation");
  ctx.result()["state"] = "deliberation";
  return Status::ok();
}

Status add_version(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding", "secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto stage, req_string(args, "stage", "args"));
  if (stage != "revised" && stage != "voting")
    return invalid("args.stage", "stage 应为 revised（修改稿）或 voting（表决稿）", "stage must be revised or voting");
  if (stage == "voting") PLENUM_TRY(ctx.require_role(m.body, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto text, document_arg(args, "text"));
  PLENUM_ASSIGN_OR_RETURN(auto note, text_arg(args, "note", 2000));
  if (m.state != MotionState::kOnAgenda && m.state != MotionState::kDeliberation)
    return wrong_state(m, "只有列入议程或审议中的议案可以修改文本",
                       "only a motion on the agenda or in deliberation gets new versions");
  auto versions = tables::motion_versions(ctx.reader(), m.id);
  if (!versions.empty() && versions.back().stage == "voting")
    return make_error(ErrorCode::kConflict, "表决稿已提出，不能再修改", "the voting draft is final", "args.stage");
  int64_t number = versions.empty() ? 1 : versions.back().number + 1;
  ctx.emit(m.body, "motions.version_added",
           Json{{"motion_id", m.id}, {"number", number}, {"stage", stage}, {"text", text}, {"note", note}});
  ctx.result()["number"] = number;
  return Status::ok();
}

Status split_clause(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding"}));
  if (m.parent_id != 0) return invalid("args.motion_id", "条款不能再拆分", "a clause cannot be split again");
  if (m.state != MotionState::kOnAgenda && m.state != MotionState::kDeliberation)
    return wrong_state(m, "只有审议中的议案可以对条款单独表决",
                       "only a motion in deliberation can have clauses voted separately");
  PLENUM_ASSIGN_OR_RETURN(auto clause, text_arg(args, "clause", 100));
  for (const auto& c : tables::clauses(ctx.reader(), m.id))
    if (c.clause == clause)
      return make_error(ErrorCode::kConflict, clause + " 已单独交付表决", clause + " is already put separately",
                        "args.clause");
  PLENUM_ASSIGN_OR_RETURN(auto text, document_arg(args, "text"));
  int64_t id = store::next_id(ctx.reader().sql(), "motions");
  ctx.emit(m.body, "motions.submitted",
           Json{{"motion_id", id},
                {"session_id", m.session_id},
                {"sitting_id", 0},
                {"kind", m.kind},
                {"title_zh", m.title_zh + "（" + clause + "）"},
                {"title_en", m.title_en.empty() ? "" : m.title_en + " (" + clause + ")"},
                {"submitter_kind", "organ"},
                {"submitter", "presidium"},
                {"signers", Json::array()},
                {"sections", ""},
                {"items", ""},
                {"text", text},
                {"parent_id", m.id},
                {"clause", clause},
                {"state", "deliberation"}});
  ctx.result()["motion_id"] = id;
  return Status::ok();
}

Status withdraw(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto reason, text_arg(args, "reason", 1000));
  if (m.state == MotionState::kVoting || m.state == MotionState::kAdopted || m.state == MotionState::kNotAdopted ||
      m.state == MotionState::kWithdrawn)
    return wrong_state(m, "交付表决后不能撤回", "a motion cannot be withdrawn once put to the vote");
  emit_state(ctx, m, "withdrawn", Json{{"reason", reason}});
  ctx.result()["state"] = "withdrawn";
  return Status::ok();
}

// A signature asked for on a joint motion, given (or declined) from the member's own account,
// or recorded by the secretariat from the signed paper form. Once the confirmed signatures meet
// the rule, the motion is submitted.
Status give_signature(ActionContext& ctx, const MotionRecord& m, int64_t member_id, const std::string& decision,
                      const std::string& via, const std::string& form_ref, const std::string& field) {
  if (m.state != MotionState::kAwaitingSignatures && m.state != MotionState::kSubmitted)
    return wrong_state(m, "联名已经结束", "signatures are no longer taken");
  auto signatures = tables::cosignatures(ctx.reader(), "motion", m.id);
  auto mine =
      std::find_if(signatures.begin(), signatures.end(), [&](const auto& c) { return c.member_id == member_id; });
  if (mine == signatures.end() || mine->state != CosignatureState::kRequested)
    return make_error(ErrorCode::kConflict, "该成员没有待确认的联名请求",
                      "no signature of this member is awaiting confirmation", field);
  ctx.emit(
      m.body, "motions.cosigned",
      Json{
          {"motion_id", m.id}, {"member_id", member_id}, {"decision", decision}, {"via", via}, {"form_ref", form_ref}});
  ctx.result() = Json{{"motion_id", m.id}, {"member_id", member_id}, {"decision", decision}};
  if (decision != "confirm" || m.state != MotionState::kAwaitingSignatures) {
    ctx.result()["state"] = m.state;
    return Status::ok();
  }
  int64_t confirmed = 1;  // this one
  for (const auto& c : signatures) confirmed += c.state == CosignatureState::kConfirmed;
  auto session = assembly::tables::session(ctx.reader(), m.session_id);
  auto body = assembly::tables::body(ctx.reader(), m.body);
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(m.body));
  int64_t want = 0;
  bool complete = members_suffice(ctx, (book)->submission_for(m.kind), *body, *session, confirmed, &want);
  if (complete) emit_state(ctx, m, "submitted", Json::object());
  ctx.result()["state"] = complete ? "submitted" : "awaiting_signatures";
  ctx.result()["confirmed"] = confirmed;
  ctx.result()["needed"] = want;
  return Status::ok();
}

Status cosign(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, motion_arg(ctx, args));
  int64_t me = ctx.actor_member_id();
  if (!me || !ctx.has_role(m.body, {"member"}))
    return make_error(ErrorCode::kForbidden, "只有被请求联名的成员本人可以确认", "only the member asked may confirm",
                      "actor");
  PLENUM_ASSIGN_OR_RETURN(auto decision, opt_string(args, "decision", "args"));
  std::string d = decision.value_or("confirm");
  if (d != "confirm" && d != "decline")
    return invalid("args.decision", "decision 应为 confirm（同意联名）或 decline（不同意）",
                   "decision must be confirm or decline");
  return give_signature(ctx, m, me, d, "account", "", "actor");
}

Status record_paper_signature(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, motion_arg(ctx, args));
  PLENUM_TRY(ctx.require_role(m.body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto member, req_int(args, "member_id", "args"));
  PLENUM_ASSIGN_OR_RETURN(auto form, text_arg(args, "form_ref", 100));
  return give_signature(ctx, m, member, "confirm", "paper", form, "args.member_id");
}

Status adopt_by_applause(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto m, presiding_motion(ctx, args, {"presiding"}));
  PLENUM_ASSIGN_OR_RETURN(auto sitting, assembly::sitting_arg(ctx, args));
  if (sitting.session_id != m.session_id)
    return invalid("args.sitting_id", "该会议不属于本次会议", "the sitting is not part of the motion's session");
  if (sitting.state != assembly::SittingState::kOpen)
    return make_error(ErrorCode::kConflict, "会议未在进行中", "the sitting is not open", "args.sitting_id");
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(m.body));
  const auto& kinds = (book)->voting.applause_kinds;
  if (std::find(kinds.begin(), kinds.end(), m.kind) == kinds.end())
    return rules::violation(kind_zh(m.kind) + "须经表决，不能鼓掌通过",
                            "a " + m.kind + " must be put to the vote, not adopted by applause",
                            (book)->voting.citation, "args.motion_id");
  if (!open_to_vote(m))
    return wrong_state(m, "只有列入议程或审议中的议案可以通过",
                       "only a motion on the agenda or in deliberation can be adopted");
  emit_state(ctx, m, "adopted", Json{{"decided_how", "applause"}, {"sitting_id", sitting.id}});
  ctx.result()["state"] = "adopted";
  return Status::ok();
}

void register_projectors(ledger::Registry::Room r) {
  // What other features' events do to motions and to the signatures of proposals.
  r.add_projector("voting.poll_opened", [](store::TableWriter& tx, const Event& e) {
    auto m = tables::motion(tx, e.payload["motion_id"]);
    if (!m) throw store::StoreFailure("voting.poll_opened: unknown motion");
    m->state = MotionState::kVoting;
    tables::put_motion(tx, *m);
  });
  r.add_projector("voting.poll_closed", [](store::TableWriter& tx, const Event& e) {
    auto poll = voting::tables::poll(tx, e.payload["poll_id"]);
    if (!poll) throw store::StoreFailure("voting.poll_closed: unknown poll");
    auto m = tables::motion(tx, poll->motion_id);
    if (!m) throw store::StoreFailure("voting.poll_closed: unknown motion");
    m->state = e.payload["adopted"].get<bool>() ? MotionState::kAdopted : MotionState::kNotAdopted;
    m->decided_how = "vote";
    m->decided_at = e.at;
    tables::put_motion(tx, *m);
  });
  // A motion put to a secret paper ballot (elections.create with motion_id): being voted while a
  // round is open, decided by its count.
  r.add_projector("elections.round_opened", [](store::TableWriter& tx, const Event& e) {
    if (!e.payload.contains("motion_id")) return;
    auto m = tables::motion(tx, e.payload["motion_id"]);
    if (!m) throw store::StoreFailure("elections.round_opened: unknown motion");
    m->state = MotionState::kVoting;
    tables::put_motion(tx, *m);
  });
  r.add_projector("elections.round_counted", [](store::TableWriter& tx, const Event& e) {
    if (!e.payload.contains("motion_id")) return;
    auto m = tables::motion(tx, e.payload["motion_id"]);
    if (!m) throw store::StoreFailure("elections.round_counted: unknown motion");
    m->state = e.payload["adopted"].get<bool>() ? MotionState::kAdopted : MotionState::kNotAdopted;
    m->decided_how = "secret_ballot";
    m->decided_at = e.at;
    tables::put_motion(tx, *m);
  });
  r.add_projector("proposals.submitted", [](store::TableWriter& tx, const Event& e) {
    const Json& j = e.payload;
    int64_t id = j["proposal_id"];
    std::string via = j.value("signed_via", "submitter"), form = j.value("paper_form", "");
    for (int64_t member : j["co_proposers"].get<std::vector<int64_t>>())
      tables::put_cosignature(tx, {"proposal", id, member, CosignatureState::kConfirmed,
                                   via == "paper" ? "paper" : "account", form, e.actor, e.at});
    for (int64_t member : j.value("requested", std::vector<int64_t>{}))
      tables::put_cosignature(tx, {"proposal", id, member, CosignatureState::kRequested, "", "", "", e.at});
  });
  r.add_projector("proposals.cosigned", [](store::TableWriter& tx, const Event& e) {
    bool confirmed = e.payload.value("decision", "confirm") == "confirm";
    tables::put_cosignature(
        tx, {"proposal", e.payload["proposal_id"], e.payload["member_id"],
             confirmed ? CosignatureState::kConfirmed : CosignatureState::kDeclined, "account", "", e.actor, e.at});
  });
  r.add_projector("motions.submitted", [](store::TableWriter& tx, const Event& e) {
    const Json& p = e.payload;
    MotionRecord m;
    m.id = p["motion_id"];
    m.body = e.body;
    m.session_id = p["session_id"];
    m.sitting_id = p["sitting_id"];
    m.kind = p["kind"];
    m.title_zh = p["title_zh"];
    m.title_en = p["title_en"];
    m.submitter_kind = p["submitter_kind"];
    m.submitter = p["submitter"];
    m.signers = p["signers"].get<std::vector<int64_t>>();
    m.sections = p["sections"];
    m.items = p["items"];
    m.state = require_name<MotionState>(p.value("state", "submitted"));
    m.parent_id = p["parent_id"];
    m.clause = p["clause"];
    m.submitted_by = e.actor;
    m.submitted_at = e.at;
    tables::put_motion(tx, m);
    if (m.submitter_kind == "members") {
      std::string via = p.value("signed_via", "submitter"), form = p.value("paper_form", "");
      for (int64_t member : m.signers)
        tables::put_cosignature(tx, {"motion", m.id, member, CosignatureState::kConfirmed, via, form, e.actor, e.at});
      for (int64_t member : p.value("requested", std::vector<int64_t>{}))
        tables::put_cosignature(tx, {"motion", m.id, member, CosignatureState::kRequested, "", "", "", e.at});
    }
    if (!p["text"].get<std::string>().empty())
      tables::put_motion_version(tx, {m.id, 1, "draft", p["text"], "", e.actor, e.at});
  });
  r.add_projector("motions.cosigned", [](store::TableWriter& tx, const Event& e) {
    const Json& p = e.payload;
    bool confirmed = p["decision"] == "confirm";
    tables::put_cosignature(tx, {"motion", p["motion_id"], p["member_id"],
                                 confirmed ? CosignatureState::kConfirmed : CosignatureState::kDeclined, p["via"],
                                 p["form_ref"], e.actor, e.at});
    if (!confirmed) return;
    auto m = tables::motion(tx, p["motion_id"]);
    if (!m) throw store::StoreFailure("motions.cosigned: unknown motion");
    m->signers.push_back(p["member_id"]);
    tables::put_motion(tx, *m);
  });
  r.add_projector("motions.state_changed", [](store::TableWriter& tx, const Event& e) {
    auto m = tables::motion(tx, e.payload["motion_id"]);
    if (!m) throw store::StoreFailure("motions.state_changed: unknown motion");
    m->state = require_name<MotionState>(e.payload["state"].get<std::string>());
    if (e.payload.contains("referred_to")) m->referred_to = e.payload["referred_to"];
    if (e.payload.contains("decided_how")) {
      m->decided_how = e.payload["decided_how"];
      m->decided_at = e.at;
    }
    tables::put_motion(tx, *m);
  });
  r.add_projector("motions.version_added", [](store::TableWriter& tx, const Event& e) {
    const Json& p = e.payload;
    tables::put_motion_version(tx, {p["motion_id"], p["number"], p["stage"], p["text"], p["note"], e.actor, e.at});
  });
}

}  // namespace

Result<MotionRecord> motion_arg(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto id, req_int(args, "motion_id", "args"));
  auto m = tables::motion(ctx.reader(), id);
  if (!m) return not_found("议案 " + std::to_string(id), "motion " + std::to_string(id), "args.motion_id");
  return *m;
}

bool open_to_vote(const MotionRecord& m) {
  return m.state == MotionState::kOnAgenda || m.state == MotionState::kDeliberation;
}

// The kinds this feature's actions take (each documented once in docs/openapi.json).
const ledger::Arg kMotionKind =
    ledger::Arg::kind("MotionKind", rules::ids_of(rules::motion_kinds()),
                      "bill 议案, draft_law 法律草案, draft_resolution 决议草案, report 工作报告, "
                      "constitutional_amendment 宪法修正案, inquiry 质询案 (answered, never voted), "
                      "removal 罢免案, agenda 议程 (its items are the order of business).");
const ledger::Arg kOrgan = ledger::Arg::kind(
    "Organ", rules::ids_of(rules::organs()),
    "A state organ that may submit motions where the rulebook's submission rule lists it: presidium 主席团, "
    "standing_committee 常务委员会, chairpersons_council 委员长会议/主任会议, special_committee 专门委员会, "
    "state_council 国务院, central_military_commission 中央军事委员会, national_supervisory_commission "
    "国家监察委员会, supreme_court 最高人民法院, supreme_procuratorate 最高人民检察院, government "
    "本级人民政府, supervisory_commission 本级监察委员会, court 本级人民法院, procuratorate 本级人民检察院.");

void register_feature(ledger::Registry& r) {
  register_routes(r);
  r.add_action(
      "motions.submit",
      ledger::ArgSchema{
          ledger::Arg::id("session_id").required().describe("The session (次会议)."), kMotionKind.as("kind").required(),
          ledger::Arg::text("title_zh", 300).required().describe("Chinese title."),
          ledger::Arg::text("title_en", 300).describe("English title."),
          kOrgan.as("organ").describe("Submitted by this organ; recorded by the secretariat or presiding. 422 if the "
                                      "kind's submission rule does not list it."),
          ledger::Arg::array("delegations", ledger::Arg::string("", 400, 1), 0, 1000)
              .describe("Submitted by these delegations (unit names, 代表团), jointly; with agreeing_member_ids. "
                        "Recorded by the secretariat or presiding."),
          ledger::Arg::array("agreeing_member_ids", ledger::Arg::id(""), 0, 100000)
              .describe("With delegations: the members who agree; each delegation needs more than half of ALL its "
                        "members sitting on the session's first day (议事规则第十二条), else 422. Every one must "
                        "belong to a listed delegation."),
          ledger::Arg::array("member_ids", ledger::Arg::id(""), 0, 100000)
              .describe(
                  "Submitted by these members jointly (联名), distinct, each sitting on the session's first day; a "
                  "member submitting from their own account lists themselves first. Enough when at least "
                  "members_jointly (by the body's level) or members_fraction of all sitting members sign, else 422."),
          ledger::Arg::object("sections", ledger::ArgSchema{ledger::Arg::string("subject", 200000),
                                                            ledger::Arg::string("grounds", 200000),
                                                            ledger::Arg::string("solution", 200000)})
              .describe("案由 subject, 案据 grounds, 方案 solution: each non-blank text of at most 200000 bytes. "
                        "Required (all three) for a bill or draft law submitted by members or delegations where the "
                        "rulebook says sections_required."),
          ledger::Arg::string("text", 1048576)
              .describe("The draft's text (may span lines, at most 1 MiB); becomes version 1, stage draft."),
          ledger::Arg::array("items",
                             ledger::Arg::object(
                                 "", ledger::ArgSchema{ledger::Arg::id("motion_id"), ledger::Arg::text("title_zh", 300),
                                                       ledger::Arg::text("title_en", 300)}
                                         .exactly_one_of({"motion_id", "title_zh"})),
                             1, 500)
              .describe("Agenda only (required): 1-500 items, each {motion_id} (a motion of this session that is not "
                        "an agenda; titles are copied) or {title_zh, title_en?} (at most 300 characters each)."),
          ledger::Arg::id("sitting_id")
              .describe("Agenda only: the sitting of this session whose order of business it is; omitted: the "
                        "session's agenda."),
          ledger::Arg::string("paper_form", 400)
              .describe("With member_ids, recorded by the secretariat: the reference of the signed paper form "
                        "(联名表); then every listed signature counts. Required when it lists more than one member "
                        "(the system actor may omit it).")}
          .exactly_one_of({"organ", "delegations", "member_ids"})
          .describe("Exactly one of organ, delegations (with agreeing_member_ids), member_ids; null counts as absent."),
      submit);
  r.add_action("motions.place_on_agenda",
               ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion.")}, place_on_agenda);
  r.add_action("motions.refer",
               ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion."),
                                 ledger::Arg::text("to", 200).required().describe(
                                     "The committee it goes to for review, e.g. 宪法和法律委员会.")},
               refer);
  r.add_action("motions.begin_deliberation",
               ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion.")}, begin_deliberation);
  r.add_action(
      "motions.add_version",
      ledger::ArgSchema{
          ledger::Arg::id("motion_id").required().describe("The motion."),
          ledger::Arg::choice("stage", {"revised", "voting"})
              .required()
              .describe("revised 修改稿 (secretariat or presiding); voting 表决稿 (the presidium's: presiding only), "
                        "the last version."),
          ledger::Arg::document("text", 1048576)
              .required()
              .describe("The full text of this version. A document (may span lines), not blank; at most 1 MiB (413 "
                        "beyond; the whole request body is limited to 1 MiB too)."),
          ledger::Arg::text("note", 2000).required().describe("What changed and why, e.g. 根据各代表团审议意见修改.")},
      add_version);
  r.add_action(
      "motions.split_clause",
      ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion."),
                        ledger::Arg::text("clause", 100).required().describe("The contested clause, e.g. 第五条."),
                        ledger::Arg::document("text", 1048576)
                            .required()
                            .describe("The clause's text. A document (may span lines), not blank; at most 1 MiB (413 "
                                      "beyond; the whole request body is limited to 1 MiB too).")},
      split_clause);
  r.add_action(
      "motions.withdraw",
      ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion."),
                        ledger::Arg::text("reason", 1000).required().describe("Why (the submitter's request).")},
      withdraw);
  r.add_action(
      "motions.adopt_by_applause",
      ledger::ArgSchema{ledger::Arg::id("motion_id").required().describe("The motion."),
                        ledger::Arg::id("sitting_id").required().describe("An open sitting of the motion's session.")},
      adopt_by_applause);
  r.add_action("motions.cosign",
               ledger::ArgSchema{ledger::Arg::id("motion_id").required(),
                                 ledger::Arg::choice("decision", {"confirm", "decline"})},
               cosign);
  r.add_action("motions.record_paper_signature",
               ledger::ArgSchema{ledger::Arg::id("motion_id").required(), ledger::Arg::id("member_id").required(),
                                 ledger::Arg::string("form_ref", 400, 1).required()},
               record_paper_signature);
  register_projectors(r.add_room(tables::slice()));
}

// ---------------------------------------------------------------- queries

Json cosignatures_json(store::Reader& reader, const std::string& subject, int64_t subject_id, bool with_recorder) {
  Json out = Json::array();
  for (const auto& c : tables::cosignatures(reader, subject, subject_id)) {
    auto member = assembly::tables::member(reader, c.member_id);
    Json j{{"member_id", c.member_id}, {"name", member ? member->name : ""},
           {"state", c.state},         {"via", c.via},
           {"form_ref", c.form_ref},   {"at", iso_time(c.at)}};
    if (with_recorder) j["by"] = c.by;
    out.push_back(std::move(j));
  }
  return out;
}

Json to_json(const MotionRecord& m) {
  Json j{{"id", m.id},
         {"body", m.body},
         {"session_id", m.session_id},
         {"kind", m.kind},
         {"kind_zh", kind_zh(m.kind)},
         {"title_zh", m.title_zh},
         {"title_en", m.title_en},
         {"submitter_kind", m.submitter_kind},
         {"submitter", m.submitter},
         {"signers", m.signers},
         {"state", m.state},
         {"parent_id", m.parent_id},
         {"clause", m.clause},
         {"referred_to", m.referred_to},
         {"decided_how", m.decided_how},
         {"decided_at", m.decided_at ? Json(iso_time(m.decided_at)) : Json(nullptr)},
         {"submitted_by", m.submitted_by},
         {"submitted_at", iso_time(m.submitted_at)}};
  j["sections"] = m.sections.empty() ? Json(nullptr) : Json::parse(m.sections);
  if (m.kind == "agenda") {
    j["items"] = m.items.empty() ? Json::array() : Json::parse(m.items);
    j["sitting_id"] = m.sitting_id ? Json(m.sitting_id) : Json(nullptr);
  }
  return j;
}

Result<Json> list_motions(store::Reader& reader, int64_t session_id) {
  if (!assembly::tables::session(reader, session_id))
    return not_found("会议 " + std::to_string(session_id), "session " + std::to_string(session_id), "session_id");
  Json out = Json::array();
  for (const auto& m : tables::motions(reader, session_id)) out.push_back(to_json(m));
  return Json{{"session_id", session_id}, {"motions", out}};
}

Result<Json> get_motion(store::Reader& reader, int64_t motion_id) {
  auto m = tables::motion(reader, motion_id);
  if (!m) return not_found("议案 " + std::to_string(motion_id), "motion " + std::to_string(motion_id), "motion_id");
  Json j = to_json(*m);
  Json versions = Json::array();
  for (const auto& v : tables::motion_versions(reader, motion_id))
    versions.push_back(Json{{"number", v.number},
                            {"stage", v.stage},
                            {"text", v.text},
                            {"note", v.note},
                            {"by", v.by},
                            {"at", iso_time(v.at)}});
  j["versions"] = versions;
  Json clauses = Json::array();
  for (const auto& c : tables::clauses(reader, motion_id)) clauses.push_back(to_json(c));
  j["clauses"] = clauses;
  Json polls = Json::array();
  for (const auto& p : voting::tables::polls_of_motion(reader, motion_id))
    polls.push_back(Json{{"id", p.id},
                         {"sitting_id", p.sitting_id},
                         {"state", p.state},
                         {"adopted", p.state == voting::PollState::kClosed ? Json(p.adopted) : Json(nullptr)},
                         {"announcement_zh", p.announcement_zh}});
  j["polls"] = polls;
  j["signatures"] = cosignatures_json(reader, "motion", motion_id, true);
  if (auto pr = promulgation::tables::promulgation_of_motion(reader, motion_id))
    j["promulgation"] = Json{{"id", pr->id}, {"series", pr->series}, {"number", pr->number}};
  return j;
}

Result<Json> session_agenda(store::Reader& reader, int64_t session_id) {
  if (!assembly::tables::session(reader, session_id))
    return not_found("会议 " + std::to_string(session_id), "session " + std::to_string(session_id), "session_id");
  Json out = Json::array();
  for (const auto& m : tables::motions(reader, session_id)) {
    if (m.kind != "agenda") continue;
    Json j = to_json(m);
    // Items that are motions carry their current state.
    for (auto& item : j["items"])
      if (item.contains("motion_id"))
        if (auto im = tables::motion(reader, item["motion_id"].get<int64_t>())) item["state"] = im->state;
    j["adopted"] = m.state == MotionState::kAdopted;
    out.push_back(std::move(j));
  }
  return Json{{"session_id", session_id}, {"agendas", out}};
}

}  // namespace plenum::motions
