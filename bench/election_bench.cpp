// Verifiable elections at scale (issue 6): N ballots (default 3,000) of C candidates (default
// 10) for 2 seats under a 3-trustee, threshold-2 key, in one run:
//   verify    every ballot's signature and proofs (verify_ballots), on 1 thread and on all
//             hardware threads: what the server does as ballots arrive;
//   tally     the homomorphic product, two trustees' partial decryptions with proofs, their
//             checks, and the combination with the bounded discrete log;
//   board     verify_board (`plenum verify-election`) on the whole board: hash chain, trustees,
//             manifest, every ballot, tally, decryptions and result;
//   baseline  raw libsodium: as many crypto_scalarmult_ristretto255 and _base calls as one
//             ballot's checks need, times N, on 1 thread and on all threads. This is the floor
//             for any verifier built on libsodium's public API (its scalar multiplication is
//             constant-time, and it has no multi-scalar multiplication).
//
//   plenum_election_bench [--ballots 3000] [--candidates 10] [--seats 2] [--seed-threads 0]
//
// A benchmark, not a test: it checks that every ballot verifies, that the board verifies and
// that the decrypted counts equal the marks cast, and asserts no timing. Figures go to
// docs/BENCHMARKS.md.
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "crypto/ballot.h"
#include "crypto/board.h"
#include "crypto/group.h"
#include "crypto/trustee.h"
#include "elections/verification.h"

[[noreturn]] void plenum::bench::die(const std::string& what) {
  std::cerr << "plenum_election_bench: " << what << std::endl;
  std::exit(1);
}

