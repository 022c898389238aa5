// The proposal cycle over real HTTP: who sees which proposal (members their own, a handling
// unit what is assigned to it, staff everything), public statistics, Chinese-aware search with
// filters, the CSV export and the all-or-nothing CSV import, and the refusals next to them.
#include <cstdio>
#include <gtest/gtest.h>
#include <sstream>

#include "base/text.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

const char* const kList = "/api/v1/bodies/cppcc/proposals";

// Percent-encodes a query value (UTF-8 bytes as %XX).
std::string url(const std::string& v) {
  std::string out;
  for (unsigned char c : v) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// The "error" object of an error reply, after checking its status, code and field.
Json expect_error(const char* file, int line, const HttpReply& r, int status, const std::string& code,
                  const char* field) {
  ::testing::ScopedTrace trace(file, line, "expected error " + std::to_string(status) + " " + code);
  EXPECT_EQ(r.status, status) << r.body;
  Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("error")) {
    ADD_FAILURE() << "no error object in: " << r.body;
    return Json();
  }
  EXPECT_EQ(j["error"].value("code", ""), code) << r.body;
  EXPECT_FALSE(j["error"].value("message_zh", "").empty()) << r.body;
  EXPECT_FALSE(j["error"].value("message_en", "").empty()) << r.body;
  if (field) {
    EXPECT_EQ(j["error"].value("field", Json()), Json(field)) << r.body;
  }
  return j["error"];
}
#define EXPECT_API_ERROR(reply, status, code, field) expect_error(__FILE__, __LINE__, reply, status, code, field)

Json parts(const std::string& suggestions) {
  return Json{{"facts", "情况说明。"}, {"analysis", "原因分析。"}, {"suggestions", suggestions}};
}

std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < csv.size()) {
    size_t end = csv.find("\r\n", start);
    if (end == std::string::npos) end = csv.size();
    out.push_back(csv.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

// A CPPCC of six members; the secretariat, three member accounts, two handling units of which
// the first has an account of its own ("unit1"), and a server.
class ProposalApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    app = open_app(dir.file("p.db"));
    a = seed_assembly(*app, "cppcc", "cppcc", 6);
    add_account(*app, "sec", Json::array({{{"body", "cppcc"}, {"role", "secretariat"}}}));
    for (int i = 0; i < 3; ++i)
      add_account(*app, "m" + std::to_string(i + 1), Json::array({{{"body", "cppcc"}, {"role", "member"}}}),
                  a.member_ids[i]);
    for (const char* name : {"发展改革委", "教育部"}) {
      auto r = act(*app, "proposals.add_handling_unit", Json{{"body", "cppcc"}, {"name_zh", name}});
      ASSERT_TRUE(r.is_ok()) << r.error().message_en;
      units.push_back(r->result["unit_id"]);
    }
    add_account(*app, "unit1", Json::array());
    auto linked = act(*app, "proposals.link_account", Json{{"unit_id", units[0]}, {"username", "unit1"}});
    ASSERT_TRUE(linked.is_ok()) << linked.error().message_en;
    server = std::make_unique<TestServer>(*app);
    sec = signed_in("sec");
    m1 = signed_in("m1");
    m2 = signed_in("m2");
    unit1 = signed_in("unit1");
    anonymous = std::make_unique<HttpClient>(server->port());
  }

  std::unique_ptr<HttpClient> signed_in(const std::string& username) {
    auto c = std::make_unique<HttpClient>(server->port());
    auto r = c->login(username);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }

  // Submits as `client` for member `index` (0-based); returns the reply.
  HttpReply submit(HttpClient& client, int index, const std::string& title, const std::string& text,
                   const std::string& area = "society", const std::string& request_id = "") {
    return client.action("proposals.submit",
                         Json{{"session_id", a.session_id},
                              {"title", title},
                              {"area", area},
                              {"parts", parts(text)},
                              {"member_ids", {a.member_ids[index]}}},
                         request_id);
  }
  int64_t submitted(HttpClient& client, int index, const std::string& title, const std::string& text,
                    const std::string& area = "society") {
    auto r = submit(client, index, title, text, area);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json()["result"]["proposal_id"].get<int64_t>() : 0;
  }
  Json ok(HttpClient& client, const std::string& action, const Json& args) {
    auto r = client.action(action, args);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    return r.status == 200 ? r.json()["result"] : Json();
  }
  // GET that must answer 200 with JSON.
  Json get_ok(HttpClient& client, const std::string& target) {
    auto r = client.get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? r.json() : Json();
  }
  std::vector<int64_t> ids(const Json& list) {
    std::vector<int64_t> out;
    for (const auto& p : list["proposals"]) out.push_back(p["id"]);
    return out;
  }
  std::string state_hash() { return app->store->read()->state_hash(); }
  HttpReply upload(HttpClient& client, const std::string& query, const std::string& csv,
                   std::map<std::string, std::string> headers = {}) {
    headers.emplace("Content-Type", "text/csv; charset=utf-8");
    headers.emplace("X-CSRF-Token", client.csrf);
    return client.request("POST", "/api/v1/bodies/cppcc/proposals/import" + query, csv, headers);
  }

  TempDir dir;
  std::unique_ptr<app::App> app;
  Assembly a;
  std::vector<int64_t> units;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<HttpClient> sec, m1, m2, unit1, anonymous;
};

