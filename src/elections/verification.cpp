#include "elections/verification.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "base/text.h"
#include "crypto/ballot.h"
#include "crypto/group.h"
#include "crypto/trustee.h"
#include "elections/count.h"

namespace plenum::elections {
namespace {

using namespace plenum::crypto;

// The first failure (section 10 reports only the first); every step returns one or nothing.
struct Failure {
  std::string code;
  int64_t entry;
  std::string reason;
};
using Check = std::optional<Failure>;
Failure fail(const std::string& code, int64_t entry, const std::string& reason) { return Failure{code, entry, reason}; }
#define PLENUM_CHECK(expr)            \
  do {                                \
    if (Check f_ = (expr)) return f_; \
  } while (0)

std::string why(const Error& e) { return e.message_en.empty() ? e.field : e.message_en; }

// The kinds in the order they may appear (section 9); a later round restarts at "manifest".
int rank(const std::string& kind) {
  static const std::map<std::string, int> kRanks = {{"setup", 0},
                                                    {"trustee-commitments", 1},
                                                    {"trustee-accepted", 2},
                                                    {"manifest", 3},
                                                    {"ballot", 4},
                                                    {"tally", 5},
                                                    {"partial-decryption", 6},
                                                    {"result", 7}};
  auto it = kRanks.find(kind);
  return it == kRanks.end() ? -1 : it->second;
}
// Whether an entry of rank `next` may follow one of rank `prev` (-1: the board's start).
bool may_follow(int prev, int next) {
  switch (next) {
    case 0:
      return prev == -1;
    case 1:
      return prev == 0 || prev == 1;
    case 2:
      return prev == 1 || prev == 2;
    case 3:
      return prev == 2 || prev == 7;  // a later round after a result
    case 4:
    case 5:
      return prev == 3 || prev == 4;  // a round may have no ballots
    case 6:
      return prev == 5 || prev == 6;
    case 7:
      return prev == 6;
  }
  return false;
}

struct Setup {
  int64_t election_id = 0, round = 0;
  uint32_t threshold = 0;
  uint32_t trustees = 0;
};

struct BallotEntry {
  int64_t entry;
  crypto::Ballot ballot;
  std::string receipt;
  int64_t round = 0;
};

struct TallyEntry {
  int64_t entry;
  int64_t ballots_counted;
  std::vector<std::string> receipts;
  std::vector<Ciphertext> slots;
};

struct ResultEntry {
  int64_t entry;
  std::vector<uint32_t> trustees;
  std::vector<int64_t> counts;
  int64_t ballots_counted;
  std::vector<int64_t> elected;
};

struct RoundEntries {
  int64_t manifest_entry;
  std::string manifest_text;
  std::optional<Manifest> manifest;  // set by step 4
  rules::Threshold threshold;
  std::optional<rules::Threshold> reelection_floor;
  bool reelection = false;
  bool confirmation = false;
  std::optional<int64_t> round;  // from the round's entries, then the manifest
  std::vector<BallotEntry> ballots;
  std::optional<TallyEntry> tally;
  std::vector<std::pair<int64_t, PartialDecryption>> decryptions;
  std::optional<ResultEntry> result;
};

// Runs f(i) for i in [0, n) on every hardware thread: ballots are independent, and parsing and
// checking them is nearly all of a large board's work.
template <typename F>
void parallel_for(size_t n, F f) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) f(i);
  };
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, n));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

Check int_field(const Json& j, const char* key, const std::string& path, int64_t entry, int64_t& out) {
  auto v = req_int(j, key, path);
  if (!v) return fail("malformed", entry, why(v.error()));
  if (*v < 0 || *v >= (int64_t{1} << 31)) return fail("malformed", entry, path + "." + key + " is out of range");
  out = *v;
  return {};
}

Check int_list(const Json& j, const char* key, const std::string& path, int64_t entry, std::vector<int64_t>& out) {
  auto a = req_array(j, key, path);
  if (!a) return fail("malformed", entry, why(a.error()));
  for (const auto& v : **a) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0)
      return fail("malformed", entry, path + "." + key + " must hold non-negative integers");
    out.push_back(v.get<int64_t>());
  }
  return {};
}

Check parse_payload(const BoardEntry& e, Json& out) {
  auto j = parse_json(e.payload);
  if (!j) return fail("malformed", e.index, "the payload is not JSON: " + why(j.error()));
  if (!j->is_object()) return fail("malformed", e.index, "the payload is not a JSON object");
  out = std::move(*j);
  return {};
}

