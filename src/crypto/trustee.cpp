#include "crypto/trustee.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace plenum::crypto {
namespace {

Error malformed(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, "字段 " + field + zh, "field " + field + en, field);
}
Error refused(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kRuleViolation, "字段 " + field + zh, "field " + field + en, field);
}
std::string idx(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

Result<uint32_t> req_index(const Json& obj, const char* key, const std::string& path) {
  PLENUM_ASSIGN_OR_RETURN(auto v, req_int(obj, key, path));
  if (v < 1 || v >= (int64_t{1} << 31))
    return malformed(field_path(path, key), " 应为正整数", " must be a positive integer");
  return static_cast<uint32_t>(v);
}

Result<Element> element_at(const Json& v, const std::string& path, bool allow_identity) {
  if (!v.is_string()) return malformed(path, " 应为字符串", " must be a string");
  return decode_element(v.get<std::string>(), path, allow_identity);
}

// Schnorr (4.1): `t` already holds everything up to LP(A).
ProofItem prove_dlog(Transcript t, const Scalar& y) {
  Scalar w = random_scalar();
  t.element(base_mul(w));
  Scalar c = t.challenge();
  return {c, add(w, mul(c, y))};
}
bool verify_dlog(Transcript t, const Element& y_pub, const ProofItem& p) {
  Element a = add(base_mul(p.z), mul(y_pub, neg(p.c)));
  t.element(a);
  return t.challenge() == p.c;
}

Transcript coefficient_transcript(const std::string& setup, uint32_t j, uint32_t l, const Element& c) {
  Transcript t("trustee-coefficient");
  t.bytes(setup).u32(j).u32(l).element(c);
  return t;
}
Transcript share_transcript(const std::string& setup, uint32_t m, const Element& h) {
  Transcript t("trustee-share");
  t.bytes(setup).u32(m).element(h);
  return t;
}
Transcript decryption_transcript(const Manifest& manifest, uint32_t j, const Element& h, uint32_t slot,
                                 const Element& a, const Element& d) {
  Transcript t("decryption");
  t.bytes(manifest.fingerprint).element(manifest.public_key).u32(j).element(h).u32(slot);
  t.element(a).element(d);
  return t;
}

// Π_l C_l^{(m^l)}: what g^{f(m)} must be for the polynomial committed to by C.
Element evaluate_commitments(const std::vector<Element>& c, uint32_t m) {
  Element acc = identity();
  Scalar power = scalar(1), ms = scalar(m);
  for (const auto& cl : c) {
    acc = add(acc, mul(cl, power));
    power = mul(power, ms);
  }
  return acc;
}

// Checks that payloads name trustees 1…n exactly once and orders them by index.
template <typename P>
Result<std::vector<P>> by_trustee(std::vector<P> parsed, const std::string& what) {
  std::sort(parsed.begin(), parsed.end(), [](const P& a, const P& b) { return a.trustee < b.trustee; });
  for (size_t i = 0; i < parsed.size(); ++i)
    if (parsed[i].trustee != i + 1)
      return malformed(what, " 应恰好包含受托人 1…n 各一次", " must hold trustees 1…n once each");
  return parsed;
}

}  // namespace

BoxKey new_box_key() {
  init();
  BoxKey k;
  crypto_box_keypair(k.public_key.data(), k.secret_key.data());
  return k;
}

Json trustee_commitments(TrusteeSecret& secret, const std::string& setup, uint32_t threshold,
                         const std::vector<Bytes32>& box_keys) {
  init();
  secret.coefficients.clear();
  Json commitments = Json::array(), proofs = Json::array(), shares = Json::array();
  for (uint32_t l = 0; l < threshold; ++l) {
    Scalar a = random_scalar();
    Element c = base_mul(a);
    secret.coefficients.push_back(a);
    commitments.push_back(to_hex(c));
    proofs.push_back(proof_item_json(prove_dlog(coefficient_transcript(setup, secret.index, l, c), a)));
  }
  for (size_t i = 0; i < box_keys.size(); ++i) {
    // f_j(m) by Horner's rule.
    Scalar m = scalar(i + 1), value = scalar(0);
    for (size_t l = secret.coefficients.size(); l-- > 0;) value = add(mul(value, m), secret.coefficients[l]);
    std::string sealed(crypto_box_SEALBYTES + 32, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), value.bytes.data(), 32, box_keys[i].data());
    sodium_memzero(value.bytes.data(), 32);
    shares.push_back({{"to", i + 1}, {"sealed", to_hex(sealed)}});
  }
  return {{"trustee", secret.index}, {"commitments", commitments}, {"proofs", proofs}, {"shares", shares}};
}

