// Bad input over real HTTP: every refusal comes back with the status of DESIGN.md section 8, an
// error body {"error": {code, message_zh, message_en, field, ...}} naming the field at fault, and
// leaves the record exactly as it was. Also the happy paths those refusals sit next to
// (self check-in, leave, idempotent retries), concurrent check-ins and the live channel.
#include <algorithm>
#include <gtest/gtest.h>
#include <latch>
#include <set>
#include <thread>

#include "assembly/tables.h"
#include "attendance/tables.h"
#include "base/text.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

const char* const kActions = "/api/v1/actions";

// ---------------------------------------------------------------- helpers

// Checks an error reply and returns its "error" object (null on a malformed reply).
// `field` nullptr: the error names no field.
Json check_error(const char* file, int line, const HttpReply& r, int status, const std::string& code,
                 const char* field) {
  ::testing::ScopedTrace trace(file, line, "expected error " + std::to_string(status) + " " + code);
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.headers.count("set-cookie"), 0u) << "an error must not set a cookie";
  Json j = Json::parse(r.body, nullptr, false);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) {
    ADD_FAILURE() << "no error object in: " << r.body;
    return Json();
  }
  const Json& e = j["error"];
  EXPECT_EQ(e.value("code", ""), code) << r.body;
  std::string zh = e.value("message_zh", ""), en = e.value("message_en", "");
  EXPECT_FALSE(en.empty()) << r.body;
  EXPECT_TRUE(std::any_of(zh.begin(), zh.end(), [](char c) { return c & 0x80; }))
      << "message_zh should be Chinese: " << r.body;
  EXPECT_TRUE(e.contains("field")) << r.body;
  if (field)
    EXPECT_EQ(e.value("field", Json()), Json(field)) << r.body;
  else
    EXPECT_TRUE(e.value("field", Json()).is_null()) << r.body;
  return e;
}
#define EXPECT_API_ERROR(reply, status, code, field) check_error(__FILE__, __LINE__, reply, status, code, field)

// What a refused request must not change: each chain's head and every projection table.
struct Snapshot {
  int64_t body_seq = 0;
  int64_t accounts_seq = 0;
  std::string state_hash;
};

Snapshot snapshot(app::App& app, const std::string& body = "t") {
  auto reader = app.store->read();
  Snapshot s;
  if (auto e = reader->last_event(body)) s.body_seq = e->seq;
  if (auto e = reader->last_event(ledger::kAccountsChain)) s.accounts_seq = e->seq;
  s.state_hash = reader->state_hash();
  return s;
}

void check_unchanged(const char* file, int line, app::App& app, const Snapshot& before) {
  ::testing::ScopedTrace trace(file, line, "state must be unchanged");
  Snapshot now = snapshot(app);
  EXPECT_EQ(now.body_seq, before.body_seq);
  EXPECT_EQ(now.accounts_seq, before.accounts_seq);
  EXPECT_EQ(now.state_hash, before.state_hash);
}
#define EXPECT_UNCHANGED(before) check_unchanged(__FILE__, __LINE__, *app, before)

int64_t count_members(app::App& app, const std::string& body) {
  assembly::MemberFilter f;
  f.body = body;
  return assembly::tables::count_members(*app.store->read(), f);
}

// An assembly of six members in body "t", a secretariat account, two member accounts linked to
// the first two members, an observer, and a server.
class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    app = open_app(dir.file("p.db"));
    a = seed_assembly(*app, "t", "npc", 6);
    add_account(*app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
    add_account(*app, "m1", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[0]);
    add_account(*app, "m2", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[1]);
    add_account(*app, "obs", Json::array({{{"body", "t"}, {"role", "observer"}}}));
    server = std::make_unique<TestServer>(*app);
    sec = std::make_unique<HttpClient>(server->port());
    ASSERT_EQ(sec->login("sec").status, 200);
  }

  // A client signed in as `username`.
  std::unique_ptr<HttpClient> signed_in(const std::string& username) {
    auto c = std::make_unique<HttpClient>(server->port());
    auto r = c->login(username);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }

  Json check_in_seat(const std::string& seat) { return Json{{"sitting_id", a.sitting_id}, {"seat", seat}}; }
  Json check_in_id(int64_t member_id) { return Json{{"sitting_id", a.sitting_id}, {"member_id", member_id}}; }

  TempDir dir;
  std::unique_ptr<app::App> app;
  Assembly a;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<HttpClient> sec;  // the secretariat
};

using ApiMalformed = ApiFixture;
using ApiRoster = ApiFixture;
using ApiAuth = ApiFixture;
using ApiCheckIn = ApiFixture;
using ApiIdempotency = ApiFixture;
using ApiLeave = ApiFixture;
using ApiLive = ApiFixture;
using ApiReads = ApiFixture;
using ApiMembers = ApiFixture;

// ---------------------------------------------------------------- malformed requests (400)