// Step 1: the hash chain.
Check check_chain(const std::vector<BoardEntry>& entries) {
  std::string prev(32, '\0');
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (e.index != static_cast<int64_t>(i))
      return fail("board-hash", static_cast<int64_t>(i),
                  "entry " + std::to_string(i) + " has index " + std::to_string(e.index));
    if (board_hash(prev, e.index, e.kind, e.payload) != e.hash)
      return fail("board-hash", e.index, "the entry's hash does not recompute (edited, removed or reordered)");
    prev = e.hash;
  }
  return {};
}

// Everything step 2 parsed, by kind and round.
struct Board {
  Setup setup;
  std::string setup_hash;
  std::vector<std::pair<int64_t, CommitmentsPayload>> commitments;
  std::vector<std::pair<int64_t, AcceptedPayload>> accepted;
  std::vector<RoundEntries> rounds;
};

Check parse_setup(const BoardEntry& e, const Json& j, Setup& setup) {
  int64_t threshold = 0;
  PLENUM_CHECK(int_field(j, "election_id", "setup", e.index, setup.election_id));
  PLENUM_CHECK(int_field(j, "round", "setup", e.index, setup.round));
  PLENUM_CHECK(int_field(j, "threshold", "setup", e.index, threshold));
  auto trustees = req_array(j, "trustees", "setup");
  if (!trustees) return fail("malformed", e.index, why(trustees.error()));
  for (size_t i = 0; i < (*trustees)->size(); ++i) {
    const Json& t = (**trustees)[i];
    auto p = "setup.trustees[" + std::to_string(i) + "]";
    if (!t.is_object()) return fail("malformed", e.index, p + " must be an object");
    int64_t index = 0;
    PLENUM_CHECK(int_field(t, "index", p, e.index, index));
    if (index != static_cast<int64_t>(i) + 1)
      return fail("malformed", e.index, p + ".index must be " + std::to_string(i + 1));
    auto key = req_string(t, "box_key", p);
    if (!key || key->size() != 64 || !from_hex(*key, p))
      return fail("malformed", e.index, p + ".box_key must be 64 lowercase hex characters");
  }
  setup.trustees = static_cast<uint32_t>((*trustees)->size());
  setup.threshold = static_cast<uint32_t>(threshold);
  if (threshold < 1 || threshold > setup.trustees)
    return fail("malformed", e.index, "setup.threshold must be between 1 and the number of trustees");
  return {};
}

// A ballot entry; parsed on every core (parse_entries), so it touches nothing shared.
Check parse_ballot_entry(const BoardEntry& e, BallotEntry& out) {
  Json j;
  PLENUM_CHECK(parse_payload(e, j));
  PLENUM_CHECK(int_field(j, "round", "ballot", e.index, out.round));
  auto b = j.find("ballot");
  if (b == j.end()) return fail("malformed", e.index, "ballot is missing");
  auto ballot = parse_ballot(*b);
  if (!ballot) return fail("malformed", e.index, why(ballot.error()));
  auto rc = req_string(j, "receipt", "ballot");
  if (!rc || rc->size() != 64 || !from_hex(*rc, "receipt"))
    return fail("malformed", e.index, "receipt must be 64 lowercase hex characters");
  out.ballot = std::move(*ballot);
  out.receipt = std::move(*rc);
  return {};
}

