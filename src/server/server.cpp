#include "server/server.h"

#include <utility>  // before Asio (DESIGN.md section 9)

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sys/resource.h>
#include <thread>
#include <unordered_map>

#include "assembly/tables.h"
#include "base/text.h"
#include "elections/elections.h"
#include "ledger/chain.h"
#include "ledger/routes.h"
#include "server/api.h"
#include "server/log.h"
#include "server/static_files.h"
#include "store/sync_observer.h"
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
  int64_t seq;      // 0 for notices
  Message message;  // the same for every follower; null when `event` must be viewed per follower
  std::shared_ptr<const ledger::Event> event;  // an event whose type has a read rule (ledger::EventView)
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

// An event as live screens get it; `withheld`: its payload is not the follower's to read. An
// empty `hash` leaves it out: a payload shown in part or withheld comes without its hash, which
// would let the follower test guesses of what is withheld (the events route does the same).
std::string json_event(const std::string& body, int64_t seq, const std::string& type, const std::string& actor,
                       int64_t at, const Json& payload, const std::string& hash, bool withheld = false) {
  Json j{{"type", "event"}, {"body", body},       {"seq", seq},        {"event_type", type},
         {"actor", actor},  {"at", iso_time(at)}, {"payload", payload}};
  if (!hash.empty()) j["hash"] = hash;
  if (withheld) j["withheld"] = true;
  return j.dump();
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
    virtual const std::string& username() const = 0;
    // The account's roles or standing changed: check again that it may still follow.
    virtual void recheck() = 0;
  };

  Hub(net::io_context& ioc, const ledger::Registry& registry) : ioc_(ioc), registry_(registry) {}

  bool follows(const std::string& body) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = subscribers_.find(body);
    if (it == subscribers_.end()) return false;
    for (const auto& w : it->second)
      if (!w.expired()) return true;
    return false;
  }

  // Live clients following any body now.
  size_t followers() {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (const auto& [body, list] : subscribers_)
      for (const auto& w : list) n += !w.expired();
    return n;
  }

  void add(const std::string& body, const std::shared_ptr<Subscriber>& s) {
    std::lock_guard<std::mutex> lock(mu_);
    subscribers_[body].push_back(s);
  }

  void publish(const std::vector<ledger::Event>& events, const std::vector<ledger::Notice>& notices) {
    recheck_changed_accounts(events);
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
      if (registry_.event_view(e.type)) {  // not every follower may read it: each is shown its view
        by_body[e.body].push_back({e.seq, nullptr, std::make_shared<const ledger::Event>(e)});
        continue;
      }
      by_body[e.body].push_back({e.seq,
                                 std::make_shared<const std::string>(
                                     json_event(e.body, e.seq, e.type, e.actor, e.at, live_payload(e.type, e.payload),
                                                e.payload.contains("password_hash") ? std::string() : e.hash)),
                                 nullptr});
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

  // A revoked role, a disabled account or a new password ends what the account may follow:
  // its open sockets are checked again at once rather than streaming on until they reconnect.
  void recheck_changed_accounts(const std::vector<ledger::Event>& events) {
    std::set<std::string> changed;
    for (const auto& e : events)
      if (e.body == ledger::kAccountsChain &&
          (e.type == "accounts.role_revoked" || e.type == "accounts.disabled_set" ||
           e.type == "accounts.password_set" || e.type == "accounts.password_reset"))
        changed.insert(e.payload.value("username", ""));
    if (changed.empty()) return;
    std::vector<std::shared_ptr<Subscriber>> affected;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& [body, list] : subscribers_)
        for (const auto& w : list)
          if (auto sub = w.lock(); sub && changed.count(sub->username())) affected.push_back(sub);
    }
    for (const auto& sub : affected) sub->recheck();
  }

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
      send(n.body, {{0, notice_message(n), nullptr}});
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
      out.push_back({0, notice_message(*slot.pending), nullptr});
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
    if (n) send(n->body, {{0, notice_message(*n), nullptr}});
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
  const ledger::Registry& registry_;
  std::mutex mu_;
  std::map<std::string, std::vector<std::weak_ptr<Subscriber>>> subscribers_;
  std::mutex notice_mu_;
  std::map<std::string, NoticeSlot> slots_;
};

