// What each reader of the proposal cycle may see: staff everything in their body, proposers
// their own, handling units what is assigned to them; statistics are public.
#include <algorithm>
#include <map>
#include <tuple>

#include "accounts/tables.h"
#include "assembly/tables.h"
#include "base/args.h"
#include "base/csv.h"
#include "base/text.h"
#include "motions/motions.h"
#include "motions/tables.h"
#include "proposals/internal.h"
#include "proposals/proposals.h"
#include "proposals/tables.h"

namespace plenum::proposals {

std::string kind_zh(const rules::ProposalRules& rules) { return rules.kind == "suggestion" ? "建议" : "提案"; }

std::string state_zh(ProposalState state) {
  switch (state) {
    case ProposalState::kSubmitted:
      return "待审查";
    case ProposalState::kRegistered:
      return "已立案";
    case ProposalState::kAssigned:
      return "办理中";
    case ProposalState::kReplied:
      return "已答复";
    case ProposalState::kRehandling:
      return "重新办理";
    case ProposalState::kClosed:
      return "已办结";
    case ProposalState::kMerged:
      return "已并案";
    case ProposalState::kConverted:
      return "转为意见建议";
    case ProposalState::kWithdrawn:
      return "已撤案";
    case ProposalState::kNotRegistered:
      return "不予立案";
  }
  return name_of(state);
}

ProposalState state_after_review(const std::string& outcome) {
  if (outcome == "register") return ProposalState::kRegistered;
  if (outcome == "merge") return ProposalState::kMerged;
  if (outcome == "convert") return ProposalState::kConverted;
  if (outcome == "withdraw") return ProposalState::kWithdrawn;
  return ProposalState::kNotRegistered;
}

std::vector<std::string> proposer_recipients(const ProposalRecord& p) {
  std::vector<std::string> out;
  if (p.first_proposer_id == 0) {
    out.push_back("account:" + p.submitted_by);
    return out;
  }
  out.push_back("member:" + std::to_string(p.first_proposer_id));
  for (int64_t id : p.co_proposers) out.push_back("member:" + std::to_string(id));
  return out;
}

namespace {

// What the viewer is to the proposals of one body.
struct Scope {
  bool staff = false;  // secretariat, presiding or admin: sees everything
  int64_t member_id = 0;
  std::string username;
  std::vector<int64_t> units;  // handling units the account acts for, in this body
};

Scope scope_of(store::Reader& reader, const Viewer& viewer, const std::string& body) {
  Scope s;
  s.username = viewer.username;
  if (viewer.username.empty()) return s;
  if (viewer.username == ledger::kSystemActor) s.staff = true;  // the operator's CLI
  for (const auto& r : accounts::tables::roles(reader, viewer.username)) {
    if (r.role == "admin") s.staff = true;
    if ((r.body == body || r.body == "*") && (r.role == "secretariat" || r.role == "presiding")) s.staff = true;
  }
  if (auto acc = accounts::tables::account(reader, viewer.username)) s.member_id = acc->member_id;
  for (int64_t id : tables::units_of_account(reader, viewer.username)) {
    auto u = tables::handling_unit(reader, id);
    if (u && u->body == body) s.units.push_back(id);
  }
  return s;
}

bool is_party(const Scope& s, const ProposalRecord& p) {
  if (s.username.empty()) return false;
  if (p.submitted_by == s.username) return true;
  if (!s.member_id) return false;
  return p.first_proposer_id == s.member_id ||
         std::find(p.co_proposers.begin(), p.co_proposers.end(), s.member_id) != p.co_proposers.end();
}

// The unit of the viewer's that handles the proposal (0 if none).
int64_t handling_unit_of(const Scope& s, const std::vector<AssignmentRecord>& assignments) {
  for (const auto& a : assignments)
    if (a.state != AssignmentState::kReturned && std::find(s.units.begin(), s.units.end(), a.unit_id) != s.units.end())
      return a.unit_id;
  return 0;
}

Error not_signed_in() { return make_error(ErrorCode::kUnauthenticated, "请先登录", "sign in first", "cookie"); }

Error not_visible(int64_t id) {
  return not_found("提案 " + std::to_string(id), "proposal " + std::to_string(id), "proposal_id");
}

std::string unit_name(store::Reader& reader, int64_t id) {
  auto u = tables::handling_unit(reader, id);
  return u ? u->name_zh : "";
}

Json summary_json(const ProposalRecord& p) {
  return Json{{"id", p.id},
              {"body", p.body},
              {"session_id", p.session_id},
              {"number", p.number ? Json(p.number) : Json()},
              {"title", p.title},
              {"area", p.area},
              {"proposer_kind", p.proposer_kind},
              {"proposer_name", p.proposer_name},
              {"stage", p.stage},
              {"channel", p.channel},
              {"submitted_on", p.submitted_on},
              {"state", p.state},
              {"state_zh", state_zh(p.state)},
              {"outcome", p.outcome},
              {"handling", p.handling},
              {"round", p.round},
              {"key", p.key},
              {"replied_on", p.replied_on},
              {"rating", p.rating},
              {"closed_on", p.closed_on}};
}

Json assignment_json(store::Reader& reader, const AssignmentRecord& a) {
  return Json{{"unit_id", a.unit_id},
              {"unit_name", unit_name(reader, a.unit_id)},
              {"role", a.role},
              {"round", a.round},
              {"assigned_on", a.assigned_on},
              {"due_on", a.due_on},
              {"state", a.state},
              {"reply_class", a.reply_class},
              {"reply_text", a.reply_text},
              {"replied_on", a.replied_on},
              {"returned_reason", a.returned_reason}};
}

// The assignments a viewer may read: staff and proposers all but the co-handlers' internal
// opinions; a unit its own part, and the lead also its co-handlers' opinions.
Json visible_assignments(store::Reader& reader, const Scope& s, const std::vector<AssignmentRecord>& all, bool party) {
  Json out = Json::array();
  int64_t mine = handling_unit_of(s, all);
  bool lead = false;
  for (const auto& a : all)
    if (a.unit_id == mine && a.role == "lead") lead = true;
  for (const auto& a : all) {
    bool show = s.staff || a.unit_id == mine || (lead && a.role == "co") || (party && a.role != "co");
    if (show) out.push_back(assignment_json(reader, a));
  }
  return out;
}

std::string percent(int64_t part, int64_t whole) {
  if (whole == 0) return "";
  // One decimal, rounded half up, in integers: the report's "99.9%".
  int64_t tenths = (part * 2000 + whole) / (2 * whole);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

// "2024年2月29日", or "2024年2月底" for a month's last day, as reports say.
std::string report_date_zh(const std::string& date) {
  std::string zh = date_zh(date);
  if (zh == date || add_days(date, 1).substr(8, 2) != "01") return zh;
  return zh.substr(0, zh.find("月")) + "月底";
}

Result<ProposalFilter> scoped(store::Reader& reader, const Viewer& viewer, ProposalFilter filter) {
  if (viewer.username.empty()) return not_signed_in();
  Scope s = scope_of(reader, viewer, filter.body);
  if (s.staff) return filter;
  if (!s.units.empty()) {
    if (filter.unit_id && std::find(s.units.begin(), s.units.end(), filter.unit_id) == s.units.end())
      return make_error(ErrorCode::kForbidden, "只能查看本单位承办的提案",
                        "a handling unit sees only what is assigned to it", "unit_id");
    if (!filter.unit_id) filter.unit_id = s.units.front();
    return filter;
  }
  filter.party = s.member_id ? "member:" + std::to_string(s.member_id) : "account:" + s.username;
  return filter;
}

}  // namespace

Result<Json> get_proposal(store::Reader& reader, const Viewer& viewer, int64_t id) {
  // Signed in first: otherwise 401 against 404 would tell strangers which ids exist.
  if (viewer.username.empty()) return not_signed_in();
  auto p = tables::proposal(reader, id);
  if (!p) return not_visible(id);
  Scope s = scope_of(reader, viewer, p->body);
  auto assignments = tables::assignments(reader, id);
  bool party = is_party(s, *p);
  // A merged proposal's proposers follow the handling of the one it was merged into.
  std::optional<ProposalRecord> target;
  if (p->merged_into) target = tables::proposal(reader, p->merged_into);
  // A member asked to co-sign reads what they are asked to sign.
  bool asked = false;
  if (!party && s.member_id)
    for (const auto& c : motions::tables::cosignatures(reader, "proposal", id))
      asked |= c.member_id == s.member_id && c.state == motions::CosignatureState::kRequested;
  if (!s.staff && !party && !asked && !handling_unit_of(s, assignments)) return not_visible(id);

  Json out = summary_json(*p);
  out["parts"] = Json::parse(p->parts);
  out["reason"] = p->reason;
  out["reviewed_on"] = p->reviewed_on;
  Json proposers = Json::array();
  std::vector<int64_t> ids;
  if (p->first_proposer_id) ids.push_back(p->first_proposer_id);
  ids.insert(ids.end(), p->co_proposers.begin(), p->co_proposers.end());
  for (int64_t m : ids) {
    auto rec = assembly::tables::member(reader, m);
    proposers.push_back(Json{{"member_id", m}, {"name", rec ? rec->name : ""}});
  }
  out["proposers"] = proposers;
  out["assignments"] = visible_assignments(reader, s, assignments, party);
  out["signatures"] = motions::cosignatures_json(reader, "proposal", id, false);
  Json feedback = Json::array();
  for (const auto& f : tables::feedback(reader, id))
    feedback.push_back(
        Json{{"round", f.round}, {"rater", f.rater}, {"rating", f.rating}, {"note", f.note}, {"on", f.on}});
  out["feedback"] = feedback;
  Json supervision = Json::array();
  for (const auto& r : tables::supervision(reader, id))
    supervision.push_back(Json{{"kind", r.kind}, {"note", r.note}, {"on", r.on}, {"by", r.by}});
  out["supervision"] = supervision;
  Json extensions = Json::array();
  for (const auto& r : tables::extensions(reader, id))
    extensions.push_back(
        Json{{"round", r.round}, {"months", r.months}, {"due_on", r.due_on}, {"on", r.on}, {"by", r.by}});
  out["extensions"] = extensions;
  Json merged = Json::array();
  for (const auto& m : tables::merged_proposals(reader, id)) merged.push_back(summary_json(m));
  out["merged"] = merged;
  if (target) {
    Json t = summary_json(*target);
    t["assignments"] = visible_assignments(reader, s, tables::assignments(reader, target->id), true);
    out["merged_into"] = t;
  }
  if (s.staff) {
    // 并案 candidates for the reviewer.
    Json similar = Json::array();
    std::string text = p->title + "\n" + out["parts"].value("facts", "") + "\n" + out["parts"].value("analysis", "") +
                       "\n" + out["parts"].value("suggestions", "");
    for (const auto& [q, score] : tables::similar_proposals(reader, p->body, text, 5, p->id)) {
      Json j = summary_json(q);
      j["similarity"] = score;
      similar.push_back(j);
    }
    out["similar"] = similar;
  }
  return out;
}

// [{text, matched}], for a screen to mark the matches without reading 【】 out of the text.
Json parts_json(const std::vector<TextPart>& parts) {
  Json out = Json::array();
  for (const auto& p : parts) out.push_back(Json{{"text", p.text}, {"matched", p.matched}});
  return out;
}

Result<Json> list_proposals(store::Reader& reader, const Viewer& viewer, ProposalFilter filter) {
  auto f = scoped(reader, viewer, std::move(filter));
  if (!f) return f.error();
  Json items = Json::array();
  for (const auto& hit : tables::find_proposals(reader, *f)) {
    Json j = summary_json(hit.proposal);
    if (!f->query.empty()) {
      j["title_highlight"] = bracketed(hit.title_parts);
      j["snippet"] = bracketed(hit.snippet_parts);
      j["title_parts"] = parts_json(hit.title_parts);
      j["snippet_parts"] = parts_json(hit.snippet_parts);
      j["score"] = hit.score;
    }
    items.push_back(j);
  }
  return Json{
      {"total", tables::count_proposals(reader, *f)}, {"offset", f->offset}, {"limit", f->limit}, {"proposals", items}};
}

Result<std::string> export_csv(store::Reader& reader, const Viewer& viewer, ProposalFilter filter) {
  filter.limit = 1000;
  filter.offset = 0;
  PLENUM_ASSIGN_OR_RETURN(auto f, scoped(reader, viewer, std::move(filter)));
  std::string out = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read UTF-8
  const char* header[] = {"id",      "number", "title",      "proposer_name", "proposer_kind",
                          "area",    "stage",  "channel",    "submitted_on",  "state",
                          "outcome", "units",  "replied_on", "rating",        "key"};
  for (size_t i = 0; i < std::size(header); ++i) {
    if (i) out += ',';
    out += header[i];
  }
  out += "\r\n";
  for (;;) {
    auto page = tables::find_proposals(reader, f);
    for (const auto& hit : page) {
      const auto& p = hit.proposal;
      std::string units;
      for (const auto& a : tables::assignments(reader, p.id))
        if (a.round == 1 && a.state != AssignmentState::kReturned)
          units += (units.empty() ? "" : "；") + unit_name(reader, a.unit_id);
      std::vector<std::string> row = {std::to_string(p.id),
                                      p.number ? std::to_string(p.number) : "",
                                      p.title,
                                      p.proposer_name,
                                      p.proposer_kind,
                                      p.area,
                                      p.stage,
                                      p.channel,
                                      p.submitted_on,
                                      name_of(p.state),
                                      p.outcome,
                                      units,
                                      p.replied_on,
                                      p.rating,
                                      p.key ? "1" : "0"};
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) out += ',';
        out += spreadsheet_cell(row[i]);
      }
      out += "\r\n";
    }
    if (static_cast<int64_t>(page.size()) < f.limit) break;
    f.offset += f.limit;
  }
  return out;
}