// The other entries of a round after its manifest (tally, partial-decryption, result).
Check parse_round_entry(const BoardEntry& e, int rank, const Json& j, RoundEntries& round) {
  int64_t round_no = 0;
  PLENUM_CHECK(int_field(j, "round", e.kind, e.index, round_no));
  // The round number is the manifest's: compared in step 4 once the manifest is parsed.
  if (!round.round) round.round = round_no;
  if (round_no != *round.round)
    return fail("malformed", e.index, "round " + std::to_string(round_no) + " does not match the entries before it");
  if (rank == 5) {
    TallyEntry t{e.index, 0, {}, {}};
    PLENUM_CHECK(int_field(j, "ballots_counted", "tally", e.index, t.ballots_counted));
    auto receipts = req_array(j, "receipts", "tally");
    if (!receipts) return fail("malformed", e.index, why(receipts.error()));
    for (const auto& rc : **receipts) {
      if (!rc.is_string()) return fail("malformed", e.index, "tally.receipts must hold strings");
      t.receipts.push_back(rc.get<std::string>());
    }
    auto slots = req_array(j, "slots", "tally");
    if (!slots) return fail("malformed", e.index, why(slots.error()));
    auto parsed = parse_tally(**slots, static_cast<uint32_t>((*slots)->size()));
    if (!parsed) return fail("malformed", e.index, why(parsed.error()));
    t.slots = std::move(*parsed);
    round.tally = std::move(t);
  } else if (rank == 6) {
    auto pd = parse_partial_decryption(j);
    if (!pd) return fail("malformed", e.index, why(pd.error()));
    round.decryptions.emplace_back(e.index, std::move(*pd));
  } else {
    ResultEntry res{e.index, {}, {}, 0, {}};
    std::vector<int64_t> trustees;
    PLENUM_CHECK(int_list(j, "counts", "result", e.index, res.counts));
    PLENUM_CHECK(int_field(j, "ballots_counted", "result", e.index, res.ballots_counted));
    PLENUM_CHECK(int_list(j, "elected", "result", e.index, res.elected));
    PLENUM_CHECK(int_list(j, "trustees", "result", e.index, trustees));
    for (int64_t t : trustees) res.trustees.push_back(static_cast<uint32_t>(t));
    for (const char* key : {"announcement_zh", "announcement_en"})
      if (!req_string(j, key, "result"))
        return fail("malformed", e.index, std::string("result.") + key + " is missing");
    round.result = std::move(res);
  }
  return {};
}

// Step 2 without the ballots' payloads: order, and every other payload. Stops at the first
// failure.
Check parse_in_order(const std::vector<BoardEntry>& entries, Board& board,
                     std::vector<const BoardEntry*>& ballot_entries) {
  if (entries.empty()) return fail("malformed", -1, "the board is empty");
  board.setup_hash = entries[0].hash;
  int current = -1;
  for (const auto& e : entries) {
    int r = rank(e.kind);
    if (r < 0) return fail("malformed", e.index, "unknown entry kind \"" + e.kind + "\"");
    if (!may_follow(current, r))
      return fail("malformed", e.index, "a \"" + e.kind + "\" entry cannot come here (section 9)");
    current = r;
    if (r == 4) {  // parsed later, in parallel
      board.rounds.back().ballots.push_back({e.index, {}, {}, 0});
      ballot_entries.push_back(&e);
      continue;
    }
    Json j;
    PLENUM_CHECK(parse_payload(e, j));
    if (r == 0) {
      PLENUM_CHECK(parse_setup(e, j, board.setup));
    } else if (r == 1) {
      auto p = parse_commitments(j);
      if (!p) return fail("malformed", e.index, why(p.error()));
      board.commitments.emplace_back(e.index, std::move(*p));
    } else if (r == 2) {
      auto p = parse_accepted(j);
      if (!p) return fail("malformed", e.index, why(p.error()));
      board.accepted.emplace_back(e.index, std::move(*p));
    } else if (r == 3) {
      // The manifest's own fields are step 4's.
      RoundEntries round;
      round.manifest_entry = e.index;
      round.manifest_text = e.payload;
      board.rounds.push_back(std::move(round));
    } else {
      PLENUM_CHECK(parse_round_entry(e, r, j, board.rounds.back()));
    }
  }
  return {};
}

// Step 2: every payload parses, in an order section 9 allows; the first failure by board order.
Check parse_entries(const std::vector<BoardEntry>& entries, Board& board) {
  std::vector<const BoardEntry*> ballot_entries;
  Check in_order = parse_in_order(entries, board, ballot_entries);
  std::vector<BallotEntry*> slots;
  for (auto& round : board.rounds)
    for (auto& b : round.ballots) slots.push_back(&b);
  std::vector<Check> parsed(ballot_entries.size());
  parallel_for(ballot_entries.size(), [&](size_t i) { parsed[i] = parse_ballot_entry(*ballot_entries[i], *slots[i]); });
  for (const auto& f : parsed)
    if (f && (!in_order || f->entry < in_order->entry)) return f;
  if (in_order) return in_order;
  // Every entry of a round names the same round (step 4 compares it with the manifest's);
  // parse_round_entry took it from the round's tally, decryptions and result.
  for (auto& round : board.rounds)
    for (const auto& b : round.ballots) {
      if (!round.round) round.round = b.round;
      if (b.round != *round.round)
        return fail("malformed", b.entry,
                    "round " + std::to_string(b.round) + " is not the round of the other entries");
    }
  return {};
}