Result<CommitmentsPayload> parse_commitments(const Json& j) {
  const std::string p = "trustee-commitments";
  if (!j.is_object()) return malformed(p, " 应为对象", " must be an object");
  CommitmentsPayload out;
  PLENUM_ASSIGN_OR_RETURN(auto t, req_index(j, "trustee", p));
  out.trustee = t;
  PLENUM_ASSIGN_OR_RETURN(auto cs, req_array(j, "commitments", p));
  for (size_t i = 0; i < (cs)->size(); ++i) {
    PLENUM_ASSIGN_OR_RETURN(auto e, element_at((*cs)[i], idx(p + ".commitments", i), false));
    out.commitments.push_back(e);
  }
  PLENUM_ASSIGN_OR_RETURN(auto ps, req_array(j, "proofs", p));
  for (size_t i = 0; i < (ps)->size(); ++i) {
    PLENUM_ASSIGN_OR_RETURN(auto item, parse_proof_item((*ps)[i], idx(p + ".proofs", i)));
    out.proofs.push_back(item);
  }
  if (out.commitments.empty() || out.proofs.size() != out.commitments.size())
    return malformed(p + ".proofs", " 应与承诺一一对应", " must have one proof per commitment");
  PLENUM_ASSIGN_OR_RETURN(auto ss, req_array(j, "shares", p));
  for (size_t i = 0; i < (ss)->size(); ++i) {
    const Json& s = (*ss)[i];
    auto f = idx(p + ".shares", i);
    if (!s.is_object()) return malformed(f, " 应为对象", " must be an object");
    PLENUM_ASSIGN_OR_RETURN(auto to, req_index(s, "to", f));
    PLENUM_ASSIGN_OR_RETURN(auto sealed_hex, req_string(s, "sealed", f));
    PLENUM_ASSIGN_OR_RETURN(auto sealed, from_hex(sealed_hex, field_path(f, "sealed")));
    if (sealed.size() != crypto_box_SEALBYTES + 32)
      return malformed(field_path(f, "sealed"), " 长度不对", " has the wrong length");
    if (to != i + 1) return malformed(field_path(f, "to"), " 应按受托人顺序", " must follow the trustees' order");
    out.shares.emplace_back(to, std::move(sealed));
  }
  return out;
}

Result<AcceptedPayload> parse_accepted(const Json& j) {
  const std::string p = "trustee-accepted";
  if (!j.is_object()) return malformed(p, " 应为对象", " must be an object");
  AcceptedPayload out;
  PLENUM_ASSIGN_OR_RETURN(auto t, req_index(j, "trustee", p));
  out.trustee = t;
  auto h = j.find("verification_key");
  if (h == j.end()) return malformed(p + ".verification_key", " 缺失", " is missing");
  PLENUM_ASSIGN_OR_RETURN(auto e, element_at(*h, p + ".verification_key", false));
  out.verification_key = e;
  auto proof = j.find("proof");
  if (proof == j.end()) return malformed(p + ".proof", " 缺失", " is missing");
  PLENUM_ASSIGN_OR_RETURN(auto item, parse_proof_item(*proof, p + ".proof"));
  out.proof = item;
  return out;
}

