#include "proposals/import.h"

#include <csv.h>

#include <algorithm>
#include <map>
#include <set>

#include "assembly/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "promulgation/tables.h"
#include "proposals/internal.h"
#include "proposals/proposals.h"
#include "proposals/tables.h"

namespace plenum::proposals {
namespace {

using ledger::ActionContext;
using ledger::Event;

const char* const kColumns[] = {
    "title",      "area",        "proposer_kind", "proposer_name", "stage",       "channel",  "submitted_on",
    "outcome",    "number",      "merged_into",   "reason",        "reviewed_on", "units",    "assigned_on",
    "replied_on", "reply_class", "rating",        "key",           "facts",       "analysis", "suggestions"};

struct CsvReader {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
};

void on_field(void* s, size_t len, void* data) {
  static_cast<CsvReader*>(data)->fields.emplace_back(static_cast<const char*>(s), len);
}
void on_record(int, void* data) {
  auto* r = static_cast<CsvReader*>(data);
  r->records.push_back(std::move(r->fields));
  r->fields.clear();
}

struct Problems {
  Error e = make_error(ErrorCode::kMalformed, "", "");
  bool empty() const { return e.details.empty(); }
  void add(int64_t record, const std::string& field, const std::string& zh, const std::string& en) {
    add_detail(e, {record, field, zh, en});
  }
  Error error() const {
    Error out = e;
    std::string n = std::to_string(detail_count(e));
    out.message_zh = "导入文件有 " + n + " 处错误，未导入任何提案";
    out.message_en = n + (n == "1" ? " problem" : " problems") + " in the import; nothing was imported";
    out.field = e.details.empty() ? "" : e.details.front().field;
    return out;
  }
};

bool one_of(const std::string& v, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; });
}

// "name:role;name:role" → [(name, role)].
std::vector<std::pair<std::string, std::string>> parse_units(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    std::string item = trim(s.substr(start, end - start));
    if (!item.empty()) {
      size_t colon = item.rfind(':');
      if (colon == std::string::npos)
        out.emplace_back(item, "lead");
      else
        out.emplace_back(trim(item.substr(0, colon)), trim(item.substr(colon + 1)));
    }
    start = end + 1;
  }
  return out;
}