// Open connections in all and per client address. A slot is held for a connection's whole life
// (HTTP, then WebSocket); a connection over either limit is closed as soon as it is accepted.
class ConnectionLimiter {
 public:
  using Slot = std::shared_ptr<void>;
  ConnectionLimiter(size_t max_total, size_t max_per_address)
      : counts_(std::make_shared<Counts>()), max_total_(max_total), max_per_address_(max_per_address) {}

  // Connections admitted and not yet given back (the metrics' plenum_connections_open).
  size_t open() {
    std::lock_guard<std::mutex> lock(counts_->mu);
    return counts_->total;
  }

  // nullptr if over a limit; `exempt` (a trusted proxy) counts only towards the total. A slot
  // shares the counts, so one given back after the server is gone is harmless.
  Slot admit(const std::string& address, bool exempt) {
    std::lock_guard<std::mutex> lock(counts_->mu);
    if (counts_->total >= max_total_) return nullptr;
    if (!exempt && counts_->per_address[address] >= max_per_address_) return nullptr;
    ++counts_->total;
    if (!exempt) ++counts_->per_address[address];
    return Slot(static_cast<void*>(counts_.get()), [counts = counts_, address, exempt](void*) {
      std::lock_guard<std::mutex> lock(counts->mu);
      --counts->total;
      if (exempt) return;
      if (auto it = counts->per_address.find(address); it != counts->per_address.end() && --it->second == 0)
        counts->per_address.erase(it);
    });
  }

 private:
  struct Counts {
    std::mutex mu;
    size_t total = 0;
    std::unordered_map<std::string, size_t> per_address;
  };
  std::shared_ptr<Counts> counts_;
  size_t max_total_, max_per_address_;
};

// One follower of a body's live stream. At most one write is in flight (Beast requires it);
// a close waits for that write to finish, and nothing is queued or written after a close.
class LiveSession : public Hub::Subscriber, public std::enable_shared_from_this<LiveSession> {
 public:
  using StillAllowed = std::function<bool()>;
  LiveSession(tcp::socket&& socket, app::App& app, Hub& hub, std::string body, int64_t since, const Options& options,
              std::string username, StillAllowed still_allowed, ConnectionLimiter::Slot slot, Metrics& metrics,
              std::function<void(int status)> answered)
      : ws_(std::move(socket)),
        metrics_(metrics),
        answered_(std::move(answered)),
        app_(app),
        hub_(hub),
        body_(std::move(body)),
        last_seq_(since),
        max_queue_(options.max_live_queue),
        handshake_timeout_(options.live_handshake_timeout_seconds),
        username_(std::move(username)),
        still_allowed_(std::move(still_allowed)),
        slot_(std::move(slot)) {
    ws_.read_message_max(options.max_client_message);
  }

  void start(http::request<http::string_body> req) {
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.handshake_timeout = std::chrono::seconds(handshake_timeout_);
    ws_.set_option(timeouts);
    // One frame per message: Beast's default 4 KiB fragments cost a write each, per screen.
    ws_.auto_fragment(false);
    ws_.async_accept(req, beast::bind_front_handler(&LiveSession::on_accept, shared_from_this()));
  }