Result<Json> statistics(store::Reader& reader, const ProposalFilter& filter, const std::string& as_of_arg,
                        const std::string& noun_zh) {
  if (!assembly::tables::body(reader, filter.body))
    return not_found("机构 " + filter.body, "body " + filter.body, "body");
  std::string as_of = as_of_arg;
  if (as_of.empty() && filter.session_id)
    if (auto report = tables::report(reader, filter.session_id); report && report->body == filter.body)
      as_of = report->as_of;
  if (as_of.empty()) as_of = beijing_date(now_micros());
  auto s = tables::proposal_stats(reader, filter, as_of);
  Json by_area = Json::object();
  for (const auto& a : areas()) {
    auto it = s.registered_by_area.find(a[0]);
    by_area[a[0]] = it == s.registered_by_area.end() ? 0 : it->second;
  }
  Json units = Json::array();
  for (const auto& u : s.units)
    units.push_back(Json{{"unit_id", u.unit_id},
                         {"name_zh", u.name_zh},
                         {"assigned", u.assigned},
                         {"replied", u.replied},
                         {"overdue", u.overdue}});
  std::string reply_rate = percent(s.answered, s.registered);
  // The report's own phrasing: "共提出提案5621件，经审查立案4791件。截至2024年2月底，99.9%的提案已经办复。"
  std::string report =
      "共提出" + noun_zh + std::to_string(s.received) + "件，经审查立案" + std::to_string(s.registered) + "件";
  std::string rest;
  if (s.merged) rest += "并案" + std::to_string(s.merged) + "件";
  if (s.converted)
    rest += (rest.empty() ? "" : "，") + std::string("转为意见建议") + std::to_string(s.converted) + "件";
  if (s.withdrawn) rest += (rest.empty() ? "" : "，") + std::string("撤案") + std::to_string(s.withdrawn) + "件";
  if (s.not_registered)
    rest += (rest.empty() ? "" : "，") + std::string("不予立案") + std::to_string(s.not_registered) + "件";
  if (!rest.empty()) report += "（" + rest + "）";
  report += "。";
  if (s.registered) report += "截至" + report_date_zh(as_of) + "，" + reply_rate + "的" + noun_zh + "已经办复。";
  return Json{{"body", filter.body},
              {"as_of", as_of},
              {"received", s.received},
              {"pending_review", s.pending_review},
              {"registered", s.registered},
              {"merged", s.merged},
              {"converted", s.converted},
              {"withdrawn", s.withdrawn},
              {"not_registered", s.not_registered},
              {"by_members", s.by_members},
              {"by_collectives", s.by_collectives},
              {"plenary", s.plenary},
              {"intersession", s.intersession},
              {"online", s.online},
              {"online_share", percent(s.online, s.received)},
              {"registered_by_area", by_area},
              {"answered", s.answered},
              {"reply_rate", reply_rate},
              {"rated", s.rated},
              {"satisfied", s.satisfied},
              {"basically_satisfied", s.basically_satisfied},
              {"dissatisfied", s.dissatisfied},
              {"satisfaction_rate", percent(s.satisfied + s.basically_satisfied, s.rated)},
              {"units", units},
              {"report_zh", report}};
}

