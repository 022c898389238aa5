#include "elections/verification.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "crypto/ballot.h"
#include "crypto/group.h"
#include "crypto/trustee.h"
#include "elections/count.h"

namespace plenum::elections {
namespace {

using namespace plenum::crypto;

// Thrown only inside verify_board to stop at the first failure (section 10 reports only the
// first) from deep inside the parsers; verify_board catches it and returns it as a value.
struct Failure {
  std::string code;
  int64_t entry;
  std::string reason;
};
[[noreturn]] void fail(const std::string& code, int64_t entry, const std::string& reason) {
  throw Failure{code, entry, reason};
}
std::string why(const Error& e) {
  return e.message_en.empty() ? e.field : e.message_en;
}

// The kinds in the order they may appear (section 9); a later round restarts at "manifest".
int rank(const std::string& kind) {
  static const std::map<std::string, int> kRanks = {
      {"setup", 0},  {"trustee-commitments", 1}, {"trustee-accepted", 2}, {"manifest", 3},
      {"ballot", 4}, {"tally", 5},               {"partial-decryption", 6}, {"result", 7}};
  auto it = kRanks.find(kind);
  return it == kRanks.end() ? -1 : it->second;
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
  std::map<int64_t, std::string> names;
  std::optional<int64_t> round;  // from the round's entries, then the manifest
  std::vector<BallotEntry> ballots;
  std::optional<TallyEntry> tally;
  std::vector<std::pair<int64_t, PartialDecryption>> decryptions;
  std::optional<ResultEntry> result;
};

int64_t int_field(const Json& j, const char* key, const std::string& path, int64_t entry) {
  auto v = req_int(j, key, path);
  if (!v) fail("malformed", entry, why(v.error()));
  if (*v < 0 || *v >= (int64_t{1} << 31)) fail("malformed", entry, path + "." + key + " is out of range");
  return *v;
}

Json parse_payload(const BoardEntry& e) {
  auto j = parse_json(e.payload);
  if (!j) fail("malformed", e.index, "the payload is not JSON: " + why(j.error()));
  if (!j->is_object()) fail("malformed", e.index, "the payload is not a JSON object");
  return std::move(*j);
}

std::vector<int64_t> int_list(const Json& j, const char* key, const std::string& path,
                              int64_t entry) {
  auto a = req_array(j, key, path);
  if (!a) fail("malformed", entry, why(a.error()));
  std::vector<int64_t> out;
  for (const auto& v : **a) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0)
      fail("malformed", entry, path + "." + key + " must hold non-negative integers");
    out.push_back(v.get<int64_t>());
  }
  return out;
}

// Step 1: the hash chain.
void check_chain(const std::vector<BoardEntry>& entries) {
  std::string prev(32, '\0');
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    if (e.index != static_cast<int64_t>(i))
      fail("board-hash", static_cast<int64_t>(i), "entry " + std::to_string(i) + " has index " +
                                                      std::to_string(e.index));
    if (board_hash(prev, e.index, e.kind, e.payload) != e.hash)
      fail("board-hash", e.index, "the entry's hash does not recompute (edited, removed or reordered)");
    prev = e.hash;
  }
}