using ProposalApiVisibility = ProposalApiFixture;
using ProposalApiStatistics = ProposalApiFixture;
using ProposalApiSearch = ProposalApiFixture;
using ProposalApiExport = ProposalApiFixture;
using ProposalApiImport = ProposalApiFixture;
using ProposalApiBadInput = ProposalApiFixture;

// ---------------------------------------------------------------- visibility

TEST_F(ProposalApiVisibility, MembersSeeTheirOwnAndAUnitWhatIsAssignedToIt) {
  auto first = submit(*m1, 0, "关于加强乡村义务教育的提案", "建议加大对农村义务教育学校的投入。");
  ASSERT_EQ(first.status, 200) << first.body;
  const int64_t p1 = first.json()["result"]["proposal_id"];
  // The session (2024-03-01 to 03-10) is long over: an intersession proposal.
  EXPECT_EQ(first.json()["result"]["stage"], "intersession");
  const int64_t p2 = submitted(*m2, 1, "关于完善养老服务体系的提案", "建议增加社区养老服务设施。");
  ASSERT_NE(p1, p2);

  // Each member lists only their own; the secretariat lists both.
  Json mine = get_ok(*m1, kList);
  EXPECT_EQ(mine["total"], 1);
  EXPECT_EQ(ids(mine), std::vector<int64_t>{p1});
  EXPECT_EQ(mine["proposals"][0]["state"], "submitted");
  EXPECT_EQ(mine["proposals"][0]["state_zh"], "待审查");
  EXPECT_EQ(mine["proposals"][0]["proposer_name"], "成员1");
  EXPECT_TRUE(mine["proposals"][0]["number"].is_null());
  EXPECT_EQ(ids(get_ok(*m2, kList)), std::vector<int64_t>{p2});
  Json all = get_ok(*sec, kList);
  EXPECT_EQ(all["total"], 2);
  EXPECT_EQ(all["limit"], 50);
  EXPECT_EQ(all["offset"], 0);
  EXPECT_EQ(ids(all), (std::vector<int64_t>{p2, p1}));  // newest first

  // The proposal itself: its proposer and staff; another member gets 404 as if it did not exist.
  Json own = get_ok(*m1, "/api/v1/proposals/" + std::to_string(p1));
  EXPECT_EQ(own["title"], "关于加强乡村义务教育的提案");
  EXPECT_EQ(own["parts"]["suggestions"], "建议加大对农村义务教育学校的投入。");
  EXPECT_EQ(own["proposers"], Json::array({{{"member_id", a.member_ids[0]}, {"name", "成员1"}}}));
  EXPECT_FALSE(own.contains("similar"));  // merge candidates are for staff
  EXPECT_TRUE(get_ok(*sec, "/api/v1/proposals/" + std::to_string(p1)).contains("similar"));
  EXPECT_API_ERROR(m2->get("/api/v1/proposals/" + std::to_string(p1)), 404, "not_found", "proposal_id");
  EXPECT_API_ERROR(m2->get("/api/v1/proposals/999999"), 404, "not_found", "proposal_id");

  // The handling unit sees nothing before assignment.
  EXPECT_EQ(get_ok(*unit1, kList)["total"], 0);
  EXPECT_API_ERROR(unit1->get("/api/v1/proposals/" + std::to_string(p1)), 404, "not_found", "proposal_id");

  Json reviewed = ok(*sec, "proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}});
  EXPECT_EQ(reviewed["number"], 1);
  EXPECT_EQ(reviewed["state"], "registered");
  EXPECT_EQ(get_ok(*unit1, kList)["total"], 0);  // registered is not assigned
  Json assigned = ok(*sec, "proposals.assign", Json{{"proposal_id", p1}, {"lead_unit_id", units[0]}});
  const std::string today = beijing_date(now_micros());
  EXPECT_EQ(assigned["due_on"], add_months(today, 3));

  // Now the unit sees it, and only it, with its own part of the handling.
  Json assigned_list = get_ok(*unit1, kList);
  EXPECT_EQ(assigned_list["total"], 1);
  EXPECT_EQ(ids(assigned_list), std::vector<int64_t>{p1});
  EXPECT_EQ(assigned_list["proposals"][0]["state"], "assigned");
  EXPECT_EQ(assigned_list["proposals"][0]["number"], 1);
  Json as_unit = get_ok(*unit1, "/api/v1/proposals/" + std::to_string(p1));
  ASSERT_EQ(as_unit["assignments"].size(), 1u);
  EXPECT_EQ(as_unit["assignments"][0]["unit_id"], units[0]);
  EXPECT_EQ(as_unit["assignments"][0]["unit_name"], "发展改革委");
  EXPECT_EQ(as_unit["assignments"][0]["role"], "lead");
  EXPECT_EQ(as_unit["assignments"][0]["due_on"], add_months(today, 3));
  EXPECT_API_ERROR(unit1->get("/api/v1/proposals/" + std::to_string(p2)), 404, "not_found", "proposal_id");
  // A unit may not look at another unit's assignments.
  EXPECT_API_ERROR(unit1->get(std::string(kList) + "?unit_id=" + std::to_string(units[1])), 403, "forbidden",
                   "unit_id");
  EXPECT_EQ(get_ok(*unit1, std::string(kList) + "?unit_id=" + std::to_string(units[0]))["total"], 1);

  // Notifications: the proposer hears of the registration, the unit of the assignment.
  Json notes = get_ok(*m1, "/api/v1/me/notifications")["notifications"];
  ASSERT_EQ(notes.size(), 3u);  // newest first: assigned, registered, received
  EXPECT_EQ(notes[0]["kind"], "proposals.assigned");
  EXPECT_EQ(notes[1]["text_zh"], "《关于加强乡村义务教育的提案》已立案，提案号第1号。");
  EXPECT_EQ(notes[1]["recipient"], "member:" + std::to_string(a.member_ids[0]));
  EXPECT_EQ(notes[2]["text_zh"], "《关于加强乡村义务教育的提案》已收到，等待审查。");
  Json unit_notes = get_ok(*unit1, "/api/v1/me/notifications")["notifications"];
  ASSERT_EQ(unit_notes.size(), 1u);
  EXPECT_EQ(unit_notes[0]["text_zh"],
            "交办《关于加强乡村义务教育的提案》（主办），请于 " + add_months(today, 3) + " 前答复提案人。");
  EXPECT_EQ(get_ok(*m2, "/api/v1/me/notifications")["notifications"].size(), 1u);  // received only
  EXPECT_API_ERROR(anonymous->get("/api/v1/me/notifications"), 401, "unauthenticated", "cookie");

  // Overdue: the unit sees its own once the deadline has passed; a member may not look.
  Json none_yet = get_ok(*unit1, "/api/v1/bodies/cppcc/proposals/overdue?as_of=" + today);
  EXPECT_EQ(none_yet["as_of"], today);
  EXPECT_TRUE(none_yet["overdue"].empty());
  Json late = get_ok(*unit1, "/api/v1/bodies/cppcc/proposals/overdue?as_of=2999-01-01");
  ASSERT_EQ(late["overdue"].size(), 1u);
  EXPECT_EQ(late["overdue"][0]["proposal_id"], p1);
  EXPECT_EQ(late["overdue"][0]["title"], "关于加强乡村义务教育的提案");
  EXPECT_EQ(get_ok(*sec, "/api/v1/bodies/cppcc/proposals/overdue?as_of=2999-01-01")["overdue"].size(), 1u);
  EXPECT_API_ERROR(m1->get("/api/v1/bodies/cppcc/proposals/overdue"), 403, "forbidden", nullptr);
  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/cppcc/proposals/overdue"), 401, "unauthenticated", nullptr);
}

// A co-signer joins after submission and must then find the proposal in their own list, as they
// can open it.
TEST_F(ProposalApiVisibility, ACoSignerListsTheProposalTheyJoined) {
  const int64_t p1 = submitted(*m1, 0, "关于加强乡村义务教育的提案", "建议加大对农村义务教育学校的投入。");
  ok(*m2, "proposals.cosign", Json{{"proposal_id", p1}});
  Json seen = get_ok(*m2, "/api/v1/proposals/" + std::to_string(p1));
  EXPECT_EQ(seen["proposers"].size(), 2u);
  EXPECT_EQ(ids(get_ok(*m2, kList)), std::vector<int64_t>{p1});
}

// ---------------------------------------------------------------- statistics

TEST_F(ProposalApiStatistics, ArePublicAndCountEveryOutcome) {
  const int64_t p1 = submitted(*m1, 0, "关于加强乡村义务教育的提案", "建议加大投入。");
  const int64_t p2 = submitted(*m2, 1, "关于加快发展新质生产力的提案", "建议加强科技创新。", "economy");
  const int64_t p3 = submitted(*m1, 0, "关于我个人住房问题的提案", "建议解决本人住房。");
  submitted(*m2, 1, "关于完善养老服务体系的提案", "建议增加养老设施。");  // not reviewed
  ok(*sec, "proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}});
  ok(*sec, "proposals.review", Json{{"proposal_id", p2}, {"outcome", "register"}});
  ok(*sec, "proposals.review", Json{{"proposal_id", p3}, {"outcome", "reject"}, {"reason", "personal"}});
  ok(*sec, "proposals.assign", Json{{"proposal_id", p1}, {"lead_unit_id", units[0]}});
  Json replied = ok(*unit1, "proposals.reply",
                    Json{{"proposal_id", p1}, {"unit_id", units[0]}, {"class", "A"}, {"text", "已经落实。"}});
  EXPECT_EQ(replied["state"], "replied");
  ok(*m1, "proposals.rate", Json{{"proposal_id", p1}, {"rating", "satisfied"}});

  // No cookie at all.
  const std::string target = "/api/v1/bodies/cppcc/proposal-statistics?session_id=" + std::to_string(a.session_id);
  Json s = get_ok(*anonymous, target + "&as_of=2999-12-31");
  EXPECT_EQ(s["body"], "cppcc");
  EXPECT_EQ(s["as_of"], "2999-12-31");
  EXPECT_EQ(s["received"], 4);
  EXPECT_EQ(s["pending_review"], 1);
  EXPECT_EQ(s["registered"], 2);
  EXPECT_EQ(s["not_registered"], 1);
  EXPECT_EQ(s["merged"], 0);
  EXPECT_EQ(s["by_members"], 4);
  EXPECT_EQ(s["by_collectives"], 0);
  EXPECT_EQ(s["intersession"], 4);
  EXPECT_EQ(s["online"], 4);
  EXPECT_EQ(s["online_share"], "100.0%");
  EXPECT_EQ(s["registered_by_area"],
            (Json{{"economy", 1}, {"politics", 0}, {"culture", 0}, {"society", 1}, {"ecology", 0}}));
  EXPECT_EQ(s["answered"], 1);
  EXPECT_EQ(s["reply_rate"], "50.0%");
  EXPECT_EQ(s["rated"], 1);
  EXPECT_EQ(s["satisfied"], 1);
  EXPECT_EQ(s["satisfaction_rate"], "100.0%");
  ASSERT_EQ(s["units"].size(), 1u);
  EXPECT_EQ(s["units"][0],
            (Json{{"unit_id", units[0]}, {"name_zh", "发展改革委"}, {"assigned", 1}, {"replied", 1}, {"overdue", 0}}));
  EXPECT_EQ(s["report_zh"], "共提出提案4件，经审查立案2件（不予立案1件）。截至2999年12月底，50.0%的提案已经办复。");

  // Replies after as_of do not count as answered.
  Json before = get_ok(*anonymous, target + "&as_of=2000-01-05");
  EXPECT_EQ(before["answered"], 0);
  EXPECT_EQ(before["reply_rate"], "0.0%");
  EXPECT_EQ(before["report_zh"], "共提出提案4件，经审查立案2件（不予立案1件）。截至2000年1月5日，0.0%的提案已经办复。");
  // Filters narrow the count; a period before anything was submitted counts nothing.
  EXPECT_EQ(get_ok(*anonymous, target + "&area=economy")["received"], 1);
  Json empty = get_ok(*anonymous, "/api/v1/bodies/cppcc/proposal-statistics?from=2000-01-01&to=2000-12-31");
  EXPECT_EQ(empty["received"], 0);
  EXPECT_EQ(empty["reply_rate"], "");
  EXPECT_EQ(empty["report_zh"], "共提出提案0件，经审查立案0件。");

  // Handling units are public too.
  Json list = get_ok(*anonymous, "/api/v1/bodies/cppcc/handling-units");
  EXPECT_EQ(list, Json::array({{{"id", units[0]}, {"name_zh", "发展改革委"}, {"name_en", ""}},
                               {{"id", units[1]}, {"name_zh", "教育部"}, {"name_en", ""}}}));

  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/nobody/proposal-statistics"), 404, "not_found", nullptr);
  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/cppcc/proposal-statistics?as_of=2024-02-30"), 400, "malformed",
                   "as_of");
  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/cppcc/proposal-statistics?year=2024"), 400, "malformed", "year");
}

// A session's report is stated as of the day the secretariat records (the demo's "截至2024年2月
// 底"): its statistics are then taken on that day unless the reader names another, and the
// public list of reports names the session. Bad dates and other callers change nothing.
TEST_F(ProposalApiStatistics, AReportIsCountedAsOfTheDayItRecords) {
  const int64_t p1 = submitted(*m1, 0, "关于加强乡村义务教育的提案", "建议加大投入。");
  ok(*sec, "proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}});
  const std::string session = std::to_string(a.session_id);
  const std::string target = "/api/v1/bodies/cppcc/proposal-statistics?session_id=" + session;
  const std::string today = beijing_date(now_micros());
  EXPECT_EQ(get_ok(*anonymous, target)["as_of"], today) << "without a recorded report, today";
  EXPECT_EQ(get_ok(*anonymous, "/api/v1/bodies/cppcc/proposal-reports"), Json::array());

  const std::string before = state_hash();
  auto refused = [&](HttpClient& who, Json args, int status, const char* code, const char* field) {
    EXPECT_API_ERROR(who.action("proposals.set_report_date", args), status, code, field);
    EXPECT_EQ(state_hash(), before) << args.dump();
  };
  refused(*sec, Json{{"session_id", a.session_id}, {"as_of", "2024-02-29"}}, 422, "rule_violation", "args.as_of");
  refused(*sec, Json{{"session_id", a.session_id}, {"as_of", "2999-01-01"}}, 422, "rule_violation", "args.as_of");
  refused(*sec, Json{{"session_id", a.session_id}, {"as_of", "2024-02-30"}}, 400, "malformed", "args.as_of");
  refused(*sec, Json{{"session_id", a.session_id}, {"as_of", "2024-03-31"}, {"note", "x"}}, 400, "malformed",
          "args.note");
  refused(*sec, Json{{"session_id", 999999}, {"as_of", "2024-03-31"}}, 404, "not_found", "args.session_id");
  refused(*m1, Json{{"session_id", a.session_id}, {"as_of", "2024-03-31"}}, 403, "forbidden", nullptr);
  refused(*unit1, Json{{"session_id", a.session_id}, {"as_of", "2024-03-31"}}, 403, "forbidden", nullptr);

  Json dated = ok(*sec, "proposals.set_report_date", Json{{"session_id", a.session_id}, {"as_of", "2024-03-31"}});
  EXPECT_EQ(dated, (Json{{"session_id", a.session_id}, {"as_of", "2024-03-31"}}));
  Json s = get_ok(*anonymous, target);
  EXPECT_EQ(s["as_of"], "2024-03-31");
  EXPECT_EQ(s["report_zh"], "共提出提案1件，经审查立案1件。截至2024年3月底，0.0%的提案已经办复。");
  EXPECT_EQ(get_ok(*anonymous, target + "&as_of=2024-03-05")["as_of"], "2024-03-05") << "a named day wins";
  EXPECT_EQ(get_ok(*anonymous, "/api/v1/bodies/cppcc/proposal-statistics")["as_of"], today)
      << "the whole body's figures are not one session's report";

  // Recorded again, the later date replaces the earlier.
  ok(*sec, "proposals.set_report_date", Json{{"session_id", a.session_id}, {"as_of", "2024-04-30"}});
  EXPECT_EQ(get_ok(*anonymous, target)["as_of"], "2024-04-30");
  Json reports = get_ok(*anonymous, "/api/v1/bodies/cppcc/proposal-reports");
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0]["session_id"], a.session_id);
  EXPECT_EQ(reports[0]["as_of"], "2024-04-30");
  EXPECT_FALSE(reports[0]["name_zh"].get<std::string>().empty());
  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/cppcc/proposal-reports?year=2024"), 400, "malformed", "year");
  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/nobody/proposal-reports"), 404, "not_found", nullptr);
}

