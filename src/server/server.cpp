#include "server/server.h"

#include <utility>  // before Asio (DESIGN.md section 9)

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "base/text.h"
#include "elections/elections.h"
#include "server/api.h"
#include "voting/voting.h"

namespace plenum::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

using Message = std::shared_ptr<const std::string>;
struct Delivery {
  int64_t seq;  // 0 for notices
  Message message;
};

// Single ballots (votes, electronic election ballots) are not pushed to screens: thousands per
// second would swamp every one of them; coalesced notices carry the count of those who voted.
bool kept_off_live(const std::string& type) {
  return voting::is_ballot_event(type) || elections::is_ballot_event(type);
}

// What live screens get of an event. The sealed ballot box of a closed anonymous poll stays in
// the record (the events API serves it): pushing ~75 bytes per ballot to every screen would make
// the broadcast O(N²) bytes. The live copy says how many ballots were sealed instead; its hash
// is over the full payload.
Json live_payload(const std::string& type, const Json& payload) {
  Json out = Json::object();
  for (const auto& [key, value] : payload.items()) {
    if (key == "password_hash") continue;  // never leaves the server
    if (key == "ballots" && type == "voting.poll_closed") {
      out["sealed_ballots"] = value.size();  // not copied: it can be 10,000 entries
      continue;
    }
    out[key] = value;
  }
  return out;
}

// Fans committed events out to WebSocket clients, one post per client per batch. Notices (live
// counts) are coalesced per tick as well as per batch: at most one per key every kNoticeTick,
// the latest winning, with a trailing one at the end of the tick so the final count arrives.
// Thousands of screens then cost a few sends per second, however often the ledger commits.
class Hub {
 public:
  static constexpr auto kNoticeTick = std::chrono::milliseconds(200);

  class Subscriber {
   public:
    virtual ~Subscriber() = default;
    virtual void deliver(std::shared_ptr<const std::vector<Delivery>> batch) = 0;
  };

  explicit Hub(net::io_context& ioc) : ioc_(ioc) {}