// The manifest's "rule" (section 5) as the thresholds count.h applies.
void parse_rule(const Json& manifest, RoundEntries& round, int64_t entry) {
  auto it = manifest.find("rule");
  if (it == manifest.end() || !it->is_object()) fail("manifest", entry, "rule is missing");
  const Json& r = *it;
  auto fraction = [&](const Json& obj, const std::string& path) {
    int64_t num = int_field(obj, "numerator", path, entry);
    int64_t den = int_field(obj, "denominator", path, entry);
    if (num < 1 || num > den || den > 1000)
      fail("manifest", entry, path + " must be a fraction 0 < n/d <= 1 with d <= 1000");
    return rules::Fraction{num, den};
  };
  auto comparison = r.find("comparison");
  if (comparison == r.end() || !comparison->is_string() ||
      (*comparison != "more_than" && *comparison != "at_least"))
    fail("manifest", entry, "rule.comparison must be more_than or at_least");
  round.threshold.comparison =
      *comparison == "more_than" ? rules::Comparison::kMoreThan : rules::Comparison::kAtLeast;
  round.threshold.fraction = fraction(r, "rule");
  round.threshold.base = rules::Base::kAllMembers;
  auto re = r.find("reelection");
  if (re != r.end() && !re->is_boolean()) fail("manifest", entry, "rule.reelection must be a boolean");
  round.reelection = re != r.end() && re->get<bool>();
  auto floor = r.find("reelection_floor");
  if (floor != r.end() && !floor->is_null()) {
    if (!floor->is_object()) fail("manifest", entry, "rule.reelection_floor must be an object or null");
    // 选举法第四十五条: at least the fraction of the ballots counted.
    round.reelection_floor = rules::Threshold{rules::Comparison::kAtLeast,
                                              fraction(*floor, "rule.reelection_floor"),
                                              rules::Base::kVotesCast, {}};
  }
  auto kind = manifest.find("ballot_kind");
  round.confirmation = kind != manifest.end() && *kind == "confirmation";
  auto candidates = manifest.find("candidates");
  if (candidates != manifest.end() && candidates->is_array())
    for (const auto& c : *candidates)
      if (c.is_object() && c.contains("id") && c["id"].is_number_integer())
        round.names[c["id"].get<int64_t>()] =
            c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>() : "";
}

// Verifies each ballot (signature, receipt, proofs) on every core; failures by board order.
void check_ballots(const std::vector<RoundEntries>& rounds, int64_t& checked) {
  std::vector<std::pair<const RoundEntries*, const BallotEntry*>> jobs;
  for (const auto& r : rounds)
    for (const auto& b : r.ballots) jobs.emplace_back(&r, &b);
  std::vector<Status> results(jobs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();) {
      const auto& [round, entry] = jobs[i];
      Status s = verify_ballot(*round->manifest, entry->ballot);
      if (s.is_ok() && receipt(entry->ballot) != entry->receipt)
        s = make_error(ErrorCode::kRuleViolation, "回执与选票不符",
                       "the receipt is not SHA-256 of the ballot bytes and signature", "receipt");
      results[i] = std::move(s);
    }
  };
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, jobs.size()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  checked = static_cast<int64_t>(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i)
    if (!results[i].is_ok())
      fail("ballot", jobs[i].second->entry,
           results[i].error().field + ": " + why(results[i].error()));
}

// Step 8's rule: who is elected from the decrypted counts, by the Election Law (count.h).
std::vector<int64_t> elected_by_law(const RoundEntries& r, const std::vector<int64_t>& counts,
                                    int64_t ballots_counted, int64_t entry) {
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
    std::string id = std::to_string(m.candidate_ids[i]);
    round.candidates.push_back({id, id});
    totals.for_votes[id] = counts[2 * i];
    totals.against_votes[id] = counts[2 * i + 1];
    totals.abstentions[id] = ballots_counted - counts[2 * i] - counts[2 * i + 1];
  }
  auto result = count_totals(round, totals);
  if (!result) fail("result", entry, "the counts cannot be counted: " + why(result.error()));
  std::vector<int64_t> elected;
  for (const auto& c : result->candidates)
    if (c.elected) elected.push_back(std::stoll(c.id));
  std::sort(elected.begin(), elected.end());
  return elected;
}