// ---------------------------------------------------------------- search and filters

TEST_F(ProposalApiSearch, FindsTraditionalTextBySimplifiedQueryAndFiltersNarrow) {
  const int64_t econ = submitted(*m1, 0, "关于区域协调的提案", "建议推动經濟發展，扩大国内需求。", "economy");
  const int64_t school = submitted(*m1, 0, "关于乡村教育的提案", "建议提高乡村教师待遇。", "society");
  const int64_t care = submitted(*m2, 1, "关于完善养老服务体系的提案", "建议增加社区养老服务设施。", "society");

  Json hits = get_ok(*sec, std::string(kList) + "?q=" + url("经济"));
  EXPECT_EQ(hits["total"], 1);
  ASSERT_EQ(ids(hits), std::vector<int64_t>{econ});
  // The match is marked in the original (traditional) text; adjacent marked tokens read as one.
  std::string snippet = hits["proposals"][0]["snippet"];
  for (size_t at; (at = snippet.find("】【")) != std::string::npos;) snippet.erase(at, std::string("】【").size());
  EXPECT_EQ(snippet, "情况说明。\n原因分析。\n建议推动【經濟】發展，扩大国内需求。");
  EXPECT_EQ(hits["proposals"][0]["title_highlight"], "关于区域协调的提案");  // no match in the title
  EXPECT_TRUE(hits["proposals"][0]["score"].is_number());
  // Traditional in the query finds simplified in the text, and the title is highlighted.
  Json by_title = get_ok(*sec, std::string(kList) + "?q=" + url("鄉村教育"));
  ASSERT_EQ(ids(by_title), std::vector<int64_t>{school});
  EXPECT_NE(by_title["proposals"][0]["title_highlight"].get<std::string>().find("【"), std::string::npos)
      << by_title["proposals"][0]["title_highlight"];
  // Without a query there are no highlights.
  EXPECT_FALSE(get_ok(*sec, kList)["proposals"][0].contains("snippet"));
  // A member's search stays within their own proposals.
  EXPECT_EQ(get_ok(*m2, std::string(kList) + "?q=" + url("经济"))["total"], 0);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?q=" + url("航天"))["total"], 0);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?q=" + url("，。"))["total"], 0);  // nothing searchable

  // Filters.
  EXPECT_EQ(ids(get_ok(*sec, std::string(kList) + "?area=economy")), std::vector<int64_t>{econ});
  EXPECT_EQ(ids(get_ok(*sec, std::string(kList) + "?area=society")), (std::vector<int64_t>{care, school}));
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?state=submitted")["total"], 3);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?state=registered")["total"], 0);
  ok(*sec, "proposals.review", Json{{"proposal_id", school}, {"outcome", "register"}});
  EXPECT_EQ(ids(get_ok(*sec, std::string(kList) + "?state=registered")), std::vector<int64_t>{school});
  EXPECT_EQ(ids(get_ok(*sec, std::string(kList) + "?outcome=register")), std::vector<int64_t>{school});
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?state=submitted")["total"], 2);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?q=" + url("乡村") + "&area=economy")["total"], 0);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?key=1")["total"], 0);
  ok(*sec, "proposals.select_key", Json{{"proposal_id", school}});
  EXPECT_EQ(ids(get_ok(*sec, std::string(kList) + "?key=1")), std::vector<int64_t>{school});
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?proposer_kind=party")["total"], 0);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?session_id=" + std::to_string(a.session_id))["total"], 3);
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?to=2000-01-01")["total"], 0);
  const std::string today = beijing_date(now_micros());
  EXPECT_EQ(get_ok(*sec, std::string(kList) + "?from=" + today + "&to=" + today)["total"], 3);

  // Pages: newest first, total over all pages.
  Json page = get_ok(*sec, std::string(kList) + "?limit=1&offset=1");
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(page["limit"], 1);
  EXPECT_EQ(page["offset"], 1);
  EXPECT_EQ(ids(page), std::vector<int64_t>{school});
  EXPECT_TRUE(get_ok(*sec, std::string(kList) + "?offset=3")["proposals"].empty());
}

