// The server's metrics: GET /metrics in the Prometheus text format (0.0.4), kept with
// prometheus-cpp's core library, which stays inside metrics.cpp. What the operator watches
// during a sitting (docs/OPERATIONS.md, "Monitor"; docs/grafana-dashboard.json charts them).
//
// Contract:
// - Events are recorded as they happen, from any thread. A request is counted when its answer
//   is handed to its connection, before a byte of it is written: a client that has read an
//   answer finds it in every later scrape.
// - States (open connections, live clients, queues, sizes) are sampled at each scrape by the
//   Sampler the server sets.
// - Every label value comes from a bounded set (the routes and actions the features
//   registered, a few fixed names, the status codes plenum answers): no byte of a request
//   becomes a label, so a hostile client cannot grow the registry.
// - Who may read it is the Api's to decide (server/api.h: configured addresses or the token).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace plenum::server {

// What a scrape samples, at that moment.
struct MetricsSample {
  int64_t connections = 0;       // TCP connections open (HTTP and live)
  int64_t live_clients = 0;      // WebSocket followers of the live channel
  int64_t writer_queue = 0;      // requests waiting for the ledger's writer
  int64_t login_queue = 0;       // sign-ins waiting for their password check
  int64_t database_bytes = 0;    // the database's files
  int64_t file_store_bytes = 0;  // the file store's files (store/blobs.h)
};

class Metrics {
 public:
  using Sampler = std::function<MetricsSample()>;
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One answered request: `route` is a registered pattern or a fixed name ("static",
  // "refused", …), `action` the registered action it submitted or "".
  void request(const std::string& route, const std::string& action, const std::string& method, int status,
               double seconds);
  // One ledger batch committed: how many requests it held, how long its commit took.
  void batch(size_t requests, double commit_seconds);
  // One fsync of the database's files (store/sync_observer.h).
  void synced(double seconds);
  // A live client closed for falling too far behind (server/server.h).
  void live_client_dropped();

  void set_sampler(Sampler sampler);
  // The text exposition of every metric, sampled now.
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The Content-Type of render()'s text.
inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace plenum::server