// Checks one row (the action's form); problems are reported against `record`.
void check_row(const Json& row, int64_t record, const rules::ProposalRules& rules, std::set<int64_t>& numbers,
               Problems& problems) {
  auto str = [&](const char* k) {
    return row.contains(k) && row[k].is_string() ? row[k].get<std::string>() : std::string();
  };
  auto bad = [&](const char* k, const std::string& zh, const std::string& en) {
    problems.add(record, k, "第" + std::to_string(record) + "条：" + zh,
                 "record " + std::to_string(record) + ": " + en);
  };
  for (const auto& [k, v] : row.items()) {
    if (std::find_if(std::begin(kColumns), std::end(kColumns), [&key = k](const char* c) { return key == c; }) ==
        std::end(kColumns))
      bad("", "未知的字段 " + k, "unknown field " + k);
    else if (!v.is_string() && !(k == "number" && v.is_number_integer()))
      bad(k.c_str(), k + " 应为文本", k + " must be text");
    else if (v.is_string() && !is_valid_utf8(v.get<std::string>()))
      bad(k.c_str(), k + " 不是有效的 UTF-8", k + " is not valid UTF-8");
  }
  std::string title = trim(str("title"));
  if (title.empty() || title.size() > 600)
    bad("title", "案由不能为空且不超过 200 字", "title must be 1-200 characters");
  if (!is_area(str("area"))) bad("area", "领域“" + str("area") + "”无效", "invalid area \"" + str("area") + "\"");
  std::string kind = str("proposer_kind");
  if (std::find(rules.proposers.begin(), rules.proposers.end(), kind) == rules.proposers.end())
    bad("proposer_kind", "提案者类型“" + kind + "”不被本规则接受",
        "proposer kind \"" + kind + "\" is not accepted by the rulebook");
  if (trim(str("proposer_name")).empty()) bad("proposer_name", "缺少提案者", "proposer_name is required");
  if (!one_of(str("stage"), {"", "plenary", "intersession"}))
    bad("stage", "stage 只能是 plenary 或 intersession", "stage must be plenary or intersession");
  if (!one_of(str("channel"), {"", "online", "paper"}))
    bad("channel", "channel 只能是 online 或 paper", "channel must be online or paper");
  for (const char* k : {"submitted_on", "reviewed_on", "assigned_on", "replied_on"}) {
    std::string d = str(k);
    if ((k == std::string("submitted_on") || !d.empty()) && !is_valid_date(d))
      bad(k, std::string(k) + " 应为 YYYY-MM-DD 日期", std::string(k) + " must be a YYYY-MM-DD date");
  }
  std::string outcome = str("outcome");
  if (!outcome.empty() && std::find(rules.outcomes.begin(), rules.outcomes.end(), outcome) == rules.outcomes.end())
    bad("outcome", "审查结果“" + outcome + "”不被本规则接受",
        "review outcome \"" + outcome + "\" is not offered by the rulebook");
  int64_t number = row.contains("number") && row["number"].is_number_integer() ? row["number"].get<int64_t>() : 0;
  if (outcome == "register") {
    if (number <= 0)
      bad("number", "立案须有提案号", "a registered proposal needs its number");
    else if (!numbers.insert(number).second)
      bad("number", "提案号 " + std::to_string(number) + " 重复",
          "number " + std::to_string(number) + " appears twice");
  } else if (number) {
    bad("number", "只有立案的提案有提案号", "only a registered proposal has a number");
  }
  if (outcome == "reject" && std::none_of(rules.rejection_reasons.begin(), rules.rejection_reasons.end(),
                                          [&](const rules::ReasonOption& o) { return o.id == str("reason"); }))
    bad("reason", "不予立案须依规定的理由", "not registering needs one of the rulebook's reasons");
  bool handled = !str("units").empty();
  if (handled) {
    int leads = 0, cos = 0, splits = 0;
    std::set<std::string> names;
    for (const auto& [name, role] : parse_units(str("units"))) {
      if (name.empty()) bad("units", "承办单位名称不能为空", "a handling unit's name is empty");
      if (!names.insert(name).second)
        bad("units", "承办单位“" + name + "”重复", "handling unit \"" + name + "\" appears twice");
      if (role == "lead")
        ++leads;
      else if (role == "co")
        ++cos;
      else if (role == "split")
        ++splits;
      else
        bad("units", "承办方式“" + role + "”无效（lead、co 或 split）",
            "invalid handling role \"" + role + "\" (lead, co or split)");
    }
    bool lead_shape = leads == 1 && splits == 0;
    bool split_shape = leads == 0 && cos == 0 && splits >= 2;
    if (!lead_shape && !split_shape)
      bad("units", "须有一个主办单位（可有会办单位），或两个以上分办单位",
          "either one lead unit (with any co-handling units) or two or more split units");
  }
  if (outcome == "merge") {
    std::string into = str("merged_into");
    if (into.empty() || into.size() > 9 ||
        !std::all_of(into.begin(), into.end(), [](char c) { return c >= '0' && c <= '9'; }))
      bad("merged_into", "并入的提案号应为数字", "merged_into must be a proposal number");
  }
  if (handled && outcome != "register") bad("units", "只有立案的提案交办", "only a registered proposal is assigned");
  if (handled && str("assigned_on").empty()) bad("assigned_on", "交办须有交办日期", "an assignment needs assigned_on");
  if (!str("replied_on").empty() && !handled)
    bad("replied_on", "未交办的提案不会有答复", "a reply needs an assignment (units)");
  if (!str("replied_on").empty() && std::find(rules.reply_classes.begin(), rules.reply_classes.end(),
                                              str("reply_class")) == rules.reply_classes.end())
    bad("reply_class", "答复类别无效", "invalid reply class");
  if (!one_of(str("rating"), {"", "satisfied", "basically_satisfied", "dissatisfied"}))
    bad("rating", "评价无效", "invalid rating");
  if (!str("rating").empty() && str("replied_on").empty())
    bad("rating", "没有答复就没有评价", "a rating needs a reply");
  if (!one_of(str("key"), {"", "0", "1"})) bad("key", "key 只能是 0 或 1", "key must be 0 or 1");
  size_t bytes = title.size() + str("facts").size() + str("analysis").size() + str("suggestions").size();
  if (static_cast<int64_t>(bytes) > rules.max_text_bytes)
    bad("suggestions", "全文超过 " + std::to_string(rules.max_text_bytes) + " 字节",
        "the text is over " + std::to_string(rules.max_text_bytes) + " bytes");
}

}  // namespace

