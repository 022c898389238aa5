#include "crypto/ballot.h"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

namespace plenum::crypto {
namespace {

constexpr const char* kProtocol = "plenum-election/1";

Error malformed(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, "字段 " + field + zh, "field " + field + en, field);
}
Error refused(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kRuleViolation, "字段 " + field + zh, "field " + field + en, field);
}

std::string raw(const Bytes32& b) { return std::string(reinterpret_cast<const char*>(b.data()), 32); }
std::string raw(const Element& e) { return raw(e.bytes); }
std::string raw(const Scalar& s) { return raw(s.bytes); }
std::string idx(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

// Integers of the protocol are non-negative and below 2^31 (section 1).
Result<uint32_t> req_u32(const Json& obj, const char* key, const std::string& path) {
  PLENUM_ASSIGN_OR_RETURN(auto v, req_int(obj, key, path));
  if (v < 0 || v >= (int64_t{1} << 31)) return malformed(field_path(path, key), " 超出范围", " is out of range");
  return static_cast<uint32_t>(v);
}

Result<std::string> req_hex32(const Json& obj, const char* key, const std::string& path) {
  PLENUM_ASSIGN_OR_RETURN(auto s, req_string(obj, key, path));
  auto p = field_path(path, key);
  if (s.size() != 64) return malformed(p, " 应为 64 位小写十六进制", " must be 64 lowercase hex characters");
  return from_hex(s, p);
}

Result<Element> json_element(const Json& obj, const char* key, const std::string& path, bool allow_identity) {
  PLENUM_ASSIGN_OR_RETURN(auto s, req_string(obj, key, path));
  return decode_element(s, field_path(path, key), allow_identity);
}

Result<std::vector<ProofItem>> parse_proof(const Json& items, const std::string& path) {
  if (!items.is_array()) return malformed(path, " 应为数组", " must be an array");
  std::vector<ProofItem> out;
  for (size_t i = 0; i < items.size(); ++i) {
    PLENUM_ASSIGN_OR_RETURN(auto item, parse_proof_item(items[i], idx(path, i)));
    out.push_back(item);
  }
  return out;
}

Json proof_json(const std::vector<ProofItem>& proof) {
  Json out = Json::array();
  for (const auto& item : proof) out.push_back(proof_item_json(item));
  return out;
}

// g^m for the small values intervals range over, computed once: a ballot's checks need g^1 or
// g^2 about 30 times, each a base multiplication otherwise.
Element small_multiple(uint32_t m) {
  static const std::vector<Element> table = [] {
    std::vector<Element> t{identity()};
    for (uint32_t i = 1; i < 64; ++i) t.push_back(add(t.back(), generator()));
    return t;
  }();
  return m < table.size() ? table[m] : base_mul(scalar(m));
}

// The commitments (A_i, B_i) a verifier recomputes for item i of an interval proof (4.2); the
// prover's simulated items are the same formula.
std::pair<Element, Element> simulated_commitment(const Element& pk, const Ciphertext& ct, uint32_t m, const Scalar& c,
                                                 const Scalar& z) {
  Scalar minus_c = neg(c);
  Element a = add(base_mul(z), mul(ct.alpha, minus_c));
  Element shifted = m == 0 ? ct.beta : sub(ct.beta, small_multiple(m));
  Element b = add(mul(pk, z), mul(shifted, minus_c));
  return {a, b};
}

Transcript interval_transcript(const Transcript& prefix, const Ciphertext& ct, uint32_t m0, uint32_t m1) {
  Transcript t = prefix;
  t.element(ct.alpha).element(ct.beta).u32(m0).u32(m1);
  return t;
}

}  // namespace

Result<ProofItem> parse_proof_item(const Json& item, const std::string& path) {
  if (!item.is_object()) return malformed(path, " 应为对象", " must be an object");
  PLENUM_ASSIGN_OR_RETURN(auto c, req_string(item, "c", path));
  PLENUM_ASSIGN_OR_RETURN(auto z, req_string(item, "z", path));
  PLENUM_ASSIGN_OR_RETURN(auto cs, decode_scalar(c, field_path(path, "c")));
  PLENUM_ASSIGN_OR_RETURN(auto zs, decode_scalar(z, field_path(path, "z")));
  return ProofItem{cs, zs};
}