Json reports(store::Reader& reader, const std::string& body) {
  std::vector<std::pair<assembly::SessionRecord, std::string>> dated;
  for (const auto& report : tables::reports(reader, body))
    if (auto session = assembly::tables::session(reader, report.session_id)) dated.emplace_back(*session, report.as_of);
  std::sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) {
    return std::tie(b.first.term, b.first.number) < std::tie(a.first.term, a.first.number);
  });
  Json out = Json::array();
  for (const auto& [session, as_of] : dated)
    out.push_back(Json{{"session_id", session.id},
                       {"term", session.term},
                       {"number", session.number},
                       {"name_zh", session.name_zh},
                       {"name_en", session.name_en},
                       {"short_name_zh", session.short_name_zh},
                       {"as_of", as_of}});
  return out;
}

Result<Json> overdue(store::Reader& reader, const Viewer& viewer, const std::string& body,
                     const std::string& as_of_arg) {
  if (viewer.username.empty()) return not_signed_in();
  Scope s = scope_of(reader, viewer, body);
  if (!s.staff && s.units.empty())
    return make_error(ErrorCode::kForbidden, "逾期清单供提案工作机构和承办单位查看",
                      "the overdue list is for the secretariat and handling units", "");
  std::string as_of = as_of_arg.empty() ? beijing_date(now_micros()) : as_of_arg;
  Json items = Json::array();
  for (const auto& o : tables::overdue(reader, body, as_of)) {
    if (!s.staff && std::find(s.units.begin(), s.units.end(), o.assignment.unit_id) == s.units.end()) continue;
    Json j = assignment_json(reader, o.assignment);
    j["proposal_id"] = o.assignment.proposal_id;
    j["title"] = o.title;
    items.push_back(j);
  }
  return Json{{"as_of", as_of}, {"overdue", items}};
}