// Step 3: the trustees' key generation; gives the election key and h_1 … h_n.
Check check_trustees(const Board& board, Element& public_key, std::vector<Element>& vks) {
  const Setup& setup = board.setup;
  std::vector<CommitmentsPayload> all;
  for (const auto& [index, c] : board.commitments) {
    if (c.trustee > setup.trustees ||
        std::any_of(all.begin(), all.end(), [&, trustee = c.trustee](const auto& o) { return o.trustee == trustee; }))
      return fail("trustee-proof", index, "trustee " + std::to_string(c.trustee) + " is not a trustee or posted twice");
    if (c.commitments.size() != setup.threshold)
      return fail("trustee-proof", index, "the number of commitments is not the threshold");
    if (c.shares.size() != setup.trustees)
      return fail("trustee-proof", index, "there is not one sealed share per trustee");
    for (uint32_t l = 0; l < c.commitments.size(); ++l)
      if (!verify_coefficient_proof(board.setup_hash, c.trustee, l, c.commitments[l], c.proofs[l]))
        return fail("trustee-proof", index, "the proof of coefficient " + std::to_string(l) + " does not verify");
    all.push_back(c);
  }
  if (all.size() != setup.trustees) return fail("trustee-proof", -1, "not every trustee posted commitments");
  vks.assign(setup.trustees, Element{});
  std::set<uint32_t> seen;
  for (const auto& [index, a] : board.accepted) {
    if (a.trustee > setup.trustees || !seen.insert(a.trustee).second)
      return fail("trustee-proof", index,
                  "trustee " + std::to_string(a.trustee) + " is not a trustee or accepted twice");
    if (a.verification_key != expected_verification_key(all, a.trustee))
      return fail("trustee-proof", index, "the verification key does not match the commitments");
    if (!verify_share_proof(board.setup_hash, a.trustee, a.verification_key, a.proof))
      return fail("trustee-proof", index, "the proof of the key share does not verify");
    vks[a.trustee - 1] = a.verification_key;
  }
  if (seen.size() != setup.trustees) return fail("trustee-proof", -1, "not every trustee posted an acceptance");
  public_key = identity();
  for (const auto& c : all) public_key = add(public_key, c.commitments[0]);
  return {};
}

// The manifest's "rule" (section 5) as the thresholds count.h applies.
Check parse_rule(const Json& manifest, RoundEntries& round, int64_t entry) {
  auto it = manifest.find("rule");
  if (it == manifest.end() || !it->is_object()) return fail("manifest", entry, "rule is missing");
  const Json& r = *it;
  auto fraction = [&](const Json& obj, const std::string& path, rules::Fraction& out) -> Check {
    int64_t num = 0, den = 0;
    if (!obj.contains("numerator") || !obj["numerator"].is_number_integer() || !obj.contains("denominator") ||
        !obj["denominator"].is_number_integer())
      return fail("manifest", entry, path + " must have integer numerator and denominator");
    num = obj["numerator"].get<int64_t>();
    den = obj["denominator"].get<int64_t>();
    if (num < 1 || num > den || den > 1000)
      return fail("manifest", entry, path + " must be a fraction 0 < n/d <= 1 with d <= 1000");
    out = {num, den};
    return {};
  };
  auto comparison = r.find("comparison");
  if (comparison == r.end() || !comparison->is_string() || (*comparison != "more_than" && *comparison != "at_least"))
    return fail("manifest", entry, "rule.comparison must be more_than or at_least");
  round.threshold.comparison = *comparison == "more_than" ? rules::Comparison::kMoreThan : rules::Comparison::kAtLeast;
  PLENUM_CHECK(fraction(r, "rule", round.threshold.fraction));
  round.threshold.base = rules::Base::kAllMembers;
  auto re = r.find("reelection");
  if (re != r.end() && !re->is_boolean()) return fail("manifest", entry, "rule.reelection must be a boolean");
  round.reelection = re != r.end() && re->get<bool>();
  auto floor = r.find("reelection_floor");
  if (floor != r.end() && !floor->is_null()) {
    if (!floor->is_object()) return fail("manifest", entry, "rule.reelection_floor must be an object or null");
    // 选举法第四十五条: at least the fraction of the ballots counted.
    rules::Threshold t{rules::Comparison::kAtLeast, {}, rules::Base::kVotesCast, {}};
    PLENUM_CHECK(fraction(*floor, "rule.reelection_floor", t.fraction));
    round.reelection_floor = t;
  }
  auto kind = manifest.find("ballot_kind");
  round.confirmation = kind != manifest.end() && *kind == "confirmation";
  return {};
}

