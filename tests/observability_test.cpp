// What the operator watches (docs/OPERATIONS.md, "Monitor"): GET /metrics scraped before and
// after a vote against a real server counts exactly the requests made, the sockets open and
// the vote's commits, and is refused to an address not configured; /api/v1/ready says when the
// server may take a sitting; the request log is JSON lines naming the request and its actor,
// and never holds a password, a ballot or what someone searched for.
#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "server/api.h"
#include "test_support.h"

namespace plenum::testing {
namespace {

// The samples of a text exposition: "name{labels}" (as the server printed it) → value.
std::map<std::string, double> samples(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

// The sum of every sample of metric `name` whose labels contain each of `with` (e.g.
// "route=\"/metrics\"") and none of `without`.
double total(const std::map<std::string, double>& s, const std::string& name, const std::vector<std::string>& with = {},
             const std::vector<std::string>& without = {}) {
  double sum = 0;
  for (const auto& [series, value] : s) {
    if (series != name && series.rfind(name + "{", 0) != 0) continue;
    bool match = true;
    for (const auto& w : with) match = match && series.find(w) != std::string::npos;
    for (const auto& w : without) match = match && series.find(w) == std::string::npos;
    if (match) sum += value;
  }
  return sum;
}

const char* kMetricsRoute = "route=\"/metrics\"";

TEST(Metrics, AScrapeBeforeAndAfterAVoteCountsItsRequestsSocketsAndCommits) {
  TempDir dir;
  auto app = open_app(dir.file("plenum.db"));
  constexpr int kVoters = 5;
  Assembly a = seed_assembly(*app, "t", "npc", kVoters);
  int64_t poll = open_vote(*app, a);
  add_member_accounts(*app, "t", a.member_ids);
  add_account(*app, "screen", Json::array({{{"body", "t"}, {"role", "observer"}}}));
  std::vector<SignedIn> voters;
  for (int64_t m : a.member_ids) voters.push_back(sign_in_directly(*app, "m" + std::to_string(m)));
  SignedIn screen = sign_in_directly(*app, "screen");
  server::Options options;
  options.api.metrics_from = {"127.0.0.1"};
  options.read_timeout_seconds = 3600;  // every device stays connected until the last scrape, however slow the machine
  TestServer server(*app, options);

  HttpClient scraper(server.port());
  auto scrape = [&] {
    auto r = scraper.get("/metrics");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    return samples(r.body);
  };
  auto before = scrape();
  EXPECT_EQ(total(before, "plenum_connections_open"), 1) << "the scraper's socket only";

  // The vote: two screens follow it live, each voter casts from its own device, and the
  // result is read once.
  int requests = 0;
  std::vector<std::unique_ptr<LiveClient>> screens;
  for (int i = 0; i < 2; ++i) {
    screens.push_back(std::make_unique<LiveClient>(server.port(), screen.cookie, "t", 0));
    ++requests;
    // Caught up and subscribed once it says "live".
    while (screens.back()->next()["type"] != "live") {
    }
  }
  std::vector<std::unique_ptr<HttpClient>> devices;
  for (int i = 0; i < kVoters; ++i) {
    devices.push_back(std::make_unique<HttpClient>(server.port()));
    devices.back()->cookie = voters[i].cookie;
    devices.back()->csrf = voters[i].csrf;
    auto cast =
        devices.back()->action("voting.cast", Json{{"poll_id", poll},
                                                   {"choice", i % 2 ? "for" : "against"},
                                                   {"ballot_key", "metrics-test-ballot-key-" + std::to_string(i)}});
    ASSERT_EQ(cast.status, 200) << cast.body;
    ++requests;
  }
  ASSERT_EQ(devices[0]->get("/api/v1/polls/" + std::to_string(poll)).status, 200);
  ++requests;

  auto after = scrape();
  EXPECT_EQ(total(after, "plenum_http_requests_total", {}, {kMetricsRoute}) -
                total(before, "plenum_http_requests_total", {}, {kMetricsRoute}),
            requests);
  EXPECT_EQ(total(after, "plenum_http_requests_total", {kMetricsRoute}) -
                total(before, "plenum_http_requests_total", {kMetricsRoute}),
            1)
      << "the first scrape, counted once it was answered";
  EXPECT_EQ(total(after, "plenum_http_requests_total", {"action=\"voting.cast\"", "status=\"200\""}) -
                total(before, "plenum_http_requests_total", {"action=\"voting.cast\"", "status=\"200\""}),
            kVoters);
  EXPECT_EQ(total(after, "plenum_http_requests_total", {"route=\"/api/v1/live\"", "status=\"101\""}), 2);
  EXPECT_EQ(total(after, "plenum_http_request_duration_seconds_count", {"route=\"/api/v1/polls/{poll_id}\""}), 1);
  // Every socket the test holds: the scraper, the devices and the screens.
  EXPECT_EQ(total(after, "plenum_connections_open"), 1 + kVoters + 2);
  EXPECT_EQ(total(after, "plenum_live_clients"), 2);
  // One ballot at a time: one batch, one commit, and at least one fsync each.
  for (const char* counted : {"plenum_ledger_batch_requests_count", "plenum_ledger_batch_requests_sum",
                              "plenum_ledger_commit_duration_seconds_count"})
    EXPECT_EQ(total(after, counted) - total(before, counted), kVoters) << counted;
  EXPECT_GE(total(after, "plenum_store_fsync_duration_seconds_count") -
                total(before, "plenum_store_fsync_duration_seconds_count"),
            kVoters);
  EXPECT_GT(total(after, "plenum_database_bytes"), 0);
  EXPECT_EQ(total(after, "plenum_ledger_queue_requests"), 0);
}

// docs/grafana-dashboard.json charts only what the server exports.
TEST(Metrics, TheDashboardAsksOnlyForMetricsTheServerExports) {
  TempDir dir;
  auto app = open_app(dir.file("plenum.db"));
  server::Options options;
  options.api.metrics_from = {"127.0.0.1"};
  TestServer server(*app, options);
  // The second scrape: a family shows once it has a sample (the first scrape's request).
  HttpClient scraper(server.port());
  scraper.get("/metrics");
  std::string text = scraper.get("/metrics").body;
  std::ifstream in(std::string(PLENUM_SOURCE_DIR) + "/docs/grafana-dashboard.json");
  Json dashboard = Json::parse(in);
  int asked = 0;
  for (const auto& panel : dashboard["panels"])
    for (const auto& target : panel["targets"]) {
      std::string expr = target["expr"];
      static const std::regex metric("plenum_[a-z_]+");
      for (auto it = std::sregex_iterator(expr.begin(), expr.end(), metric); it != std::sregex_iterator(); ++it) {
        std::string name = it->str();
        for (const char* suffix : {"_bucket", "_count", "_sum"})
          if (name.size() > std::strlen(suffix) &&
              name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0 &&
              text.find("# TYPE " + name + " ") == std::string::npos)
            name.resize(name.size() - std::strlen(suffix));
        EXPECT_NE(text.find("# TYPE " + name + " "), std::string::npos) << panel["title"] << ": " << name;
        ++asked;
      }
    }
  EXPECT_GE(asked, 15);
}

TEST(Metrics, OnlyAConfiguredAddressOrTheTokenMayReadThem) {
  TempDir dir;
  auto app = open_app(dir.file("plenum.db"));
  {
    TestServer unconfigured(*app);  // the default: no one
    HttpClient local(unconfigured.port());
    auto r = local.get("/metrics");
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "forbidden");
    EXPECT_EQ(r.body.find("plenum_"), std::string::npos);
  }
  // Behind a proxy, the client it forwards for is the address judged.
  server::Options options;
  options.trusted_proxies = {"127.0.0.1"};
  options.api.metrics_from = {"10.0.0.9"};
  options.api.metrics_token = "a-token-of-thirty-two-characters";
  TestServer server(*app, options);
  HttpClient proxy(server.port());
  auto from = [&](const std::string& client, const std::string& authorization = "") {
    std::map<std::string, std::string> headers{{"X-Forwarded-For", client}};
    if (!authorization.empty()) headers["Authorization"] = authorization;
    return proxy.request("GET", "/metrics", "", headers).status;
  };
  EXPECT_EQ(from("10.0.0.9"), 200);
  EXPECT_EQ(from("203.0.113.7"), 403);
  EXPECT_EQ(from("10.0.0.9, 203.0.113.7"), 403) << "only the address the proxy saw counts";
  EXPECT_EQ(from("203.0.113.7", "Bearer a-token-of-thirty-two-characters"), 200);
  EXPECT_EQ(from("203.0.113.7", "Bearer a-token-of-thirty-two-characterz"), 403);
  EXPECT_EQ(from("203.0.113.7", "Bearer a-token"), 403);
  EXPECT_EQ(from("203.0.113.7", "a-token-of-thirty-two-characters"), 403);
  EXPECT_EQ(from("203.0.113.7", "Basic YTpi"), 403);
  // The same check for every spelling of the path and for HEAD.
  for (const char* target : {"/metrics/", "//metrics", "/metrics?x=1", "/%6detrics"})
    for (const char* method : {"GET", "HEAD"})
      EXPECT_EQ(proxy.request(method, target, "", {{"X-Forwarded-For", "203.0.113.7"}}).status, 403)
          << method << " " << target;
  EXPECT_EQ(proxy.request("HEAD", "/metrics", "", {{"X-Forwarded-For", "10.0.0.9"}}).status, 200);
}

TEST(Metrics, NoByteOfARequestBecomesALabel) {
  TempDir dir;
  auto app = open_app(dir.file("plenum.db"));
  Assembly a = seed_assembly(*app, "t", "npc", 2);
  add_account(*app, "sec", Json::array({{{"body", "t"}, {"role", "secretariat"}}}));
  server::Options options;
  options.api.metrics_from = {"127.0.0.1"};
  TestServer server(*app, options);
  HttpClient c(server.port());
  ASSERT_EQ(c.login("sec").status, 200);
  for (int i = 0; i < 20; ++i) {
    c.get("/api/v1/no-such-route-" + std::to_string(i));
    c.get("/static-file-" + std::to_string(i) + ".js");
    c.action("no.such.action." + std::to_string(i), Json::object());
    c.get("/api/v1/sittings/" + std::to_string(900 + i));
  }
  std::string text = c.get("/metrics").body;
  for (const char* leaked : {"no-such-route", "static-file", "no.such.action", "/api/v1/sittings/90"})
    EXPECT_EQ(text.find(leaked), std::string::npos) << leaked;
  auto s = samples(text);
  EXPECT_EQ(total(s, "plenum_http_requests_total", {"route=\"unmatched\""}), 20);
  EXPECT_EQ(total(s, "plenum_http_requests_total", {"route=\"/api/v1/actions\"", "action=\"\"", "status=\"404\""}), 20);
  EXPECT_EQ(total(s, "plenum_http_requests_total", {"route=\"/api/v1/sittings/{sitting_id}\"", "status=\"404\""}), 20);
}

TEST(Ready, ReadyOnceTheLogVerifiesNeverWhileStoppingOrOnABrokenChain) {
  TempDir dir;
  std::string db = dir.file("plenum.db");
  {
    auto app = open_app(db);
    seed_assembly(*app, "t", "npc", 3);
    server::Api api(*app);
    auto ask = [&] {
      server::HttpResponse answer;
      server::HttpRequest request;
      request.method = "GET";
      request.target = "/api/v1/ready";
      api.handle(request, [&](server::HttpResponse r) { answer = std::move(r); });
      return answer;
    };
    auto starting = ask();
    EXPECT_EQ(starting.status, 503);
    EXPECT_NE(starting.body.find("verifying the log"), std::string::npos) << starting.body;
    api.set_readiness(true, "", "");
    EXPECT_EQ(ask().status, 200);
    api.set_stopping();
    auto stopping = ask();
    EXPECT_EQ(stopping.status, 503);
    EXPECT_NE(stopping.body.find("shutting down"), std::string::npos) << stopping.body;
    api.set_readiness(true, "", "");
    EXPECT_EQ(ask().status, 503) << "a server that began to stop is never ready again";

    TestServer server(*app);
    HttpClient c(server.port());
    EXPECT_TRUE(wait_until([&] { return c.get("/api/v1/ready").status == 200; }));
    EXPECT_EQ(c.get("/api/v1/ready").json(), Json({{"ready", true}}));
  }
  // A row of the log changed behind the ledger: the server answers, and is not ready.
  raw_sql(db,
          "DROP TRIGGER events_append_only_update; UPDATE events SET actor = 'intruder' WHERE body = 't' AND seq = 2");
  auto app = open_app(db);
  TestServer server(*app);
  HttpClient c(server.port());
  HttpReply ready;
  EXPECT_TRUE(wait_until([&] {
    ready = c.get("/api/v1/ready");
    return ready.body.find("does not verify") != std::string::npos;
  })) << ready.body;
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
}

TEST(RequestLog, JsonLinesNameTheRequestAndActorAndNeverASecret) {
  TempDir dir;
  std::string db = dir.file("plenum.db"), log = dir.file("plenum.log");
  int64_t poll = 0;
  Assembly a;
  {
    auto app = open_app(db);
    a = seed_assembly(*app, "t", "npc", 2);
    poll = open_vote(*app, a);
    add_member_accounts(*app, "t", {a.member_ids[0]});
  }
  std::string member = "m" + std::to_string(a.member_ids[0]);
  std::string cast_id;
  {
    ServerProcess server(db, {"--log-level", "info"}, log);
    HttpClient c(server.port());
    EXPECT_EQ(c.login(member, "a-wrong-password-9").status, 401);
    ASSERT_EQ(c.login(member, "password-123").status, 200);
    auto cast = c.action("voting.cast",
                         Json{{"poll_id", poll}, {"choice", "against"}, {"ballot_key", "ballot-key-7f3e91ab5c2d4e60"}});
    ASSERT_EQ(cast.status, 200) << cast.body;
    cast_id = cast.headers["x-request-id"];
    EXPECT_EQ(cast_id.size(), 16u);
    c.get("/api/v1/bodies/t/proposals?q=searched-for-words");
    EXPECT_EQ(server.terminate(), 0);
  }
  std::ifstream in(log);
  std::stringstream whole;
  whole << in.rdbuf();
  std::string text = whole.str();
  for (const char* secret : {"password-123", "a-wrong-password-9", "ballot-key-7f3e91ab5c2d4e60", "against",
                             "searched-for-words", "plenum_session="})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " is in the log:\n" << text;
  std::istringstream lines(text);
  int requests = 0;
  bool cast_seen = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;  // the start-up banner
    Json j = Json::parse(line);
    ASSERT_TRUE(j.contains("time") && j.contains("level") && j.contains("event")) << line;
    if (j["event"] != "request") continue;
    ++requests;
    EXPECT_EQ(j["id"].get<std::string>().size(), 16u) << line;
    if (j["id"] == cast_id) {
      cast_seen = true;
      EXPECT_EQ(j["actor"], member);
      EXPECT_EQ(j["action"], "voting.cast");
      EXPECT_EQ(j["route"], "/api/v1/actions");
      EXPECT_EQ(j["status"], 200);
      EXPECT_EQ(j["level"], "info");
      EXPECT_EQ(j["client"], "127.0.0.1");
    }
    if (j["status"] == 401) {
      EXPECT_EQ(j["level"], "warn");
      EXPECT_FALSE(j.contains("actor")) << "a failed sign-in's name may be a mistyped password: " << line;
    }
  }
  EXPECT_TRUE(cast_seen) << text;
  EXPECT_GE(requests, 4) << text;  // the health probe, two sign-ins, the ballot, the search
}

}  // namespace
}  // namespace plenum::testing