Result<Json> parse_import_csv(std::string_view csv, const std::function<void(size_t, size_t)>& progress) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  if (!is_valid_utf8(csv))
    return make_error(ErrorCode::kMalformed, "文件不是有效的 UTF-8，请另存为 UTF-8 编码",
                      "the file is not valid UTF-8; save it as UTF-8", "csv");
  CsvReader reader;
  csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    return make_error(ErrorCode::kInternal, "内存不足", "out of memory");
  bool ok = csv_parse(&p, csv.data(), csv.size(), on_field, on_record, &reader) == csv.size() &&
            csv_fini(&p, on_field, on_record, &reader) == 0;
  csv_free(&p);
  if (!ok)
    return make_error(ErrorCode::kMalformed, "第" + std::to_string(reader.records.size() + 1) + "条记录引号使用不正确",
                      "malformed quoting in record " + std::to_string(reader.records.size() + 1), "csv");
  if (reader.records.empty()) return make_error(ErrorCode::kMalformed, "文件为空", "the file is empty", "csv");
  const auto& header = reader.records.front();
  Problems problems;
  for (const auto& h : header)
    if (std::find_if(std::begin(kColumns), std::end(kColumns), [&](const char* c) { return h == c; }) ==
        std::end(kColumns))
      problems.add(1, h, "未知的列 " + h, "unknown column " + h);
  if (!problems.empty()) return problems.error();
  Json rows = Json::array();
  size_t total = reader.records.size() - 1;
  for (size_t i = 1; i < reader.records.size(); ++i) {
    const auto& rec = reader.records[i];
    if (rec.size() != header.size()) {
      problems.add(static_cast<int64_t>(i + 1), "",
                   "第" + std::to_string(i + 1) + "条记录有 " + std::to_string(rec.size()) + " 列，表头有 " +
                       std::to_string(header.size()) + " 列",
                   "record " + std::to_string(i + 1) + " has " + std::to_string(rec.size()) +
                       " fields; the header has " + std::to_string(header.size()));
      continue;
    }
    Json row = Json::object();
    for (size_t c = 0; c < header.size(); ++c) {
      if (header[c] == "number") {
        if (rec[c].empty()) continue;
        if (auto n = parse_int(rec[c])) {
          row["number"] = *n;
        } else {
          problems.add(static_cast<int64_t>(i + 1), "number", "第" + std::to_string(i + 1) + "条：提案号应为整数",
                       "record " + std::to_string(i + 1) + ": number must be an integer");
        }
        continue;
      }
      row[header[c]] = rec[c];
    }
    rows.push_back(std::move(row));
    if (progress && i % 1000 == 0) progress(i, total);
  }
  if (progress) progress(total, total);
  if (!problems.empty()) return problems.error();
  return rows;
}