  bool follows(const std::string& body) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = subscribers_.find(body);
    if (it == subscribers_.end()) return false;
    for (const auto& w : it->second)
      if (!w.expired()) return true;
    return false;
  }

  void add(const std::string& body, const std::shared_ptr<Subscriber>& s) {
    std::lock_guard<std::mutex> lock(mu_);
    subscribers_[body].push_back(s);
  }

  void publish(const std::vector<ledger::Event>& events, const std::vector<ledger::Notice>& notices) {
    std::set<std::string> followed;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [body, list] : subscribers_)
        if (!list.empty()) followed.insert(body);
    }
    if (followed.empty()) return;
    std::map<std::string, std::vector<Delivery>> by_body;
    for (const auto& e : events) {
      // Single ballots are not pushed: thousands per second would swamp every screen, and the
      // count of those who have voted arrives as a coalesced notice instead.
      if (!followed.count(e.body) || kept_off_live(e.type)) continue;
      Json j{{"type", "event"},         {"body", e.body},      {"seq", e.seq},
             {"event_type", e.type},    {"actor", e.actor},    {"at", iso_time(e.at)},
             {"payload", live_payload(e.type, e.payload)}, {"hash", e.hash}};
      by_body[e.body].push_back({e.seq, std::make_shared<const std::string>(j.dump())});
    }
    for (auto& [body, deliveries] : by_body) {
      // A count held back for its tick goes out before the events that follow it (a screen
      // shows "all 2,956 voted" before the result, not after).
      std::vector<Delivery> ordered = take_pending(body);
      for (auto& d : deliveries) ordered.push_back(std::move(d));
      send(body, std::move(ordered));
    }
    for (const auto& n : notices)
      if (followed.count(n.body)) offer(n);
  }

 private:
  struct NoticeSlot {
    std::chrono::steady_clock::time_point last_sent{};
    std::optional<ledger::Notice> pending;
    bool timer_armed = false;
  };

  static Message notice_message(const ledger::Notice& n) {
    Json j{{"type", "notice"}, {"body", n.body}, {"key", n.key}, {"notice", n.message}};
    return std::make_shared<const std::string>(j.dump());
  }

  // Sends now if the key's tick has passed; otherwise keeps it as the one to send when it ends.
  void offer(const ledger::Notice& n) {
    auto now = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration wait{};
    {
      std::lock_guard<std::mutex> lock(notice_mu_);
      NoticeSlot& slot = slots_[n.key];
      if (!slot.timer_armed && now - slot.last_sent >= kNoticeTick) {
        slot.last_sent = now;
      } else {
        slot.pending = n;
        if (slot.timer_armed) return;
        slot.timer_armed = true;
        wait = slot.last_sent + kNoticeTick - now;
      }
    }
    if (wait == std::chrono::steady_clock::duration{}) {
      send(n.body, {{0, notice_message(n)}});
      return;
    }
    auto timer = std::make_shared<net::steady_timer>(ioc_, wait);
    timer->async_wait([this, timer, key = n.key](const boost::system::error_code& ec) {
      if (!ec) flush(key);
    });
  }

  std::vector<Delivery> take_pending(const std::string& body) {
    std::vector<Delivery> out;
    std::lock_guard<std::mutex> lock(notice_mu_);
    for (auto& [key, slot] : slots_) {
      if (!slot.pending || slot.pending->body != body) continue;
      out.push_back({0, notice_message(*slot.pending)});
      slot.pending.reset();
      slot.last_sent = std::chrono::steady_clock::now();
    }
    return out;
  }

  void flush(const std::string& key) {
    std::optional<ledger::Notice> n;
    {
      std::lock_guard<std::mutex> lock(notice_mu_);
      NoticeSlot& slot = slots_[key];
      slot.timer_armed = false;
      slot.last_sent = std::chrono::steady_clock::now();
      n = std::move(slot.pending);
      slot.pending.reset();
    }
    if (n) send(n->body, {{0, notice_message(*n)}});
  }

  void send(const std::string& body, std::vector<Delivery> deliveries) {
    auto batch = std::make_shared<const std::vector<Delivery>>(std::move(deliveries));
    std::lock_guard<std::mutex> lock(mu_);
    auto it = subscribers_.find(body);
    if (it == subscribers_.end()) return;
    auto& list = it->second;
    for (size_t i = 0; i < list.size();) {
      if (auto s = list[i].lock()) {
        s->deliver(batch);
        ++i;
      } else {
        list[i] = list.back();
        list.pop_back();
      }
    }
  }

  net::io_context& ioc_;
  std::mutex mu_;
  std::map<std::string, std::vector<std::weak_ptr<Subscriber>>> subscribers_;
  std::mutex notice_mu_;
  std::map<std::string, NoticeSlot> slots_;
};

class LiveSession : public Hub::Subscriber, public std::enable_shared_from_this<LiveSession> {
 public:
  LiveSession(tcp::socket&& socket, app::App& app, Hub& hub, std::string body, int64_t since,
              size_t max_queue)
      : ws_(std::move(socket)), app_(app), hub_(hub), body_(std::move(body)), last_seq_(since),
        max_queue_(max_queue) {}