Verification run(const std::vector<BoardEntry>& entries) {
  Verification v;
  check_chain(entries);

  // Step 2: every payload parses, in an order section 9 allows.
  if (entries.empty()) fail("malformed", -1, "the board is empty");
  Setup setup;
  std::vector<std::pair<int64_t, CommitmentsPayload>> commitments;
  std::vector<std::pair<int64_t, AcceptedPayload>> accepted;
  std::vector<RoundEntries> rounds;
  int current = -1;
  for (const auto& e : entries) {
    int r = rank(e.kind);
    if (r < 0) fail("malformed", e.index, "unknown entry kind \"" + e.kind + "\"");
    bool repeatable = r == 1 || r == 2 || r == 4 || r == 6;
    bool allowed = (e.index == 0) == (r == 0) &&
                   (r > current || (r == current && repeatable) || (current == 7 && r == 3));
    if (!allowed) fail("malformed", e.index, "a \"" + e.kind + "\" entry cannot come here (section 9)");
    current = r;
    if (r == 3) {
      // The manifest's own checks are step 4; here only that it is JSON.
      parse_payload(e);
      RoundEntries round;
      round.manifest_entry = e.index;
      round.manifest_text = e.payload;
      rounds.push_back(std::move(round));
      continue;
    }
    Json j = parse_payload(e);
    if (r == 0) {
      setup.election_id = int_field(j, "election_id", "setup", e.index);
      setup.round = int_field(j, "round", "setup", e.index);
      setup.threshold = static_cast<uint32_t>(int_field(j, "threshold", "setup", e.index));
      auto trustees = req_array(j, "trustees", "setup");
      if (!trustees) fail("malformed", e.index, why(trustees.error()));
      for (size_t i = 0; i < (*trustees)->size(); ++i) {
        const Json& t = (**trustees)[i];
        auto p = "setup.trustees[" + std::to_string(i) + "]";
        if (!t.is_object()) fail("malformed", e.index, p + " must be an object");
        if (int_field(t, "index", p, e.index) != static_cast<int64_t>(i) + 1)
          fail("malformed", e.index, p + ".index must be " + std::to_string(i + 1));
        auto key = req_string(t, "box_key", p);
        if (!key || key->size() != 64 || !from_hex(*key, p))
          fail("malformed", e.index, p + ".box_key must be 64 lowercase hex characters");
      }
      setup.trustees = static_cast<uint32_t>((*trustees)->size());
      if (setup.threshold < 1 || setup.threshold > setup.trustees)
        fail("malformed", e.index, "setup.threshold must be between 1 and the number of trustees");
    } else if (r == 1) {
      auto p = parse_commitments(j);
      if (!p) fail("malformed", e.index, why(p.error()));
      commitments.emplace_back(e.index, std::move(*p));
    } else if (r == 2) {
      auto p = parse_accepted(j);
      if (!p) fail("malformed", e.index, why(p.error()));
      accepted.emplace_back(e.index, std::move(*p));
    } else {
      auto& round = rounds.back();
      int64_t round_no = int_field(j, "round", e.kind, e.index);
      if (r == 4) {
        auto b = j.find("ballot");
        if (b == j.end()) fail("malformed", e.index, "ballot is missing");
        auto ballot = parse_ballot(*b);
        if (!ballot) fail("malformed", e.index, why(ballot.error()));
        auto rc = req_string(j, "receipt", "ballot");
        if (!rc || rc->size() != 64 || !from_hex(*rc, "receipt"))
          fail("malformed", e.index, "receipt must be 64 lowercase hex characters");
        round.ballots.push_back({e.index, std::move(*ballot), *rc});
      } else if (r == 5) {
        TallyEntry t{e.index, int_field(j, "ballots_counted", "tally", e.index), {}, {}};
        auto receipts = req_array(j, "receipts", "tally");
        if (!receipts) fail("malformed", e.index, why(receipts.error()));
        for (const auto& rc : **receipts) {
          if (!rc.is_string()) fail("malformed", e.index, "tally.receipts must hold strings");
          t.receipts.push_back(rc.get<std::string>());
        }
        auto slots = req_array(j, "slots", "tally");
        if (!slots) fail("malformed", e.index, why(slots.error()));
        auto parsed = parse_tally(**slots, static_cast<uint32_t>((*slots)->size()));
        if (!parsed) fail("malformed", e.index, why(parsed.error()));
        t.slots = std::move(*parsed);
        round.tally = std::move(t);
      } else if (r == 6) {
        auto pd = parse_partial_decryption(j);
        if (!pd) fail("malformed", e.index, why(pd.error()));
        round.decryptions.emplace_back(e.index, std::move(*pd));
      } else {
        ResultEntry res{e.index, {}, int_list(j, "counts", "result", e.index),
                        int_field(j, "ballots_counted", "result", e.index),
                        int_list(j, "elected", "result", e.index)};
        for (int64_t t : int_list(j, "trustees", "result", e.index))
          res.trustees.push_back(static_cast<uint32_t>(t));
        for (const char* key : {"announcement_zh", "announcement_en"})
          if (!req_string(j, key, "result")) fail("malformed", e.index, std::string("result.") + key + " is missing");
        round.result = std::move(res);
      }
      // The round number is the manifest's; checked in step 4 once the manifest is parsed.
      if (!round.round) round.round = round_no;
      if (round_no != round.round)
        fail("malformed", e.index, "round " + std::to_string(round_no) + " does not match the entries before it");
    }
  }

  // Step 3: the trustees' key generation.
  std::vector<CommitmentsPayload> all;
  for (const auto& [index, c] : commitments) {
    if (c.trustee > setup.trustees || std::any_of(all.begin(), all.end(), [&](const auto& o) { return o.trustee == c.trustee; }))
      fail("trustee-proof", index, "trustee " + std::to_string(c.trustee) + " is not a trustee or posted twice");
    if (c.commitments.size() != setup.threshold)
      fail("trustee-proof", index, "the number of commitments is not the threshold");
    if (c.shares.size() != setup.trustees)
      fail("trustee-proof", index, "there is not one sealed share per trustee");
    for (uint32_t l = 0; l < c.commitments.size(); ++l)
      if (!verify_coefficient_proof(entries[0].hash, c.trustee, l, c.commitments[l], c.proofs[l]))
        fail("trustee-proof", index, "the proof of coefficient " + std::to_string(l) + " does not verify");
    all.push_back(c);
  }
  if (all.size() != setup.trustees)
    fail("trustee-proof", -1, "not every trustee posted commitments");
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.trustee < b.trustee; });
  std::vector<Element> vks(setup.trustees);
  std::set<uint32_t> seen;
  for (const auto& [index, a] : accepted) {
    if (a.trustee > setup.trustees || !seen.insert(a.trustee).second)
      fail("trustee-proof", index, "trustee " + std::to_string(a.trustee) + " is not a trustee or accepted twice");
    if (a.verification_key != expected_verification_key(all, a.trustee))
      fail("trustee-proof", index, "the verification key does not match the commitments");
    if (!verify_share_proof(entries[0].hash, a.trustee, a.verification_key, a.proof))
      fail("trustee-proof", index, "the proof of the key share does not verify");
    vks[a.trustee - 1] = a.verification_key;
  }
  if (seen.size() != setup.trustees) fail("trustee-proof", -1, "not every trustee posted an acceptance");
  Element public_key = identity();
  for (const auto& c : all) public_key = add(public_key, c.commitments[0]);

  // Step 4: each round's manifest.
  for (auto& round : rounds) {
    int64_t at = round.manifest_entry;
    auto m = parse_manifest(round.manifest_text);
    if (!m) fail("manifest", at, m.error().field + ": " + why(m.error()));
    if (m->setup != entries[0].hash) fail("manifest", at, "setup is not the hash of the setup entry");
    if (m->election_id != setup.election_id) fail("manifest", at, "election_id is not the setup's");
    if (m->public_key != public_key) fail("manifest", at, "public_key is not the product of the trustees' first commitments");
    if (m->verification_keys != vks) fail("manifest", at, "verification_keys are not the trustees' accepted keys");
    if (m->trustee_threshold != setup.threshold) fail("manifest", at, "trustee_threshold is not the setup's threshold");
    if (round.round && *round.round != m->round)
      fail("malformed", at, "the round's entries name round " + std::to_string(*round.round) +
                                ", the manifest round " + std::to_string(m->round));
    round.round = m->round;
    parse_rule(m->json, round, at);
    round.manifest = std::move(*m);
  }

  // Step 5: every ballot.
  check_ballots(rounds, v.ballots_checked);

  for (auto& round : rounds) {
    const Manifest& m = *round.manifest;
    if (!round.tally) continue;  // voting still open: nothing more to check in this round
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
      fail("tally", t.entry, "the receipts are not the last ballot of each credential in board order");
    if (t.ballots_counted != static_cast<int64_t>(counted.size()))
      fail("tally", t.entry, "ballots_counted is not the number of counted ballots");
    if (t.ballots_counted > m.electorate_count)
      fail("tally", t.entry, "more ballots counted than members in the electorate");
    auto expected = tally(m.slot_count, counted);
    if (t.slots.size() != expected.size())
      fail("tally", t.entry, "the tally does not have one item per slot");
    for (size_t s = 0; s < expected.size(); ++s)
      if (t.slots[s].alpha != expected[s].alpha || t.slots[s].beta != expected[s].beta)
        fail("tally", t.entry, "slot " + std::to_string(s) + " is not the product of the counted ballots");

    // Step 7: every partial decryption, at least k of them.
    std::set<uint32_t> trustees;
    std::vector<uint32_t> first;
    std::vector<std::vector<Element>> factors;
    for (const auto& [index, pd] : round.decryptions) {
      if (!trustees.insert(pd.trustee).second)
        fail("decryption", index, "trustee " + std::to_string(pd.trustee) + " decrypted twice");
      Status s = verify_partial_decryption(m, t.slots, pd);
      if (!s) fail("decryption", index, why(s.error()));
      if (first.size() < m.trustee_threshold) {
        first.push_back(pd.trustee);
        factors.push_back(pd.factors);
      }
    }
    if (!round.result) continue;  // decryption still under way
    const ResultEntry& res = *round.result;
    if (first.size() < m.trustee_threshold)
      fail("decryption", res.entry, "fewer valid partial decryptions than the threshold");

    // Step 8: the counts and who is elected.
    if (res.trustees != first)
      fail("result", res.entry, "trustees are not the first threshold trustees whose decryptions are valid");
    if (res.ballots_counted != t.ballots_counted)
      fail("result", res.entry, "ballots_counted is not the tally's");
    auto counts = combine(t.slots, first, factors, t.ballots_counted);
    if (!counts) fail("result", res.entry, why(counts.error()));
    if (res.counts != *counts) fail("result", res.entry, "the counts do not match the decrypted tally");
    RoundVerified rv;
    rv.round = *round.round;
    rv.ballots_counted = t.ballots_counted;
    rv.electorate = m.electorate_count;
    for (size_t i = 0; i < m.candidate_ids.size(); ++i) {
      int64_t f = (*counts)[2 * i], a = (*counts)[2 * i + 1];
      if (f + a > t.ballots_counted)
        fail("result", res.entry, "candidate " + std::to_string(m.candidate_ids[i]) +
                                      " has more for and against votes than ballots");
      rv.counts.push_back({m.candidate_ids[i], f, a, t.ballots_counted - f - a});
    }
    auto elected = elected_by_law(round, *counts, t.ballots_counted, res.entry);
    auto claimed = res.elected;
    std::sort(claimed.begin(), claimed.end());
    if (claimed != elected)
      fail("result", res.entry, "the elected list does not follow the Election Law's rules for these counts");
    rv.elected = res.elected;
    v.rounds.push_back(std::move(rv));
  }
  v.ok = true;
  return v;
}

}  // namespace

Verification verify_board(const std::vector<BoardEntry>& entries) {
  init();
  try {
    return run(entries);
  } catch (const Failure& f) {
    Verification v;
    v.code = f.code;
    v.entry = f.entry;
    v.reason = f.reason;
    return v;
  }
}

}  // namespace plenum::elections