Json proof_item_json(const ProofItem& item) { return {{"c", to_hex(item.c)}, {"z", to_hex(item.z)}}; }

// ---- Manifest ---------------------------------------------------------------------------------

Json ballot_layout(const std::vector<int64_t>& candidate_ids, uint32_t seats) {
  Json slots = Json::array(), constraints = Json::array(), for_slots = Json::array();
  for (size_t i = 0; i < candidate_ids.size(); ++i) {
    slots.push_back({{"candidate_id", candidate_ids[i]}, {"mark", "for"}});
    slots.push_back({{"candidate_id", candidate_ids[i]}, {"mark", "against"}});
    constraints.push_back({{"slots", {2 * i, 2 * i + 1}}, {"min", 0}, {"max", 1}});
    for_slots.push_back(2 * i);
  }
  constraints.push_back({{"slots", for_slots}, {"min", 0}, {"max", seats}});
  return {{"slots", slots}, {"constraints", constraints}};
}

Result<Manifest> parse_manifest(std::string text) {
  Manifest m;
  PLENUM_ASSIGN_OR_RETURN(auto parsed, parse_json(text));
  const Json& j = parsed;
  const std::string p = "manifest";
  if (!j.is_object()) return malformed(p, " 应为对象", " must be an object");
  PLENUM_ASSIGN_OR_RETURN(auto protocol, req_string(j, "protocol", p));
  if (protocol != kProtocol)
    return malformed("manifest.protocol", " 应为 plenum-election/1", " must be plenum-election/1");
  PLENUM_ASSIGN_OR_RETURN(auto group, req_string(j, "group", p));
  if (group != "ristretto255") return malformed("manifest.group", " 应为 ristretto255", " must be ristretto255");
  PLENUM_ASSIGN_OR_RETURN(auto election_id, req_int(j, "election_id", p));
  PLENUM_ASSIGN_OR_RETURN(auto round, req_int(j, "round", p));
  PLENUM_ASSIGN_OR_RETURN(auto setup, req_hex32(j, "setup", p));
  PLENUM_ASSIGN_OR_RETURN(auto pk, json_element(j, "public_key", p, false));
  PLENUM_ASSIGN_OR_RETURN(auto threshold, req_u32(j, "trustee_threshold", p));
  if (threshold < 1) return malformed("manifest.trustee_threshold", " 至少为 1", " must be at least 1");

  PLENUM_ASSIGN_OR_RETURN(auto vks, req_array(j, "verification_keys", p));
  for (size_t i = 0; i < (vks)->size(); ++i) {
    auto f = idx("manifest.verification_keys", i);
    if (!(*vks)[i].is_string()) return malformed(f, " 应为字符串", " must be a string");
    PLENUM_ASSIGN_OR_RETURN(auto e, decode_element((*vks)[i].get<std::string>(), f, false));
    m.verification_keys.push_back(e);
  }
  if (m.verification_keys.size() < threshold)
    return malformed("manifest.verification_keys", " 少于门限", " has fewer keys than the threshold");

  PLENUM_ASSIGN_OR_RETURN(auto creds, req_array(j, "credentials", p));
  for (size_t i = 0; i < (creds)->size(); ++i) {
    auto f = idx("manifest.credentials", i);
    const Json& c = (*creds)[i];
    if (!c.is_string() || c.get<std::string>().size() != 64)
      return malformed(f, " 应为 64 位小写十六进制", " must be 64 lowercase hex characters");
    PLENUM_ASSIGN_OR_RETURN(auto b, from_hex(c.get<std::string>(), f));
    Bytes32 key;
    std::memcpy(key.data(), b.data(), 32);
    // Sorted and unique: the list reveals nothing of who holds which, and a duplicate would let
    // one credential stand for two members.
    if (!m.credentials.empty() && !(m.credentials.back() < key))
      return malformed(f, " 未严格递增", " is not strictly increasing");
    m.credentials.push_back(key);
  }

  auto electorate_it = j.find("electorate");
  if (electorate_it == j.end() || !electorate_it->is_object())
    return malformed("manifest.electorate", " 应为对象", " must be an object");
  PLENUM_ASSIGN_OR_RETURN(auto count, req_int(*electorate_it, "count", "manifest.electorate"));
  PLENUM_ASSIGN_OR_RETURN(auto ehash, req_hex32(*electorate_it, "hash", "manifest.electorate"));
  if (count != static_cast<int64_t>(m.credentials.size()))
    return malformed("manifest.credentials", " 数量应等于 electorate.count", " must be as many as electorate.count");

  PLENUM_ASSIGN_OR_RETURN(auto seats, req_u32(j, "seats", p));
  if (seats < 1) return malformed("manifest.seats", " 至少为 1", " must be at least 1");
  PLENUM_ASSIGN_OR_RETURN(auto candidates, req_array(j, "candidates", p));
  if ((candidates)->empty()) return malformed("manifest.candidates", " 不能为空", " must not be empty");
  for (size_t i = 0; i < (candidates)->size(); ++i) {
    const Json& c = (*candidates)[i];
    auto f = idx("manifest.candidates", i);
    if (!c.is_object()) return malformed(f, " 应为对象", " must be an object");
    PLENUM_ASSIGN_OR_RETURN(auto id, req_int(c, "id", f));
    if (std::find(m.candidate_ids.begin(), m.candidate_ids.end(), id) != m.candidate_ids.end())
      return malformed(field_path(f, "id"), " 重复", " is a duplicate");
    m.candidate_ids.push_back(id);
  }
  // Slots and constraints are derived, never free: a manifest that loosened a constraint (say
  // max 3 "for" marks for 2 seats) would let ballots through that the law makes void.
  Json layout = ballot_layout(m.candidate_ids, seats);
  auto slots_it = j.find("slots");
  if (slots_it == j.end() || *slots_it != layout["slots"])
    return malformed("manifest.slots", " 与候选人不符（第 5 节）", " does not match the candidates (section 5)");
  auto cons_it = j.find("constraints");
  if (cons_it == j.end() || *cons_it != layout["constraints"])
    return malformed("manifest.constraints", " 与候选人和名额不符（第 5 节）",
                     " does not match the candidates and seats (section 5)");

  m.election_id = election_id;
  m.round = round;
  m.setup = setup;
  m.public_key = pk;
  m.trustee_threshold = threshold;
  m.electorate_count = count;
  m.seats = seats;
  m.slot_count = static_cast<uint32_t>(2 * m.candidate_ids.size());
  for (const auto& c : layout["constraints"]) {
    Constraint k;
    for (const auto& s : c["slots"]) k.slots.push_back(s.get<uint32_t>());
    k.min = c["min"].get<uint32_t>();
    k.max = c["max"].get<uint32_t>();
    m.constraints.push_back(std::move(k));
  }
  m.fingerprint = sha256(text);
  m.json = std::move(parsed);
  m.text = std::move(text);
  return m;
}