Status import_proposals(ActionContext& ctx, const Json& args) {
  PLENUM_ASSIGN_OR_RETURN(auto sid, req_int(args, "session_id", "args"));
  auto session = assembly::tables::session(ctx.reader(), sid);
  if (!session) return not_found("会议 " + std::to_string(sid), "session " + std::to_string(sid), "args.session_id");
  const std::string& body = session->body;
  PLENUM_TRY(ctx.require_role(body, {"secretariat"}));
  PLENUM_ASSIGN_OR_RETURN(auto book, ctx.rulebook_of(body));
  if (!(book)->proposals)
    return make_error(ErrorCode::kRuleViolation, body + " 的规则手册没有提案（建议）制度",
                      "the rulebook of " + body + " has no proposal cycle", "args.session_id");
  const rules::ProposalRules& r = *(book)->proposals;
  PLENUM_ASSIGN_OR_RETURN(auto rows, req_array(args, "rows", "args"));
  if ((rows)->empty()) return invalid("args.rows", "没有要导入的提案", "there are no rows to import");

  // Validate everything first: nothing is written unless every row is good.
  Problems problems;
  std::set<int64_t> numbers;
  std::string series = "proposal:" + std::to_string(sid);
  int64_t next_number = promulgation::tables::next_number(ctx.reader(), body, session->term, series);
  for (size_t i = 0; i < (rows)->size(); ++i) {
    const Json& row = (*rows)[i];
    if (!row.is_object()) {
      problems.add(static_cast<int64_t>(i + 2), "", "第" + std::to_string(i + 2) + "条应为对象",
                   "record " + std::to_string(i + 2) + " must be an object");
      continue;
    }
    check_row(row, static_cast<int64_t>(i + 2), r, numbers, problems);
  }
  for (size_t i = 0; i < (rows)->size(); ++i) {
    const Json& row = (*rows)[i];
    if (!row.is_object()) continue;
    if (row.value("outcome", "") == "merge") {
      std::string into = row.value("merged_into", "");
      auto number = parse_int(into, 0, 999999999);
      if (!number) continue;  // reported by check_row
      if (!numbers.count(*number))
        problems.add(static_cast<int64_t>(i + 2), "merged_into",
                     "第" + std::to_string(i + 2) + "条：并入的提案号“" + into + "”不在本文件的立案提案中",
                     "record " + std::to_string(i + 2) + ": merged_into \"" + into +
                         "\" is not a registered proposal in this file");
    }
  }
  for (int64_t n : numbers)
    if (n < next_number)
      problems.add(0, "number", "提案号 " + std::to_string(n) + " 已经使用",
                   "number " + std::to_string(n) + " is already used");
  if (!problems.empty()) return problems.error();

  // Units the file names that the body lacks are created first.
  std::map<std::string, int64_t> unit_ids;
  for (const auto& u : tables::handling_units(ctx.reader(), body)) unit_ids[u.name_zh] = u.id;
  for (const auto& row : *rows)
    for (const auto& [name, role] : parse_units(row.value("units", ""))) {
      if (unit_ids.count(name)) continue;
      int64_t id = store::next_id(ctx.reader().sql(), "handling_units");
      ctx.emit(body, "proposals.unit_added", Json{{"unit_id", id}, {"name_zh", name}, {"name_en", ""}});
      unit_ids[name] = id;
    }
  std::map<int64_t, int64_t> id_of_number;
  int64_t first_id = store::next_id(ctx.reader().sql(), "proposals");
  int64_t id = first_id;
  for (const auto& row : *rows)
    if (row.value("outcome", "") == "register") id_of_number[row["number"].get<int64_t>()] = id++;
  // Registered ones first, so a merged proposal's target exists when it is projected.
  int64_t highest = next_number - 1;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& row : *rows) {
      bool registered = row.value("outcome", "") == "register";
      if ((pass == 0) != registered) continue;
      Json units = Json::array();
      for (const auto& [name, role] : parse_units(row.value("units", "")))
        units.push_back(Json{{"unit_id", unit_ids[name]}, {"role", role}});
      Json rec = row;
      rec["units"] = units;
      rec["proposal_id"] = registered ? id_of_number[row["number"].get<int64_t>()] : id++;
      if (registered) highest = std::max(highest, row["number"].get<int64_t>());
      if (row.value("outcome", "") == "merge")
        rec["merged_into"] = id_of_number[parse_int(row["merged_into"].get<std::string>()).value_or(0)];
      rec["session_id"] = sid;
      if (!units.empty()) {
        rec["due_on"] = add_months(row["assigned_on"].get<std::string>(), static_cast<int>(r.reply_months));
        rec["co_due_on"] = add_months(row["assigned_on"].get<std::string>(), static_cast<int>(r.co_opinion_months));
      }
      ctx.emit(body, "proposals.imported", rec);
    }
  }
  if (highest >= next_number)
    ctx.emit(body, "proposals.numbering_advanced",
             Json{{"term", session->term}, {"series", series}, {"next", highest + 1}});
  ctx.result() = Json{{"imported", (rows)->size()}, {"first_id", first_id}};
  return Status::ok();
}

