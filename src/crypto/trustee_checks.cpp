// One trustee payload at a time (trustee.h): what the server checks when a trustee's step is
// posted, so a bad one is refused at once instead of blocking the key generation at its end.
#include "crypto/trustee.h"

namespace plenum::crypto {
namespace {

Error refused(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kRuleViolation, zh, en, field);
}

}  // namespace

Status check_trustee_commitments(const std::string& setup, uint32_t threshold, uint32_t trustees, const Json& payload) {
  init();
  PLENUM_ASSIGN_OR_RETURN(auto p, parse_commitments(payload));
  if (p.trustee < 1 || p.trustee > trustees)
    return refused("args.payload.trustee", "没有这位受托人", "no such trustee");
  if (p.commitments.size() != threshold || p.proofs.size() != threshold)
    return refused("args.payload.commitments", "承诺数应等于门限 " + std::to_string(threshold),
                   "there must be one commitment per coefficient: " + std::to_string(threshold));
  if (p.shares.size() != trustees)
    return refused("args.payload.shares", "应给每位受托人一份份额", "there must be one sealed share per trustee");
  for (uint32_t i = 0; i < trustees; ++i)
    if (p.shares[i].first != i + 1)
      return refused("args.payload.shares", "份额应按受托人序号排列", "the shares must be in trustee order");
  for (uint32_t l = 0; l < threshold; ++l)
    if (!verify_coefficient_proof(setup, p.trustee, l, p.commitments[l], p.proofs[l]))
      return refused("args.payload.proofs[" + std::to_string(l) + "]", "系数证明无效",
                     "the coefficient proof does not verify");
  return Status::ok();
}

Status check_trustee_accepted(const std::string& setup, const std::vector<Json>& commitments_payloads,
                              const Json& payload) {
  init();
  std::vector<CommitmentsPayload> all;
  for (const auto& j : commitments_payloads) {
    PLENUM_ASSIGN_OR_RETURN(auto c, parse_commitments(j));
    all.push_back(std::move(c));
  }
  PLENUM_ASSIGN_OR_RETURN(auto a, parse_accepted(payload));
  if (a.verification_key != expected_verification_key(all, a.trustee))
    return refused("args.payload.verification_key", "验证密钥与各受托人的承诺不符",
                   "the verification key does not match the trustees' commitments");
  if (!verify_share_proof(setup, a.trustee, a.verification_key, a.proof))
    return refused("args.payload.proof", "份额证明无效", "the share proof does not verify");
  return Status::ok();
}

}  // namespace plenum::crypto