  void start(http::request<http::string_body> req) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    // One frame per message: Beast's default 4 KiB fragments cost a write each, per screen.
    ws_.auto_fragment(false);
    ws_.async_accept(req, beast::bind_front_handler(&LiveSession::on_accept, shared_from_this()));
  }

  void deliver(std::shared_ptr<const std::vector<Delivery>> batch) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), batch = std::move(batch)] {
      if (self->catching_up_ || self->closed_) return;  // the store has these; catch-up reads them
      for (const auto& d : *batch) {
        if (d.seq != 0) {
          if (d.seq <= self->last_seq_) continue;
          self->last_seq_ = d.seq;
        }
        self->enqueue(d.message);
      }
    });
  }

 private:
  static constexpr int64_t kPage = 1000;

  void on_accept(beast::error_code ec) {
    if (ec) return;
    hub_.add(body_, shared_from_this());
    catch_up_page();
    do_read();
  }

  // Reads the next page of missed events from the store; live deliveries are ignored meanwhile.
  void catch_up_page() {
    std::vector<store::EventRecord> page;
    try {
      page = app_.store->read()->events_since(body_, last_seq_, kPage);
    } catch (const std::exception&) {
      return close(websocket::close_code::internal_error);
    }
    for (const auto& e : page) {
      if (kept_off_live(e.type)) {  // as in Hub::publish; the events API has them
        last_seq_ = e.seq;
        continue;
      }
      Json payload = live_payload(e.type, Json::parse(e.payload));
      Json j{{"type", "event"}, {"body", e.body}, {"seq", e.seq}, {"event_type", e.type},
             {"actor", e.actor}, {"at", iso_time(e.at)}, {"payload", payload}, {"hash", e.hash}};
      last_seq_ = e.seq;
      enqueue(std::make_shared<const std::string>(j.dump()));
    }
    catching_up_ = static_cast<int64_t>(page.size()) == kPage;
    if (!catching_up_) {
      Json j{{"type", "live"}, {"body", body_}, {"seq", last_seq_}};
      enqueue(std::make_shared<const std::string>(j.dump()));
    }
  }

  void enqueue(Message m) {
    if (closed_) return;
    if (queue_.size() >= max_queue_) return close(websocket::close_code::policy_error);
    queue_.push_back(std::move(m));
    if (!writing_) write_next();
  }

  void write_next() {
    if (queue_.empty()) {
      if (catching_up_) catch_up_page();
      return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    beast::bind_front_handler(&LiveSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, size_t) {
    writing_ = false;
    if (ec) {
      closed_ = true;
      return;
    }
    queue_.pop_front();
    write_next();
  }

  void do_read() {
    ws_.async_read(in_, beast::bind_front_handler(&LiveSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, size_t) {
    if (ec) {
      closed_ = true;
      return;
    }
    in_.consume(in_.size());  // clients have nothing to say on this channel yet
    do_read();
  }

  void close(websocket::close_code code) {
    if (closed_) return;
    closed_ = true;
    queue_.clear();
    ws_.async_close(code, [self = shared_from_this()](beast::error_code) {});
  }

  websocket::stream<beast::tcp_stream> ws_;
  app::App& app_;
  Hub& hub_;
  std::string body_;
  int64_t last_seq_;
  size_t max_queue_;
  beast::flat_buffer in_;
  std::deque<Message> queue_;
  bool writing_ = false;
  bool catching_up_ = true;
  bool closed_ = false;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Api& api, app::App& app, Hub& hub, const Options& options)
      : stream_(std::move(socket)), api_(api), app_(app), hub_(hub), options_(options) {}

  void start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(Api::kMaxRosterBody);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream) return shutdown();
    if (ec == http::error::body_limit) {
      keep_alive_ = false;
      return send(Api::error_response(make_error(ErrorCode::kTooLarge, "请求体过大", "the request body is too large", "body")));
    }
    if (ec == beast::error::timeout || ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof)
      return shutdown();
    if (ec) {
      keep_alive_ = false;
      return send(Api::error_response(make_error(ErrorCode::kMalformed, "无法解析的HTTP请求：" + ec.message(),
                                                 "unparseable HTTP request: " + ec.message(), "request")));
    }
    http::request<http::string_body> req = parser_->release();
    keep_alive_ = req.keep_alive();
    version_ = req.version();

    if (websocket::is_upgrade(req)) return upgrade(std::move(req));

    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.body = std::move(req.body());
    r.content_type = std::string(req[http::field::content_type]);
    r.cookie = std::string(req[http::field::cookie]);
    r.csrf_token = std::string(req["X-CSRF-Token"]);
    r.idempotency_key = std::string(req["Idempotency-Key"]);
    stream_.expires_never();  // the ledger answers when the batch commits
    api_.handle(r, [self = shared_from_this()](HttpResponse response) {
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->send(std::move(response)); });
    });
  }

  void upgrade(http::request<http::string_body> req) {
    std::string path;
    std::map<std::string, std::string> query;
    split_target(std::string(req.target()), &path, &query);
    auto refuse = [&](const Error& e) {
      keep_alive_ = false;
      send(Api::error_response(e));
    };
    if (path != "/api/v1/live")
      return refuse(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target"));
    Caller who = api_.caller(std::string(req[http::field::cookie]));
    if (!who.signed_in()) return refuse(make_error(ErrorCode::kUnauthenticated, "请先登录", "sign in first", "cookie"));
    std::string body = query.count("body") ? query["body"] : "";
    if (body.empty()) return refuse(make_error(ErrorCode::kMalformed, "缺少参数 body", "missing parameter body", "body"));
    if (!app_.store->read()->body(body) && body != ledger::kAccountsChain)
      return refuse(make_error(ErrorCode::kNotFound, "未知的机构 " + body, "unknown body " + body, "body"));
    if (!api_.may_follow(who, body))
      return refuse(make_error(ErrorCode::kForbidden, "无权订阅该机构", "you may not follow this body", "body"));
    int64_t since = 0;
    if (query.count("since")) {
      const std::string& s = query["since"];
      if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
        return refuse(make_error(ErrorCode::kMalformed, "since 应为非负整数", "since must be a non-negative integer", "since"));
      since = std::stoll(s);
    }
    stream_.expires_never();
    std::make_shared<LiveSession>(stream_.release_socket(), app_, hub_, body, since, options_.max_live_queue)
        ->start(std::move(req));
  }

  void send(HttpResponse r) {
    if (r.build) {
      auto build = std::move(r.build);
      build(r);
    }
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version_);
    res->set(http::field::server, "plenum");
    res->set(http::field::content_type, r.content_type);
    res->set(http::field::cache_control, "no-store");
    res->set("X-Content-Type-Options", "nosniff");
    if (!r.set_cookie.empty()) res->set(http::field::set_cookie, r.set_cookie);
    res->keep_alive(keep_alive_);
    res->body() = std::move(r.body);
    res->prepare_payload();
    response_ = res;
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    http::async_write(stream_, *res, beast::bind_front_handler(&HttpSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, size_t) {
    response_.reset();
    if (ec || !keep_alive_) return shutdown();
    do_read();
  }

  void shutdown() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<void> response_;
  Api& api_;
  app::App& app_;
  Hub& hub_;
  const Options& options_;
  bool keep_alive_ = true;
  unsigned version_ = 11;
};

}  // namespace