Result<Json> notifications(store::Reader& reader, const Viewer& viewer) {
  if (viewer.username.empty()) return not_signed_in();
  std::vector<std::string> recipients{"account:" + viewer.username};
  if (auto acc = accounts::tables::account(reader, viewer.username); acc && acc->member_id)
    recipients.push_back("member:" + std::to_string(acc->member_id));
  for (int64_t u : tables::units_of_account(reader, viewer.username)) recipients.push_back("unit:" + std::to_string(u));
  for (const auto& r : accounts::tables::roles(reader, viewer.username)) {
    if (r.role == "secretariat") recipients.push_back("staff:" + r.body);
    if (r.role == "admin")  // an admin's role is for every body ("*")
      for (const auto& b : assembly::tables::bodies(reader)) recipients.push_back("staff:" + b.id);
  }
  Json items = Json::array();
  for (const auto& n : tables::notifications(reader, recipients, 200))
    items.push_back(Json{{"id", n.id},
                         {"body", n.body},
                         {"recipient", n.recipient},
                         {"proposal_id", n.proposal_id},
                         {"kind", n.kind},
                         {"text_zh", n.text_zh},
                         {"text_en", n.text_en},
                         {"at", iso_time(n.at)}});
  return Json{{"notifications", items}};
}

Result<ProposalFilter> filter_from_params(const std::string& body, const std::map<std::string, std::string>& params) {
  ProposalFilter f;
  f.body = body;
  auto get = [&](const char* k) {
    auto it = params.find(k);
    return it == params.end() ? std::string() : it->second;
  };
  auto number = [&](const char* k, int64_t lo, int64_t hi, int64_t* out) -> Status {
    std::string v = get(k);
    if (v.empty()) return Status::ok();
    auto n = parse_int(v, lo, hi);
    if (!n)
      return invalid(k,
                     std::string("参数 ") + k + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 的整数",
                     std::string("parameter ") + k + " must be an integer from " + std::to_string(lo) + " to " +
                         std::to_string(hi));
    *out = *n;
    return Status::ok();
  };
  for (const auto& [k, v] : params) {
    static const char* kKnown[] = {"state", "area", "outcome", "proposer_kind", "unit_id", "session_id", "from",
                                   "to",    "key",  "q",       "limit",         "offset",  "as_of"};
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&key = k](const char* s) { return key == s; }) ==
        std::end(kKnown))
      return invalid(k, "未知的查询参数 " + k, "unknown query parameter " + k);
    if (!is_valid_utf8(v))
      return invalid(k, "参数 " + k + " 不是有效的 UTF-8", "parameter " + k + " is not valid UTF-8");
  }
  f.state = get("state");
  static const char* kStates[] = {"",       "submitted", "registered", "assigned",  "replied",       "rehandling",
                                  "closed", "merged",    "converted",  "withdrawn", "not_registered"};
  if (std::find_if(std::begin(kStates), std::end(kStates), [&](const char* v) { return f.state == v; }) ==
      std::end(kStates))
    return invalid("state", "未知的状态 " + f.state, "unknown state " + f.state);
  f.area = get("area");
  if (!f.area.empty() && !is_area(f.area)) return invalid("area", "未知的领域 " + f.area, "unknown area " + f.area);
  f.outcome = get("outcome");
  if (!f.outcome.empty() && !rules::is_review_outcome(f.outcome))
    return invalid("outcome", "未知的审查结果 " + f.outcome, "unknown review outcome " + f.outcome);
  f.proposer_kind = get("proposer_kind");
  if (!f.proposer_kind.empty() && !rules::is_proposer_kind(f.proposer_kind))
    return invalid("proposer_kind", "未知的提案者类型 " + f.proposer_kind, "unknown proposer kind " + f.proposer_kind);
  PLENUM_TRY(number("unit_id", 1, INT64_MAX, &f.unit_id));
  PLENUM_TRY(number("session_id", 1, INT64_MAX, &f.session_id));
  PLENUM_TRY(number("limit", 1, 1000, &f.limit));
  PLENUM_TRY(number("offset", 0, INT64_MAX, &f.offset));
  f.submitted_from = get("from");
  f.submitted_to = get("to");
  for (const char* k : {"from", "to", "as_of"}) {
    std::string v = get(k);
    if (!v.empty() && !is_valid_date(v))
      return invalid(k, std::string("参数 ") + k + " 应为 YYYY-MM-DD 日期",
                     std::string("parameter ") + k + " must be a YYYY-MM-DD date");
  }
  std::string key = get("key");
  if (key != "" && key != "0" && key != "1" && key != "true" && key != "false")
    return invalid("key", "参数 key 只能是 1/true 或 0/false", "parameter key must be 1/true or 0/false");
  f.key_only = key == "1" || key == "true";
  f.query = get("q");
  if (f.query.size() > 500)
    return invalid("q", "查询过长（最多 500 字节）", "the query is too long (at most 500 bytes)");
  return f;
}