void register_import_projector(ledger::Registry::Room registry) {
  registry.add_projector("proposals.imported", [](store::TableWriter& tx, const Event& e) {
    const Json& j = e.payload;
    auto s = [&](const char* k) { return j.value(k, std::string()); };
    ProposalRecord p;
    p.id = j["proposal_id"];
    p.body = e.body;
    p.session_id = j["session_id"];
    p.number = j.value("number", int64_t{0});
    p.title = trim(s("title"));
    p.parts = canonical(Json{{"facts", s("facts")}, {"analysis", s("analysis")}, {"suggestions", s("suggestions")}});
    p.area = s("area");
    p.proposer_kind = s("proposer_kind");
    p.proposer_name = s("proposer_name");
    p.stage = s("stage").empty() ? "plenary" : s("stage");
    p.channel = s("channel").empty() ? "online" : s("channel");
    p.submitted_on = s("submitted_on");
    p.submitted_by = e.actor;
    p.outcome = s("outcome");
    p.reason = s("reason");
    p.reviewed_on = s("reviewed_on");
    p.merged_into = j.value("merged_into", Json(0)).is_number() ? j["merged_into"].get<int64_t>() : 0;
    p.key = s("key") == "1";
    p.replied_on = s("replied_on");
    p.rating = s("rating");
    p.round = j["units"].empty() ? 0 : 1;
    bool split = false;
    for (const auto& u : j["units"]) split = split || u["role"] == "split";
    p.handling = j["units"].empty() ? "" : split ? "split" : "lead";
    if (p.outcome.empty())
      p.state = ProposalState::kSubmitted;
    else if (p.outcome != "register")
      p.state = state_after_review(p.outcome);
    else if (j["units"].empty())
      p.state = ProposalState::kRegistered;
    else if (p.replied_on.empty())
      p.state = ProposalState::kAssigned;
    else if (p.rating == "satisfied" || p.rating == "basically_satisfied")
      p.state = ProposalState::kClosed;
    else
      p.state = ProposalState::kReplied;
    if (p.state == ProposalState::kClosed) p.closed_on = p.replied_on;
    tables::put_proposal(tx, p);
    for (const auto& u : j["units"]) {
      AssignmentRecord a;
      a.proposal_id = p.id;
      a.unit_id = u["unit_id"];
      a.role = u["role"];
      a.round = 1;
      a.assigned_on = s("assigned_on");
      a.due_on = a.role == "co" ? s("co_due_on") : s("due_on");
      bool answered = !p.replied_on.empty();
      a.state = !answered        ? AssignmentState::kAssigned
                : a.role == "co" ? AssignmentState::kOpinionGiven
                                 : AssignmentState::kReplied;
      a.reply_class = answered && a.role != "co" ? s("reply_class") : "";
      a.replied_on = answered ? p.replied_on : "";
      a.by = e.actor;
      tables::put_assignment(tx, a);
    }
    if (!p.rating.empty()) tables::put_feedback(tx, {p.id, 1, e.actor, p.rating, "", p.replied_on});
  });
}

}  // namespace plenum::proposals