// Step 4: each round's manifest against the setup and the trustees' keys.
Check check_manifests(Board& board, const Element& public_key, const std::vector<Element>& vks) {
  for (auto& round : board.rounds) {
    int64_t at = round.manifest_entry;
    auto m = parse_manifest(round.manifest_text);
    if (!m) return fail("manifest", at, m.error().field + ": " + why(m.error()));
    if (m->setup != board.setup_hash) return fail("manifest", at, "setup is not the hash of the setup entry");
    if (m->election_id != board.setup.election_id) return fail("manifest", at, "election_id is not the setup's");
    if (m->public_key != public_key)
      return fail("manifest", at, "public_key is not the product of the trustees' first commitments");
    if (m->verification_keys != vks)
      return fail("manifest", at, "verification_keys are not the trustees' accepted keys");
    if (m->trustee_threshold != board.setup.threshold)
      return fail("manifest", at, "trustee_threshold is not the setup's threshold");
    if (round.round && *round.round != m->round)
      return fail("malformed", at,
                  "the round's entries name round " + std::to_string(*round.round) + ", the manifest round " +
                      std::to_string(m->round));
    round.round = m->round;
    PLENUM_CHECK(parse_rule(m->json, round, at));
    round.manifest = std::move(*m);
  }
  return {};
}

// Step 5: each ballot (signature, receipt, proofs) on every core; the first failure by board
// order.
Check check_ballots(const std::vector<RoundEntries>& rounds, int64_t& checked) {
  std::vector<std::pair<const RoundEntries*, const BallotEntry*>> jobs;
  for (const auto& r : rounds)
    for (const auto& b : r.ballots) jobs.emplace_back(&r, &b);
  std::vector<Status> results(jobs.size());
  parallel_for(jobs.size(), [&](size_t i) {
    const auto& [round, entry] = jobs[i];
    Status s = verify_ballot(*round->manifest, entry->ballot);
    if (s.is_ok() && receipt(entry->ballot) != entry->receipt)
      s = make_error(ErrorCode::kRuleViolation, "回执与选票不符",
                     "the receipt is not SHA-256 of the ballot bytes and signature", "receipt");
    results[i] = std::move(s);
  });
  checked = static_cast<int64_t>(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i)
    if (!results[i].is_ok())
      return fail("ballot", jobs[i].second->entry, results[i].error().field + ": " + why(results[i].error()));
  return {};
}

// Step 8's rule: who is elected from the decrypted counts, by the Election Law (count.h).
Check elected_by_law(const RoundEntries& r, const std::vector<int64_t>& counts, int64_t ballots_counted, int64_t entry,
                     std::vector<int64_t>& elected) {
  const Manifest& m = *r.manifest;
  Round round;
  round.kind = r.confirmation ? BallotKind::kConfirmation : BallotKind::kElection;
  round.seats = m.seats;
  round.members = m.electorate_count;
  round.issued = m.electorate_count;
  round.returned = ballots_counted;
  round.threshold = r.threshold;
  round.reelection_floor = r.reelection_floor;
  round.reelection = r.reelection;
  Totals totals;
  totals.valid_ballots = ballots_counted;
  for (size_t i = 0; i < m.candidate_ids.size(); ++i) {
    // count.h names candidates by string id; the manifest's integer ids serve as both.
    std::string id = std::to_string(m.candidate_ids[i]);
    round.candidates.push_back({id, id});
    totals.for_votes[id] = counts[2 * i];
    totals.against_votes[id] = counts[2 * i + 1];
    totals.abstentions[id] = ballots_counted - counts[2 * i] - counts[2 * i + 1];
  }
  auto result = count_totals(round, totals);
  if (!result) return fail("result", entry, "the counts cannot be counted: " + why(result.error()));
  for (const auto& c : result->candidates)
    if (c.elected) elected.push_back(parse_int(c.id).value_or(0));
  std::sort(elected.begin(), elected.end());
  return {};
}