constexpr int kOutstandingAccepts = 8;

struct Server::Impl {
  Impl(app::App& a, Options o)
      : app(a), options(std::move(o)), api(a, options.static_dir), ioc(options.threads), hub(ioc),
        acceptor(ioc) {}

  void do_accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) {
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<HttpSession>(std::move(socket), api, app, hub, options)->start();
      }
      do_accept();
    });
  }

  app::App& app;
  Options options;
  Api api;
  net::io_context ioc;
  Hub hub;  // after ioc: its tick timers run there
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
};

Server::Server(app::App& app, Options options) : impl_(std::make_unique<Impl>(app, std::move(options))) {
  app.ledger->set_publisher([impl = impl_.get()](const std::vector<ledger::Event>& events,
                                                 const std::vector<ledger::Notice>& notices) {
    impl->hub.publish(events, notices);
  }, [impl = impl_.get()](const std::string& body) { return impl->hub.follows(body); });
}

Server::~Server() {
  stop();
  impl_->app.ledger->set_publisher(nullptr);
  // Requests still in the ledger would answer into this server's sockets: let them finish first.
  impl_->app.ledger->wait_idle();
}

uint16_t Server::start() {
  auto endpoint = tcp::endpoint(net::ip::make_address(impl_->options.address), impl_->options.port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(net::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(net::socket_base::max_listen_connections);
  // Several accepts outstanding: members connecting to vote are not queued behind one accept
  // while the network threads fan a notice out to thousands of screens.
  for (int i = 0; i < kOutstandingAccepts; ++i) impl_->do_accept();
  return impl_->acceptor.local_endpoint().port();
}

void Server::run() {
  for (int i = 1; i < impl_->options.threads; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

void Server::stop() {
  beast::error_code ec;
  net::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->ioc.stop();
}

}  // namespace plenum::server