  void deliver(std::shared_ptr<const std::vector<Delivery>> batch) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), batch = std::move(batch)] {
      if (self->catching_up_ || self->closing_) return;  // the store has these; catch-up reads them
      for (const auto& d : *batch) {
        if (d.seq != 0) {
          if (d.seq <= self->last_seq_) continue;
          self->last_seq_ = d.seq;
        }
        self->enqueue(d.message ? d.message : self->viewed(*d.event));
      }
    });
  }

  const std::string& username() const override { return username_; }

  void recheck() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      bool allowed = false;
      try {
        allowed = self->still_allowed_();
      } catch (const std::exception&) {
      }
      if (!allowed) self->close(websocket::close_code::policy_error);
    });
  }

 private:
  static constexpr int64_t kPage = 1000;

  void on_accept(beast::error_code ec) {
    // Before the subscription: a client told "live" finds its upgrade counted.
    // Beast answers a missing or unknown Sec-WebSocket-Version with 426, any other bad handshake with 400.
    if (answered_)
      answered_(!ec                                                                                 ? 101
                : ec == websocket::error::no_sec_version || ec == websocket::error::bad_sec_version ? 426
                                                                                                    : 400);
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
      last_seq_ = e.seq;
      if (kept_off_live(e.type)) continue;  // as in Hub::publish; the events API has them
      enqueue(viewed(ledger::Event{e.body, e.seq, e.type, e.actor, e.at, Json::parse(e.payload), e.hash}));
      if (closing_) return;
    }
    catching_up_ = static_cast<int64_t>(page.size()) == kPage;
    if (!catching_up_) {
      Json j{{"type", "live"}, {"body", body_}, {"seq", last_seq_}};
      enqueue(std::make_shared<const std::string>(j.dump()));
    }
  }

  // The event as this follower's account may read it (the events route's rule).
  Message viewed(const ledger::Event& e) {
    // Most types have no read rule: no store read for them (a catch-up page is 1,000 events).
    std::optional<Json> shown = e.payload;
    if (app_.registry.event_view(e.type)) {
      try {
        shown = ledger::visible_payload(app_.registry, *app_.store->read(), username_, e);
      } catch (const std::exception&) {  // a store failure withholds rather than shows
        shown.reset();
      }
    }
    const bool whole = shown && *shown == e.payload && !e.payload.contains("password_hash");
    return std::make_shared<const std::string>(json_event(e.body, e.seq, e.type, e.actor, e.at,
                                                          shown ? live_payload(e.type, *shown) : Json(),
                                                          whole ? e.hash : std::string(), !shown));
  }

  void enqueue(Message m) {
    if (closing_) return;
    if (queue_.size() >= max_queue_) {
      metrics_.live_client_dropped();
      return close(websocket::close_code::policy_error);
    }
    queue_.push_back(std::move(m));
    if (!writing_) write_next();
  }

  void write_next() {
    if (closing_) return;
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
    if (!queue_.empty()) queue_.pop_front();  // the message just written (a close keeps it until now)
    if (ec) {
      closing_ = true;
      queue_.clear();
      return;
    }
    if (closing_) return send_close();
    write_next();
  }

  void do_read() { ws_.async_read(in_, beast::bind_front_handler(&LiveSession::on_read, shared_from_this())); }

  void on_read(beast::error_code ec, size_t) {
    if (ec) {  // closed, timed out, or a message over max_client_message
      closing_ = true;
      queue_.clear();
      return;
    }
    in_.consume(in_.size());  // clients have nothing to say on this channel yet
    do_read();
  }

  // Drops what is queued but not yet being written; the close frame goes out once the write in
  // flight (if any) has finished, since Beast allows only one write operation at a time.
  void close(websocket::close_code code) {
    if (closing_) return;
    closing_ = true;
    close_code_ = code;
    if (writing_) {
      while (queue_.size() > 1) queue_.pop_back();  // the front is being written
      return;
    }
    queue_.clear();
    send_close();
  }

  void send_close() {
    if (close_sent_) return;
    close_sent_ = true;
    ws_.async_close(close_code_, [self = shared_from_this()](beast::error_code) {});
  }

  websocket::stream<beast::tcp_stream> ws_;
  Metrics& metrics_;
  std::function<void(int status)> answered_;  // the upgrade's line in the metrics and the log
  app::App& app_;
  Hub& hub_;
  std::string body_;
  int64_t last_seq_;
  size_t max_queue_;
  int handshake_timeout_;  // seconds
  std::string username_;
  StillAllowed still_allowed_;
  ConnectionLimiter::Slot slot_;
  beast::flat_buffer in_;
  std::deque<Message> queue_;
  bool writing_ = false;
  bool catching_up_ = true;
  bool closing_ = false;
  bool close_sent_ = false;
  websocket::close_code close_code_ = websocket::close_code::normal;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Headers every answer carries: nothing of plenum's may be framed, sniffed into another type,