// ---- Credentials ------------------------------------------------------------------------------

Credential new_credential() {
  init();
  Credential c;
  randombytes_buf(c.seed.data(), c.seed.size());
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(c.public_key.data(), sk, c.seed.data());
  sodium_memzero(sk, sizeof sk);
  return c;
}

Result<Credential> credential_from_seed(std::string_view seed_hex, const std::string& field) {
  init();
  if (seed_hex.size() != 64) return malformed(field, " 应为 64 位小写十六进制", " must be 64 lowercase hex characters");
  PLENUM_ASSIGN_OR_RETURN(auto seed, from_hex(seed_hex, field));
  Credential c;
  std::memcpy(c.seed.data(), seed.data(), 32);
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(c.public_key.data(), sk, c.seed.data());
  sodium_memzero(sk, sizeof sk);
  return c;
}

// ---- Ballot encoding --------------------------------------------------------------------------

Result<Ballot> parse_ballot(const Json& j) {
  const std::string p = "ballot";
  if (!j.is_object()) return malformed(p, " 应为对象", " must be an object");
  Ballot b;
  PLENUM_ASSIGN_OR_RETURN(auto fp, req_hex32(j, "fingerprint", p));
  b.fingerprint = fp;
  PLENUM_ASSIGN_OR_RETURN(auto cred, req_hex32(j, "credential", p));
  std::memcpy(b.credential.data(), cred.data(), 32);

  PLENUM_ASSIGN_OR_RETURN(auto slots, req_array(j, "slots", p));
  for (size_t i = 0; i < (slots)->size(); ++i) {
    const Json& s = (*slots)[i];
    auto f = idx("ballot.slots", i);
    if (!s.is_object()) return malformed(f, " 应为对象", " must be an object");
    // The identity is accepted here and refused by verify_ballot (section 10 step 5), so the
    // verifier reports it as a bad ballot rather than a malformed board.
    PLENUM_ASSIGN_OR_RETURN(auto alpha, json_element(s, "alpha", f, true));
    PLENUM_ASSIGN_OR_RETURN(auto beta, json_element(s, "beta", f, true));
    auto proof_it = s.find("proof");
    if (proof_it == s.end()) return malformed(field_path(f, "proof"), " 缺失", " is missing");
    PLENUM_ASSIGN_OR_RETURN(auto proof, parse_proof(*proof_it, field_path(f, "proof")));
    b.slots.push_back({{alpha, beta}, std::move(proof)});
  }
  PLENUM_ASSIGN_OR_RETURN(auto constraints, req_array(j, "constraints", p));
  for (size_t i = 0; i < (constraints)->size(); ++i) {
    const Json& c = (*constraints)[i];
    auto f = idx("ballot.constraints", i);
    if (!c.is_object()) return malformed(f, " 应为对象", " must be an object");
    auto proof_it = c.find("proof");
    if (proof_it == c.end()) return malformed(field_path(f, "proof"), " 缺失", " is missing");
    PLENUM_ASSIGN_OR_RETURN(auto proof, parse_proof(*proof_it, field_path(f, "proof")));
    b.constraints.push_back(std::move(proof));
  }
  PLENUM_ASSIGN_OR_RETURN(auto sig, req_string(j, "signature", p));
  if (sig.size() != 128)
    return malformed("ballot.signature", " 应为 128 位小写十六进制", " must be 128 lowercase hex characters");
  PLENUM_ASSIGN_OR_RETURN(auto sig_bytes, from_hex(sig, "ballot.signature"));
  b.signature = sig_bytes;
  return b;
}

