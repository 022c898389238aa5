#include "server/metrics.h"

#include <mutex>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace plenum::server {

namespace {

using prometheus::Histogram;

// Seconds: a read answers in a millisecond, a batch of 3,000 ballots commits in tens of them,
// a sign-in's Argon2id takes a tenth of a second, a stalled disk seconds.
const Histogram::BucketBoundaries kLatency = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                              0.1,    0.25,  0.5,    1,     2.5,  5,     10};
// Requests per group commit: one at a quiet desk, thousands in a vote's first second.
const Histogram::BucketBoundaries kBatchSizes = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 4096};

// A method as a label: the three plenum answers, anything else one name.
const char* method_label(const std::string& method) {
  if (method == "GET" || method == "HEAD" || method == "POST") return method.c_str();
  return "other";
}

}  // namespace

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("plenum_http_requests_total")
          .Help("HTTP requests answered, by route, action, method and status (a live channel's upgrade is 101)")
          .Register(*registry);
  prometheus::Family<Histogram>& request_seconds =
      prometheus::BuildHistogram()
          .Name("plenum_http_request_duration_seconds")
          .Help("From a request's head read to its answer handed to the connection, by route")
          .Register(*registry);
  Histogram& batch_sizes = prometheus::BuildHistogram()
                               .Name("plenum_ledger_batch_requests")
                               .Help("Requests in each ledger batch (one commit)")
                               .Register(*registry)
                               .Add({}, kBatchSizes);
  Histogram& commit_seconds = prometheus::BuildHistogram()
                                  .Name("plenum_ledger_commit_duration_seconds")
                                  .Help("Each ledger batch's commit, its fsync included")
                                  .Register(*registry)
                                  .Add({}, kLatency);
  Histogram& fsync_seconds = prometheus::BuildHistogram()
                                 .Name("plenum_store_fsync_duration_seconds")
                                 .Help("Each fsync of the database's files (the write-ahead log and the database)")
                                 .Register(*registry)
                                 .Add({}, kLatency);
  prometheus::Counter& dropped = prometheus::BuildCounter()
                                     .Name("plenum_live_clients_dropped_total")
                                     .Help("Live clients closed (1008) for falling too far behind")
                                     .Register(*registry)
                                     .Add({});
  prometheus::Gauge& connections = gauge("plenum_connections_open", "TCP connections open, HTTP and live");
  prometheus::Gauge& live_clients = gauge("plenum_live_clients", "WebSocket followers of the live channel");
  prometheus::Gauge& writer_queue = gauge("plenum_ledger_queue_requests", "Requests waiting for the ledger's writer");
  prometheus::Gauge& login_queue = gauge("plenum_login_queue_requests", "Sign-ins waiting for their password check");
  prometheus::Gauge& database_bytes = gauge("plenum_database_bytes", "Bytes of the database's files");
  prometheus::Gauge& file_store_bytes = gauge("plenum_file_store_bytes", "Bytes of the file store's files");

  std::mutex sampler_mu;
  Sampler sampler;

  prometheus::Gauge& gauge(const char* name, const char* help) {
    return prometheus::BuildGauge().Name(name).Help(help).Register(*registry).Add({});
  }
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::request(const std::string& route, const std::string& action, const std::string& method, int status,
                      double seconds) {
  impl_->requests
      .Add({{"route", route}, {"action", action}, {"method", method_label(method)}, {"status", std::to_string(status)}})
      .Increment();
  impl_->request_seconds.Add({{"route", route}}, kLatency).Observe(seconds);
}

void Metrics::batch(size_t requests, double commit_seconds) {
  impl_->batch_sizes.Observe(static_cast<double>(requests));
  impl_->commit_seconds.Observe(commit_seconds);
}

void Metrics::synced(double seconds) { impl_->fsync_seconds.Observe(seconds); }

void Metrics::live_client_dropped() { impl_->dropped.Increment(); }

void Metrics::set_sampler(Sampler sampler) {
  std::lock_guard<std::mutex> lock(impl_->sampler_mu);
  impl_->sampler = std::move(sampler);
}

std::string Metrics::render() {
  {
    std::lock_guard<std::mutex> lock(impl_->sampler_mu);
    if (impl_->sampler) {
      MetricsSample s = impl_->sampler();
      impl_->connections.Set(static_cast<double>(s.connections));
      impl_->live_clients.Set(static_cast<double>(s.live_clients));
      impl_->writer_queue.Set(static_cast<double>(s.writer_queue));
      impl_->login_queue.Set(static_cast<double>(s.login_queue));
      impl_->database_bytes.Set(static_cast<double>(s.database_bytes));
      impl_->file_store_bytes.Set(static_cast<double>(s.file_store_bytes));
    }
  }
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace plenum::server