// or run a script that did not come from plenum's own files.
template <class Response>
void harden(Response& res) {
  res.set(http::field::server, "plenum");
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'");
}

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Api& api, app::App& app, Hub& hub, const Options& options, std::string peer,
              ConnectionLimiter::Slot slot)
      : stream_(std::move(socket)),
        api_(api),
        app_(app),
        hub_(hub),
        options_(options),
        peer_(std::move(peer)),
        slot_(std::move(slot)) {}

  void start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
  }

 private:
  // The head first: what may follow it (server/api.h, Api::admit) is decided before the body.
  void do_read() {
    // Until a head is read, a refusal (an unparseable or oversized head) is of no request.
    request_ = HttpRequest{};
    request_.client_address = peer_;
    request_.id = random_token().substr(0, 16);
    fallback_route_ = "refused";
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // No limit yet: Beast would refuse a Content-Length over it before the head is ours to
    // judge. on_header sets the real one; until then no byte of the body is read.
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
  }

  // Ends the exchange with an error, unread body and all: the connection closes after it.
  void refuse(const Error& e) {
    keep_alive_ = false;
    send(Api::error_response(e));
  }

  bool read_failed(beast::error_code ec) {
    if (!ec) return false;
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == net::error::connection_reset || ec == net::error::eof || ec == http::error::partial_message) {
      shutdown();
      return true;
    }
    if (ec == http::error::body_limit) {
      refuse(make_error(ErrorCode::kTooLarge, "请求体过大", "the request body is too large", "body"));
      return true;
    }
    if (ec == http::error::header_limit) {
      refuse(make_error(ErrorCode::kTooLarge, "请求头过大", "the request head is too large", "header"));
      return true;
    }
    refuse(make_error(ErrorCode::kMalformed, "无法解析的HTTP请求：" + ec.message(),
                      "unparseable HTTP request: " + ec.message(), "request"));
    return true;
  }

  void on_header(beast::error_code ec, size_t) {
    started_ = std::chrono::steady_clock::now();
    if (read_failed(ec)) return;
    const auto& h = parser_->get();
    request_ = head_of(h);
    version_ = h.version();
    head_ = h.method() == http::verb::head;
    keep_alive_ = h.keep_alive();
    // One framing only: a Transfer-Encoding other than plain "chunked", or one beside a
    // Content-Length, is how requests are smuggled past a proxy.
    std::string te = lower(h[http::field::transfer_encoding]);
    if (!te.empty() && (te != "chunked" || h.find(http::field::content_length) != h.end()))
      return refuse(make_error(ErrorCode::kMalformed, "不接受的 Transfer-Encoding", "unsupported Transfer-Encoding",
                               "Transfer-Encoding"));
    if (websocket::is_upgrade(h)) {
      fallback_route_ = "/api/v1/live";
      if (parser_->content_length().value_or(0) != 0 || parser_->chunked())
        return refuse(
            make_error(ErrorCode::kMalformed, "升级请求不能带请求体", "an upgrade request has no body", "body"));
      return guarded([&] { upgrade(parser_->release()); });
    }
    Result<size_t> limit = size_t{0};
    try {
      limit = api_.admit(request_);
    } catch (const std::exception&) {  // the store failing: answer, never throw into Asio
      return refuse(
          make_error(ErrorCode::kInternal, "服务器暂时无法处理请求", "the server cannot take the request now"));
    }
    if (!limit) return refuse(limit.error());
    if (parser_->content_length() && *parser_->content_length() > *limit)
      return refuse(make_error(ErrorCode::kTooLarge, "请求体过大", "the request body is too large", "body"));
    parser_->body_limit(*limit);
    if (parser_->is_done()) return on_read({}, 0);
    if (lower(h[http::field::expect]) == "100-continue") {
      // curl waits a second for this before it sends a large upload.
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, version_);
      return http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec, size_t) {
        if (ec) return self->shutdown();
        self->read_body();
      });
    }
    read_body();
  }

  // Runs `f`, answering 500 if the store throws: no exception may reach the network thread.
  template <class F>
  void guarded(F&& f) {
    try {
      f();
    } catch (const std::exception&) {
      refuse(make_error(ErrorCode::kInternal, "服务器暂时无法处理请求", "the server cannot take the request now"));
    }
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
  }

  // The parts of the head the Api reads, with the client's address (a trusted proxy's word).
  template <class Header>
  HttpRequest head_of(const Header& h) {
    HttpRequest r;
    r.method = std::string(h.method_string());
    r.target = std::string(h.target());
    r.content_type = std::string(h[http::field::content_type]);
    r.cookie = std::string(h[http::field::cookie]);
    r.csrf_token = std::string(h["X-CSRF-Token"]);
    r.idempotency_key = std::string(h["Idempotency-Key"]);
    r.authorization = std::string(h[http::field::authorization]);
    r.id = request_.id;
    r.client_address = peer_;
    if (listed(options_.trusted_proxies, peer_)) {
      r.client_address = forwarded_client(std::string(h["X-Forwarded-For"]));
      r.secure = lower(h["X-Forwarded-Proto"]) == "https";
    }
    return r;
  }

  // The rightmost address of X-Forwarded-For that is not itself a trusted proxy (the ones to
  // its left were written by the client and prove nothing); the peer if there is none.
  std::string forwarded_client(const std::string& xff) {
    size_t end = xff.size();
    while (end > 0) {
      size_t comma = xff.rfind(',', end - 1);
      size_t begin = comma == std::string::npos ? 0 : comma + 1;
      std::string hop = trim(std::string_view(xff).substr(begin, end - begin));
      beast::error_code ec;
      auto addr = net::ip::make_address(hop, ec);
      if (ec) break;
      std::string canonical = addr.to_string();
      if (!listed(options_.trusted_proxies, canonical)) return canonical;
      if (comma == std::string::npos) break;
      end = comma;
    }
    return peer_;
  }

  void on_read(beast::error_code ec, size_t) {
    if (read_failed(ec)) return;
    request_.body = std::move(parser_->get().body());
    parser_.reset();
    stream_.expires_never();  // the ledger answers when the batch commits
    api_.handle(request_, [self = shared_from_this()](HttpResponse response) {
      net::post(self->stream_.get_executor(),
                [self, response = std::move(response)]() mutable { self->send(std::move(response)); });
    });
  }

  void upgrade(http::request<http::string_body> req) {
    std::string path;
    std::map<std::string, std::string> query;
    split_target(std::string(req.target()), &path, &query);
    if (path != "/api/v1/live")
      return refuse(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target"));
    // A browser always names the page that opens a socket: only plenum's own pages (or the
    // configured origins) may open one with the member's cookie.
    std::string origin(req[http::field::origin]);
    std::string host(req[http::field::host]);
    if (!origin.empty() && origin != "http://" + host && origin != "https://" + host &&
        !listed(options_.allowed_origins, origin))
      return refuse(
          make_error(ErrorCode::kForbidden, "不允许从该来源订阅", "the live channel refuses this origin", "Origin"));
    std::string cookie(req[http::field::cookie]);
    Caller who = api_.caller(cookie);
    if (!who.signed_in()) return refuse(make_error(ErrorCode::kUnauthenticated, "请先登录", "sign in first", "cookie"));
    std::string body = query.count("body") ? query["body"] : "";
    if (body.empty())
      return refuse(make_error(ErrorCode::kMalformed, "缺少参数 body", "missing parameter body", "body"));
    if (!assembly::tables::body(*app_.store->read(), body) && body != ledger::kAccountsChain)
      return refuse(make_error(ErrorCode::kNotFound, "未知的机构 " + body, "unknown body " + body, "body"));
    if (!api_.may_follow(who, body))
      return refuse(make_error(ErrorCode::kForbidden, "无权订阅该机构", "you may not follow this body", "body"));
    int64_t since = 0;
    if (query.count("since")) {
      auto parsed = ledger::parse_id(query["since"], "since");
      if (!parsed) return refuse(parsed.error());
      since = *parsed;
      // A client ahead of the record has a stale or foreign number: streaming from there would
      // silently skip every event until the record caught up with it.
      auto last = app_.store->read()->last_event(body);
      if (since > (last ? last->seq : 0))
        return refuse(make_error(
            ErrorCode::kConflict, "since 超过了记录的最新序号 " + std::to_string(last ? last->seq : 0),
            "since is past the record's last sequence number " + std::to_string(last ? last->seq : 0), "since"));
    }
    stream_.expires_never();
    Api* api = &api_;
    auto still_allowed = [api, cookie, body] { return api->may_follow(api->caller(cookie, true), body); };
    // Counted once the handshake is answered: 101, or the error Beast answered a bad one with.
    auto answered = [api, request = request_, route = fallback_route_, actor = who.username,
                     started = started_](int status) {
      HttpResponse r;
      r.status = status;
      r.route = route;
      r.actor = actor;
      api->answered(request, r, seconds_since(started));
    };
    std::make_shared<LiveSession>(stream_.release_socket(), app_, hub_, body, since, options_, who.username,
                                  std::move(still_allowed), std::move(slot_), api_.metrics(), std::move(answered))
        ->start(std::move(req));
  }

  void send(HttpResponse r) {
    if (r.build) {
      auto build = std::move(r.build);
      HttpResponse labels;
      labels.route = std::move(r.route);
      labels.action = std::move(r.action);
      labels.actor = std::move(r.actor);
      build(r);
      r.route = std::move(labels.route);
      r.action = std::move(labels.action);
      r.actor = std::move(labels.actor);
    }
    if (r.route.empty()) r.route = fallback_route_;
    stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
    if (r.file) return send_file(std::move(r));  // counted there, once the file opened (or not)
    // Counted before a byte is written: a client that has read the answer finds it counted.
    api_.answered(request_, r, seconds_since(started_));
    auto status = static_cast<http::status>(r.status);
    if (head_) {  // the same head as GET, no body
      auto res = std::make_shared<http::response<http::empty_body>>(status, version_);
      fill(*res, r);
      res->content_length(r.body.size());
      return write(res);
    }
    auto res = std::make_shared<http::response<http::string_body>>(status, version_);
    fill(*res, r);
    res->body() = std::move(r.body);
    res->prepare_payload();
    write(res);
  }

  // A file of the web root, streamed in Beast's chunks rather than read into memory.
  void send_file(HttpResponse r) {
    http::file_body::value_type file;
    beast::error_code ec;
    file.open(r.file->path.c_str(), beast::file_mode::scan, ec);
    if (ec) {
      HttpResponse missing;
      missing.status = 404;
      missing.content_type = "text/plain; charset=utf-8";
      missing.body = "not found";
      missing.route = r.route;
      return send(std::move(missing));
    }
    api_.answered(request_, r, seconds_since(started_));
    uint64_t size = file.size();
    if (head_) {
      auto res = std::make_shared<http::response<http::empty_body>>(http::status::ok, version_);
      fill(*res, r);
      res->content_length(size);
      return write(res);
    }
    auto res = std::make_shared<http::response<http::file_body>>(
        std::piecewise_construct, std::make_tuple(std::move(file)), std::make_tuple(http::status::ok, version_));
    fill(*res, r);
    res->content_length(size);
    write(res);
  }

  template <class Response>
  void fill(Response& res, const HttpResponse& r) {
    harden(res);
    res.set("X-Request-Id", request_.id);
    res.set(http::field::content_type, r.content_type);
    for (const auto& c : r.set_cookies) res.insert(http::field::set_cookie, c);
    if (r.retry_after > 0) res.set(http::field::retry_after, std::to_string(r.retry_after));
    if (r.total_count >= 0) res.set("X-Total-Count", std::to_string(r.total_count));
    if (!r.link.empty()) res.set(http::field::link, r.link);
    res.keep_alive(keep_alive_);
  }

  template <class Response>
  void write(std::shared_ptr<Response> res) {
    response_ = res;
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
    linger();
  }

  // After the last answer, what the client still sends (the body of a refused upload) is read
  // and dropped for a little while: closing with it unread would make the kernel answer with a
  // reset, which can destroy the refusal in the client's buffers before it is read. Bounded in
  // time and bytes, so a client cannot hold the connection by trickling.
  void linger(std::shared_ptr<std::array<char, 16384>> scrap = nullptr) {
    static constexpr size_t kMaxLingerBytes = 16 << 20;
    if (lingered_ > kMaxLingerBytes) return;
    if (!scrap) {
      if (lingering_) return;  // already reading (shutdown() after shutdown())
      lingering_ = true;
      stream_.expires_after(std::chrono::seconds(2));
      scrap = std::make_shared<std::array<char, 16384>>();
    }
    auto& buffer = *scrap;
    stream_.async_read_some(net::buffer(buffer), [self = shared_from_this(), scrap = std::move(scrap)](
                                                     beast::error_code ec, size_t n) mutable {
      if (ec) return;
      self->lingered_ += n;
      self->linger(std::move(scrap));
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bool lingering_ = false;
  size_t lingered_ = 0;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest request_;
  std::shared_ptr<void> response_;
  Api& api_;
  app::App& app_;
  Hub& hub_;
  const Options& options_;
  std::string peer_;
  ConnectionLimiter::Slot slot_;
  bool keep_alive_ = true;
  bool head_ = false;
  unsigned version_ = 11;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();  // the head's arrival
  std::string fallback_route_;  // the route an answer the Api did not label is counted under
};

// The descriptors this process may open, raised to the hard limit; a reserve stays for the
// database, its WAL, log files and the files being served.
size_t descriptor_budget(size_t wanted) {
  constexpr size_t kReserve = 256;
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return wanted;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  if (lim.rlim_cur == RLIM_INFINITY) return wanted;
  size_t cur = static_cast<size_t>(lim.rlim_cur);
  return cur > 2 * kReserve ? std::min(wanted, cur - kReserve) : std::min<size_t>(wanted, cur / 2);
}

}  // namespace

constexpr int kOutstandingAccepts = 8;

struct Server::Impl {
  Impl(app::App& a, Options o)
      : app(a),
        options(std::move(o)),
        api(a, options.api),
        limiter(descriptor_budget(options.max_connections), options.max_connections_per_address),
        ioc(options.threads),
        hub(ioc, a.registry),
        acceptor(ioc) {}
  // Sign-ins still being checked hold their connections: they finish before the sockets'
  // io_context goes.
  ~Impl() { api.finish_logins(); }

  void do_accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (ec) {
        // Out of descriptors (EMFILE) or the like: wait a little instead of spinning on accept.
        auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(50));
        return timer->async_wait([this, timer](beast::error_code) { do_accept(); });
      }
      {
        beast::error_code ignored;
        auto remote = socket.remote_endpoint(ignored);
        std::string peer = ignored ? std::string() : remote.address().to_string();
        if (auto slot = limiter.admit(peer, listed(options.trusted_proxies, peer))) {
          socket.set_option(tcp::no_delay(true), ignored);
          std::make_shared<HttpSession>(std::move(socket), api, app, hub, options, std::move(peer), std::move(slot))
              ->start();
        } else {
          socket.close(ignored);  // over a limit: the descriptor is given back at once
        }
      }
      do_accept();
    });
  }

  app::App& app;
  Options options;
  Api api;
  ConnectionLimiter limiter;
  net::io_context ioc;
  Hub hub;  // after ioc: its tick timers run there
  tcp::acceptor acceptor;
  std::optional<net::signal_set> signals;  // stop_on_signals()
  std::vector<std::thread> threads;
  std::thread verifier;               // the log's verification at start (readiness)
  std::atomic<bool> stopping{false};  // ends the verification early
  int64_t sync_observer = 0;          // store::add_sync_observer's id
  // The file store's size as last walked (the sampler's, under Metrics' lock).
  int64_t blob_bytes = 0;
  std::chrono::steady_clock::time_point blob_bytes_at{};

  void verify() {
    ledger::ChainReport report;
    try {
      report = ledger::verify_chain(*app.store->read(), &stopping);
    } catch (const std::exception& e) {
      // What went wrong inside is for the log; /api/v1/ready is anyone's to ask.
      std::string incident = random_token().substr(0, 12);
      log_line(LogLevel::kError, "log_not_verified", Json{{"incident", incident}, {"detail", e.what()}});
      return api.set_readiness(false, "无法校验记录（事件编号 " + incident + "）",
                               "the log could not be verified (incident " + incident + ")");
    }
    if (stopping) return;
    if (report.ok) return api.set_readiness(true, "", "");
    Status broken = ledger::chain_status(report);
    log_line(LogLevel::kError, "log_not_verified", Json{{"detail", broken.error().message_en}});
    api.set_readiness(false, "记录校验未通过：" + broken.error().message_zh,
                      "the log does not verify: " + broken.error().message_en);
  }
};