// ---------------------------------------------------------------- export

TEST_F(ProposalApiExport, CsvHasTheBomTheHeaderAndOneLinePerProposal) {
  const int64_t p1 = submitted(*m1, 0, "关于“一网通办”, 便民的提案", "建议推进政务服务一网通办。");
  const int64_t p2 = submitted(*m2, 1, "关于完善养老服务体系的提案", "建议增加社区养老服务设施。");
  ok(*sec, "proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}});
  ok(*sec, "proposals.assign", Json{{"proposal_id", p1}, {"lead_unit_id", units[0]}, {"co_unit_ids", {units[1]}}});
  const std::string today = beijing_date(now_micros());
  const std::string header =
      "id,number,title,proposer_name,proposer_kind,area,stage,channel,submitted_on,state,outcome,units,"
      "replied_on,rating,key";

  auto r = sec->get("/api/v1/bodies/cppcc/proposals/export.csv?limit=1");  // every match, not one page
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
  ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
  auto lines = lines_of(r.body.substr(3));
  ASSERT_EQ(lines.size(), 3u) << r.body;
  EXPECT_EQ(lines[0], header);
  EXPECT_EQ(r.body.substr(r.body.size() - 2), "\r\n");
  // Newest first; every field quoted, a comma inside the title kept inside its quotes.
  EXPECT_EQ(lines[1], "\"" + std::to_string(p2) +
                          "\",\"\",\"关于完善养老服务体系的提案\",\"成员2\",\"member\","
                          "\"society\",\"intersession\",\"online\",\"" +
                          today + "\",\"submitted\",\"\",\"\",\"\",\"\",\"0\"");
  EXPECT_EQ(lines[2], "\"" + std::to_string(p1) +
                          "\",\"1\",\"关于“一网通办”, 便民的提案\",\"成员1\",\"member\","
                          "\"society\",\"intersession\",\"online\",\"" +
                          today + "\",\"assigned\",\"register\",\"发展改革委；教育部\",\"\",\"\",\"0\"");

  // The same filter as the list, and the same visibility.
  auto filtered = sec->get("/api/v1/bodies/cppcc/proposals/export.csv?state=assigned");
  ASSERT_EQ(filtered.status, 200);
  EXPECT_EQ(lines_of(filtered.body.substr(3)).size(), 2u);
  auto own = m2->get("/api/v1/bodies/cppcc/proposals/export.csv");
  ASSERT_EQ(own.status, 200);
  auto own_lines = lines_of(own.body.substr(3));
  ASSERT_EQ(own_lines.size(), 2u);
  EXPECT_EQ(own_lines[1].substr(0, std::to_string(p2).size() + 2), "\"" + std::to_string(p2) + "\"");
  EXPECT_API_ERROR(anonymous->get("/api/v1/bodies/cppcc/proposals/export.csv"), 401, "unauthenticated", nullptr);
  EXPECT_API_ERROR(sec->get("/api/v1/bodies/cppcc/proposals/export.csv?format=xlsx"), 400, "malformed", "format");
}

// ---------------------------------------------------------------- import

const char* const kImportHeader =
    "title,area,proposer_kind,proposer_name,submitted_on,outcome,number,merged_into,units,assigned_on,"
    "replied_on,reply_class,rating,suggestions\n";

TEST_F(ProposalApiImport, ImportsAllOrNothing) {
  const std::string query = "?session_id=" + std::to_string(a.session_id);
  const std::string before = state_hash();

  // Two bad records: nothing is written, each is reported with its record number.
  std::string bad = std::string(kImportHeader) +
                    "关于航天的提案,space,member,张三,2024-03-04,,,,,,,,,建议。\n"
                    "关于教育的提案,society,member,李四,2024-03-04,register,,,,,,,,建议。\n"
                    "关于养老的提案,society,member,王五,2024-03-04,,,,,,,,,建议。\n";
  auto refused = upload(*sec, query, bad);
  Json e = EXPECT_API_ERROR(refused, 400, "malformed", "area");
  ASSERT_EQ(e["details"].size(), 2u) << refused.body;
  EXPECT_EQ(e["details"][0]["line"], 2);
  EXPECT_EQ(e["details"][0]["field"], "area");
  EXPECT_EQ(e["details"][1]["line"], 3);
  EXPECT_EQ(e["details"][1]["field"], "number");
  EXPECT_EQ(state_hash(), before);
  // A column nobody knows is refused before anything is submitted.
  Json column = EXPECT_API_ERROR(upload(*sec, query, "title,colour\n关于教育的提案,红\n"), 400, "malformed", "colour");
  ASSERT_EQ(column["details"].size(), 1u);
  EXPECT_EQ(column["details"][0]["line"], 1);
  EXPECT_API_ERROR(upload(*sec, query, "title,area\n\"关于教育的提案,society\n"), 400, "malformed", "csv");
  EXPECT_API_ERROR(upload(*sec, query, "title,area\n\xFF\xFE,society\n"), 400, "malformed", "csv");
  // Wrong content type, no session, a session of nobody, the wrong role, no CSRF token.
  EXPECT_API_ERROR(sec->request("POST", "/api/v1/bodies/cppcc/proposals/import" + query, bad,
                                {{"Content-Type", "application/json"}, {"X-CSRF-Token", sec->csrf}}),
                   400, "malformed", "content-type");
  EXPECT_API_ERROR(upload(*sec, "", bad), 400, "malformed", "session_id");
  EXPECT_API_ERROR(upload(*sec, "?session_id=x1", bad), 400, "malformed", "session_id");
  EXPECT_API_ERROR(upload(*sec, "?session_id=999", bad), 404, "not_found", "session_id");
  std::string good =
      std::string(kImportHeader) +
      "关于加强乡村义务教育的提案,society,member,张三,2023-03-04,register,1,,发展改革委:lead;财政部:co,"
      "2023-04-10,2023-06-30,A,satisfied,建议加大投入。\n"
      "关于提高乡村教师待遇的提案,society,member,李四,2023-03-05,merge,,1,,,,,,建议提高待遇。\n"
      "关于促进民营经济发展的提案,economy,party,民建中央,2023-03-06,register,2,,,,,,,建议优化营商环境。\n";
  EXPECT_API_ERROR(upload(*m1, query, good), 403, "forbidden", "actor");
  EXPECT_API_ERROR(
      sec->request("POST", "/api/v1/bodies/cppcc/proposals/import" + query, good, {{"Content-Type", "text/csv"}}), 403,
      "forbidden", "X-CSRF-Token");
  EXPECT_API_ERROR(
      anonymous->request("POST", "/api/v1/bodies/cppcc/proposals/import" + query, good, {{"Content-Type", "text/csv"}}),
      401, "unauthenticated", "cookie");
  EXPECT_EQ(state_hash(), before);

  // The good file (with a BOM, as spreadsheet programs save it), idempotent under its key.
  auto imported = upload(*sec, query, "\xEF\xBB\xBF" + good, {{"Idempotency-Key", "import-2023"}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  Json result = imported.json()["result"];
  EXPECT_EQ(result["imported"], 3);
  EXPECT_FALSE(imported.json()["replayed"]);
  auto again = upload(*sec, query, "\xEF\xBB\xBF" + good, {{"Idempotency-Key", "import-2023"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["replayed"]);
  EXPECT_EQ(again.json()["result"], result);

  Json all = get_ok(*sec, kList);
  EXPECT_EQ(all["total"], 3);
  Json s = get_ok(*anonymous, "/api/v1/bodies/cppcc/proposal-statistics?session_id=" + std::to_string(a.session_id) +
                                  "&as_of=2024-02-29");
  EXPECT_EQ(s["received"], 3);
  EXPECT_EQ(s["registered"], 2);
  EXPECT_EQ(s["merged"], 1);
  EXPECT_EQ(s["by_collectives"], 1);
  EXPECT_EQ(s["answered"], 1);
  EXPECT_EQ(s["report_zh"], "共提出提案3件，经审查立案2件（并案1件）。截至2024年2月底，50.0%的提案已经办复。");
  // The unit named that the body lacked was created; the one it had was reused.
  Json units_now = get_ok(*anonymous, "/api/v1/bodies/cppcc/handling-units");
  ASSERT_EQ(units_now.size(), 3u);
  EXPECT_EQ(units_now[2]["name_zh"], "财政部");
  // The imported history as it stands: registered No. 1, answered and closed.
  const int64_t first = result["first_id"];
  Json p = get_ok(*sec, "/api/v1/proposals/" + std::to_string(first));
  EXPECT_EQ(p["number"], 1);
  EXPECT_EQ(p["state"], "closed");
  EXPECT_EQ(p["replied_on"], "2023-06-30");
  EXPECT_EQ(p["merged"].size(), 1u);
  // The unit's account sees the imported proposal its unit handled.
  EXPECT_EQ(ids(get_ok(*unit1, kList)), std::vector<int64_t>{first});
  // Numbering goes on after the imported numbers.
  const int64_t next = submitted(*m1, 0, "关于完善养老服务体系的提案", "建议增加社区养老服务设施。");
  EXPECT_EQ(ok(*sec, "proposals.review", Json{{"proposal_id", next}, {"outcome", "register"}})["number"], 3);
  // Importing the same numbers again is refused whole.
  const std::string after = state_hash();
  Json used = EXPECT_API_ERROR(upload(*sec, query, good), 400, "malformed", "number");
  EXPECT_FALSE(used["details"].empty());
  EXPECT_EQ(state_hash(), after);
}

// ---------------------------------------------------------------- bad input

TEST_F(ProposalApiBadInput, RefusalsNameWhatIsWrong) {
  const int64_t p1 = submitted(*m1, 0, "关于加强乡村义务教育的提案", "建议加大投入。");

  Json unknown = EXPECT_API_ERROR(m1->get(std::string(kList) + "?colour=red"), 400, "malformed", "colour");
  EXPECT_NE(unknown["message_en"].get<std::string>().find("colour"), std::string::npos);
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?limit=0"), 400, "malformed", "limit");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?limit=1001"), 400, "malformed", "limit");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?limit=ten"), 400, "malformed", "limit");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?offset=-1"), 400, "malformed", "offset");
  EXPECT_EQ(get_ok(*m1, std::string(kList) + "?limit=1000")["limit"], 1000);
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?q=%FF"), 400, "malformed", "q");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?q=" + std::string(501, 'a')), 400, "malformed", "q");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?area=space"), 400, "malformed", "area");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?from=2024-13-01"), 400, "malformed", "from");
  EXPECT_API_ERROR(m1->get(std::string(kList) + "?session_id=0"), 400, "malformed", "session_id");
  EXPECT_API_ERROR(anonymous->get(kList), 401, "unauthenticated", nullptr);
  EXPECT_API_ERROR(m1->get("/api/v1/bodies/nobody/proposals"), 404, "not_found", nullptr);
  EXPECT_API_ERROR(m1->get("/api/v1/proposals/abc"), 400, "malformed", "proposal_id");
  EXPECT_API_ERROR(anonymous->get("/api/v1/proposals/" + std::to_string(p1)), 401, "unauthenticated", nullptr);
  EXPECT_API_ERROR(sec->get("/api/v1/bodies/cppcc/proposals/overdue?as_of=tomorrow"), 400, "malformed", "as_of");

  // Actions: a refused submission changes nothing.
  const std::string before = state_hash();
  EXPECT_API_ERROR(m1->action("proposals.submit", Json{{"session_id", a.session_id},
                                                       {"title", "关于教育的提案"},
                                                       {"area", "space"},
                                                       {"parts", parts("建议。")},
                                                       {"member_ids", {a.member_ids[0]}}}),
                   400, "malformed", "args.area");
  EXPECT_API_ERROR(m1->action("proposals.submit", Json{{"session_id", a.session_id},
                                                       {"title", "关于教育的提案"},
                                                       {"area", "society"},
                                                       {"parts", parts("建议。")},
                                                       {"member_ids", {a.member_ids[1]}}}),
                   403, "forbidden", "args.member_ids");
  EXPECT_API_ERROR(m1->action("proposals.submit", Json{{"session_id", a.session_id},
                                                       {"title", "关于教育的提案"},
                                                       {"area", "society"},
                                                       {"parts", Json{{"facts", "情况"}, {"analysis", "分析"}}},
                                                       {"member_ids", {a.member_ids[0]}}}),
                   422, "rule_violation", "args.parts.suggestions");
  EXPECT_API_ERROR(m1->action("proposals.review", Json{{"proposal_id", p1}, {"outcome", "register"}}), 403, "forbidden",
                   "actor");
  EXPECT_EQ(state_hash(), before);

  // A replayed request_id is answered with the first proposal, and writes nothing.
  auto first = submit(*m2, 1, "关于完善养老服务体系的提案", "建议增加社区养老服务设施。", "society", "m2-p-0001");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string after_first = state_hash();
  auto again = submit(*m2, 1, "关于完善养老服务体系的提案", "建议增加社区养老服务设施。", "society", "m2-p-0001");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(again.json()["replayed"]);
  EXPECT_EQ(again.json()["result"]["proposal_id"], first.json()["result"]["proposal_id"]);
  EXPECT_EQ(state_hash(), after_first);
  EXPECT_EQ(get_ok(*m2, kList)["total"], 1);
  // The same id for another proposal is a conflict.
  EXPECT_API_ERROR(submit(*m2, 1, "关于另一件事的提案", "建议。", "society", "m2-p-0001"), 409, "conflict",
                   "request_id");
}

}  // namespace
}  // namespace plenum::testing