Json ballot_json(const Ballot& b) {
  Json slots = Json::array(), constraints = Json::array();
  for (const auto& s : b.slots)
    slots.push_back({{"alpha", to_hex(s.ct.alpha)}, {"beta", to_hex(s.ct.beta)}, {"proof", proof_json(s.proof)}});
  for (const auto& c : b.constraints) constraints.push_back({{"proof", proof_json(c)}});
  return {{"fingerprint", to_hex(b.fingerprint)},
          {"credential", to_hex(raw(b.credential))},
          {"slots", slots},
          {"constraints", constraints},
          {"signature", to_hex(b.signature)}};
}

std::string ballot_bytes(const Ballot& b) {
  std::string out;
  append_lp(out, kProtocol);
  append_lp(out, "ballot");
  append_lp(out, b.fingerprint);
  append_lp(out, raw(b.credential));
  append_u32(out, static_cast<uint32_t>(b.slots.size()));
  for (const auto& s : b.slots) {
    append_lp(out, raw(s.ct.alpha));
    append_lp(out, raw(s.ct.beta));
    append_u32(out, static_cast<uint32_t>(s.proof.size()));
    for (const auto& item : s.proof) {
      append_lp(out, raw(item.c));
      append_lp(out, raw(item.z));
    }
  }
  append_u32(out, static_cast<uint32_t>(b.constraints.size()));
  for (const auto& c : b.constraints) {
    append_u32(out, static_cast<uint32_t>(c.size()));
    for (const auto& item : c) {
      append_lp(out, raw(item.c));
      append_lp(out, raw(item.z));
    }
  }
  return out;
}

std::string receipt(const Ballot& b) { return to_hex(sha256(ballot_bytes(b) + b.signature)); }

// ---- Proofs -----------------------------------------------------------------------------------

Ciphertext multiply(const Ciphertext& a, const Ciphertext& b) { return {add(a.alpha, b.alpha), add(a.beta, b.beta)}; }

Transcript choice_transcript(const Manifest& manifest, const Bytes32& credential, uint32_t slot) {
  Transcript t("choice");
  t.bytes(manifest.fingerprint).element(manifest.public_key).bytes(raw(credential)).u32(slot);
  return t;
}