Server::Server(app::App& app, Options options) : impl_(std::make_unique<Impl>(app, std::move(options))) {
  app.ledger->set_publisher(
      [impl = impl_.get()](const std::vector<ledger::Event>& events, const std::vector<ledger::Notice>& notices) {
        impl->api.accounts_changed(events);
        impl->hub.publish(events, notices);
      },
      [impl = impl_.get()](const std::string& body) { return impl->hub.follows(body); });
  Metrics& metrics = impl_->api.metrics();
  app.ledger->set_batch_observer(
      [&metrics](size_t requests, double commit_seconds) { metrics.batch(requests, commit_seconds); });
  // Process-wide (store/sync_observer.h): every database file of the process is timed.
  impl_->sync_observer = store::add_sync_observer([&metrics](double seconds) { metrics.synced(seconds); });
  metrics.set_sampler([impl = impl_.get()] {
    MetricsSample s;
    s.connections = static_cast<int64_t>(impl->limiter.open());
    s.live_clients = static_cast<int64_t>(impl->hub.followers());
    s.writer_queue = static_cast<int64_t>(impl->app.ledger->queued());
    s.login_queue = static_cast<int64_t>(impl->api.logins_waiting());
    s.database_bytes = impl->app.store->size_bytes();
    // Walking the file store is slow when it is large: at most once a minute.
    auto now = std::chrono::steady_clock::now();
    if (impl->app.blobs && (impl->blob_bytes_at == std::chrono::steady_clock::time_point{} ||
                            now - impl->blob_bytes_at > std::chrono::minutes(1))) {
      impl->blob_bytes = impl->app.blobs->size_bytes();
      impl->blob_bytes_at = now;
    }
    s.file_store_bytes = impl->blob_bytes;
    return s;
  });
}

Server::~Server() {
  stop();
  if (impl_->verifier.joinable()) impl_->verifier.join();
  impl_->app.ledger->set_batch_observer(nullptr);
  store::remove_sync_observer(impl_->sync_observer);
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
  // Ready once the log verifies to its head (the writer runs since the App opened): reads
  // are served meanwhile, and /api/v1/ready says what it waits for.
  if (!impl_->verifier.joinable()) impl_->verifier = std::thread([impl = impl_.get()] { impl->verify(); });
  return impl_->acceptor.local_endpoint().port();
}

void Server::run() {
  for (int i = 1; i < impl_->options.threads; ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

void Server::stop_on_signals() {
  // Asio waits for the signal and runs the stop on a network thread: a C signal handler may not
  // call into Asio (or allocate, or lock) at all.
  impl_->signals.emplace(impl_->ioc, SIGINT, SIGTERM);
  impl_->signals->async_wait([this](beast::error_code ec, int) {
    if (!ec) stop();
  });
}

void Server::stop() {
  impl_->stopping = true;
  impl_->api.set_stopping();
  beast::error_code ec;
  net::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->ioc.stop();
}

}  // namespace plenum::server