// The events of the proposal cycle by the rule of get_proposal and visible_assignments: staff
// read every one; a proposer and a handling unit the events of the proposals they may open (a
// co-handler's internal opinion only for itself and the lead unit); the body's other followers
// see that the record moved on, not what it says. Imports, account links and reminder runs
// are staff matters.
std::optional<Json> proposal_event_view(store::Reader& reader, const std::string& viewer, const ledger::Event& e) {
  Scope s = scope_of(reader, {viewer}, e.body);
  if (s.staff) return e.payload;
  if (e.type == "proposals.unit_added" || e.type == "proposals.cutoff_set" || e.type == "proposals.numbering_advanced")
    return e.payload;
  if (!e.payload.contains("proposal_id") || !e.payload["proposal_id"].is_number_integer()) return std::nullopt;
  auto p = tables::proposal(reader, e.payload["proposal_id"].get<int64_t>());
  if (!p) return std::nullopt;
  auto assignments = tables::assignments(reader, p->id);
  bool party = is_party(s, *p);
  int64_t mine = handling_unit_of(s, assignments);
  if (!party && !mine) return std::nullopt;
  if (e.type == "proposals.opinion_given") {
    int64_t unit = e.payload.value("unit_id", int64_t{0});
    bool lead = std::any_of(assignments.begin(), assignments.end(),
                            [&](const auto& a) { return a.unit_id == mine && a.role == "lead"; });
    if (!(mine && (unit == mine || lead))) return std::nullopt;
  }
  return e.payload;
}

}  // namespace plenum::proposals