TEST_F(ApiMalformed, BodyThatIsNotJsonOrNotAnObject) {
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->post_json(kActions, "{\"action\": \"attendance.check_in\", "), 400, "malformed", "body");
  EXPECT_API_ERROR(sec->post_json(kActions, "not json at all"), 400, "malformed", "body");
  EXPECT_API_ERROR(sec->post_json(kActions, ""), 400, "malformed", "body");
  for (const char* not_object : {"[1, 2]", "\"attendance.check_in\"", "42", "null"})
    EXPECT_API_ERROR(sec->post_json(kActions, not_object), 400, "malformed", "body");
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiMalformed, EnvelopeFields) {
  Snapshot before = snapshot(*app);
  std::string sitting = std::to_string(a.sitting_id);
  // args must be an object
  EXPECT_API_ERROR(sec->post_json(kActions, R"({"action": "attendance.check_in", "args": [1]})"), 400, "malformed",
                   "args");
  EXPECT_API_ERROR(sec->post_json(kActions, R"({"action": "attendance.check_in", "args": "seat=S0001"})"), 400,
                   "malformed", "args");
  // the action is required and a string
  EXPECT_API_ERROR(sec->post_json(kActions, R"({"args": {"sitting_id": )" + sitting + R"(, "seat": "S0001"}})"), 400,
                   "malformed", "action");
  EXPECT_API_ERROR(sec->post_json(kActions, R"({"action": 7, "args": {}})"), 400, "malformed", "action");
  // request_id must be a string; no other top-level keys
  EXPECT_API_ERROR(
      sec->post_json(kActions, R"({"action": "attendance.check_in", "request_id": 5, "args": {"sitting_id": )" +
                                   sitting + R"(, "seat": "S0001"}})"),
      400, "malformed", "request_id");
  EXPECT_API_ERROR(sec->post_json(kActions, R"({"action": "attendance.check_in", "argz": {}, "args": {"sitting_id": )" +
                                                sitting + R"(, "seat": "S0001"}})"),
                   400, "malformed", "argz");
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiMalformed, ArgumentsOfTheWrongTypeUnknownOrMissing) {
  Snapshot before = snapshot(*app);
  // sitting_id as a string
  EXPECT_API_ERROR(
      sec->action("attendance.check_in", Json{{"sitting_id", std::to_string(a.sitting_id)}, {"seat", "S0001"}}), 400,
      "malformed", "args.sitting_id");
  // seat as a number, member_id as a fraction
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"seat", 1}}), 400,
                   "malformed", "args.seat");
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"member_id", 1.5}}), 400,
                   "malformed", "args.member_id");
  // an unknown (misspelt) argument is not ignored
  EXPECT_API_ERROR(
      sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"seat", "S0001"}, {"sat", "S0002"}}), 400,
      "malformed", "args.sat");
  // missing required arguments
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"seat", "S0001"}}), 400, "malformed", "args.sitting_id");
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}}), 400, "malformed",
                   "args.member_id");
  EXPECT_API_ERROR(sec->action("attendance.request_leave", Json{{"sitting_id", a.sitting_id}, {"seat", "S0001"}}), 400,
                   "malformed", "args.reason");
  // both a seat and a member id
  EXPECT_API_ERROR(sec->action("attendance.check_in",
                               Json{{"sitting_id", a.sitting_id}, {"seat", "S0001"}, {"member_id", a.member_ids[0]}}),
                   400, "malformed", "args.member_id");
  EXPECT_EQ(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), 0);
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiMalformed, UnknownActionOrEndpointIs404) {
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.teleport", check_in_seat("S0001")), 404, "not_found", "action");
  EXPECT_API_ERROR(sec->action("", check_in_seat("S0001")), 404, "not_found", "action");
  EXPECT_API_ERROR(sec->post_json("/api/v1/nothing-here", "{}"), 404, "not_found", "target");
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiMalformed, InvalidUtf8InsideAJsonString) {
  Snapshot before = snapshot(*app);
  std::string bad = std::string("\xC3") + "\x28";  // a lead byte followed by '(': not UTF-8
  std::string body = R"({"action": "attendance.check_in", "args": {"sitting_id": )" + std::to_string(a.sitting_id) +
                     R"(, "seat": "S0)" + bad + R"("}})";
  EXPECT_API_ERROR(sec->post_json(kActions, body), 400, "malformed", "body");
  // in the reason of a leave request, and in the request id
  body = R"({"action": "attendance.request_leave", "args": {"sitting_id": )" + std::to_string(a.sitting_id) +
         R"(, "seat": "S0002", "reason": "因病)" + bad + R"("}})";
  EXPECT_API_ERROR(sec->post_json(kActions, body), 400, "malformed", "body");
  body = R"({"action": "attendance.check_in", "request_id": "r-)" + bad + R"(", "args": {"sitting_id": )" +
         std::to_string(a.sitting_id) + R"(, "seat": "S0001"}})";
  EXPECT_API_ERROR(sec->post_json(kActions, body), 400, "malformed", "body");
  EXPECT_EQ(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), 0);
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiMalformed, OversizedBodyIs413) {
  Snapshot before = snapshot(*app);
  // Valid JSON, a valid action, but a little over 1 MiB.
  Json args{{"sitting_id", a.sitting_id}, {"seat", "S0002"}, {"reason", std::string((1 << 20) + 16, 'x')}};
  auto r = sec->action("attendance.request_leave", args);
  EXPECT_API_ERROR(r, 413, "too_large", "body");
  EXPECT_TRUE(attendance::tables::leaves(*app->store->read(), a.sitting_id).empty());
  EXPECT_UNCHANGED(before);
  // The connection still serves the next request.
  EXPECT_EQ(sec->action("attendance.check_in", check_in_seat("S0001")).status, 200);
}

