#include "test_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>
#include <utility>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>

#include "assembly/tables.h"
#include "base/text.h"
#include "server/api.h"

namespace plenum::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

TempDir::TempDir() {
  char tmpl[] = "/tmp/plenum-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::unique_ptr<app::App> open_app(const std::string& db) {
  auto app = app::open(db);
  if (!app) throw std::runtime_error("open_app: " + app.error().message_en);
  return std::move(*app);
}

Result<ledger::Ack> act(app::App& app, const std::string& action, Json args, const std::string& actor,
                        const std::string& request_id) {
  return app.ledger->submit_and_wait({action, std::move(args), actor, request_id, ""});
}

namespace {
Json must(Result<ledger::Ack> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message_en);
  return r->result;
}
}  // namespace

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

Assembly seed_assembly(app::App& app, const std::string& body, const std::string& rulebook, int members,
                       const std::string& level) {
  demo::SkeletonSpec spec;
  spec.body = body;
  spec.rulebook = rulebook;
  spec.level = level;
  spec.members = members;
  auto seeded = demo::seed_skeleton(*app.ledger, *app.store, spec);
  if (!seeded) throw std::runtime_error("seed_skeleton: " + seeded.error().message_en);
  return std::move(*seeded);
}

int64_t open_vote(app::App& app, const Assembly& a, int checked_in) {
  auto step = [&](const std::string& action, Json args) {
    auto r = act(app, action, std::move(args));
    if (!r) throw std::runtime_error(action + ": " + r.error().message_en);
    return r->result;
  };
  step("assembly.open_sitting", Json{{"sitting_id", a.sitting_id}});
  std::vector<int64_t> first(a.member_ids.begin(),
                             checked_in < 0 ? a.member_ids.end() : a.member_ids.begin() + checked_in);
  if (!first.empty()) step("attendance.check_in_bulk", Json{{"sitting_id", a.sitting_id}, {"member_ids", first}});
  int64_t motion = step("motions.submit", Json{{"session_id", a.session_id},
                                               {"kind", "draft_resolution"},
                                               {"title_zh", "决议草案"},
                                               {"organ", "presidium"}})["motion_id"];
  step("motions.place_on_agenda", Json{{"motion_id", motion}});
  return step("voting.open", Json{{"motion_id", motion}, {"sitting_id", a.sitting_id}})["poll_id"];
}

void raw_sql(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  char* err = nullptr;
  int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  if (rc != SQLITE_OK) throw std::runtime_error("sqlite: " + msg + " in " + sql);
}

void add_account(app::App& app, const std::string& username, Json roles, int64_t member_id) {
  Json args{{"username", username}, {"password", "password-123"}, {"display_name", username}, {"roles", roles}};
  if (member_id) args["member_id"] = member_id;
  must(act(app, "accounts.create", args), "accounts.create");
}