Result<PartialDecryption> parse_partial_decryption(const Json& j) {
  const std::string p = "partial-decryption";
  if (!j.is_object()) return malformed(p, " 应为对象", " must be an object");
  PartialDecryption out;
  PLENUM_ASSIGN_OR_RETURN(auto t, req_index(j, "trustee", p));
  out.trustee = t;
  PLENUM_ASSIGN_OR_RETURN(auto fs, req_array(j, "factors", p));
  for (size_t i = 0; i < (fs)->size(); ++i) {
    const Json& f = (*fs)[i];
    auto fp = idx(p + ".factors", i);
    if (!f.is_object()) return malformed(fp, " 应为对象", " must be an object");
    auto d = f.find("D");
    if (d == f.end()) return malformed(fp + ".D", " 缺失", " is missing");
    auto e = element_at(*d, fp + ".D", true);  // a tally of the identity has D = identity
    if (!e) return e.error();
    auto proof = f.find("proof");
    if (proof == f.end()) return malformed(fp + ".proof", " 缺失", " is missing");
    PLENUM_ASSIGN_OR_RETURN(auto item, parse_proof_item(*proof, fp + ".proof"));
    out.factors.push_back(*e);
    out.proofs.push_back(item);
  }
  return out;
}

bool verify_coefficient_proof(const std::string& setup, uint32_t trustee, uint32_t l, const Element& commitment,
                              const ProofItem& proof) {
  return verify_dlog(coefficient_transcript(setup, trustee, l, commitment), commitment, proof);
}
bool verify_share_proof(const std::string& setup, uint32_t trustee, const Element& h, const ProofItem& proof) {
  return verify_dlog(share_transcript(setup, trustee, h), h, proof);
}

Element expected_verification_key(const std::vector<CommitmentsPayload>& all, uint32_t m) {
  Element h = identity();
  for (const auto& p : all) h = add(h, evaluate_commitments(p.commitments, m));
  return h;
}

Result<Json> trustee_accept(TrusteeSecret& secret, const std::string& setup,
                            const std::vector<Json>& commitments_payloads) {
  init();
  std::vector<CommitmentsPayload> parsed;
  for (const auto& j : commitments_payloads) {
    PLENUM_ASSIGN_OR_RETURN(auto p, parse_commitments(j));
    parsed.push_back(std::move(p));
  }
  PLENUM_ASSIGN_OR_RETURN(auto all, by_trustee(std::move(parsed), "trustee-commitments"));
  Scalar x = scalar(0);
  for (const auto& p : all) {
    auto who = "trustee-commitments[" + std::to_string(p.trustee) + "]";
    if (p.commitments.size() != all.front().commitments.size())
      return refused(who, " 的承诺数与门限不符", " does not commit to the threshold's degree");
    for (uint32_t l = 0; l < p.commitments.size(); ++l)
      if (!verify_coefficient_proof(setup, p.trustee, l, p.commitments[l], p.proofs[l]))
        return refused(who, " 的系数证明无效", " has a coefficient proof that does not verify");
    if (p.shares.size() != all.size() || secret.index < 1 || secret.index > p.shares.size())
      return refused(who, " 未给每位受托人一份", " does not hold one share per trustee");
    const std::string& sealed = p.shares[secret.index - 1].second;
    Bytes32 opened;
    if (crypto_box_seal_open(opened.data(), reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                             secret.box.public_key.data(), secret.box.secret_key.data()) != 0)
      return refused(who, " 给本受托人的份额无法打开", " holds a share this trustee cannot open");
    auto s = scalar_from_bytes(opened, who);
    sodium_memzero(opened.data(), 32);
    if (!s) return refused(who, " 的份额不是规范标量", " holds a share that is not a scalar");
    if (base_mul(*s) != evaluate_commitments(p.commitments, secret.index))
      return refused(who, " 的份额与其承诺不符", " holds a share that does not match its commitments");
    x = add(x, *s);
  }
  secret.share = x;
  Element h = base_mul(x);
  ProofItem proof = prove_dlog(share_transcript(setup, secret.index, h), x);
  return Json{{"trustee", secret.index}, {"verification_key", to_hex(h)}, {"proof", proof_item_json(proof)}};
}