TEST_F(ApiMalformed, WrongContentTypeIs400) {
  Snapshot before = snapshot(*app);
  std::string body = Json{{"action", "attendance.check_in"}, {"args", check_in_seat("S0001")}}.dump();
  EXPECT_API_ERROR(sec->request("POST", kActions, body, {{"Content-Type", "text/plain"}, {"X-CSRF-Token", sec->csrf}}),
                   400, "malformed", "content-type");
  EXPECT_API_ERROR(sec->request("POST", kActions, body, {{"X-CSRF-Token", sec->csrf}}), 400, "malformed",
                   "content-type");
  EXPECT_API_ERROR(sec->request("POST", kActions, body,
                                {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-CSRF-Token", sec->csrf}}),
                   400, "malformed", "content-type");
  // The roster takes text/csv only.
  EXPECT_API_ERROR(sec->request("POST", "/api/v1/bodies/t/roster", "seat,card,name,unit\nS0100,K0100,新人,甲团\n",
                                {{"Content-Type", "application/json"}, {"X-CSRF-Token", sec->csrf}}),
                   400, "malformed", "content-type");
  // Login too.
  EXPECT_API_ERROR(sec->request("POST", "/api/v1/auth/login", R"({"username": "sec", "password": "password-123"})",
                                {{"Content-Type", "text/plain"}}),
                   400, "malformed", "content-type");
  EXPECT_UNCHANGED(before);
}

// ---------------------------------------------------------------- roster upload

HttpReply upload_roster(HttpClient& c, const std::string& body, const std::string& csv) {
  return c.request("POST", "/api/v1/bodies/" + body + "/roster", csv,
                   {{"Content-Type", "text/csv; charset=utf-8"}, {"X-CSRF-Token", c.csrf}});
}

std::set<int64_t> detail_lines(const Json& error) {
  std::set<int64_t> lines;
  for (const auto& d : error.value("details", Json::array())) {
    EXPECT_FALSE(d.value("message_zh", "").empty()) << d.dump();
    EXPECT_FALSE(d.value("message_en", "").empty()) << d.dump();
    if (d["line"].is_number_integer()) lines.insert(d["line"].get<int64_t>());
  }
  return lines;
}

TEST_F(ApiRoster, UploadImportsAValidFile) {
  int64_t members = count_members(*app, "t");
  auto r = upload_roster(*sec, "t", "seat,card,name,unit\nS0100,K0100,新成员甲,甲团\nS0101,K0101,新成员乙,丙团\n");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["result"]["imported"], 2);
  EXPECT_EQ(count_members(*app, "t"), members + 2);
}

TEST_F(ApiRoster, InvalidUtf8OnLine3NamesLine3) {
  Snapshot before = snapshot(*app);
  int64_t members = count_members(*app, "t");
  std::string csv =
      "seat,card,name,unit\n"
      "S0100,K0100,新成员甲,甲团\n"
      "S0101,K0101,新成员" +
      std::string("\xC3") + "\x28" +
      ",甲团\n"
      "S0102,K0102,新成员丙,乙团\n";
  auto r = upload_roster(*sec, "t", csv);
  Json e = EXPECT_API_ERROR(r, 400, "malformed", "body");
  EXPECT_EQ(detail_lines(e), std::set<int64_t>{3}) << r.body;
  EXPECT_EQ(count_members(*app, "t"), members);
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiRoster, EveryBadLineIsReportedAndNothingImported) {
  Snapshot before = snapshot(*app);
  int64_t members = count_members(*app, "t");
  std::string csv =
      "seat,card,name,unit\n"
      "S0100,K0100,新成员甲,甲团\n"   // line 2: fine on its own
      "S0100,K0101,新成员乙,甲团\n"   // line 3: seat repeats line 2
      "S0001,K0102,新成员丙,乙团\n"   // line 4: seat S0001 already belongs to 成员1
      "S0103,K0103,新成员丁,乙团\n";  // line 5: fine
  auto r = upload_roster(*sec, "t", csv);
  Json e = EXPECT_API_ERROR(r, 400, "malformed", "args.csv");
  EXPECT_EQ(detail_lines(e), (std::set<int64_t>{3, 4})) << r.body;
  EXPECT_EQ(count_members(*app, "t"), members);
  EXPECT_UNCHANGED(before);

  // Each kind alone is reported too: only a clash with the stored roster.
  r = upload_roster(*sec, "t", "seat,card,name,unit\nS0200,K0200,新成员戊,甲团\nS0201,K0001,新成员己,甲团\n");
  e = EXPECT_API_ERROR(r, 400, "malformed", "args.csv");
  EXPECT_EQ(detail_lines(e), std::set<int64_t>{3}) << r.body;
  EXPECT_EQ(count_members(*app, "t"), members);
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiRoster, OnlyTheSecretariatUploadsToAKnownBody) {
  Snapshot before = snapshot(*app);
  std::string csv = "seat,card,name,unit\nS0100,K0100,新成员甲,甲团\n";
  auto m1 = signed_in("m1");
  EXPECT_API_ERROR(upload_roster(*m1, "t", csv), 403, "forbidden", "actor");
  EXPECT_API_ERROR(upload_roster(*sec, "nobody", csv), 404, "not_found", "args.body");
  HttpClient anonymous(server->port());
  EXPECT_API_ERROR(upload_roster(anonymous, "t", csv), 401, "unauthenticated", "cookie");
  EXPECT_UNCHANGED(before);
}

// ---------------------------------------------------------------- authentication and CSRF

TEST_F(ApiAuth, NotSignedInIs401) {
  Snapshot before = snapshot(*app);
  HttpClient anonymous(server->port());
  EXPECT_API_ERROR(anonymous.action("attendance.check_in", check_in_seat("S0001")), 401, "unauthenticated", "cookie");
  // A cookie that names no session is no better.
  anonymous.cookie = std::string("plenum_session=") + std::string(64, 'a');
  anonymous.csrf = "whatever";
  EXPECT_API_ERROR(anonymous.action("attendance.check_in", check_in_seat("S0001")), 401, "unauthenticated", "cookie");
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiAuth, MissingOrWrongCsrfTokenIs403) {
  Snapshot before = snapshot(*app);
  std::string body = Json{{"action", "attendance.check_in"}, {"args", check_in_seat("S0001")}}.dump();
  EXPECT_API_ERROR(sec->request("POST", kActions, body, {{"Content-Type", "application/json"}}), 403, "forbidden",
                   "X-CSRF-Token");
  EXPECT_API_ERROR(
      sec->request("POST", kActions, body, {{"Content-Type", "application/json"}, {"X-CSRF-Token", "wrong"}}), 403,
      "forbidden", "X-CSRF-Token");
  // Another session's token does not fit this session.
  auto other = signed_in("sec");
  ASSERT_NE(other->csrf, sec->csrf);
  EXPECT_API_ERROR(
      sec->request("POST", kActions, body, {{"Content-Type", "application/json"}, {"X-CSRF-Token", other->csrf}}), 403,
      "forbidden", "X-CSRF-Token");
  // The roster upload and logout check it too.
  EXPECT_API_ERROR(sec->request("POST", "/api/v1/bodies/t/roster", "seat,card,name,unit\nS0100,K0100,甲,甲团\n",
                                {{"Content-Type", "text/csv"}}),
                   403, "forbidden", "X-CSRF-Token");
  EXPECT_API_ERROR(sec->request("POST", "/api/v1/auth/logout", "", {{"Content-Type", "application/json"}}), 403,
                   "forbidden", "X-CSRF-Token");
  EXPECT_UNCHANGED(before);
  // With the token, the same request goes through.
  EXPECT_EQ(sec->post_json(kActions, body).status, 200);
}

TEST_F(ApiAuth, WrongPasswordIs401WithoutSayingWhetherTheUserExists) {
  HttpClient c(server->port());
  auto wrong_password = c.login("sec", "password-124");
  Json e1 = EXPECT_API_ERROR(wrong_password, 401, "unauthenticated", "password");
  EXPECT_TRUE(c.cookie.empty());
  auto no_such_user = c.login("nobody-here", "password-123");
  Json e2 = EXPECT_API_ERROR(no_such_user, 401, "unauthenticated", "password");
  EXPECT_EQ(wrong_password.body, no_such_user.body);
  EXPECT_EQ(e1.value("message_en", "").find("nobody"), std::string::npos);
  // Still signed out: a write is refused.
  EXPECT_API_ERROR(c.action("attendance.check_in", check_in_seat("S0001")), 401, "unauthenticated", "cookie");
  // Malformed logins are 400, not 401.
  EXPECT_API_ERROR(
      c.request("POST", "/api/v1/auth/login", R"({"username": "sec"})", {{"Content-Type", "application/json"}}), 400,
      "malformed", "password");
  EXPECT_API_ERROR(c.request("POST", "/api/v1/auth/login", "{oops", {{"Content-Type", "application/json"}}), 400,
                   "malformed", "body");
}

// A password change costs Argon2id: a flood of them from one account waits one at a time beside
// the sign-ins (429 for the rest), never on the threads that serve the hall.
TEST_F(ApiAuth, PasswordChangesWaitOneAtATimePerAccount) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 6; ++i) clients.push_back(signed_in("m1"));
  std::vector<int> statuses(clients.size());
  std::latch start(static_cast<std::ptrdiff_t>(clients.size()));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < clients.size(); ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      statuses[i] = clients[i]
                        ->action("accounts.set_password", Json{{"username", "m1"},
                                                               {"password", "a-new-password-1"},
                                                               {"current_password", "not-the-password"}})
                        .status;
    });
  for (auto& t : threads) t.join();
  for (int status : statuses) EXPECT_TRUE(status == 403 || status == 429) << status;
  EXPECT_GE(std::count(statuses.begin(), statuses.end(), 403), 1);
  // Each answered: the right password then changes it.
  auto ok = clients[0]->action(
      "accounts.set_password",
      Json{{"username", "m1"}, {"password", "a-new-password-1"}, {"current_password", "password-123"}});
  EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(ApiAuth, LogoutEndsTheSession) {
  auto c = signed_in("sec");
  ASSERT_EQ(c->post_json("/api/v1/auth/logout", "").status, 200);
  EXPECT_API_ERROR(c->action("attendance.check_in", check_in_seat("S0001")), 401, "unauthenticated", "cookie");
  EXPECT_EQ(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), 0);
}

// ---------------------------------------------------------------- check-in

TEST_F(ApiCheckIn, UnknownMemberOrSittingIs404) {
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_seat("S9999")), 404, "not_found", "args.seat");
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_id(999999)), 404, "not_found", "args.member_id");
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"card", "K9999"}}), 404,
                   "not_found", "args.card");
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"sitting_id", 999}, {"seat", "S0001"}}), 404, "not_found",
                   "args.sitting_id");
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiCheckIn, ClosedSittingIs409) {
  ASSERT_EQ(sec->action("assembly.open_sitting", Json{{"sitting_id", a.sitting_id}}).status, 200);
  ASSERT_EQ(sec->action("assembly.close_sitting", Json{{"sitting_id", a.sitting_id}}).status, 200);
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_seat("S0001")), 409, "conflict", "args.sitting_id");
  EXPECT_API_ERROR(sec->action("attendance.check_in_bulk",
                               Json{{"sitting_id", a.sitting_id}, {"seats", Json::array({"S0001", "S0002"})}}),
                   409, "conflict", "args.seats");
  // Closing twice is a state conflict as well.
  EXPECT_API_ERROR(sec->action("assembly.close_sitting", Json{{"sitting_id", a.sitting_id}}), 409, "conflict",
                   "args.sitting_id");
  EXPECT_UNCHANGED(before);
}

