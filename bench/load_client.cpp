#include "load_client.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <sys/resource.h>

#include "base/json.h"
#include "bench_support.h"

namespace plenum::bench {

size_t raise_fd_limit(size_t needed) {
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  size_t hard = lim.rlim_max == RLIM_INFINITY ? size_t{1} << 20 : static_cast<size_t>(lim.rlim_max);
  if (hard < needed)
    die("RLIMIT_NOFILE hard limit " + std::to_string(hard) + " < " + std::to_string(needed) + " files needed");
  lim.rlim_cur = lim.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &lim) != 0) die(std::string("setrlimit: ") + std::strerror(errno));
  return hard;
}

ClientPool::ClientPool(int threads) {
  for (int i = 0; i < threads; ++i) {
    iocs_.push_back(std::make_unique<net::io_context>(1));
    guards_.emplace_back(net::make_work_guard(*iocs_.back()));
  }
  for (auto& ioc : iocs_) threads_.emplace_back([io = ioc.get()] { io->run(); });
}

void ClientPool::stop() {
  guards_.clear();
  for (auto& ioc : iocs_) ioc->stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void windowed(net::io_context& ioc, size_t count, size_t window,
              std::function<void(size_t, std::function<void()>)> start) {
  struct State {
    size_t next = 0, count = 0;
    std::function<void(size_t, std::function<void()>)> start;
    std::function<void()> launch;
  };
  auto st = std::make_shared<State>();
  st->count = count;
  st->start = std::move(start);
  std::weak_ptr<State> weak = st;
  st->launch = [weak] {
    auto s = weak.lock();
    if (!s || s->next >= s->count) return;
    size_t i = s->next++;
    s->start(i, [s] { s->launch(); });
  };
  net::post(ioc, [st, window] {
    for (size_t i = 0; i < window; ++i) st->launch();
  });
}

ControlClient::ControlClient(uint16_t port) : port_(port), socket_(ioc_) {
  socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  socket_.set_option(tcp::no_delay(true));
}

std::string ControlClient::build(http::verb verb, const std::string& target, const std::string& body,
                                 const Credentials* who, const char* content_type) const {
  http::request<http::string_body> req(verb, target, 11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  if (who) {
    req.set(http::field::cookie, who->cookie);
    req.set("X-CSRF-Token", who->csrf);
  }
  if (!body.empty()) req.set(http::field::content_type, content_type);
  req.body() = body;
  req.prepare_payload();
  std::ostringstream out;
  out << req;
  return out.str();
}

http::response<http::string_body> ControlClient::exchange(const std::string& wire) {
  net::write(socket_, net::buffer(wire));
  http::response<http::string_body> res;
  http::read(socket_, buffer_, res);
  return res;
}

SignIn sign_in(uint16_t port, const std::string& username, const std::string& password, const std::string& device,
               double give_up_s) {
  auto t = Clock::now();
  const std::string body = Json{{"username", username}, {"password", password}}.dump();
  for (int attempts = 1;; ++attempts) {
    http::response<http::string_body> res;
    try {
      ControlClient c(port);
      std::string wire = c.build(http::verb::post, "/api/v1/auth/login", body, nullptr);
      if (!device.empty()) wire.insert(wire.find("\r\n") + 2, "Cookie: " + device + "\r\n");
      res = c.exchange(wire);
    } catch (const std::exception& e) {
      die(std::string("sign-in: ") + e.what());
    }
    if (res.result_int() == 200) {
      SignIn done{ms_between(t, Clock::now()), attempts, device, {}};
      for (auto [it, end] = res.equal_range(http::field::set_cookie); it != end; ++it) {
        std::string c(it->value());
        std::string pair = c.substr(0, c.find(';'));
        if (c.rfind("plenum_device=", 0) == 0) done.device = pair;
        if (c.rfind("plenum_session=", 0) == 0) done.session.cookie = pair;
      }
      Json answer = Json::parse(res.body(), nullptr, false);
      if (answer.is_object() && answer.contains("csrf_token") && answer["csrf_token"].is_string())
        done.session.csrf = answer["csrf_token"];
      return done;
    }
    if (res.result_int() != 429) die("sign-in: HTTP " + std::to_string(res.result_int()) + " " + res.body());
    if (ms_between(t, Clock::now()) > give_up_s * 1000) return {ms_between(t, Clock::now()), -attempts, device, {}};
    int wait = std::max(1, std::atoi(std::string(res[http::field::retry_after]).c_str()));
    std::this_thread::sleep_for(std::chrono::seconds(wait));
  }
}

}  // namespace plenum::bench