Result<PublicKeys> check_key_generation(const std::string& setup, uint32_t threshold, uint32_t trustees,
                                        const std::vector<Json>& commitments_payloads,
                                        const std::vector<Json>& accepted_payloads) {
  init();
  std::vector<CommitmentsPayload> cs;
  for (const auto& j : commitments_payloads) {
    PLENUM_ASSIGN_OR_RETURN(auto p, parse_commitments(j));
    cs.push_back(std::move(p));
  }
  std::vector<AcceptedPayload> as;
  for (const auto& j : accepted_payloads) {
    PLENUM_ASSIGN_OR_RETURN(auto p, parse_accepted(j));
    as.push_back(std::move(p));
  }
  if (cs.size() != trustees || as.size() != trustees)
    return refused("trustees", " 未全部提交承诺与接受", " have not all posted commitments and acceptance");
  PLENUM_ASSIGN_OR_RETURN(auto all, by_trustee(std::move(cs), "trustee-commitments"));
  PLENUM_ASSIGN_OR_RETURN(auto accepted, by_trustee(std::move(as), "trustee-accepted"));
  PublicKeys keys;
  keys.threshold = threshold;
  for (const auto& p : all) {
    auto who = "trustee-commitments[" + std::to_string(p.trustee) + "]";
    if (p.commitments.size() != threshold)
      return refused(who, " 的承诺数应等于门限", " must hold one commitment per coefficient (the threshold)");
    if (p.shares.size() != trustees) return refused(who, " 未给每位受托人一份", " does not hold one share per trustee");
    for (uint32_t l = 0; l < threshold; ++l)
      if (!verify_coefficient_proof(setup, p.trustee, l, p.commitments[l], p.proofs[l]))
        return refused(who, " 的系数证明无效", " has a coefficient proof that does not verify");
    keys.public_key = add(keys.public_key, p.commitments[0]);
  }
  for (const auto& a : accepted) {
    auto who = "trustee-accepted[" + std::to_string(a.trustee) + "]";
    if (a.verification_key != expected_verification_key(all, a.trustee))
      return refused(who, " 的验证密钥与承诺不符", " has a verification key that does not match the commitments");
    if (!verify_share_proof(setup, a.trustee, a.verification_key, a.proof))
      return refused(who, " 的份额证明无效", " has a share proof that does not verify");
    keys.verification_keys.push_back(a.verification_key);
  }
  if (is_identity(keys.public_key)) return refused("public_key", " 是单位元", " is the identity");
  return keys;
}

std::vector<Ciphertext> tally(uint32_t slot_count, const std::vector<const Ballot*>& counted) {
  std::vector<Ciphertext> out(slot_count, Ciphertext{identity(), identity()});
  for (const Ballot* b : counted)
    for (uint32_t s = 0; s < slot_count && s < b->slots.size(); ++s) out[s] = multiply(out[s], b->slots[s].ct);
  return out;
}

Json tally_json(const std::vector<Ciphertext>& slots) {
  Json out = Json::array();
  for (const auto& ct : slots) out.push_back({{"A", to_hex(ct.alpha)}, {"B", to_hex(ct.beta)}});
  return out;
}

Result<std::vector<Ciphertext>> parse_tally(const Json& slots, uint32_t slot_count) {
  if (!slots.is_array() || slots.size() != slot_count)
    return malformed("tally.slots", " 应每格一项", " must have one item per slot");
  std::vector<Ciphertext> out;
  for (size_t i = 0; i < slots.size(); ++i) {
    auto p = idx("tally.slots", i);
    if (!slots[i].is_object()) return malformed(p, " 应为对象", " must be an object");
    auto a = slots[i].find("A");
    auto b = slots[i].find("B");
    if (a == slots[i].end() || b == slots[i].end()) return malformed(p, " 应有 A 和 B", " must have A and B");
    // A product of ciphertexts can be the identity (no ballots, or negligible chance).
    PLENUM_ASSIGN_OR_RETURN(auto ea, element_at(*a, p + ".A", true));
    PLENUM_ASSIGN_OR_RETURN(auto eb, element_at(*b, p + ".B", true));
    out.push_back({ea, eb});
  }
  return out;
}