TEST_F(ApiCheckIn, MemberChecksInOnlyThemselves) {
  auto m1 = signed_in("m1");  // member a.member_ids[0], seat S0001
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(m1->action("attendance.check_in", check_in_id(a.member_ids[1])), 403, "forbidden", "args.member_id");
  EXPECT_API_ERROR(m1->action("attendance.check_in", check_in_seat("S0002")), 403, "forbidden", "args.seat");
  // Not from a desk either, even for themselves.
  EXPECT_API_ERROR(m1->action("attendance.check_in",
                              Json{{"sitting_id", a.sitting_id}, {"member_id", a.member_ids[0]}, {"method", "desk"}}),
                   403, "forbidden", "args.method");
  EXPECT_API_ERROR(
      m1->action("attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"seats", Json::array({"S0001"})}}),
      403, "forbidden", "actor");
  auto obs = signed_in("obs");
  EXPECT_API_ERROR(obs->action("attendance.check_in", check_in_seat("S0001")), 403, "forbidden", "args.seat");
  EXPECT_UNCHANGED(before);

  auto r = m1->action("attendance.check_in", check_in_id(a.member_ids[0]));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["result"]["member_id"], a.member_ids[0]);
  EXPECT_EQ(r.json()["result"]["method"], "device");
  auto reader = app->store->read();
  EXPECT_EQ(attendance::tables::count_check_ins(*reader, a.sitting_id), 1);
  ASSERT_TRUE(attendance::tables::check_in(*reader, a.sitting_id, a.member_ids[0]));
  EXPECT_EQ(attendance::tables::check_in(*reader, a.sitting_id, a.member_ids[0])->by, "m1");
}

TEST_F(ApiCheckIn, SecondCheckInOfTheSameMemberIs409) {
  ASSERT_EQ(sec->action("attendance.check_in", check_in_seat("S0003")).status, 200);
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_seat("S0003")), 409, "conflict", "args.seat");
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_id(a.member_ids[2])), 409, "conflict", "args.member_id");
  EXPECT_API_ERROR(sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"card", "K0003"}}), 409,
                   "conflict", "args.card");
  // In bulk, the one already present spoils the whole list: nobody else is checked in.
  auto r = sec->action("attendance.check_in_bulk",
                       Json{{"sitting_id", a.sitting_id}, {"seats", Json::array({"S0004", "S0003"})}});
  Json e = EXPECT_API_ERROR(r, 409, "conflict", "args.seats");
  ASSERT_EQ(e.value("details", Json::array()).size(), 1u) << r.body;
  EXPECT_EQ(e["details"][0]["field"], "args.seats[1]");
  EXPECT_TRUE(e["details"][0]["line"].is_null()) << "a list has no lines";
  // A seat nobody has is named in the refusal (the list may be long), with the count in words.
  auto unknown = sec->action("attendance.check_in_bulk",
                             Json{{"sitting_id", a.sitting_id}, {"seats", Json::array({"S0004", "S9999"})}});
  Json u = EXPECT_API_ERROR(unknown, 409, "conflict", "args.seats");
  EXPECT_EQ(u["message_en"], "bulk check-in has 1 problem; nobody was checked in");
  ASSERT_EQ(u.value("details", Json::array()).size(), 1u) << unknown.body;
  EXPECT_EQ(u["details"][0]["message_zh"], "没有座位号为 S9999 的成员");
  EXPECT_EQ(u["details"][0]["message_en"], "no member has seat S9999");
  EXPECT_UNCHANGED(before);
  EXPECT_EQ(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), 1);
}

TEST_F(ApiCheckIn, ConcurrentCheckInsOfOneMemberCountOnce) {
  constexpr int kClients = 20;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(signed_in("sec"));
  Snapshot before = snapshot(*app);
  std::vector<HttpReply> replies(kClients);
  std::latch start(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        replies[i] = clients[i]->action("attendance.check_in", check_in_seat("S0005"));
      } catch (const std::exception& e) {
        replies[i].body = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0, conflict = 0;
  for (const auto& r : replies) {
    if (r.status == 200) {
      ++ok;
    } else {
      ++conflict;
      EXPECT_API_ERROR(r, 409, "conflict", "args.seat");
    }
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(conflict, kClients - 1);
  auto reader = app->store->read();
  EXPECT_EQ(attendance::tables::count_check_ins(*reader, a.sitting_id), 1);
  EXPECT_TRUE(attendance::tables::check_in(*reader, a.sitting_id, a.member_ids[4]));
  EXPECT_EQ(reader->last_event("t")->seq, before.body_seq + 1);  // one attendance.checked_in
}

TEST_F(ApiCheckIn, VacatedBeforeTheSittingIs422) {
  // Member 4 resigned before the sitting's day; member 5 resigns after it and is still expected.
  ASSERT_EQ(sec->action("assembly.record_vacancy",
                        Json{{"member_id", a.member_ids[3]}, {"on", "2024-03-01"}, {"reason", "resignation"}})
                .status,
            200);
  ASSERT_EQ(sec->action("assembly.record_vacancy",
                        Json{{"member_id", a.member_ids[4]}, {"on", "2024-03-06"}, {"reason", "resignation"}})
                .status,
            200);
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_id(a.member_ids[3])), 422, "rule_violation",
                   "args.member_id");
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_seat("S0004")), 422, "rule_violation", "args.seat");
  EXPECT_API_ERROR(sec->action("attendance.request_leave",
                               Json{{"sitting_id", a.sitting_id}, {"seat", "S0004"}, {"reason", "已辞职"}}),
                   422, "rule_violation", "args.seat");
  // Recording the vacancy twice is a state conflict.
  EXPECT_API_ERROR(sec->action("assembly.record_vacancy",
                               Json{{"member_id", a.member_ids[3]}, {"on", "2024-03-02"}, {"reason", "other"}}),
                   409, "conflict", "args.member_id");
  EXPECT_UNCHANGED(before);
  EXPECT_EQ(sec->action("attendance.check_in", check_in_id(a.member_ids[4])).status, 200);
}

// ---------------------------------------------------------------- idempotency