Transcript constraint_transcript(const Manifest& manifest, const Bytes32& credential, uint32_t constraint) {
  Transcript t("constraint");
  t.bytes(manifest.fingerprint).element(manifest.public_key).bytes(raw(credential)).u32(constraint);
  return t;
}

std::vector<ProofItem> prove_interval(const Transcript& prefix, const Element& pk, const Ciphertext& ct, uint32_t m0,
                                      uint32_t m1, uint32_t m, const Scalar& r) {
  // A false statement (m outside [m0, m1]) still yields a proof, one that cannot verify: the
  // attack tests forge ballots this way.
  const size_t n = m1 - m0 + 1, j = m < m0 || m > m1 ? 0 : m - m0;
  std::vector<ProofItem> items(n);
  std::vector<std::pair<Element, Element>> commitments(n);
  Scalar w = random_scalar(), others = scalar(0);
  for (size_t i = 0; i < n; ++i) {
    if (i == j) {
      commitments[i] = {base_mul(w), mul(pk, w)};
      continue;
    }
    items[i] = {random_scalar(), random_scalar()};
    commitments[i] = simulated_commitment(pk, ct, m0 + static_cast<uint32_t>(i), items[i].c, items[i].z);
    others = add(others, items[i].c);
  }
  Transcript t = interval_transcript(prefix, ct, m0, m1);
  for (const auto& [a, b] : commitments) t.element(a).element(b);
  items[j].c = sub(t.challenge(), others);
  items[j].z = add(w, mul(items[j].c, r));
  return items;
}

bool verify_interval(const Transcript& prefix, const Element& pk, const Ciphertext& ct, uint32_t m0, uint32_t m1,
                     const std::vector<ProofItem>& proof) {
  if (m1 < m0 || proof.size() != size_t{m1} - m0 + 1) return false;
  Transcript t = interval_transcript(prefix, ct, m0, m1);
  Scalar sum = scalar(0);
  for (size_t i = 0; i < proof.size(); ++i) {
    auto [a, b] = simulated_commitment(pk, ct, m0 + static_cast<uint32_t>(i), proof[i].c, proof[i].z);
    t.element(a).element(b);
    sum = add(sum, proof[i].c);
  }
  return sum == t.challenge();
}

// ---- Casting and checking ---------------------------------------------------------------------

Result<Ballot> make_ballot(const Manifest& manifest, const Credential& credential, const std::vector<uint32_t>& marks,
                           std::vector<Scalar>* randomness) {
  init();
  if (marks.size() != manifest.slot_count)
    return malformed("marks", " 数量应等于选票格数", " must have one mark per slot");
  for (size_t i = 0; i < marks.size(); ++i)
    if (marks[i] > 1) return malformed(idx("marks", i), " 应为 0 或 1", " must be 0 or 1");
  for (size_t k = 0; k < manifest.constraints.size(); ++k) {
    const auto& c = manifest.constraints[k];
    uint32_t sum = 0;
    for (auto s : c.slots) sum += marks[s];
    if (sum < c.min || sum > c.max)
      return malformed("marks", " 违反选票约束 " + std::to_string(k) + "（如所投赞成票多于应选名额）",
                       " break ballot constraint " + std::to_string(k) + " (e.g. more \"for\" marks than seats)");
  }
  Ballot b;
  b.fingerprint = manifest.fingerprint;
  b.credential = credential.public_key;
  std::vector<Scalar> rs(marks.size());
  for (size_t i = 0; i < marks.size(); ++i) {
    rs[i] = random_scalar();
    Ciphertext ct{base_mul(rs[i]), add(base_mul(scalar(marks[i])), mul(manifest.public_key, rs[i]))};
    auto proof = prove_interval(choice_transcript(manifest, b.credential, static_cast<uint32_t>(i)),
                                manifest.public_key, ct, 0, 1, marks[i], rs[i]);
    b.slots.push_back({ct, std::move(proof)});
  }
  for (size_t k = 0; k < manifest.constraints.size(); ++k) {
    const auto& c = manifest.constraints[k];
    Ciphertext product{identity(), identity()};
    Scalar r = scalar(0);
    uint32_t sum = 0;
    for (auto s : c.slots) {
      product = multiply(product, b.slots[s].ct);
      r = add(r, rs[s]);
      sum += marks[s];
    }
    b.constraints.push_back(prove_interval(constraint_transcript(manifest, b.credential, static_cast<uint32_t>(k)),
                                           manifest.public_key, product, c.min, c.max, sum, r));
  }
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, credential.seed.data());
  std::string bb = ballot_bytes(b);
  b.signature.assign(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(b.signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(bb.data()), bb.size(), sk);
  sodium_memzero(sk, sizeof sk);
  if (randomness) *randomness = std::move(rs);
  return b;
}

