// The network edge: an HTTP/1.1 and WebSocket server (Boost.Beast) in front of the Api, and the
// live hub that streams each body's committed events to subscribed screens.
//
// Live channel: GET /api/v1/live?body=<id>&since=<seq> upgrades to a WebSocket. The client is
// first replayed every event after `since`, then streamed new ones as they commit, as text
// frames {"type":"event", ...} and {"type":"notice", ...} (coalesced summaries). Each client
// has a bounded queue; one that falls too far behind is closed (code 1008) and reconnects with
// its last sequence number.
//
// Thread-safety: start(), run() and stop() from one thread; stop() may be called from any.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "server/api.h"

namespace plenum::server {

// Every limit at the edge, with its default; `plenum serve --help` names the flags and
// docs/SECURITY.md the reasons. A hall's devices (3,000) and screens (10,000) may all share one
// address behind NAT, so the per-address limit admits them; an address on `trusted_proxies` (a
// reverse proxy) is not limited per address, and only its X-Forwarded-For is believed.
struct Options {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (tests)
  int threads = 2;
  ApiOptions api;                 // body sizes, sign-in throttling, the web root
  int read_timeout_seconds = 30;  // for a request's head and body, and a response's write
  size_t max_live_queue = 20000;  // messages queued per WebSocket client before it is dropped
  // A live client's opening and closing handshakes (Beast's handshake timeout): a client dropped
  // for falling behind has this long, once the write in flight is out, to read its close frame.
  int live_handshake_timeout_seconds = 30;
  size_t max_connections = 30000;  // in all (lowered to the descriptor limit less a reserve)
  size_t max_connections_per_address = 13500;
  size_t max_client_message = 4096;          // bytes a live client may send in one WebSocket message
  std::vector<std::string> trusted_proxies;  // addresses whose X-Forwarded-For/-Proto are believed
  // Origins a browser may open the live channel from, besides the server's own (its Host).
  std::vector<std::string> allowed_origins;
};

class Server {
 public:
  Server(app::App& app, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Errors are thrown as std::runtime_error.
  uint16_t start();
  // Serves on the calling thread plus (threads - 1) more until stop().
  void run();
  // Thread-safe; run() returns once the network threads have stopped.
  void stop();
  // Makes SIGINT and SIGTERM stop the server (through asio::signal_set; call before run()).
  void stop_on_signals();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace plenum::server