TEST_F(ApiIdempotency, SameRequestIdSameArgsIsReplayed) {
  Snapshot before = snapshot(*app);
  auto first = sec->action("attendance.check_in", check_in_seat("S0002"), "retry-1");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["replayed"], false);
  EXPECT_EQ(first.json()["events"].size(), 1u);
  auto second = sec->action("attendance.check_in", check_in_seat("S0002"), "retry-1");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.json()["replayed"], true);
  EXPECT_TRUE(second.json()["events"].empty());
  EXPECT_EQ(second.json()["result"], first.json()["result"]);
  EXPECT_EQ(app->store->read()->last_event("t")->seq, before.body_seq + 1);
  EXPECT_EQ(attendance::tables::count_check_ins(*app->store->read(), a.sitting_id), 1);

  // The same through the Idempotency-Key header.
  std::string body = Json{{"action", "attendance.check_in"}, {"args", check_in_seat("S0003")}}.dump();
  std::map<std::string, std::string> headers{
      {"Content-Type", "application/json"}, {"X-CSRF-Token", sec->csrf}, {"Idempotency-Key", "retry-2"}};
  auto h1 = sec->request("POST", kActions, body, headers);
  auto h2 = sec->request("POST", kActions, body, headers);
  ASSERT_EQ(h1.status, 200) << h1.body;
  ASSERT_EQ(h2.status, 200) << h2.body;
  EXPECT_EQ(h1.json()["replayed"], false);
  EXPECT_EQ(h2.json()["replayed"], true);
  EXPECT_EQ(app->store->read()->last_event("t")->seq, before.body_seq + 2);
}

TEST_F(ApiIdempotency, SameRequestIdOtherRequestIs409) {
  ASSERT_EQ(sec->action("attendance.check_in", check_in_seat("S0002"), "retry-1").status, 200);
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_seat("S0006"), "retry-1"), 409, "conflict",
                   "request_id");
  EXPECT_API_ERROR(sec->action("attendance.request_leave",
                               Json{{"sitting_id", a.sitting_id}, {"seat", "S0006"}, {"reason", "因病"}}, "retry-1"),
                   409, "conflict", "request_id");
  // Ids are scoped to the account: another account's "retry-1" is a request of its own, never
  // answered with the first caller's result (here refused on its merits: m1 is not S0002).
  auto m1 = signed_in("m1");
  auto other = m1->action("attendance.check_in", check_in_seat("S0002"), "retry-1");
  EXPECT_API_ERROR(other, 403, "forbidden", "args.seat");
  EXPECT_EQ(other.body.find("replayed"), std::string::npos);
  EXPECT_UNCHANGED(before);
  EXPECT_FALSE(attendance::tables::check_in(*app->store->read(), a.sitting_id, a.member_ids[5]));
}

TEST_F(ApiIdempotency, FailedRequestDoesNotReserveItsId) {
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.check_in", check_in_seat("S9999"), "retry-3"), 404, "not_found",
                   "args.seat");
  EXPECT_UNCHANGED(before);
  auto r = sec->action("attendance.check_in", check_in_seat("S0001"), "retry-3");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["replayed"], false);
}

// ---------------------------------------------------------------- leave