Json partial_decryption(const TrusteeSecret& secret, const Manifest& manifest, const std::vector<Ciphertext>& tally) {
  init();
  Element h = base_mul(secret.share);
  Json factors = Json::array();
  for (uint32_t s = 0; s < tally.size(); ++s) {
    const Element& a = tally[s].alpha;
    Element d = mul(a, secret.share);
    Scalar w = random_scalar();
    Transcript t = decryption_transcript(manifest, secret.index, h, s, a, d);
    t.element(base_mul(w)).element(mul(a, w));
    Scalar c = t.challenge();
    factors.push_back({{"D", to_hex(d)}, {"proof", proof_item_json({c, add(w, mul(c, secret.share))})}});
  }
  return {{"round", manifest.round}, {"trustee", secret.index}, {"factors", factors}};
}

Status verify_partial_decryption(const Manifest& manifest, const std::vector<Ciphertext>& tally,
                                 const PartialDecryption& pd) {
  auto who = "partial-decryption[" + std::to_string(pd.trustee) + "]";
  if (pd.trustee < 1 || pd.trustee > manifest.verification_keys.size())
    return refused(who, " 不是受托人", " is not a trustee");
  if (pd.factors.size() != tally.size()) return refused(who, " 应每格一个因子", " must have one factor per slot");
  const Element& h = manifest.verification_keys[pd.trustee - 1];
  for (uint32_t s = 0; s < tally.size(); ++s) {
    const ProofItem& p = pd.proofs[s];
    const Element& a = tally[s].alpha;
    Scalar minus_c = neg(p.c);
    Element a1 = add(base_mul(p.z), mul(h, minus_c));
    Element a2 = add(mul(a, p.z), mul(pd.factors[s], minus_c));
    Transcript t = decryption_transcript(manifest, pd.trustee, h, s, a, pd.factors[s]);
    t.element(a1).element(a2);
    if (t.challenge() != p.c)
      return refused(idx(who + ".factors", s), " 的解密证明无效", " has a decryption proof that does not verify");
  }
  return Status::ok();
}

Result<std::vector<Element>> check_partial_decryption(const Manifest& manifest, const std::vector<Ciphertext>& tally,
                                                      const Json& payload) {
  PLENUM_ASSIGN_OR_RETURN(auto pd, parse_partial_decryption(payload));
  PLENUM_TRY(verify_partial_decryption(manifest, tally, pd));
  return std::move(pd.factors);
}

Result<std::vector<int64_t>> combine(const std::vector<Ciphertext>& tally, const std::vector<uint32_t>& indices,
                                     const std::vector<std::vector<Element>>& factors, int64_t max_count) {
  init();
  if (indices.empty() || factors.size() != indices.size())
    return malformed("trustees", " 与因子数不符", " do not match the factors");
  std::set<uint32_t> seen(indices.begin(), indices.end());
  if (seen.size() != indices.size() || seen.count(0))
    return malformed("trustees", " 重复或为 0", " repeat or include 0");
  for (const auto& f : factors)
    if (f.size() != tally.size()) return malformed("factors", " 应每格一个", " must have one per slot");
  // Lagrange coefficients at 0 over the participating indices (section 8).
  std::vector<Scalar> lambda;
  for (uint32_t j : indices) {
    Scalar l = scalar(1);
    for (uint32_t m : indices)
      if (m != j) l = mul(l, mul(scalar(m), invert(sub(scalar(m), scalar(j)))));
    lambda.push_back(l);
  }
  // g^0 … g^max_count once, so each slot's bounded discrete log is a lookup.
  std::map<Bytes32, int64_t> powers;
  Element g = generator(), e = identity();
  for (int64_t v = 0; v <= max_count; ++v) {
    powers.emplace(e.bytes, v);
    e = add(e, g);
  }
  std::vector<int64_t> counts;
  for (size_t s = 0; s < tally.size(); ++s) {
    Element combined = identity();
    for (size_t i = 0; i < indices.size(); ++i) combined = add(combined, mul(factors[i][s], lambda[i]));
    Element gm = sub(tally[s].beta, combined);
    auto it = powers.find(gm.bytes);
    if (it == powers.end())
      return refused(idx("tally.slots", s), " 解密后不在 0 到 " + std::to_string(max_count) + " 之间",
                     " does not decrypt to a count between 0 and " + std::to_string(max_count));
    counts.push_back(it->second);
  }
  return counts;
}

}  // namespace plenum::crypto