namespace {

using namespace plenum;
using namespace plenum::crypto;
using bench::Clock;
using bench::die;

std::string hx(const Bytes32& b) { return to_hex(std::string_view(reinterpret_cast<const char*>(b.data()), 32)); }

// Runs f(i) for i in [0, n) on `threads` threads.
template <typename F>
void parallel(size_t n, unsigned threads, F f) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) f(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// Scalar multiplications one ballot's checks need (4.2): per proof item g^z (fixed base) and
// α^{-c}, pk^z, (β·g^{-m})^{-c} (variable base).
struct MulCount {
  size_t base = 0, variable = 0;
};
MulCount ballot_muls(const Manifest& m) {
  size_t items = 2 * m.slot_count;
  for (const auto& c : m.constraints) items += c.max - c.min + 1;
  return {items, 3 * items};
}

double baseline_seconds(size_t ballots, MulCount per, unsigned threads) {
  Scalar s = random_scalar();
  Element p = base_mul(random_scalar());
  auto t0 = Clock::now();
  parallel(ballots, threads, [&](size_t) {
    unsigned char out[32];
    for (size_t i = 0; i < per.variable; ++i)
      if (crypto_scalarmult_ristretto255(out, s.bytes.data(), p.bytes.data()) != 0) die("mul");
    for (size_t i = 0; i < per.base; ++i)
      if (crypto_scalarmult_ristretto255_base(out, s.bytes.data()) != 0) die("base");
  });
  return bench::ms_between(t0, Clock::now()) / 1000;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = 3000;
  uint32_t candidates = 10, seats = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--ballots")
      n = std::stoul(argv[i + 1]);
    else if (a == "--candidates")
      candidates = static_cast<uint32_t>(std::stoul(argv[i + 1]));
    else if (a == "--seats")
      seats = static_cast<uint32_t>(std::stoul(argv[i + 1]));
    else
      die("unknown option " + a);
  }
  init();
  unsigned all = std::max(1u, std::thread::hardware_concurrency());
  std::printf("ballots %zu, candidates %u, seats %u, hardware threads %u\n", n, candidates, seats, all);

  // Setup, trustees (3, threshold 2) and the manifest, as on the board.
  std::vector<std::pair<std::string, std::string>> items;
  std::vector<TrusteeSecret> trustees(3);
  std::vector<Bytes32> box_keys;
  Json list = Json::array();
  for (uint32_t j = 1; j <= 3; ++j) {
    trustees[j - 1].index = j;
    trustees[j - 1].box = new_box_key();
    box_keys.push_back(trustees[j - 1].box.public_key);
    list.push_back({{"index", j}, {"name", "T" + std::to_string(j)}, {"box_key", hx(box_keys.back())}});
  }
  std::string setup = Json{{"election_id", 1}, {"round", 1}, {"threshold", 2}, {"trustees", list}}.dump();
  items.push_back({"setup", setup});
  std::string setup_hash = board_hash(std::string(32, '\0'), 0, "setup", setup);
  std::vector<Json> commitments, accepted;
  for (auto& t : trustees) commitments.push_back(trustee_commitments(t, setup_hash, 2, box_keys));
  for (auto& t : trustees) {
    auto a = trustee_accept(t, setup_hash, commitments);
    if (!a) die(a.error().message_en);
    accepted.push_back(*a);
  }
  auto keys = check_key_generation(setup_hash, 2, 3, commitments, accepted);
  if (!keys) die(keys.error().message_en);
  for (const auto& c : commitments) items.push_back({"trustee-commitments", c.dump()});
  for (const auto& a : accepted) items.push_back({"trustee-accepted", a.dump()});

  std::vector<Credential> creds(n);
  for (auto& c : creds) c = new_credential();
  std::vector<Bytes32> pub;
  for (const auto& c : creds) pub.push_back(c.public_key);
  std::sort(pub.begin(), pub.end());
  std::vector<int64_t> ids;
  Json cands = Json::array(), credentials = Json::array(), vks = Json::array();
  for (uint32_t i = 0; i < candidates; ++i) {
    ids.push_back(100 + i);
    cands.push_back({{"id", 100 + i}, {"name", "C" + std::to_string(i)}});
  }
  for (const auto& p : pub) credentials.push_back(hx(p));
  for (const auto& h : keys->verification_keys) vks.push_back(to_hex(h));
  Json layout = ballot_layout(ids, seats);
  std::string text = Json{{"protocol", "plenum-election/1"},
                          {"group", "ristretto255"},
                          {"election_id", 1},
                          {"round", 1},
                          {"setup", to_hex(setup_hash)},
                          {"public_key", to_hex(keys->public_key)},
                          {"trustee_threshold", 2},
                          {"verification_keys", vks},
                          {"credentials", credentials},
                          {"electorate", {{"count", n}, {"hash", std::string(64, '0')}}},
                          {"seats", seats},
                          {"ballot_kind", "election"},
                          {"rule",
                           {{"comparison", "more_than"},
                            {"numerator", 1},
                            {"denominator", 2},
                            {"reelection", false},
                            {"reelection_floor", nullptr}}},
                          {"candidates", cands},
                          {"slots", layout["slots"]},
                          {"constraints", layout["constraints"]}}
                         .dump();
  auto manifest = parse_manifest(text);
  if (!manifest) die(manifest.error().message_en);
  items.push_back({"manifest", text});

  // Ballots (not timed): each marks up to `seats` candidates "for", some "against".
  std::vector<std::vector<uint32_t>> marks(n);
  std::mt19937 rng(1);
  for (auto& m : marks) {
    m.assign(2 * candidates, 0);
    uint32_t fors = 0;
    for (uint32_t c = 0; c < candidates; ++c) {
      uint32_t r = rng() % 10;
      if (r < 2 && fors < seats) {
        m[2 * c] = 1;
        ++fors;
      } else if (r < 4) {
        m[2 * c + 1] = 1;
      }
    }
  }
  std::vector<Ballot> ballots(n);
  auto t0 = Clock::now();
  parallel(n, all, [&](size_t i) {
    auto b = make_ballot(*manifest, creds[i], marks[i]);
    if (!b) die(b.error().message_en);
    ballots[i] = std::move(*b);
  });
  std::printf("made %zu ballots in %.1f s (%u threads; not part of the figures)\n", n,
              bench::ms_between(t0, Clock::now()) / 1000, all);
  std::vector<const Ballot*> ptrs;
  for (const auto& b : ballots) ptrs.push_back(&b);

  std::printf("\n%-44s %10s %14s\n", "step", "seconds", "ms per ballot");
  auto row = [&](const std::string& what, double s) {
    std::printf("%-44s %10.2f %14.3f\n", what.c_str(), s, s * 1000 / static_cast<double>(n));
  };

  // Verify every ballot, as the server does when they arrive, and the baseline: chunk by chunk,
  // alternating, so a load that changes during the run weighs on both alike.
  MulCount per = ballot_muls(*manifest);
  const size_t chunk = 250;
  std::vector<std::pair<double, double>> verify_vs_base;  // per thread count
  for (unsigned threads : {1u, all}) {
    double verify_s = 0, base_s = 0;
    for (size_t from = 0; from < n; from += chunk) {
      std::vector<const Ballot*> part(ptrs.begin() + static_cast<long>(from),
                                      ptrs.begin() + static_cast<long>(std::min(n, from + chunk)));
      auto t = Clock::now();
      auto statuses = verify_ballots(*manifest, part, threads);
      verify_s += bench::ms_between(t, Clock::now()) / 1000;
      for (const auto& st : statuses)
        if (!st) die("a ballot does not verify: " + st.error().message_en);
      base_s += baseline_seconds(part.size(), per, threads);
    }
    row("verify ballots, " + std::to_string(threads) + " thread(s)", verify_s);
    row("  baseline: libsodium multiplications alone", base_s);
    std::printf("  %-42s %10.2f\n", "ratio verify / baseline", verify_s / base_s);
    verify_vs_base.emplace_back(verify_s, base_s);
  }

  // Tally and decrypt: trustees 1 and 3 (2 absent).
  auto t = Clock::now();
  auto sums = tally(manifest->slot_count, ptrs);
  double tally_s = bench::ms_between(t, Clock::now()) / 1000;
  t = Clock::now();
  std::vector<Json> pds;
  for (int j : {0, 2}) pds.push_back(partial_decryption(trustees[j], *manifest, sums));
  double pd_s = bench::ms_between(t, Clock::now()) / 1000;
  t = Clock::now();
  std::vector<std::vector<Element>> factors;
  for (const auto& pd : pds) {
    auto f = check_partial_decryption(*manifest, sums, pd);
    if (!f) die(f.error().message_en);
    factors.push_back(*f);
  }
  auto counts = combine(sums, {1, 3}, factors, static_cast<int64_t>(n));
  if (!counts) die(counts.error().message_en);
  double combine_s = bench::ms_between(t, Clock::now()) / 1000;
  for (uint32_t s = 0; s < manifest->slot_count; ++s) {
    int64_t expected = 0;
    for (const auto& m : marks) expected += m[s];
    if ((*counts)[s] != expected) die("slot " + std::to_string(s) + " decrypts wrong");
  }
  row("tally (product of ciphertexts)", tally_s);
  row("2 partial decryptions with proofs", pd_s);
  row("check them and combine (bounded dlog)", combine_s);
  row("tally and decrypt, total", tally_s + pd_s + combine_s);

  // The whole board through verify_board.
  Json receipts = Json::array();
  for (const auto& b : ballots) {
    receipts.push_back(receipt(b));
    items.push_back({"ballot", Json{{"round", 1}, {"ballot", ballot_json(b)}, {"receipt", receipt(b)}}.dump()});
  }
  items.push_back(
      {"tally",
       Json{{"round", 1}, {"ballots_counted", n}, {"receipts", receipts}, {"slots", tally_json(sums)}}.dump()});
  for (const auto& pd : pds) items.push_back({"partial-decryption", pd.dump()});
  // The elected list by the law, from what verify_board itself reports.
  auto result_for = [&](const std::vector<int64_t>& elected) {
    return Json{{"round", 1},         {"trustees", {1, 3}},    {"counts", *counts},    {"ballots_counted", n},
                {"elected", elected}, {"announcement_zh", ""}, {"announcement_en", ""}}
        .dump();
  };
  items.push_back({"result", result_for({})});
  std::vector<BoardEntry> entries;
  for (const auto& [kind, payload] : items) append_entry(entries, kind, payload);
  t = Clock::now();
  auto v = elections::verify_board(entries);
  double board_s = bench::ms_between(t, Clock::now()) / 1000;
  if (!v.ok) die("verify_board: " + v.code + " at " + std::to_string(v.entry) + ": " + v.reason);
  row("verify_board, whole board (" + std::to_string(all) + " threads)", board_s);
  std::printf("  board: %zu entries, %.1f MB of payload\n", entries.size(), [&] {
    size_t bytes = 0;
    for (const auto& e : entries) bytes += e.payload.size();
    return static_cast<double>(bytes) / 1e6;
  }());

  std::printf("\nbaseline: per ballot %zu variable-base and %zu fixed-base multiplications\n", per.variable, per.base);
  std::printf("verify_board / baseline on %u threads: %.2f\n", all, board_s / verify_vs_base.back().second);
  return 0;
}