Status verify_ballot(const Manifest& manifest, const Ballot& b) {
  init();
  if (b.fingerprint != manifest.fingerprint)
    return refused("ballot.fingerprint", " 与本轮选举清单不符", " does not match this round's manifest");
  if (!std::binary_search(manifest.credentials.begin(), manifest.credentials.end(), b.credential))
    return refused("ballot.credential", " 不在选举清单的凭证列表中", " is not among the manifest's credentials");
  std::string bb = ballot_bytes(b);
  if (b.signature.size() != crypto_sign_BYTES ||
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(b.signature.data()),
                                  reinterpret_cast<const unsigned char*>(bb.data()), bb.size(),
                                  b.credential.data()) != 0)
    return refused("ballot.signature", " 签名无效", " is not a valid signature by the credential");
  if (b.slots.size() != manifest.slot_count)
    return malformed("ballot.slots", " 数量与选举清单不符", " does not have the manifest's number of slots");
  if (b.constraints.size() != manifest.constraints.size())
    return malformed("ballot.constraints", " 数量与选举清单不符",
                     " does not have the manifest's number of constraints");
  for (size_t i = 0; i < b.slots.size(); ++i) {
    auto f = idx("ballot.slots", i);
    if (b.slots[i].proof.size() != 2) return malformed(f + ".proof", " 应有 2 项", " must have 2 items");
    // The identity as α would make β = g^m in the clear (r = 0); as β it is never a valid vote.
    if (is_identity(b.slots[i].ct.alpha) || is_identity(b.slots[i].ct.beta))
      return malformed(f, " 的密文不能是单位元", " has the identity in its ciphertext");
  }
  for (size_t k = 0; k < b.constraints.size(); ++k) {
    const auto& c = manifest.constraints[k];
    if (b.constraints[k].size() != size_t{c.max} - c.min + 1)
      return malformed(idx("ballot.constraints", k) + ".proof", " 项数与约束不符",
                       " does not have one item per value of the constraint");
  }
  for (size_t i = 0; i < b.slots.size(); ++i) {
    if (!verify_interval(choice_transcript(manifest, b.credential, static_cast<uint32_t>(i)), manifest.public_key,
                         b.slots[i].ct, 0, 1, b.slots[i].proof))
      return refused(idx("ballot.slots", i) + ".proof", " 证明无效（不是 0 或 1 的加密）",
                     " does not verify (not an encryption of 0 or 1)");
  }
  for (size_t k = 0; k < b.constraints.size(); ++k) {
    const auto& c = manifest.constraints[k];
    Ciphertext product{identity(), identity()};
    for (auto s : c.slots) product = multiply(product, b.slots[s].ct);
    if (!verify_interval(constraint_transcript(manifest, b.credential, static_cast<uint32_t>(k)), manifest.public_key,
                         product, c.min, c.max, b.constraints[k]))
      return refused(idx("ballot.constraints", k) + ".proof",
                     " 证明无效（标记数超出 " + std::to_string(c.min) + "–" + std::to_string(c.max) + "）",
                     " does not verify (marks outside " + std::to_string(c.min) + ".." + std::to_string(c.max) + ")");
  }
  return Status::ok();
}

std::vector<Status> verify_ballots(const Manifest& manifest, const std::vector<const Ballot*>& ballots,
                                   unsigned threads) {
  init();
  std::vector<Status> out(ballots.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, ballots.size()));
  // Ballots are independent; a shared counter balances threads when some ballots fail fast.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < ballots.size();) out[i] = verify_ballot(manifest, *ballots[i]);
  };
  if (threads <= 1) {
    work();
    return out;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  return out;
}

}  // namespace plenum::crypto