TEST_F(ApiLeave, RequestForOneselfAndDecideOnce) {
  auto m1 = signed_in("m1");
  auto m2 = signed_in("m2");
  // A member asks for someone else: refused.
  Snapshot before = snapshot(*app);
  EXPECT_API_ERROR(m1->action("attendance.request_leave",
                              Json{{"sitting_id", a.sitting_id}, {"member_id", a.member_ids[1]}, {"reason", "代请"}}),
                   403, "forbidden", "args.member_id");
  EXPECT_API_ERROR(m1->action("attendance.request_leave", Json{{"sitting_id", a.sitting_id}, {"reason", "   "}}), 400,
                   "malformed", "args.reason");
  EXPECT_UNCHANGED(before);

  // For themselves: granted a pending request.
  auto r = m1->action("attendance.request_leave", Json{{"sitting_id", a.sitting_id}, {"reason", "因病住院"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["result"]["state"], "pending");
  int64_t leave_id = r.json()["result"]["leave_id"];
  auto leave = attendance::tables::leave(*app->store->read(), leave_id);
  ASSERT_TRUE(leave);
  EXPECT_EQ(leave->member_id, a.member_ids[0]);

  before = snapshot(*app);
  // Asking twice, a member deciding, an unknown leave, a bad decision: all refused.
  EXPECT_API_ERROR(m1->action("attendance.request_leave", Json{{"sitting_id", a.sitting_id}, {"reason", "再请一次"}}),
                   409, "conflict", "args.member_id");
  EXPECT_API_ERROR(m2->action("attendance.decide_leave", Json{{"leave_id", leave_id}, {"decision", "approved"}}), 403,
                   "forbidden", "actor");
  EXPECT_API_ERROR(sec->action("attendance.decide_leave", Json{{"leave_id", 999}, {"decision", "approved"}}), 404,
                   "not_found", "args.leave_id");
  EXPECT_API_ERROR(sec->action("attendance.decide_leave", Json{{"leave_id", leave_id}, {"decision", "maybe"}}), 400,
                   "malformed", "args.decision");
  EXPECT_UNCHANGED(before);

  r = sec->action("attendance.decide_leave", Json{{"leave_id", leave_id}, {"decision", "approved"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["result"]["state"], "approved");
  EXPECT_EQ(attendance::tables::leave(*app->store->read(), leave_id)->state, attendance::LeaveState::kApproved);

  before = snapshot(*app);
  EXPECT_API_ERROR(sec->action("attendance.decide_leave", Json{{"leave_id", leave_id}, {"decision", "denied"}}), 409,
                   "conflict", "args.leave_id");
  EXPECT_API_ERROR(sec->action("attendance.decide_leave", Json{{"leave_id", leave_id}, {"decision", "approved"}}), 409,
                   "conflict", "args.leave_id");
  EXPECT_UNCHANGED(before);
  EXPECT_EQ(attendance::tables::leave(*app->store->read(), leave_id)->state, attendance::LeaveState::kApproved);
  // The public report counts the approved leave.
  auto report = HttpClient(server->port()).get("/api/v1/sittings/" + std::to_string(a.sitting_id));
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.json()["attendance"]["on_leave"], 1);
}

// ---------------------------------------------------------------- live channel

TEST_F(ApiLive, UpgradeNeedsASignedInFollower) {
  EXPECT_ANY_THROW(LiveClient(server->port(), "", "t", 0));
  EXPECT_ANY_THROW(LiveClient(server->port(), std::string("plenum_session=") + std::string(64, 'b'), "t", 0));
  // Only admins follow the accounts chain; unknown bodies are refused.
  EXPECT_ANY_THROW(LiveClient(server->port(), sec->cookie, ledger::kAccountsChain, 0));
  EXPECT_ANY_THROW(LiveClient(server->port(), sec->cookie, "nobody", 0));
  EXPECT_NO_THROW(LiveClient(server->port(), sec->cookie, "t", 0));
}

TEST_F(ApiLive, SinceReplaysOnlyLaterEventsThenStreams) {
  const int64_t head = app->store->read()->last_event("t")->seq;
  const int64_t since = head - 3;
  ASSERT_GT(since, 0);
  auto obs = signed_in("obs");  // any role in the body may follow it
  LiveClient live(server->port(), obs->cookie, "t", since);

  // Catch-up: exactly since+1 … head, in order, then the live marker.
  int64_t expect = since + 1;
  for (;;) {
    Json m = live.next();
    ASSERT_TRUE(m.contains("type")) << m.dump();
    if (m["type"] == "live") {
      EXPECT_EQ(m["seq"], head);
      break;
    }
    ASSERT_EQ(m["type"], "event") << m.dump();
    EXPECT_EQ(m["seq"], expect) << m.dump();
    EXPECT_EQ(m["body"], "t");
    ++expect;
  }
  EXPECT_EQ(expect, head + 1);

  // A check-in committed now arrives as an event, then the coalesced summary.
  auto r = sec->action("attendance.check_in", check_in_seat("S0002"));
  ASSERT_EQ(r.status, 200) << r.body;
  Json event = live.next();
  EXPECT_EQ(event["type"], "event") << event.dump();
  EXPECT_EQ(event["seq"], head + 1);
  EXPECT_EQ(event["event_type"], "attendance.checked_in");
  EXPECT_EQ(event["payload"]["member_id"], a.member_ids[1]);
  EXPECT_EQ(event["payload"]["sitting_id"], a.sitting_id);
  Json notice = live.next();
  ASSERT_EQ(notice["type"], "notice") << notice.dump();
  EXPECT_EQ(notice["notice"]["kind"], "attendance.summary");
  EXPECT_EQ(notice["notice"]["sitting_id"], a.sitting_id);
  EXPECT_EQ(notice["notice"]["present"], 1);
  EXPECT_EQ(notice["notice"]["expected"], 6);
  EXPECT_FALSE(notice["notice"].value("announcement_zh", "").empty());

  // A refused request publishes nothing: the next message is the next check-in.
  EXPECT_EQ(sec->action("attendance.check_in", check_in_seat("S0002")).status, 409);
  ASSERT_EQ(sec->action("attendance.check_in", check_in_seat("S0003")).status, 200);
  event = live.next();
  EXPECT_EQ(event["seq"], head + 2) << event.dump();
  EXPECT_EQ(event["payload"]["member_id"], a.member_ids[2]);
  notice = live.next();
  EXPECT_EQ(notice["notice"]["present"], 2) << notice.dump();
}

// ---------------------------------------------------------------- reads

TEST_F(ApiReads, PublicSittingReportAndProtectedRoster) {
  ASSERT_EQ(sec->action("attendance.check_in", check_in_seat("S0001")).status, 200);
  HttpClient anonymous(server->port());
  auto r = anonymous.get("/api/v1/sittings/" + std::to_string(a.sitting_id));
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = r.json();
  EXPECT_EQ(j["id"], a.sitting_id);
  EXPECT_EQ(j["attendance"]["present"], 1);
  std::string announcement = j.value("announcement_zh", "");
  EXPECT_NE(announcement.find("应出席代表6人，出席1人，缺席5人"), std::string::npos) << announcement;

  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies/t/members"), 401, "unauthenticated", "cookie");
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies/t/events"), 401, "unauthenticated", "cookie");
  EXPECT_API_ERROR(anonymous.get("/api/v1/members/" + std::to_string(a.member_ids[0])), 401, "unauthenticated",
                   "cookie");
  r = sec->get("/api/v1/bodies/t/members");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().size(), 6u);
  // A member sees their own record, not another's.
  auto m1 = signed_in("m1");
  EXPECT_EQ(m1->get("/api/v1/members/" + std::to_string(a.member_ids[0])).status, 200);
  EXPECT_API_ERROR(m1->get("/api/v1/members/" + std::to_string(a.member_ids[1])), 403, "forbidden", "actor");
}

// A list route's paging (ledger/listing.h; the walk of every list route is in
// tests/listing_test.cpp): a bad limit or cursor is a 400 naming it, after the read rule.
TEST_F(ApiReads, BadPagingIsRefusedNamingTheParameterAndTheReadRuleComesFirst) {
  HttpClient anonymous(server->port());
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies?limit=0"), 400, "malformed", "limit");
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies?limit=1001"), 400, "malformed", "limit");
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies?limit=1%0D%0ASet-Cookie:x"), 400, "malformed", "limit");
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies?cursor=%00%0A"), 400, "malformed", "cursor");
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies?limit=1&cursor=" + std::string(4000, 'A')), 400, "malformed",
                   "cursor");
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies/t/members?limit=abc"), 401, "unauthenticated", "cookie");
  EXPECT_API_ERROR(sec->get("/api/v1/bodies/t/members?limit=abc"), 400, "malformed", "limit");

  // The roster two at a time: the headers say how many in all and where the next page is.
  HttpReply page = sec->get("/api/v1/bodies/t/members?limit=2");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json().size(), 2u);
  EXPECT_EQ(page.headers["x-total-count"], "6");
  std::string link = page.headers["link"];
  ASSERT_EQ(link.rfind("</api/v1/bodies/t/members?cursor=", 0), 0u) << link;
  ASSERT_NE(link.find("&limit=2>; rel=\"next\""), std::string::npos) << link;
  std::string cursor = link.substr(link.find("cursor=") + 7);
  cursor = cursor.substr(0, cursor.find('&'));
  HttpReply next = sec->get("/api/v1/bodies/t/members?limit=10&cursor=" + cursor);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json().size(), 4u);
  EXPECT_EQ(next.json()[0]["id"], a.member_ids[2]);
  EXPECT_EQ(next.headers.count("link"), 0u) << "the last page has no next";
  // The roster's cursor (a member id) decodes on another route of one key but is only a key
  // there; on a route of two keys it is refused.
  EXPECT_API_ERROR(anonymous.get("/api/v1/bodies/t/sessions?cursor=" + cursor), 400, "malformed", "cursor");
}

TEST_F(ApiReads, BadOrUnknownIds) {
  HttpClient anonymous(server->port());
  EXPECT_API_ERROR(anonymous.get("/api/v1/sittings/abc"), 400, "malformed", "sitting_id");
  EXPECT_API_ERROR(anonymous.get("/api/v1/sittings/-1"), 400, "malformed", "sitting_id");
  EXPECT_API_ERROR(anonymous.get("/api/v1/sittings/999"), 404, "not_found", "sitting_id");
  EXPECT_API_ERROR(anonymous.get("/api/v1/sessions/xyz/sittings"), 400, "malformed", "session_id");
  EXPECT_API_ERROR(anonymous.get("/api/v1/sessions/999/sittings"), 404, "not_found", "session_id");
  EXPECT_API_ERROR(sec->get("/api/v1/members/999999"), 404, "not_found", "member_id");
  EXPECT_API_ERROR(sec->get("/api/v1/bodies/t/events?since=x"), 400, "malformed", "since");
  EXPECT_API_ERROR(anonymous.get("/api/v1/no-such-thing"), 404, "not_found", "target");
}

}  // namespace
}  // namespace plenum::testing