void add_member_accounts(app::App& app, const std::string& body, const std::vector<int64_t>& member_ids,
                         const std::string& prefix) {
  std::vector<std::thread> threads;
  std::atomic<size_t> next{0};
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (size_t i; (i = next++) < member_ids.size();) {
        Json args{{"username", prefix + std::to_string(member_ids[i])},
                  {"password", "password-123"},
                  {"display_name", prefix + std::to_string(member_ids[i])},
                  {"member_id", member_ids[i]},
                  {"roles", Json::array({{{"body", body}, {"role", "member"}}})}};
        if (!act(app, "accounts.create", args)) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  if (failures) throw std::runtime_error("add_member_accounts: " + std::to_string(failures.load()) + " failed");
}

SignedIn sign_in_directly(app::App& app, const std::string& username) {
  std::string token = random_token();
  store::LoginSession s{sha256_hex(token), username, random_token(), now_micros(), now_micros() + 3600'000'000LL};
  app.store->sessions().put_login_session(s);
  return {std::string(server::Api::kCookieName) + "=" + token, s.csrf_token};
}

namespace {

uint16_t free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

ServerProcess::ServerProcess(const std::string& db, const std::vector<std::string>& serve_args,
                             const std::string& log_file)
    : port_(free_port()) {
  std::vector<std::string> args = {"plenum", "--db", db, "serve", "--port", std::to_string(port_)};
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    if (!log_file.empty()) {
      int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || ::dup2(fd, STDERR_FILENO) < 0) _exit(126);
    }
    execv(PLENUM_BINARY, argv.data());
    _exit(127);
  }
  HttpClient probe(port_);
  for (int i = 0; i < 200; ++i) {
    try {
      if (probe.get("/api/v1/health").status == 200) return;
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  kill9();
  throw std::runtime_error("plenum serve did not start");
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill9();
}

bool ServerProcess::kill9() {
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

int ServerProcess::terminate(int seconds) {
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < seconds * 20; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill9();
  return -1;
}

TestServer::TestServer(app::App& app, server::Options options) {
  options.address = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  server_ = std::make_unique<server::Server>(app, options);
  port_ = server_->start();
  threads_.emplace_back([this] { server_->run(); });
}

TestServer::~TestServer() {
  server_->stop();
  for (auto& t : threads_) t.join();
}

Json HttpReply::json() const { return Json::parse(body); }

struct HttpClient::Impl {
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(uint16_t port) : impl_(std::make_unique<Impl>()), port_(port) {}
HttpClient::~HttpClient() {
  if (impl_->stream) {
    beast::error_code ec;
    impl_->stream->socket().shutdown(tcp::socket::shutdown_both, ec);
  }
}

HttpReply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                              std::map<std::string, std::string> headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!impl_->stream) {
      impl_->stream.emplace(impl_->ioc);
      impl_->stream->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
      impl_->buffer.clear();
    }
    http::request<http::string_body> req(http::string_to_verb(method), target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    http::write(*impl_->stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(method == "HEAD");  // an answer to HEAD has the GET's head and no body
    // Read even when the write failed: a server may refuse a request on its head and stop
    // reading the body; its answer is then waiting.
    http::read(*impl_->stream, impl_->buffer, parser, ec);
    if (ec) {  // the server closed a kept-alive connection: reconnect once
      impl_->stream.reset();
      if (attempt == 0) continue;
      throw std::runtime_error("http: " + ec.message());
    }
    auto res = parser.release();
    HttpReply reply;
    reply.status = static_cast<int>(res.result_int());
    reply.body = res.body();
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(c));
      // Repeated headers (Set-Cookie) are kept one per line.
      std::string& kept = reply.headers[name];
      kept += (kept.empty() ? "" : "\n") + std::string(f.value());
    }
    if (!res.keep_alive()) impl_->stream.reset();
    return reply;
  }
  throw std::runtime_error("unreachable");
}

HttpReply HttpClient::post_json(const std::string& target, const std::string& body) {
  return request("POST", target, body, {{"Content-Type", "application/json"}, {"X-CSRF-Token", csrf}});
}

HttpReply HttpClient::action(const std::string& action, const Json& args, const std::string& request_id) {
  Json body{{"action", action}, {"args", args}};
  if (!request_id.empty()) body["request_id"] = request_id;
  return post_json("/api/v1/actions", body.dump());
}

HttpReply HttpClient::login(const std::string& username, const std::string& password) {
  // As a browser does, the device cookie goes to the sign-in route (its Path) and nowhere else.
  std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
  if (!device_cookie.empty()) headers["Cookie"] = cookie.empty() ? device_cookie : cookie + "; " + device_cookie;
  auto r = request("POST", "/api/v1/auth/login", Json{{"username", username}, {"password", password}}.dump(), headers);
  if (r.status == 200) {
    std::istringstream lines(r.headers["set-cookie"]);
    for (std::string line; std::getline(lines, line);) {
      std::string pair = line.substr(0, line.find(';'));
      (pair.rfind("plenum_device=", 0) == 0 ? device_cookie : cookie) = pair;
    }
    csrf = r.json()["csrf_token"];
  }
  return r;
}

struct LiveClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
};

LiveClient::LiveClient(uint16_t port, const std::string& cookie, const std::string& body, int64_t since)
    : impl_(std::make_unique<Impl>()) {
  beast::get_lowest_layer(impl_->ws).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  impl_->ws.set_option(websocket::stream_base::decorator(
      [cookie](websocket::request_type& req) { req.set(http::field::cookie, cookie); }));
  impl_->ws.handshake("127.0.0.1", "/api/v1/live?body=" + body + "&since=" + std::to_string(since));
}

LiveClient::~LiveClient() {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
}

Json LiveClient::next(int timeout_ms) {
  beast::flat_buffer buffer;
  beast::get_lowest_layer(impl_->ws).expires_after(std::chrono::milliseconds(timeout_ms));
  bool done = false;
  beast::error_code result;
  impl_->ws.async_read(buffer, [&](beast::error_code ec, size_t) {
    result = ec;
    done = true;
  });
  impl_->ioc.restart();
  while (!done) impl_->ioc.run_one();
  if (result) throw std::runtime_error("live: " + result.message());
  return Json::parse(beast::buffers_to_string(buffer.data()));
}

std::pair<int, std::string> run_plenum(const std::string& args) {
  std::string cmd = std::string(PLENUM_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace plenum::testing