// Steps 6 to 8 for one round, as far as the board has gone.
Check check_round(const RoundEntries& round, Verification& v) {
  const Manifest& m = *round.manifest;
  if (!round.tally) return {};  // voting still open
  const TallyEntry& t = *round.tally;

  // Step 6: the last ballot of each credential, in board order, and their product.
  std::map<Bytes32, size_t> last;
  for (size_t i = 0; i < round.ballots.size(); ++i) last[round.ballots[i].ballot.credential] = i;
  std::vector<const crypto::Ballot*> counted;
  std::vector<std::string> receipts;
  for (size_t i = 0; i < round.ballots.size(); ++i)
    if (last[round.ballots[i].ballot.credential] == i) {
      counted.push_back(&round.ballots[i].ballot);
      receipts.push_back(round.ballots[i].receipt);
    }
  if (t.receipts != receipts)
    return fail("tally", t.entry, "the receipts are not the last ballot of each credential in board order");
  if (t.ballots_counted != static_cast<int64_t>(counted.size()))
    return fail("tally", t.entry, "ballots_counted is not the number of counted ballots");
  if (t.ballots_counted > m.electorate_count)
    return fail("tally", t.entry, "more ballots counted than members in the electorate");
  auto expected = tally(m.slot_count, counted);
  if (t.slots.size() != expected.size()) return fail("tally", t.entry, "the tally does not have one item per slot");
  for (size_t s = 0; s < expected.size(); ++s)
    if (t.slots[s].alpha != expected[s].alpha || t.slots[s].beta != expected[s].beta)
      return fail("tally", t.entry, "slot " + std::to_string(s) + " is not the product of the counted ballots");

  // Step 7: every partial decryption; the first k make the set S of section 8.
  std::set<uint32_t> trustees;
  std::vector<uint32_t> first;
  std::vector<std::vector<Element>> factors;
  for (const auto& [index, pd] : round.decryptions) {
    if (!trustees.insert(pd.trustee).second)
      return fail("decryption", index, "trustee " + std::to_string(pd.trustee) + " decrypted twice");
    Status s = verify_partial_decryption(m, t.slots, pd);
    if (!s) return fail("decryption", index, why(s.error()));
    if (first.size() < m.trustee_threshold) {
      first.push_back(pd.trustee);
      factors.push_back(pd.factors);
    }
  }
  if (!round.result) return {};  // decryption still under way
  const ResultEntry& res = *round.result;
  if (first.size() < m.trustee_threshold)
    return fail("decryption", res.entry, "fewer partial decryptions than the threshold");

  // Step 8: the counts and who is elected.
  if (res.trustees != first)
    return fail("result", res.entry, "trustees are not those of the first threshold partial decryptions");
  if (res.ballots_counted != t.ballots_counted) return fail("result", res.entry, "ballots_counted is not the tally's");
  auto counts = combine(t.slots, first, factors, t.ballots_counted);
  if (!counts) return fail("result", res.entry, why(counts.error()));
  if (res.counts != *counts) return fail("result", res.entry, "the counts do not match the decrypted tally");
  RoundVerified rv;
  rv.round = *round.round;
  rv.ballots_counted = t.ballots_counted;
  rv.electorate = m.electorate_count;
  for (size_t i = 0; i < m.candidate_ids.size(); ++i) {
    int64_t f = (*counts)[2 * i], a = (*counts)[2 * i + 1];
    if (f + a > t.ballots_counted)
      return fail("result", res.entry,
                  "candidate " + std::to_string(m.candidate_ids[i]) + " has more for and against votes than ballots");
    rv.counts.push_back({m.candidate_ids[i], f, a, t.ballots_counted - f - a});
  }
  std::vector<int64_t> elected;
  PLENUM_CHECK(elected_by_law(round, *counts, t.ballots_counted, res.entry, elected));
  auto claimed = res.elected;
  std::sort(claimed.begin(), claimed.end());
  if (claimed != elected)
    return fail("result", res.entry, "the elected list does not follow the Election Law's rules for these counts");
  rv.elected = res.elected;
  v.rounds.push_back(std::move(rv));
  return {};
}

Check run(const std::vector<BoardEntry>& entries, Verification& v) {
  PLENUM_CHECK(check_chain(entries));
  Board board;
  PLENUM_CHECK(parse_entries(entries, board));
  Element public_key;
  std::vector<Element> vks;
  PLENUM_CHECK(check_trustees(board, public_key, vks));
  PLENUM_CHECK(check_manifests(board, public_key, vks));
  PLENUM_CHECK(check_ballots(board.rounds, v.ballots_checked));
  for (const auto& round : board.rounds) PLENUM_CHECK(check_round(round, v));
  return {};
}

}  // namespace

Verification verify_board(const std::vector<BoardEntry>& entries) {
  init();
  Verification v;
  if (Check f = run(entries, v)) {
    Verification failed;
    failed.code = f->code;
    failed.entry = f->entry;
    failed.reason = f->reason;
    failed.ballots_checked = v.ballots_checked;
    return failed;
  }
  v.ok = true;
  return v;
}

}  // namespace plenum::elections