namespace plenum::testing {
namespace {

// A password change or a disabled account ends the sessions signed in before it.
TEST(ApiAccounts, PasswordChangeAndDisablingEndEarlierSessions) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  seed_assembly(*app, "t", "npc", 2);
  add_account(*app, "root", Json::array({{{"body", "*"}, {"role", "admin"}}}));
  add_account(*app, "clerk", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  TestServer server(*app);
  HttpClient root(server.port()), clerk(server.port());
  ASSERT_EQ(root.login("root").status, 200);
  ASSERT_EQ(clerk.login("clerk").status, 200);
  ASSERT_EQ(clerk.get("/api/v1/auth/me").status, 200);

  auto changed = root.action("accounts.set_password", Json{{"username", "clerk"}, {"password", "another-pass-1"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  // The cached session lasts at most a few seconds; a fresh server has no cache.
  TestServer fresh(*app);
  HttpClient clerk_again(fresh.port());
  clerk_again.cookie = clerk.cookie;
  EXPECT_EQ(clerk_again.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(clerk_again.login("clerk").status, 401);  // the old password no longer works
  ASSERT_EQ(clerk_again.login("clerk", "another-pass-1").status, 200);

  HttpClient root2(fresh.port());
  ASSERT_EQ(root2.login("root").status, 200);
  EXPECT_EQ(root2.action("accounts.set_disabled", Json{{"username", "clerk"}, {"disabled", "yes"}}).status, 400);
  EXPECT_EQ(root2.action("accounts.set_disabled", Json{{"username", "root"}, {"disabled", true}}).status, 409);
  EXPECT_EQ(clerk_again.action("accounts.set_disabled", Json{{"username", "root"}, {"disabled", true}}).status, 403);
  ASSERT_EQ(root2.action("accounts.set_disabled", Json{{"username", "clerk"}, {"disabled", true}}).status, 200);
  EXPECT_EQ(root2.action("accounts.set_disabled", Json{{"username", "clerk"}, {"disabled", true}}).status, 409);
  TestServer third(*app);
  HttpClient clerk3(third.port());
  clerk3.cookie = clerk_again.cookie;
  EXPECT_EQ(clerk3.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(clerk3.login("clerk", "another-pass-1").status, 401);
}

// The desk resets a member's forgotten password: on the ledger (no hash shown), the member's
// sessions end, the member is told at sign-in who reset it and when until choosing their own; never
// another kind of account, another body's member, or while the member may vote.
TEST(ApiAccounts, TheSecretariatResetsAMembersPasswordOnlyWhileNoVoteOfTheirsIsOpen) {
  TempDir dir;
  auto app = open_app(dir.file("p.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 3);
  Assembly other = seed_assembly(*app, "u", "npc", 2);
  add_account(*app, "clerk", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  add_account(*app, "chair", Json::array({{{"body", "t"}, {"role", "presiding"}}}));
  add_account(*app, "uclerk", Json::array({{{"body", "u"}, {"role", "secretariat"}}}));
  add_account(*app, "m1", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[0]);
  add_account(*app, "m2", Json::array({{{"body", "t"}, {"role", "member"}}}), a.member_ids[1]);
  add_account(*app, "u1", Json::array({{{"body", "u"}, {"role", "member"}}}), other.member_ids[0]);
  TestServer server(*app);
  std::map<std::string, std::unique_ptr<HttpClient>> as;
  for (const char* user : {"clerk", "chair", "uclerk", "m1", "m2"}) {
    as[user] = std::make_unique<HttpClient>(server.port());
    ASSERT_EQ(as[user]->login(user).status, 200) << user;
  }
  EXPECT_TRUE(as["m1"]->get("/api/v1/auth/me").json()["password_reset"].is_null());
  auto refused = [&](const std::string& user, const std::string& target, int status) {
    auto before = app->store->read()->state_hash();
    auto r = as[user]->action("accounts.reset_password", Json{{"username", target}, {"password", "handed-over-1"}});
    EXPECT_EQ(r.status, status) << user << " → " << target << ": " << r.body;
    EXPECT_EQ(before, app->store->read()->state_hash());
    return r.json()["error"];
  };
  refused("chair", "m1", 403);   // presiding is not the desk
  refused("m2", "m1", 403);      // nor a colleague
  refused("uclerk", "m1", 403);  // nor another body's desk
  refused("clerk", "u1", 403);   // nor this desk for another body's member
  EXPECT_EQ(refused("clerk", "chair", 403)["field"], "args.username") << "not a member's account";
  refused("clerk", "nobody", 404);
  EXPECT_EQ(as["clerk"]->action("accounts.reset_password", Json{{"username", "m1"}, {"password", "short"}}).status,
            400);
  // Counted in characters: three Chinese characters (nine bytes) are too short.
  EXPECT_EQ(as["clerk"]->action("accounts.reset_password", Json{{"username", "m1"}, {"password", "人大会"}}).status,
            400);

  // While a vote m1 may take part in is open: refused, naming the member.
  int64_t poll = open_vote(*app, a);
  Json why = refused("clerk", "m1", 409);
  EXPECT_NE(why["message_zh"].get<std::string>().find("表决正在进行"), std::string::npos) << why.dump();
  ASSERT_TRUE(act(*app, "voting.close", Json{{"poll_id", poll}}));

  auto reset = as["clerk"]->action("accounts.reset_password", Json{{"username", "m1"}, {"password", "handed-over-1"}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  // The member's earlier session ends (a fresh server has no session cache); the new password works.
  TestServer fresh(*app);
  HttpClient old_session(fresh.port());
  old_session.cookie = as["m1"]->cookie;
  EXPECT_EQ(old_session.get("/api/v1/auth/me").status, 401);
  HttpClient member(fresh.port());
  EXPECT_EQ(member.login("m1").status, 401) << "the old password no longer works";
  ASSERT_EQ(member.login("m1", "handed-over-1").status, 200);
  Json told = member.get("/api/v1/auth/me").json()["password_reset"];
  EXPECT_EQ(told["by"], "clerk");
  EXPECT_FALSE(told["at"].get<std::string>().empty());
  // The desk sees which members have accounts and whose password it reset; no one else does.
  HttpClient desk(fresh.port());
  ASSERT_EQ(desk.login("clerk").status, 200);
  Json accounts = desk.get("/api/v1/bodies/t/member-accounts").json()["accounts"];
  ASSERT_EQ(accounts.size(), 2u) << accounts.dump();
  EXPECT_EQ(accounts[0]["username"], "m1");
  EXPECT_EQ(accounts[0]["password_reset"]["by"], "clerk");
  EXPECT_TRUE(accounts[1]["password_reset"].is_null());
  EXPECT_EQ(accounts.dump().find("argon2"), std::string::npos);
  EXPECT_EQ(member.get("/api/v1/bodies/t/member-accounts").status, 403);
  HttpClient presiding(fresh.port());
  ASSERT_EQ(presiding.login("chair").status, 200);
  EXPECT_EQ(presiding.get("/api/v1/bodies/t/member-accounts").status, 403);
  // On the accounts chain, without the hash (an admin reads that chain).
  add_account(*app, "root", Json::array({{{"body", "*"}, {"role", "admin"}}}));
  HttpClient root(fresh.port());
  ASSERT_EQ(root.login("root").status, 200);
  auto chain = root.get("/api/v1/bodies/plenum/events?limit=10000");
  ASSERT_EQ(chain.status, 200);
  EXPECT_NE(chain.body.find("accounts.password_reset"), std::string::npos);
  EXPECT_EQ(chain.body.find("argon2"), std::string::npos) << "no password hash leaves the server";
  // The member chooses their own: the notice goes.
  auto own =
      member.action("accounts.set_password",
                    Json{{"username", "m1"}, {"password", "my-own-pass-1"}, {"current_password", "handed-over-1"}});
  ASSERT_EQ(own.status, 200) << own.body;
  HttpClient again(fresh.port());
  ASSERT_EQ(again.login("m1", "my-own-pass-1").status, 200);
  EXPECT_TRUE(again.get("/api/v1/auth/me").json()["password_reset"].is_null());
}

// ---------------------------------------------------------------- a member's record and photo

TEST_F(ApiMembers, TheDeskCorrectsARecordFieldByFieldAndNoOneElseCan) {
  int64_t id = a.member_ids[2];
  std::string path = "/api/v1/members/" + std::to_string(id);
  Json before_member = sec->get(path).json();
  Json units = sec->get("/api/v1/bodies/t").json()["units"];
  ASSERT_GE(units.size(), 2u);
  std::string other_unit;
  for (const auto& u : units)
    if (u["id"] != before_member["unit_id"]) other_unit = u["name"];
  std::string taken_card = sec->get("/api/v1/members/" + std::to_string(a.member_ids[0])).json()["card"];

  Snapshot before = snapshot(*app);
  auto m1 = signed_in("m1");
  EXPECT_API_ERROR(m1->action("assembly.update_member", Json{{"member_id", id}, {"name", "冒名"}}), 403, "forbidden",
                   "actor");
  EXPECT_API_ERROR(sec->action("assembly.update_member", Json{{"member_id", id}, {"card", taken_card}}), 409,
                   "conflict", "args.card");
  EXPECT_API_ERROR(sec->action("assembly.update_member", Json{{"member_id", id}, {"card", "卡号"}}), 400, "malformed",
                   "args.card");
  EXPECT_API_ERROR(sec->action("assembly.update_member", Json{{"member_id", id}, {"unit", "没有的代表团"}}), 404,
                   "not_found", "args.unit");
  EXPECT_API_ERROR(sec->action("assembly.update_member", Json{{"member_id", id}, {"name", std::string(65 * 3, 'x')}}),
                   400, "malformed", "args.name");
  EXPECT_API_ERROR(sec->action("assembly.update_member", Json{{"member_id", id}, {"gender", "X"}}), 400, "malformed",
                   "args.gender");
  EXPECT_API_ERROR(sec->action("assembly.update_member", Json{{"member_id", 999999}, {"name", "无人"}}), 404,
                   "not_found", "args.member_id");
  // An unchanged form changes nothing and records nothing.
  auto same = sec->action("assembly.update_member", Json{{"member_id", id}, {"name", before_member["name"]}});
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.json()["result"]["changed"], Json::array());
  EXPECT_UNCHANGED(before);

  auto done = sec->action("assembly.update_member", Json{{"member_id", id},
                                                         {"name", "  王更正  "},
                                                         {"gender", "F"},
                                                         {"card", "NEW-CARD-1"},
                                                         {"unit", other_unit},
                                                         {"group", "第三组"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["result"]["changed"].size(), 5u) << done.body;
  Json after = sec->get(path).json();
  EXPECT_EQ(after["name"], "王更正");
  EXPECT_EQ(after["gender"], "F");
  EXPECT_EQ(after["card"], "NEW-CARD-1");
  EXPECT_EQ(after["unit"], other_unit);
  EXPECT_EQ(after["group"], "第三组");
  EXPECT_EQ(after["seat"], before_member["seat"]);
  // The new card checks the member in; the record's change is on the body's chain.
  auto in = sec->action("attendance.check_in", Json{{"sitting_id", a.sitting_id}, {"card", "NEW-CARD-1"}});
  EXPECT_EQ(in.status, 200) << in.body;
  auto events = sec->get("/api/v1/bodies/t/events?since=" + std::to_string(before.body_seq)).json();
  EXPECT_NE(events.dump().find("assembly.member_updated"), std::string::npos) << events.dump();
}

TEST_F(ApiMembers, APhotoIsStoredOnlyForTheDeskAndShownOnlyToWhomTheRecordIs) {
  int64_t id = a.member_ids[0];  // m1's own record
  std::string photo = "/api/v1/members/" + std::to_string(id) + "/photo";
  std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(300, '\x07');
  auto send = [&](HttpClient& c, const std::string& target, const std::string& bytes, const std::string& type) {
    return c.request("POST", target, bytes, {{"Content-Type", type}, {"X-CSRF-Token", c.csrf}});
  };
  Snapshot before = snapshot(*app);
  auto m1 = signed_in("m1");
  auto m2 = signed_in("m2");
  // Refused before a byte is stored: a member, a wrong type, bytes that are not what the type
  // says, a file too large, a path that is not an id, a query the route does not know.
  EXPECT_API_ERROR(send(*m1, photo, png, "image/png"), 403, "forbidden", "actor");
  EXPECT_EQ(app->blobs->size_bytes(), 0);
  EXPECT_API_ERROR(send(*sec, photo, png, "image/gif"), 400, "malformed", "content-type");
  EXPECT_API_ERROR(send(*sec, photo, "<svg onload=alert(1)>", "image/png"), 400, "malformed", "body");
  EXPECT_API_ERROR(send(*sec, photo, std::string(6 << 20, '\xFF'), "image/jpeg"), 413, "too_large", "body");
  EXPECT_API_ERROR(send(*sec, "/api/v1/members/x1/photo", png, "image/png"), 400, "malformed", "member_id");
  EXPECT_API_ERROR(send(*sec, "/api/v1/members/999999/photo", png, "image/png"), 404, "not_found", "member_id");
  EXPECT_EQ(app->blobs->size_bytes(), 0);
  EXPECT_API_ERROR(sec->get(photo), 404, "not_found", "member_id");
  EXPECT_UNCHANGED(before);

  auto set = send(*sec, photo, png, "Image/PNG; q=1");
  ASSERT_EQ(set.status, 200) << set.body;
  std::string sha = set.json()["result"]["photo"]["sha256"];
  EXPECT_EQ(sha, sha256_hex(png));
  EXPECT_EQ(sec->get("/api/v1/members/" + std::to_string(id)).json()["photo"]["sha256"], sha);
  for (HttpClient* reader : {sec.get(), m1.get()}) {
    auto got = reader->get(photo);
    EXPECT_EQ(got.status, 200);
    EXPECT_EQ(got.body, png);
    EXPECT_EQ(got.headers["content-type"], "image/png");
  }
  EXPECT_API_ERROR(m2->get(photo), 403, "forbidden", "actor");

  // The same photo again records nothing; a query is refused before a byte is stored.
  Snapshot set_once = snapshot(*app);
  int64_t stored = app->blobs->size_bytes();
  ASSERT_EQ(send(*sec, photo, png, "image/png").status, 200);
  std::string other = png + "x";
  EXPECT_API_ERROR(send(*sec, photo + "?member_id=2", other, "image/png"), 400, "malformed", "member_id");
  EXPECT_EQ(app->blobs->size_bytes(), stored);
  // The action names a file only as its upload does: at /actions, where a caller could name any
  // file whose hash it has seen, it is refused.
  auto claim = [&](Json ref) { return sec->action("assembly.set_photo", Json{{"member_id", id}, {"photo", ref}}); };
  EXPECT_API_ERROR(claim(Json{{"sha256", sha}, {"size", 1}, {"content_type", "image/png"}}), 400, "malformed",
                   "action");
  EXPECT_UNCHANGED(set_once);
  EXPECT_API_ERROR(m1->action("assembly.remove_photo", Json{{"member_id", id}}), 403, "forbidden", "actor");
  ASSERT_EQ(sec->action("assembly.remove_photo", Json{{"member_id", id}}).status, 200);
  EXPECT_API_ERROR(sec->get(photo), 404, "not_found", "member_id");
}

}  // namespace
}  // namespace plenum::testing
